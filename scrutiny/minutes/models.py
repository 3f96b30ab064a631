"""Numbered minutes with narrative and numbered resolutions ("RESOLVED: 1. That ...").

A minute is exempt when it is marked so or its agenda item is exempt, unless an officer has
marked it published although the item was taken in private: the Committee published the
minute in full (as Dartford did minute 13 of 26 July 2017) or as the written summary of
s100C(2) Local Government Act 1972. `Minute.public`
holds the minutes of held meetings, exempt ones included: the public record shows the item
and the fact of a resolution, never the text (scrutiny.access.policy). `Resolution.public`
holds only resolutions the public may read.
"""

from __future__ import annotations

from typing import Any, TypeVar, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from scrutiny.core.models import Exemptible
from scrutiny.core.workflow import Workflow
from scrutiny.governance.models import Organisation, Person
from scrutiny.meetings.models import AgendaItem, DatePrecision, Meeting


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", "Draft (officers only)"
    PUBLISHED = "published", "Published as a draft: not yet confirmed"
    CONFIRMED = "confirmed", "Confirmed by the Committee"
    SIGNED = "signed", "Confirmed and signed by the Chairman"


class MinutesEventKind(models.TextChoices):
    """The steps in the life of a meeting's minutes, as MinutesEvent records them."""

    DRAFTED = "drafted", "Drafted"
    PUBLISHED = "published", "Published as a draft"
    CONFIRMED = "confirmed", "Confirmed"
    SIGNED = "signed", "Signed"
    AMENDED = "amended", "Amended"


# Changed only by scrutiny.minutes.services. Drafting starts the record (in DRAFT); minutes
# may be confirmed at the next meeting without having been published as a draft first; a
# correction to confirmed minutes is an amendment, which leaves them as they were.
MINUTES_WORKFLOW = Workflow(
    MinutesStatus,
    MinutesEventKind,
    {
        (MinutesStatus.DRAFT, MinutesEventKind.PUBLISHED): MinutesStatus.PUBLISHED,
        (MinutesStatus.DRAFT, MinutesEventKind.CONFIRMED): MinutesStatus.CONFIRMED,
        (MinutesStatus.PUBLISHED, MinutesEventKind.CONFIRMED): MinutesStatus.CONFIRMED,
        (MinutesStatus.CONFIRMED, MinutesEventKind.SIGNED): MinutesStatus.SIGNED,
        (MinutesStatus.CONFIRMED, MinutesEventKind.AMENDED): MinutesStatus.CONFIRMED,
        (MinutesStatus.SIGNED, MinutesEventKind.AMENDED): MinutesStatus.SIGNED,
    },
    model="minutes.MinutesRecord",
)

# Minutes are public once published, and stay so; from confirmation on, the text is locked.
PUBLIC_MINUTES_STATUSES = MINUTES_WORKFLOW.reachable_from(MinutesStatus.PUBLISHED)
LOCKED_MINUTES_STATUSES = MINUTES_WORKFLOW.reachable_from(MinutesStatus.CONFIRMED)


class MinutesRecord(models.Model):
    """The minutes of one meeting as a whole: where they are in their life (draft, published
    unconfirmed, confirmed at a later meeting, signed and locked). Changed only by
    scrutiny.minutes.services, which also writes a MinutesEvent."""

    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="minutes_record")
    status = models.CharField(max_length=12, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT)
    published_on = models.DateField(null=True, blank=True)
    confirmed_at = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="minutes_confirmed_here",
        help_text="The later meeting that confirmed them.",
    )
    confirmed_by_resolution = models.ForeignKey(
        "Resolution", on_delete=models.SET_NULL, null=True, blank=True, related_name="confirms"
    )
    signed_by = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    signed_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=MinutesStatus.values), name="minutes_record_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=LOCKED_MINUTES_STATUSES) | Q(confirmed_at__isnull=False),
                name="minutes_record_confirmed_at_a_meeting",
                violation_error_message="Confirmed minutes name the meeting that confirmed them.",
            ),
            models.CheckConstraint(
                condition=~Q(status=MinutesStatus.SIGNED) | Q(signed_on__isnull=False),
                name="minutes_record_signed_dated",
            ),
            models.CheckConstraint(
                condition=~Q(confirmed_at=F("meeting")), name="minutes_record_not_self_confirmed"
            ),
        ]

    def __str__(self) -> str:
        return f"Minutes of {self.meeting}: {self.get_status_display()}"

    @property
    def is_public(self) -> bool:
        """Whether the public may read these minutes (the access policy asks)."""
        return self.status in PUBLIC_MINUTES_STATUSES

    @property
    def is_locked(self) -> bool:
        return self.status in LOCKED_MINUTES_STATUSES


