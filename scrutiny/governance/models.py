"""Who is who: organisations and their succession, committees, people, posts, memberships,
and the municipal year.

Nothing here assumes one council or one committee: an installation may hold a district and
a county council, each with its own crime and disorder committee, and partners that sit
across them.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from scrutiny.rules import municipal_year as municipal_year_rule
from scrutiny.rules import seasons as seasons_rule
from scrutiny.rules.agenda_numbering import NumberingStyle
from scrutiny.rules.deadlines import Convention
from scrutiny.rules.statutory_items import StatutoryDocuments

PUBLIC_HELP = "Shown on the public pages."
INTERNAL_HELP = "For officers only: never shown on a public page, feed or export."


def _period_constraint(prefix: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(starts_on__isnull=True) | Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
        name=f"{prefix}_ends_after_start",
        violation_error_message="The end date must not be before the start date.",
    )


class OrganisationKind(models.TextChoices):
    COUNCIL = "council", "Council"
    COMMITTEE = "committee", "Committee"
    CSP = "csp", "Community safety partnership"
    RESPONSIBLE_AUTHORITY = "responsible_authority", "Responsible authority"
    POLICE_AND_CRIME_PANEL = "pcp", "Police and crime panel"
    COMMISSIONERS_OFFICE = "commissioners_office", "Commissioner's office"
    OTHER = "other", "Other"


class Organisation(models.Model):
    """A body with a life span: a council, a committee, a CSP, a partner agency."""

    name = models.CharField(max_length=200)
    short_name = models.CharField(
        max_length=60, blank=True, help_text="As the papers abbreviate it, e.g. 'KCC'."
    )
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=32, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="The body this one belongs to, e.g. a committee's council.",
    )
    starts_on = models.DateField("formed on", null=True, blank=True)
    ends_on = models.DateField("dissolved on", null=True, blank=True)
    public_description = models.TextField(blank=True, help_text=PUBLIC_HELP)
    note = models.TextField("internal note", blank=True, help_text=INTERNAL_HELP)
    successors = models.ManyToManyField(
        "self", through="Succession", symmetrical=False, related_name="predecessors", blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            _period_constraint("organisation"),
            models.CheckConstraint(
                condition=Q(kind__in=OrganisationKind.values), name="organisation_kind_valid"
            ),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="organisation_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    def exists_on(self, day: dt.date) -> bool:
        return (self.starts_on is None or self.starts_on <= day) and (
            self.ends_on is None or day <= self.ends_on
        )


class Succession(models.Model):
    """One body taking over from another, e.g. the Dartford CSP after the joint CSP."""

    predecessor = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    successor = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    on = models.DateField(null=True, blank=True)
    note = models.TextField("internal note", blank=True, help_text=INTERNAL_HELP)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"],
                name="succession_unique",
                violation_error_message="This succession is already recorded.",
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=F("successor")),
                name="succession_not_self",
                violation_error_message="An organisation cannot be its own successor: choose the body that took over "
                "from it.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class NoticeCounting(models.TextChoices):
    CLEAR = "clear", "Clear days (neither the day of the request nor the day of the meeting counts)"
    CALENDAR = "calendar", "Calendar days"


class ChairTitle(models.TextChoices):
    CHAIRMAN = "Chairman", "Chairman"
    CHAIR = "Chair", "Chair"
    CHAIRPERSON = "Chairperson", "Chairperson"


class Committee(Organisation):
    """A council committee (multi-table: a committee is an organisation of kind 'committee').

    The protocol settings are the committee's own: the Kent protocol asks partners for 28
    days' notice of attendance or information; other councils use other numbers."""

    council = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="committees",
        limit_choices_to={"kind": OrganisationKind.COUNCIL},
    )
    sitting_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sittings",
        help_text="When another committee meets as this one (a county's policy overview and scrutiny committee "
        "sitting as its crime and disorder committee): that committee.",
    )
    description = models.TextField(blank=True, help_text="What the committee does, for the public page.")
    contact = models.TextField(blank=True, help_text="Contact officer for the public, e.g. Member Services.")
    partner_notice_days = models.PositiveSmallIntegerField(
        default=28,
        help_text="Protocol: days' notice a partner is given to attend or to provide information (SI 2009/942 regs 5-6).",
    )
    partner_notice_counting = models.CharField(
        max_length=10,
        choices=NoticeCounting.choices,
        default=NoticeCounting.CLEAR,
        help_text="How the notice days are counted. Clear days is the cautious reading.",
    )
    quorum = models.PositiveSmallIntegerField(
        default=3, help_text="Members (not invitees) who must be present, as the council's constitution sets."
    )
    clear_days_convention = models.CharField(
        max_length=10,
        choices=Convention.choices,
        default=Convention.WORKING,
        help_text="How clear days are counted for publishing the agenda. Working days is the cautious reading.",
    )
    meetings_per_year = models.PositiveSmallIntegerField(
        default=1,
        help_text="Meetings the protocol asks for in each municipal year. The law asks for at least one in every "
        "twelve months (Police and Justice Act 2006 s19; SI 2009/942 reg 2); Dartford's protocol says twice a year.",
    )
    agenda_setting_weeks = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="If the Chairman and officers meet to set the agenda: how many weeks before each meeting. "
        "Empty: no agenda-setting meeting.",
    )
    chair_title = models.CharField(
        max_length=12,
        choices=ChairTitle.choices,
        default=ChairTitle.CHAIRMAN,
        help_text="How the papers style the person in the chair. 'Chair' and 'Chairperson' are worded free of "
        "gender ('The Chair will announce their decision').",
    )
    agenda_numbering = models.CharField(
        max_length=10,
        choices=NumberingStyle.choices,
        default=NumberingStyle.NUMBERED,
        help_text="How the agenda numbers its items. Used by every agenda built or rebuilt after the change.",
    )
    names_with_councillor = models.BooleanField(
        "print 'Councillor' before members' names",
        default=True,
        help_text="'Councillor Mrs A D Allen' in the membership, attendance and minutes; untick for 'Mrs A D Allen'.",
    )
    seasons = models.CharField(
        max_length=200,
        default=seasons_rule.DEFAULT,
        validators=[seasons_rule.validate],
        help_text="The names of the meeting seasons, as the work plan heads its rows: each season and the month "
        "it begins, e.g. 'Summer: April, Winter: October' or 'Spring: March, Summer: June, Autumn: September, "
        "Winter: December'.",
    )
    statutory_documents = models.CharField(
        max_length=10,
        choices=StatutoryDocuments.choices,
        default=StatutoryDocuments.DISTRICT,
        help_text="The partnership's documents the committee considers each municipal year: the work programme "
        "warns of a year without them (Police and Justice Act 2006 s19; SI 2007/1830).",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(meetings_per_year__gte=1), name="committee_meets_at_least_yearly"),
            models.CheckConstraint(condition=Q(chair_title__in=ChairTitle.values), name="committee_chair_title_valid"),
            models.CheckConstraint(
                condition=Q(agenda_numbering__in=NumberingStyle.values), name="committee_agenda_numbering_valid"
            ),
            models.CheckConstraint(
                condition=Q(statutory_documents__in=StatutoryDocuments.values),
                name="committee_statutory_documents_valid",
            ),
            models.CheckConstraint(
                condition=Q(clear_days_convention__in=Convention.values),
                name="committee_clear_days_convention_valid",
            ),
            models.CheckConstraint(
                condition=Q(partner_notice_days__gte=1), name="committee_notice_days_positive"
            ),
            models.CheckConstraint(
                condition=Q(partner_notice_counting__in=NoticeCounting.values),
                name="committee_notice_counting_valid",
            ),
        ]


