"""Meetings and their agenda items.

Visibility is chosen in the query layer: AgendaItem has no `objects`. Use
`AgendaItem.internal` (everything, for officers' tools) or `AgendaItem.public` (items of
published agendas, whose existence and exemption reason the public may know). What the
viewer sees of an exempt item is decided by scrutiny.access.policy.
"""

from __future__ import annotations

from typing import cast

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from scrutiny.core.models import BusinessKind, Exemptible
from scrutiny.core.workflow import Workflow
from scrutiny.governance.models import Committee, Membership, committee_name_on


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    AGENDA_PUBLISHED = "agenda_published", "Agenda published"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


class MeetingStep(models.TextChoices):
    """The steps of a meeting's life. Not stored: the meeting's own history records them."""

    PUBLISH_AGENDA = "publish_agenda", "Publish the agenda"
    HOLD = "hold", "Record as held"
    CANCEL = "cancel", "Cancel"


# Changed only by scrutiny.meetings.services (agenda published, held, cancelled); publishing
# (scrutiny.publishing.services) takes the first step. Publishing again publishes a new
# version of the agenda.
MEETING_WORKFLOW = Workflow(
    MeetingStatus,
    MeetingStep,
    {
        (MeetingStatus.SCHEDULED, MeetingStep.PUBLISH_AGENDA): MeetingStatus.AGENDA_PUBLISHED,
        (MeetingStatus.AGENDA_PUBLISHED, MeetingStep.PUBLISH_AGENDA): MeetingStatus.AGENDA_PUBLISHED,
        (MeetingStatus.SCHEDULED, MeetingStep.HOLD): MeetingStatus.HELD,
        (MeetingStatus.AGENDA_PUBLISHED, MeetingStep.HOLD): MeetingStatus.HELD,
        (MeetingStatus.SCHEDULED, MeetingStep.CANCEL): MeetingStatus.CANCELLED,
        (MeetingStatus.AGENDA_PUBLISHED, MeetingStep.CANCEL): MeetingStatus.CANCELLED,
    },
    model="meetings.Meeting",
)

# The agenda of a meeting in these states has been published to the public.
AGENDA_PUBLIC_STATUSES = (MeetingStatus.AGENDA_PUBLISHED, MeetingStatus.HELD)
# Meetings still to come: they may yet be held (or cancelled).
OPEN_MEETING_STATUSES = MEETING_WORKFLOW.statuses_allowing(MeetingStep.HOLD)


class DatePrecision(models.TextChoices):
    DAY = "day", "Confirmed date"
    PROVISIONAL = "provisional", "Provisional date (subject to confirmation)"
    MONTH = "month", "Month only (the day is not recorded)"