class MinutesEvent(models.Model):
    """Append-only: each step in the life of a meeting's minutes."""

    record = models.ForeignKey(MinutesRecord, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=16, choices=MinutesEventKind.choices)
    on = models.DateField()
    note = models.TextField(blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["record", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.record}: {self.get_kind_display()} {self.on}"


class MinuteQuerySet(models.QuerySet["Minute"]):
    def of_published_minutes(self) -> MinuteQuerySet:
        return self.filter(meeting__minutes_record__status__in=PUBLIC_MINUTES_STATUSES)

    def not_withheld(self) -> MinuteQuerySet:
        return self.filter(is_exempt=False).exclude(agenda_item__is_exempt=True, is_public_summary=False)


MinuteManager = models.Manager.from_queryset(MinuteQuerySet)


class PublicMinuteManager(MinuteManager["Minute"]):
    def get_queryset(self) -> MinuteQuerySet:
        # The plugin types a from_queryset manager's get_queryset as a plain QuerySet.
        return cast(MinuteQuerySet, super().get_queryset()).of_published_minutes()


class Minute(Exemptible):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="minutes")
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="minutes"
    )
    position = models.PositiveSmallIntegerField(help_text="Order in the minutes.")
    number = models.PositiveIntegerField(
        null=True, blank=True, help_text="Minute number; blank only where the source does not give it."
    )
    title = models.CharField(max_length=300)
    revision = models.PositiveIntegerField(
        default=1,
        help_text="Raised by each edit, so that two officers' edits never silently overwrite each other.",
    )
    narrative = models.TextField(
        blank=True, help_text="Paragraphs separated by a blank line; lines starting '- ' are bullets."
    )
    # The field keeps its first name: a summary was the first case met; a minute published
    # in full is the same rule (the public may read it).
    is_public_summary = models.BooleanField(
        "published although taken in private",
        default=False,
        help_text="The public may read this minute although its item is exempt: the Committee "
        "published it, in full or as a written summary of the business (LGA 1972 s100C(2)).",
    )

    internal = MinuteManager()
    public = PublicMinuteManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "position"]
        base_manager_name = "internal"
        default_manager_name = "internal"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="minute_position_unique"),
            models.UniqueConstraint(
                fields=["meeting", "number"],
                condition=Q(number__isnull=False),
                name="minute_number_unique",
                violation_error_message="This meeting already has a minute with this number.",
            ),
            *Exemptible.exemption_constraints("minute"),
            models.CheckConstraint(
                condition=Q(is_public_summary=False) | Q(is_exempt=False),
                name="minute_public_summary_not_exempt",
                violation_error_message="A minute the Committee published cannot itself be exempt.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}" if self.number else self.title

    @property
    def is_withheld_from_public(self) -> bool:
        item_exempt = bool(self.agenda_item and self.agenda_item.is_exempt)
        return self.is_exempt or (item_exempt and not self.is_public_summary)


_Q = TypeVar("_Q", bound=models.QuerySet[Any])


def of_public_minute(rows: _Q) -> _Q:
    """The rows (resolutions, references, other bodies' meetings noted) whose minute the public
    reads in full: in published minutes, and not withheld."""
    return rows.filter(
        minute__meeting__minutes_record__status__in=PUBLIC_MINUTES_STATUSES, minute__is_exempt=False
    ).exclude(minute__agenda_item__is_exempt=True, minute__is_public_summary=False)


class ResolutionQuerySet(models.QuerySet["Resolution"]):
    def open_to_public(self) -> ResolutionQuerySet:
        return of_public_minute(self)


ResolutionManager = models.Manager.from_queryset(ResolutionQuerySet)


class PublicResolutionManager(ResolutionManager["Resolution"]):
    def get_queryset(self) -> ResolutionQuerySet:
        # The plugin types a from_queryset manager's get_queryset as a plain QuerySet.
        return cast(ResolutionQuerySet, super().get_queryset()).open_to_public()


class Resolution(models.Model):
    minute = models.ForeignKey(Minute, on_delete=models.CASCADE, related_name="resolutions")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()

    internal = ResolutionManager()
    public = PublicResolutionManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["minute", "number"]
        base_manager_name = "internal"
        default_manager_name = "internal"
        constraints = [
            models.UniqueConstraint(fields=["minute", "number"], name="resolution_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="resolution_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.minute}: resolution {self.number}"


class AmendedPart(models.TextChoices):
    """The part of a confirmed minute a correction changes."""

    NARRATIVE = "narrative", "Narrative"
    TITLE = "title", "Title"
    RESOLUTION = "resolution", "Resolution"


class MinuteAmendment(models.Model):
    """A correction to confirmed minutes: append-only, with who, when and why."""

    minute = models.ForeignKey(Minute, on_delete=models.PROTECT, related_name="amendments")
    field = models.CharField(max_length=20, choices=AmendedPart.choices)
    resolution_number = models.PositiveSmallIntegerField(null=True, blank=True)
    before = models.TextField()
    after = models.TextField()
    reason = models.TextField()
    agreed_at = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The meeting that agreed the correction, if any.",
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["minute", "at", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(reason=""), name="minute_amendment_has_reason")]

    def __str__(self) -> str:
        return f"Amendment to {self.minute}"


class AttendanceKind(models.TextChoices):
    PRESENT = "present", "Present"
    APOLOGIES = "apologies", "Apologies"
    ABSENT = "absent", "Absent"
    SUBSTITUTE = "substitute", "Substitute"
    # The councillors the committee invites standing are Cabinet members (the Portfolio
    # Holder, the Deputy Leader); the minutes print them under CABINET MEMBERS as well as
    # among those present. Officers and police by standing invitation are OFFICER or PARTNER.
    STANDING_INVITEE = "standing_invitee", "Cabinet member by standing invitation"
    INVITED = "invited", "Attending by invitation"
    OFFICER = "officer", "Officer of the council"
    PARTNER = "partner", "Present to respond to issues raised"


class Attendance(models.Model):
    """Who was there, in which capacity, as the minutes' attendance block lists them."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attendance")
    position = models.PositiveSmallIntegerField(default=1)
    kind = models.CharField(max_length=20, choices=AttendanceKind.choices)
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="attendances"
    )
    name = models.CharField(
        max_length=200, blank=True, help_text="As printed, where there is no person record."
    )
    capacity = models.CharField(
        max_length=300, blank=True, help_text="'(Chairman)', 'CSU Inspector, Kent Police'"
    )
    substitute_for = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=AttendanceKind.values), name="attendance_kind_valid"),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(name=""), name="attendance_names_someone"
            ),
            models.CheckConstraint(
                condition=Q(substitute_for__isnull=True) | Q(kind=AttendanceKind.SUBSTITUTE),
                name="attendance_substitute_for_only_substitutes",
            ),
            models.CheckConstraint(
                condition=~Q(kind=AttendanceKind.SUBSTITUTE) | Q(substitute_for__isnull=False),
                name="attendance_substitute_names_whom",
                violation_error_message="A substitute names the member they substitute for.",
            ),
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=Q(person__isnull=False),
                name="attendance_once_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.get_kind_display()}"

    def clean(self) -> None:
        if self.substitute_for_id is not None and self.substitute_for_id == self.person_id:
            raise ValidationError({"substitute_for": f"{self.label} cannot substitute for themselves."})

    @property
    def label(self) -> str:
        """The name as the committee's papers print it (with or without 'Councillor')."""
        if self.person is None:
            return self.name
        return self.person.printed_name(with_councillor=self.meeting.committee.names_with_councillor)

    @property
    def substitute_for_label(self) -> str:
        if self.substitute_for is None:
            return ""
        return self.substitute_for.printed_name(with_councillor=self.meeting.committee.names_with_councillor)


class InterestKind(models.TextChoices):
    DISCLOSABLE_PECUNIARY = "dpi", "Disclosable pecuniary interest"
    OTHER_SIGNIFICANT = "other_significant", "Other significant interest"
    OTHER = "other", "Other interest"


class Declaration(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="declarations")
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="declarations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="declarations")
    kind = models.CharField(max_length=20, choices=InterestKind.choices)
    description = models.TextField()
    dispensation = models.TextField(blank=True, help_text="Any dispensation granted, with its terms.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "agenda_item__position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=InterestKind.values), name="declaration_kind_valid")
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_kind_display()}"

    def clean(self) -> None:
        # The database cannot check a row against another table's meeting; every write goes
        # through full_clean (services, admin, demo loader).
        if self.agenda_item_id is not None and self.meeting_id is not None:
            item_meeting = AgendaItem.internal.filter(pk=self.agenda_item_id).values_list("meeting_id", flat=True).first()
            if item_meeting != self.meeting_id:
                raise ValidationError(
                    {"agenda_item": "The declaration is of an item of another meeting: choose an item of this meeting."}
                )


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    DROPPED = "dropped", "No longer needed"