def committee_name_on(committee: Committee, day: dt.date) -> str:
    """The committee's name on `day`, and the capacity it met in: "Policy Overview and
    Scrutiny Committee, sitting as the Crime and Disorder Committee"."""
    former = committee.former_names.filter(until__gte=day).order_by("until").first()
    name = former.name if former is not None else committee.name
    if committee.sitting_of_id is not None and committee.sitting_of is not None:
        return f"{committee_name_on(committee.sitting_of, day)}, sitting as the {name}"
    return name


class CommitteeName(models.Model):
    """A name the committee had before it was renamed: `name` until `until` (inclusive).
    Its current name is the committee's own; its meetings before a renaming keep the name
    they had."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="former_names")
    name = models.CharField(max_length=200)
    until = models.DateField(help_text="The last day the committee had this name.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "until"]
        constraints = [models.UniqueConstraint(fields=["committee", "until"], name="committee_name_unique")]

    def __str__(self) -> str:
        return f"{self.name} (until {self.until:%d %B %Y})"


class PartnerRole(models.TextChoices):
    RESPONSIBLE_AUTHORITY = "responsible_authority", "Responsible authority (statutory partner)"
    CO_OPERATING = "co_operating", "Co-operating body"
    NON_STATUTORY = "non_statutory", "Non-statutory member"


class Partnership(models.Model):
    """A body's membership of a community safety partnership, with dates."""

    partnership = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="partners",
        limit_choices_to={"kind": OrganisationKind.CSP},
    )
    member = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="partnerships")
    role = models.CharField(
        max_length=32, choices=PartnerRole.choices, default=PartnerRole.RESPONSIBLE_AUTHORITY
    )
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    note = models.TextField("internal note", blank=True, help_text=INTERNAL_HELP)
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "role", "member__name"]
        constraints = [
            _period_constraint("partnership"),
            models.CheckConstraint(
                condition=~Q(partnership=F("member")),
                name="partnership_not_self",
                violation_error_message="A partnership cannot be a member of itself.",
            ),
            models.UniqueConstraint(
                fields=["partnership", "member", "starts_on"],
                name="partnership_unique",
                violation_error_message="This body is already recorded as a partner from that date.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} in {self.partnership}"


class Scrutiny(models.Model):
    """A committee's remit over a community safety partnership, with dates: Dartford's
    committee scrutinised the joint Dartford and Gravesham CSP until October 2020 and the
    Dartford CSP from January 2021. A council is often a partner of partnerships its committee
    does not scrutinise (a district sits on the county's): the remit is stated, not derived."""

    committee = models.ForeignKey("Committee", on_delete=models.PROTECT, related_name="scrutinies")
    partnership = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="scrutinised_by",
        limit_choices_to={"kind": OrganisationKind.CSP},
    )
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    note = models.TextField("internal note", blank=True, help_text=INTERNAL_HELP)
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "starts_on", "partnership__name"]
        verbose_name_plural = "scrutinies"
        constraints = [
            _period_constraint("scrutiny"),
            models.UniqueConstraint(fields=["committee", "partnership", "starts_on"], name="scrutiny_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.committee} scrutinises {self.partnership}"


class MunicipalYear(models.Model):
    """A council's municipal year, from its annual meeting (see scrutiny.rules.municipal_year)."""

    council = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="municipal_years",
        limit_choices_to={"kind": OrganisationKind.COUNCIL},
    )
    start_year = models.PositiveSmallIntegerField(help_text="The calendar year the municipal year begins in.")
    annual_meeting_on = models.DateField(
        null=True,
        blank=True,
        help_text="Date of the annual meeting of council that begins the year, if known.",
    )
    note = models.TextField("internal note", blank=True, help_text=INTERNAL_HELP)
    history = HistoricalRecords()

    class Meta:
        ordering = ["council", "start_year"]
        constraints = [
            models.UniqueConstraint(fields=["council", "start_year"], name="municipal_year_unique"),
            models.CheckConstraint(
                condition=Q(annual_meeting_on__isnull=True) | Q(annual_meeting_on__year=F("start_year")),
                name="municipal_year_annual_meeting_in_start_year",
                violation_error_message="The annual meeting must fall in the year the municipal year begins.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.council}: {self.label}"

    @property
    def label(self) -> str:
        return municipal_year_rule.label(self.start_year)


class Person(models.Model):
    """A councillor, officer or partner representative."""

    honorific = models.CharField(max_length=20, blank=True, help_text="Mr, Mrs, Ms, Dr, Insp. ...")
    given_name = models.CharField(max_length=80, blank=True)
    initials = models.CharField(max_length=20, blank=True, help_text="As the minutes print them, e.g. 'R J'.")
    family_name = models.CharField(max_length=80)
    honours = models.CharField(max_length=40, blank=True, help_text="e.g. MBE, OBE")
    is_councillor = models.BooleanField(
        default=False, help_text="Addressed as 'Councillor' in the papers (an elected member of a council)."
    )
    slug = models.SlugField(max_length=80, unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        help_text="The sign-in account of this person, if any (members and officers).",
    )
    died_on = models.DateField(null=True, blank=True, help_text="If the person has died: the papers say 'the late'.")
    public_description = models.TextField(blank=True, help_text=PUBLIC_HELP)
    note = models.TextField("internal note", blank=True, help_text=INTERNAL_HELP)
    history = HistoricalRecords()

    class Meta:
        ordering = ["family_name", "given_name", "initials"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """Plain name: 'Ann Allen', 'R J Wells', 'Insp. Gary Woodward'."""
        first = self.given_name or self.initials
        return " ".join(p for p in (self.honorific, first, self.family_name) if p)

    @property
    def formal_name(self) -> str:
        """As the minutes print it: 'Councillor Mrs A D Allen, MBE'."""
        return self.printed_name(with_councillor=True)

    def printed_name(self, *, with_councillor: bool) -> str:
        """As a committee's papers print it: with 'Councillor' for a councillor when the
        committee's style has it (`Committee.names_with_councillor`)."""
        first = self.initials or self.given_name
        title = "Councillor" if self.is_councillor and with_councillor else ""
        text = " ".join(p for p in (title, self.honorific, first, self.family_name) if p)
        return f"{text}, {self.honours}" if self.honours else text


class Post(models.Model):
    """An officer post, held by different people over time: 'Strategic Director (External Services)'."""

    title = models.CharField(max_length=200)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="posts")
    unit = models.CharField(max_length=120, blank=True, help_text="e.g. CSU, EARS")
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__name", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "title"],
                name="post_unique",
                violation_error_message="The organisation already has a post with this title.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title}, {self.organisation}"


class PostHolding(models.Model):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="post_holdings")
    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="holders")
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    note = models.TextField("internal note", blank=True, help_text=INTERNAL_HELP)
    history = HistoricalRecords()

    class Meta:
        ordering = ["post", "-starts_on"]
        constraints = [
            _period_constraint("post_holding"),
            models.UniqueConstraint(fields=["person", "post", "starts_on"], name="post_holding_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.post.title}"


class MembershipRole(models.TextChoices):
    CHAIRMAN = "chairman", "Chairman"
    VICE_CHAIRMAN = "vice_chairman", "Vice-Chairman"
    MEMBER = "member", "Member"
    CO_OPTED = "co_opted", "Co-opted member"
    SUBSTITUTE = "substitute", "Substitute"
    STANDING_INVITEE = "standing_invitee", "Standing invitation"
    COUNCILLOR = "councillor", "Councillor"
    REPRESENTATIVE = "representative", "Representative"


# Roles that make someone a member of the committee, who receives its papers including the
# exempt (Part 2) papers. Invitees attend and speak but are not sent exempt papers.
MEMBER_ROLES = (
    MembershipRole.CHAIRMAN,
    MembershipRole.VICE_CHAIRMAN,
    MembershipRole.MEMBER,
    MembershipRole.CO_OPTED,
    MembershipRole.SUBSTITUTE,
)


NAME_NOT_RECORDED = "Name not recorded"


class Membership(models.Model):
    """A seat or invitation on a body, with a role and a period.

    The holder is a person, or for a standing invitation to a post ("the Strategic Director
    (External Services)") the post, whoever holds it, or nobody named when the record does
    not say who held the seat (an unnamed chair for a year): a fact not invented. The period is explicit dates, or the
    municipal year the appointment was made for, or both (explicit dates win).
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="memberships")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    post = models.ForeignKey(
        Post, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    role = models.CharField(max_length=32, choices=MembershipRole.choices)
    capacity = models.CharField(
        max_length=300,
        blank=True,
        help_text="In what capacity, as the papers say: 'Cabinet Portfolio Holder for Community Development'.",
    )
    municipal_year = models.ForeignKey(
        MunicipalYear, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    party_group = models.CharField(max_length=120, blank=True, help_text="The member's political group, if any.")
    may_vote = models.BooleanField(
        default=True,
        help_text="Co-opted members may not vote unless the committee so decides (SI 2009/942 reg 3).",
    )
    note = models.TextField("internal note", blank=True, help_text=INTERNAL_HELP)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "role", "person__family_name"]
        constraints = [
            _period_constraint("membership"),
            models.CheckConstraint(
                condition=Q(person__isnull=True) | Q(post__isnull=True),
                name="membership_person_or_post",
                violation_error_message="A membership is held by a person or, for a standing invitation, by a post: "
                "not both.",
            ),
            models.CheckConstraint(
                condition=~Q(role=MembershipRole.STANDING_INVITEE) | Q(person__isnull=False) | Q(post__isnull=False),
                name="membership_invitation_names_holder",
                violation_error_message="A standing invitation names the person or the post invited.",
            ),
            models.CheckConstraint(
                condition=Q(post__isnull=True) | Q(role=MembershipRole.STANDING_INVITEE),
                name="membership_post_only_invited",
                violation_error_message="Only a standing invitation can be made to a post.",
            ),
            models.CheckConstraint(
                condition=Q(municipal_year__isnull=False) | Q(starts_on__isnull=False),
                name="membership_has_period",
                violation_error_message="Give the municipal year of the appointment or its start date.",
            ),
            models.CheckConstraint(condition=Q(role__in=MembershipRole.values), name="membership_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.holder_label}: {self.get_role_display()}, {self.organisation}"

    @property
    def holder_label(self) -> str:
        if self.person is not None:
            return self.person.formal_name
        if self.post is not None:
            return f"The {self.post.title}"
        return NAME_NOT_RECORDED


DEFAULT_HEADER_COLOUR = "#00626e"


class Branding(models.Model):
    """How a council presents itself on its pages and papers: its name as it styles itself,
    its logo (stored re-encoded as PNG, never the file as uploaded) and its colours, which
    keep the contrast WCAG 2.2 requires (`rules.contrast`, checked by the service)."""

    council = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="branding",
        limit_choices_to={"kind": OrganisationKind.COUNCIL},
    )
    display_name = models.CharField(
        "name on its pages and papers", max_length=200, blank=True,
        help_text="As the council styles itself, for example 'Dartford Borough Council'. Leave empty for its "
        "recorded name.",
    )
    header_colour = models.CharField(
        max_length=7, default=DEFAULT_HEADER_COLOUR,
        help_text="The header's background, behind white text: for example #00626e.",
    )
    accent_colour = models.CharField(
        max_length=7, default=DEFAULT_HEADER_COLOUR,
        help_text="The bar under the header and the headings of printed papers: for example #00626e.",
    )
    logo = models.BinaryField(blank=True, default=b"", editable=False)
    logo_alt = models.CharField(
        "logo description", max_length=200, blank=True,
        help_text="What the logo shows, for people who cannot see it: 'Dartford Borough Council crest'.",
    )
    version = models.PositiveIntegerField(default=1, editable=False)  # changes the logo's and style's address
    history = HistoricalRecords(excluded_fields=["logo"])

    class Meta:
        verbose_name_plural = "brandings"
        constraints = [
            models.CheckConstraint(
                condition=Q(header_colour__regex=r"^#[0-9a-f]{6}$") & Q(accent_colour__regex=r"^#[0-9a-f]{6}$"),
                name="branding_colours_hex",
                violation_error_message="Write each colour as six hexadecimal digits, like #00626e.",
            ),
        ]

    def __str__(self) -> str:
        return f"Branding of {self.council}"

    @property
    def name(self) -> str:
        return self.display_name or self.council.name

    @property
    def has_logo(self) -> bool:
        return bool(self.logo)