class Meeting(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField(help_text="For a meeting known only by its month, the first of the month.")
    date_precision = models.CharField(max_length=16, choices=DatePrecision.choices, default=DatePrecision.DAY)
    start_time = models.TimeField(null=True, blank=True)
    venue = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED)
    agenda_public = models.BooleanField(
        default=False,
        help_text="Its agenda has a published version not withdrawn: set by publishing and withdrawing, never by hand.",
    )
    closed_at = models.TimeField("meeting closed at", null=True, blank=True)
    minutes_are_summary = models.BooleanField(
        default=False,
        help_text="The minutes held are a summary (e.g. from an annual report), not the minutes.",
    )
    source = models.TextField(blank=True, help_text="Where this record comes from.")
    note = models.TextField(blank=True, help_text="Shown to the public: gaps and caveats in the record.")
    recorded_at = models.DateTimeField(
        "recorded after the event on", null=True, blank=True,
        help_text="Set only when an officer records a meeting already held (recording mode): its agenda, papers and "
        "minutes are entered as the council published them, on their real dates.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "date", "start_time"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=MeetingStatus.values), name="meeting_status_valid"),
            models.CheckConstraint(
                condition=Q(date_precision__in=DatePrecision.values), name="meeting_date_precision_valid"
            ),
            models.CheckConstraint(
                condition=~Q(date_precision=DatePrecision.MONTH) | Q(date__day=1),
                name="meeting_month_precision_first_day",
                violation_error_message="A meeting known only by its month is dated the first of the month.",
            ),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | Q(status=MeetingStatus.HELD),
                name="meeting_closed_only_if_held",
                violation_error_message="Only a meeting that was held has a closing time.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.committee.name}, {self.date_display}"

    @property
    def date_display(self) -> str:
        if self.date_precision == DatePrecision.MONTH:
            return self.date.strftime("%B %Y")
        return f"{self.date:%A} {self.date.day} {self.date:%B %Y}"

    @property
    def day_display(self) -> str:
        """"26 July 2017" without the weekday; "July 2019" when only its month is known."""
        if self.date_precision == DatePrecision.MONTH:
            return self.date.strftime("%B %Y")
        return f"{self.date.day} {self.date:%B %Y}"

    @property
    def held_on(self) -> str:
        """How papers name the meeting: "held on 26 July 2017"; "held in July 2019" when only
        its month is known (never "held on July 2019")."""
        if self.date_precision == DatePrecision.MONTH:
            return f"held in {self.date:%B %Y}"
        return f"held on {self.day_display}"

    @property
    def held_on_display(self) -> str:
        """The same with the weekday, as the minutes' heading has it: "held on Wednesday 26 July 2017"."""
        if self.date_precision == DatePrecision.MONTH:
            return self.held_on
        return f"held on {self.date_display}"

    @property
    def met_as(self) -> str:
        """The committee's name on the day, in the capacity it met: earlier meetings keep the
        name they had before a renaming."""
        return committee_name_on(self.committee, self.date)

    @property
    def is_recorded_after_event(self) -> bool:
        """Entered after it was held (recording mode): its items and publications carry the
        council's real dates, and the work programme may place items on it."""
        return self.recorded_at is not None

    @property
    def agenda_is_public(self) -> bool:
        """Public only once published (whatever the status says: a meeting recorded as held
        with its agenda never published keeps it to officers), and not once cancelled."""
        return self.agenda_public and self.status in AGENDA_PUBLIC_STATUSES


class AgendaItemQuerySet(models.QuerySet["AgendaItem"]):
    def on_public_agendas(self) -> AgendaItemQuerySet:
        return self.filter(meeting__agenda_public=True, meeting__status__in=AGENDA_PUBLIC_STATUSES)


AgendaItemManager = models.Manager.from_queryset(AgendaItemQuerySet)


class PublicAgendaItemManager(AgendaItemManager["AgendaItem"]):
    """Items of published agendas: exempt ones included, as the law requires the public to be
    told of them and of the reason; their content is withheld by the access policy."""

    def get_queryset(self) -> AgendaItemQuerySet:
        # The plugin types a from_queryset manager's get_queryset as a plain QuerySet.
        return cast(AgendaItemQuerySet, super().get_queryset()).on_public_agendas()


class ItemRole(models.TextChoices):
    """What an item is for. The standard items open every agenda; 'exclusion' is the
    resolution to exclude the press and public, placed before the Part 2 items."""

    APOLOGIES = "apologies", "Apologies for absence"
    DECLARATIONS = "declarations", "Declarations of interest"
    MINUTES = "minutes", "Confirmation of the minutes"
    URGENT = "urgent", "Urgent items"
    REFERENCES = "references", "References from other committees"
    REGULATION_9 = "regulation_9", "Regulation 9 notice"
    BUSINESS = "business", "Business"
    NEXT_MEETING = "next_meeting", "Next meeting"
    EXCLUSION = "exclusion", "Exclusion of the press and public"


class PaperExpected(models.TextChoices):
    """What the committee will have before it on an item."""

    REPORT = "report", "A report"
    VERBAL = "verbal", "A verbal update"
    TO_FOLLOW = "to_follow", "A report to follow"
    NONE = "none", "No paper"


# How the agenda marks an item that is published without its paper.
PAPER_NOTES = {PaperExpected.VERBAL: "Verbal update", PaperExpected.TO_FOLLOW: "Report to follow"}


class AgendaItem(Exemptible):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(help_text="Order on the agenda.")
    number = models.CharField(
        max_length=8, blank=True, help_text="As printed: '1', '12', 'A'. Blank when the item is not numbered."
    )
    title = models.CharField(max_length=300)
    purpose = models.TextField(blank=True, help_text="What the committee is asked to do.")
    kind = models.CharField(max_length=20, choices=BusinessKind.choices, default=BusinessKind.STANDARD)
    role = models.CharField(max_length=16, choices=ItemRole.choices, default=ItemRole.BUSINESS)
    paper = models.CharField(
        "paper expected",
        max_length=12,
        choices=PaperExpected.choices,
        default=PaperExpected.NONE,
        help_text="A report must be attached before the agenda can be published; the others need no paper.",
    )
    is_supplementary = models.BooleanField(
        "supplementary (late) item",
        default=False,
        help_text="Added after the agenda was published, or too late for five clear days.",
    )
    urgency_reason = models.TextField(
        blank=True,
        help_text="The special circumstances for which the Chairman decided a late item is urgent (LGA 1972 s100B(4)(b)).",
    )

    internal = AgendaItemManager()
    public = PublicAgendaItemManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "position"]
        base_manager_name = "internal"
        default_manager_name = "internal"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="agenda_item_position_unique"),
            models.CheckConstraint(condition=Q(paper__in=PaperExpected.values), name="agenda_item_paper_valid"),
            models.UniqueConstraint(
                fields=["meeting", "number"],
                condition=~Q(number=""),
                name="agenda_item_number_unique",
                violation_error_message="Another item of this meeting already has this number.",
            ),
            models.CheckConstraint(condition=Q(kind__in=BusinessKind.values), name="agenda_item_kind_valid"),
            models.CheckConstraint(condition=Q(role__in=ItemRole.values), name="agenda_item_role_valid"),
            models.CheckConstraint(
                condition=Q(is_supplementary=False) | ~Q(urgency_reason=""),
                name="agenda_item_supplementary_has_reason",
                violation_error_message="A supplementary item needs the reason for urgency, as s100B(4) requires.",
            ),
            models.CheckConstraint(
                condition=~Q(role=ItemRole.EXCLUSION) | Q(is_exempt=False),
                name="agenda_item_exclusion_is_open",
                violation_error_message="The resolution to exclude the press and public is itself public business.",
            ),
            *Exemptible.exemption_constraints("agenda_item"),
        ]

    def __str__(self) -> str:
        label = f"{self.number}. " if self.number else ""
        return f"{label}{self.title}"

    @property
    def expects_report(self) -> bool:
        """Publishing waits for its report."""
        return self.paper == PaperExpected.REPORT

    @property
    def paper_note(self) -> str:
        """"Verbal update" or "Report to follow" on the agenda; nothing otherwise."""
        return PAPER_NOTES.get(PaperExpected(self.paper), "")


class CoOptedVote(models.Model):
    """The committee's decision whether a co-opted member votes on one agenda item, where it
    differs from the decision made when they were co-opted (`Membership.may_vote`). No row:
    as decided at co-option (`rules.co_option`)."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="co_opted_votes")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="matter_votes")
    may_vote = models.BooleanField()
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agenda_item", "membership"],
                name="co_opted_vote_once_per_item",
                violation_error_message="The committee has already decided this member's vote on this item.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.membership.holder_label}: {'may vote' if self.may_vote else 'no vote'} on {self.agenda_item}"