class ActionStep(models.TextChoices):
    """The steps in the life of an action. Not stored: the action's own history records
    them, and an ActionReport each report to a meeting."""

    CLOSE_DONE = "close_done", "Close as done"
    CLOSE_DROPPED = "close_dropped", "Close as no longer needed"
    REOPEN = "reopen", "Reopen"
    REPORT = "report", "Report to a meeting"


# Changed only by scrutiny.minutes.services. An action is reported while open (the follow-up
# report to the next meeting), or as it is closed; a closed one may be reopened.
ACTION_WORKFLOW = Workflow(
    ActionStatus,
    ActionStep,
    {
        (ActionStatus.OPEN, ActionStep.CLOSE_DONE): ActionStatus.DONE,
        (ActionStatus.OPEN, ActionStep.CLOSE_DROPPED): ActionStatus.DROPPED,
        (ActionStatus.OPEN, ActionStep.REPORT): ActionStatus.OPEN,
        (ActionStatus.DONE, ActionStep.REOPEN): ActionStatus.OPEN,
        (ActionStatus.DROPPED, ActionStep.REOPEN): ActionStatus.OPEN,
    },
    model="minutes.Action",
)


class Action(models.Model):
    """An undertaking or request recorded in a minute, followed up to the next meeting."""

    minute = models.ForeignKey(Minute, on_delete=models.PROTECT, related_name="actions")
    description = models.TextField()
    owner_person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="actions"
    )
    owner_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="actions"
    )
    owner_note = models.CharField(max_length=200, blank=True, help_text="'Officers', 'the CSU Inspector'")
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    closed_on = models.DateField(null=True, blank=True)
    outcome = models.TextField(blank=True)
    reported_at = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="actions_reported"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ActionStatus.values), name="action_status_valid"),
            models.CheckConstraint(
                condition=Q(owner_person__isnull=False)
                | Q(owner_organisation__isnull=False)
                | ~Q(owner_note=""),
                name="action_has_owner",
                violation_error_message="Say who owns the action.",
            ),
            models.CheckConstraint(
                condition=Q(status=ActionStatus.OPEN, closed_on__isnull=True)
                | (~Q(status=ActionStatus.OPEN) & Q(closed_on__isnull=False)),
                name="action_closed_when_closed",
            ),
        ]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def owner(self) -> str:
        if self.owner_person:
            return self.owner_person.name
        if self.owner_organisation:
            return self.owner_organisation.name
        return self.owner_note


class ActionReport(models.Model):
    """Append-only: an action was reported to a meeting (the follow-up report to the next
    meeting), with the status it had then. Action.reported_at holds the latest."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="reports")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="action_reports")
    status = models.CharField(max_length=10, choices=ActionStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["action", "meeting__date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["action", "meeting"], name="action_reported_once_per_meeting"),
            models.CheckConstraint(condition=Q(status__in=ActionStatus.values), name="action_report_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.action} reported to {self.meeting}"


class RecommendationStatus(models.TextChoices):
    DRAFT = "draft", "Drafted"
    FACTUAL_CHECK = "factual_check", "Sent for comment on factual accuracy"
    MADE = "made", "Made formally: response awaited"
    RESPONDED = "responded", "Response received"
    REPORTED = "reported", "Response reported to the Committee"


class RecommendationStep(models.TextChoices):
    """The steps of the Kent protocol (DOMAIN.md section 4). Not stored: the
    recommendation's own history records them."""

    SEND_FOR_CHECK = "send_for_check", "Send for comment on its factual accuracy"
    MAKE = "make", "Make formally"
    EXTEND = "extend", "Give more time for the response"
    RECORD_RESPONSE = "record_response", "Record the response"
    REPORT_BACK = "report_back", "Report the response to the Committee"


# Changed only by scrutiny.minutes.services: drafted, checked by the authority for factual
# accuracy, made formally, given more time (if the committee agrees), answered, reported back.
RECOMMENDATION_WORKFLOW = Workflow(
    RecommendationStatus,
    RecommendationStep,
    {
        (RecommendationStatus.DRAFT, RecommendationStep.SEND_FOR_CHECK): RecommendationStatus.FACTUAL_CHECK,
        (RecommendationStatus.FACTUAL_CHECK, RecommendationStep.MAKE): RecommendationStatus.MADE,
        (RecommendationStatus.MADE, RecommendationStep.EXTEND): RecommendationStatus.MADE,
        (RecommendationStatus.MADE, RecommendationStep.RECORD_RESPONSE): RecommendationStatus.RESPONDED,
        (RecommendationStatus.RESPONDED, RecommendationStep.REPORT_BACK): RecommendationStatus.REPORTED,
    },
    model="minutes.Recommendation",
)

# Before it is made formally a recommendation is the officers' working copy, not yet the
# committee's (the Kent protocol): like draft minutes, not shown to the public.
UNMADE_RECOMMENDATION_STATUSES = tuple(
    s for s in RecommendationStatus if s not in RECOMMENDATION_WORKFLOW.reachable_from(RecommendationStatus.MADE)
)


class Recommendation(models.Model):
    """A report or recommendation of the committee to a responsible authority (Police and
    Justice Act 2006 s19(8A)-(8B); the Kent protocol): drafted, checked by the authority for
    factual accuracy, made formally, answered in writing within 28 days from the date of the
    report (or an agreed extension), and reported back."""

    minute = models.ForeignKey(Minute, on_delete=models.PROTECT, related_name="recommendations")
    authority = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="recommendations_received"
    )
    text = models.TextField()
    status = models.CharField(
        max_length=16, choices=RecommendationStatus.choices, default=RecommendationStatus.DRAFT
    )
    sent_for_check_on = models.DateField(null=True, blank=True)
    made_on = models.DateField(
        null=True, blank=True, help_text="The date of the report: the 28 days run from it."
    )
    extension_days = models.PositiveSmallIntegerField(default=0)
    extension_reason = models.TextField(blank=True)
    response_on = models.DateField(null=True, blank=True)
    response = models.TextField(blank=True)
    reported_at = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="responses_reported"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-made_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=RecommendationStatus.values), name="recommendation_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(extension_days=0) | ~Q(extension_reason=""),
                name="recommendation_extension_has_reason",
                violation_error_message="An extension needs the extenuating circumstances the committee agreed.",
            ),
            models.CheckConstraint(
                condition=Q(response_on__isnull=True) | Q(made_on__isnull=False),
                name="recommendation_response_after_made",
                violation_error_message="A response can only be recorded for a recommendation that was made.",
            ),
            models.CheckConstraint(
                condition=Q(response_on__isnull=True) | Q(response_on__gte=F("made_on")),
                name="recommendation_response_not_before_made",
            ),
        ]

    def __str__(self) -> str:
        return f"To {self.authority}: {self.text[:60]}"


# -- references from the committee to the Council or the Cabinet --------------------------------


class ReferenceTo(models.TextChoices):
    COUNCIL = "council", "The Council"
    CABINET = "cabinet", "The Cabinet"
    OTHER = "other", "Another committee or body of the council"


class ReferenceStatus(models.TextChoices):
    REFERRED = "referred", "Referred: the outcome is not yet recorded"
    APPROVED = "approved", "Approved"
    AMENDED = "amended", "Approved with amendments"
    NOT_APPROVED = "not_approved", "Not approved"
    NOTED = "noted", "Noted"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ReferenceStep(models.TextChoices):
    APPROVE = "approve", "Approved"
    APPROVE_AMENDED = "approve_amended", "Approved with amendments"
    REJECT = "reject", "Not approved"
    NOTE = "note", "Noted"
    WITHDRAW = "withdraw", "Withdrawn"


# Changed only by scrutiny.minutes.services: a reference made by a minute is decided once.
REFERENCE_WORKFLOW = Workflow(
    ReferenceStatus,
    ReferenceStep,
    {
        (ReferenceStatus.REFERRED, ReferenceStep.APPROVE): ReferenceStatus.APPROVED,
        (ReferenceStatus.REFERRED, ReferenceStep.APPROVE_AMENDED): ReferenceStatus.AMENDED,
        (ReferenceStatus.REFERRED, ReferenceStep.REJECT): ReferenceStatus.NOT_APPROVED,
        (ReferenceStatus.REFERRED, ReferenceStep.NOTE): ReferenceStatus.NOTED,
        (ReferenceStatus.REFERRED, ReferenceStep.WITHDRAW): ReferenceStatus.WITHDRAWN,
    },
    model="minutes.Reference",
)


class PublicReferenceManager(models.Manager["Reference"]):
    """A reference the public may read: its minute is in published minutes and not withheld."""

    def get_queryset(self) -> models.QuerySet[Reference]:
        return of_public_minute(super().get_queryset())


class Reference(models.Model):
    """A matter the committee refers, or a recommendation it makes, to the Council or the
    Cabinet (a revised protocol submitted for approval, its annual report), and the outcome."""

    minute = models.ForeignKey(Minute, on_delete=models.PROTECT, related_name="references")
    to = models.CharField(max_length=16, choices=ReferenceTo.choices)
    to_name = models.CharField("Named as", max_length=200, blank=True,
                               help_text="As the minutes name it: “the General Assembly of the Council”.")
    subject = models.TextField("What is referred or recommended")
    submitted_on = models.DateField("Date of the meeting it goes to", null=True, blank=True)
    status = models.CharField(max_length=16, choices=ReferenceStatus.choices, default=ReferenceStatus.REFERRED)
    outcome_on = models.DateField(null=True, blank=True)
    outcome_note = models.TextField(blank=True)

    internal = models.Manager()
    public = PublicReferenceManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["minute__meeting__date", "pk"]
        base_manager_name = "internal"
        default_manager_name = "internal"
        constraints = [
            models.CheckConstraint(condition=Q(to__in=ReferenceTo.values), name="reference_to_valid"),
            models.CheckConstraint(condition=Q(status__in=ReferenceStatus.values), name="reference_status_valid"),
            models.CheckConstraint(
                condition=Q(status=ReferenceStatus.REFERRED) | Q(outcome_on__isnull=False),
                name="reference_outcome_has_date",
                violation_error_message="An outcome is recorded with its date.",
            ),
        ]

    def __str__(self) -> str:
        return f"To {self.recipient}: {self.subject[:60]}"

    @property
    def recipient(self) -> str:
        return self.to_name or ReferenceTo(self.to).label


# -- what the committee heard of other bodies' meetings -------------------------------------------


class HeardHow(models.TextChoices):
    MINUTES = "minutes", "Minutes received and noted"
    VERBAL = "verbal", "Verbal update"


class PublicOutsideMeetingManager(models.Manager["OutsideMeetingNoted"]):
    """Public only as the minute that noted it is: in published minutes, not withheld."""

    def get_queryset(self) -> models.QuerySet[OutsideMeetingNoted]:
        return of_public_minute(super().get_queryset())


class OutsideMeetingNoted(models.Model):
    """A meeting of another body (the Police and Crime Panel, the Community Safety Partnership, a
    county's community safety board) as the committee heard of it, and the minute that noted it:
    its minutes received and noted, or a verbal update (recorded as such when no minutes were
    yet published)."""

    minute = models.ForeignKey(Minute, on_delete=models.PROTECT, related_name="outside_meetings")
    body = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="meetings_noted")
    held_on = models.DateField(help_text="For a meeting known only by its month, the first of the month.")
    date_precision = models.CharField(max_length=16, choices=DatePrecision.choices, default=DatePrecision.DAY)
    how = models.CharField(max_length=10, choices=HeardHow.choices)
    reporter = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                 help_text="Who gave the verbal update (the council's representative).")
    minutes_published = models.BooleanField(
        "The body's minutes were published when the committee heard", default=True)

    internal = models.Manager()
    public = PublicOutsideMeetingManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["held_on", "pk"]
        verbose_name = "other body's meeting noted"
        verbose_name_plural = "other bodies' meetings noted"
        base_manager_name = "internal"
        default_manager_name = "internal"
        constraints = [
            models.CheckConstraint(condition=Q(how__in=HeardHow.values), name="outside_meeting_how_valid"),
            models.CheckConstraint(condition=Q(date_precision__in=DatePrecision.values),
                                   name="outside_meeting_precision_valid"),
            models.CheckConstraint(condition=~Q(date_precision=DatePrecision.MONTH) | Q(held_on__day=1),
                                   name="outside_meeting_month_is_first",
                                   violation_error_message="A meeting known only by its month is dated the 1st."),
            models.CheckConstraint(condition=Q(how=HeardHow.VERBAL) | Q(minutes_published=True),
                                   name="outside_meeting_minutes_noted_were_published",
                                   violation_error_message="Minutes received and noted were published."),
            models.UniqueConstraint(fields=["minute", "body", "held_on", "how"], name="outside_meeting_noted_once"),
        ]

    def __str__(self) -> str:
        return f"{self.body}, {self.held_display}"

    @property
    def held_display(self) -> str:
        if self.date_precision == DatePrecision.MONTH:
            return f"{self.held_on:%B %Y}"
        return f"{self.held_on.day} {self.held_on:%B %Y}"

    @property
    def statement(self) -> str:
        """How the committee heard of it, as the annual report says it."""
        if self.how == HeardHow.MINUTES:
            return "Minutes received and noted"
        by = f" by {self.reporter.formal_name}" if self.reporter is not None else ""
        unpublished = "" if self.minutes_published else ", in the absence of published minutes"
        return f"Verbal update{by}{unpublished}"
