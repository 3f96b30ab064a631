"""The committee's rolling work programme.

- WorkProgrammeItem: a topic planned for a meeting (or "to be agreed"), with its current
  target and status. Changed only by scrutiny.programme.services, which also writes:
- WorkProgrammeChange: the append-only history (added, moved, cancelled, re-timed,
  accepted), with the date, the reason and who decided.
- RecurringRule: a standard item that recurs ("PCP Update at every meeting", "Strategic
  Assessment each winter"), from which items are proposed for future meetings.
- WorkPlanVersion: the plan as published or approved by resolution, frozen.
- DrawDownRequest and its append-only DrawDownStep history.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from scrutiny.core.models import BusinessKind
from scrutiny.core.workflow import Workflow
from scrutiny.governance.models import Committee, Organisation, Person
from scrutiny.meetings.models import AgendaItem, Meeting
from scrutiny.rules.statutory_items import StatutorySubject

PLANNABLE_KINDS = [k for k in BusinessKind.values if k != BusinessKind.PROCEDURAL]


class Recurrence(models.TextChoices):
    """Summer: meetings from April to September; winter: October to March."""

    EVERY_MEETING = "every_meeting", "At every meeting"
    SUMMER = "summer", "Each summer"
    WINTER = "winter", "Each winter"


class RecurringRule(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="recurring_rules")
    key = models.SlugField(max_length=80)
    title_template = models.CharField(
        max_length=300,
        help_text="The item's title. May use {year}, {previous_year}, {municipal_year}, {previous_municipal_year}.",
    )
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=BusinessKind.choices, default=BusinessKind.STANDARD)
    brought_by = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="rules_brought"
    )
    brought_by_note = models.CharField(max_length=200, blank=True)
    expected_exempt = models.BooleanField(default=False)
    statutory_subject = models.CharField(max_length=24, choices=StatutorySubject.choices, blank=True)
    needs_attendance = models.BooleanField(default=False, help_text="A partner must be asked to attend.")
    recurrence = models.CharField(max_length=16, choices=Recurrence.choices)
    active = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "key"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "key"], name="recurring_rule_key_unique"),
            models.CheckConstraint(condition=Q(kind__in=PLANNABLE_KINDS), name="recurring_rule_kind_valid"),
            models.CheckConstraint(
                condition=Q(recurrence__in=Recurrence.values), name="recurring_rule_recurrence_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title_template} ({self.get_recurrence_display().lower()})"


class ItemStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed (from a recurring rule, awaiting an officer)"
    PLANNED = "planned", "Planned"
    CONSIDERED = "considered", "Considered"
    CANCELLED = "cancelled", "Cancelled"


class WorkProgrammeItem(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="work_programme_items")
    key = models.SlugField(max_length=80, help_text="Stable identifier within the committee.")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=BusinessKind.choices, default=BusinessKind.DISCRETIONARY)
    brought_by = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="items_brought"
    )
    brought_by_note = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who brings it, where not an organisation: 'PCP representative'.",
    )
    expected_exempt = models.BooleanField(default=False)
    statutory_subject = models.CharField(
        max_length=24,
        choices=StatutorySubject.choices,
        blank=True,
        help_text="For statutory items: which document the law requires the committee to consider.",
    )
    needs_attendance = models.BooleanField(
        default=False, help_text="A partner must be asked to attend or to provide information."
    )
    attendance_requested_on = models.DateField(null=True, blank=True)
    target_meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="planned_items",
        help_text="Empty means 'to be agreed'.",
    )
    status = models.CharField(max_length=16, choices=ItemStatus.choices, default=ItemStatus.PLANNED)
    considered_at = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="work_programme_items"
    )
    rule = models.ForeignKey(
        RecurringRule, on_delete=models.PROTECT, null=True, blank=True, related_name="items"
    )
    proposed_for = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The meeting a recurring rule proposed the item for (kept when the item moves).",
    )
    note = models.CharField(
        max_length=300, blank=True, help_text="As the plan annotates it: '[Annual each July]'."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "target_meeting__date", "title"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "key"], name="work_programme_item_key_unique"),
            models.UniqueConstraint(
                fields=["rule", "proposed_for"],
                condition=Q(rule__isnull=False),
                name="work_programme_item_one_proposal_per_meeting",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=PLANNABLE_KINDS),
                name="work_programme_item_kind_valid",
                violation_error_message="A work programme item is statutory, standard, discretionary or a draw-down.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ItemStatus.values), name="work_programme_item_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(statutory_subject="") | Q(kind=BusinessKind.STATUTORY),
                name="work_programme_item_subject_only_statutory",
                violation_error_message="Only a statutory item names the statutory document it covers.",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ChangeKind(models.TextChoices):
    ADDED = "added", "Added"
    ACCEPTED = "accepted", "Proposal accepted"
    MOVED = "moved", "Moved to another meeting"
    CANCELLED = "cancelled", "Cancelled"
    FREQUENCY_CHANGED = "frequency_changed", "Frequency changed"
    AMENDED = "amended", "Amended"
    CONSIDERED = "considered", "Considered"
    CARRIED_FORWARD = "carried_forward", "Carried forward to a later meeting"
    DEFERRED = "deferred", "Deferred to a date to be agreed"


# An item's life, changed only by scrutiny.programme.services, each step recorded as a
# WorkProgrammeChange of the step's kind. An item is added (planned, or proposed by a
# recurring rule); it may be moved (staying as it is) or cancelled until it is considered.
# What a held meeting did with it is recorded from its minute: considered, carried forward
# to a later meeting, or deferred to a date to be agreed (`item_consider`, `item_carry_forward`,
# `item_defer`).
ITEM_WORKFLOW = Workflow(
    ItemStatus,
    ChangeKind,
    {
        (ItemStatus.PROPOSED, ChangeKind.ACCEPTED): ItemStatus.PLANNED,
        (ItemStatus.PROPOSED, ChangeKind.MOVED): ItemStatus.PROPOSED,
        (ItemStatus.PROPOSED, ChangeKind.CANCELLED): ItemStatus.CANCELLED,
        (ItemStatus.PLANNED, ChangeKind.MOVED): ItemStatus.PLANNED,
        (ItemStatus.PLANNED, ChangeKind.CANCELLED): ItemStatus.CANCELLED,
        (ItemStatus.PLANNED, ChangeKind.CONSIDERED): ItemStatus.CONSIDERED,
        (ItemStatus.PLANNED, ChangeKind.CARRIED_FORWARD): ItemStatus.PLANNED,
        (ItemStatus.PLANNED, ChangeKind.DEFERRED): ItemStatus.PLANNED,
    },
    model="programme.WorkProgrammeItem",
)


class DecidedBy(models.TextChoices):
    COMMITTEE = "committee", "The Committee"
    CHAIRMAN = "chairman", "The Chairman"
    STRATEGIC_DIRECTOR = "strategic_director", "The Strategic Director"
    DIRECTOR = "director", "The responsible Director"
    PARTNER = "partner", "A partner"
    OFFICER = "officer", "An officer"
    STANDING_RULE = "standing_rule", "A recurring item of the work programme"
    NOT_RECORDED = "not_recorded", "Not recorded"


class WorkProgrammeChange(models.Model):
    """One recorded change to an item or a recurring rule. Append-only."""

    item = models.ForeignKey(
        WorkProgrammeItem, on_delete=models.PROTECT, null=True, blank=True, related_name="changes"
    )
    rule = models.ForeignKey(
        RecurringRule, on_delete=models.PROTECT, null=True, blank=True, related_name="changes"
    )
    kind = models.CharField(max_length=24, choices=ChangeKind.choices)
    decided_on = models.DateField(null=True, blank=True)
    decided_at = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="work_programme_decisions",
        help_text="The meeting at which the change was made, if any.",
    )
    decided_by = models.CharField(max_length=24, choices=DecidedBy.choices)
    decided_by_note = models.CharField(max_length=200, blank=True)
    from_meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    reason = models.TextField(blank=True)
    resolution = models.ForeignKey(
        "minutes.Resolution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="work_programme_changes",
        help_text="The committee's resolution that made the change, if any.",
    )
    wording = models.TextField(blank=True, help_text="How the papers record it.")
    sequence = models.PositiveSmallIntegerField(default=1)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item", "rule", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "sequence"],
                condition=Q(item__isnull=False),
                name="work_programme_change_sequence_unique",
            ),
            models.UniqueConstraint(
                fields=["rule", "sequence"],
                condition=Q(rule__isnull=False),
                name="work_programme_rule_change_sequence_unique",
            ),
            models.CheckConstraint(
                condition=(Q(item__isnull=False) & Q(rule__isnull=True))
                | (Q(item__isnull=True) & Q(rule__isnull=False)),
                name="work_programme_change_item_xor_rule",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ChangeKind.values), name="work_programme_change_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(decided_by__in=DecidedBy.values), name="work_programme_change_decided_by_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item or self.rule}: {self.get_kind_display()}"


class VersionStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed (for approval)"
    APPROVED = "approved", "Approved by the Committee"


class VersionStep(models.TextChoices):
    APPROVE = "approve", "Approve"


# A version is frozen: approving a proposed version makes a new, approved version based on
# it (WorkPlanVersion.based_on), and the proposed one stays as it was proposed.
VERSION_WORKFLOW = Workflow(
    VersionStatus,
    VersionStep,
    {(VersionStatus.PROPOSED, VersionStep.APPROVE): VersionStatus.APPROVED},
    model="programme.WorkPlanVersion",
)


class WorkPlanVersion(models.Model):
    """The work plan frozen as a table: as proposed in a report, or as approved by resolution.
    The snapshot is never edited: each approval is a new version."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="work_plan_versions")
    title = models.CharField(max_length=300)
    status = models.CharField(max_length=12, choices=VersionStatus.choices)
    prepared_on = models.DateField()
    approved_at = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="approved_work_plans"
    )
    approved_on = models.DateField(null=True, blank=True)
    resolution_text = models.TextField(
        blank=True, help_text="The resolution, e.g. 'That Members approve the draft ...'."
    )
    based_on = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approvals",
        help_text="The proposed version this approval was made on.",
    )
    source = models.TextField(blank=True)
    snapshot = models.JSONField(
        help_text="Rows of the plan: [{label, meeting, items: [{key, title, note}]}]."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["committee", "prepared_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "approved_at"],
                condition=Q(approved_at__isnull=False),
                name="work_plan_version_one_approval_per_meeting",
                violation_error_message="A work plan has already been approved at this meeting.",
            ),
            models.UniqueConstraint(
                fields=["based_on"],
                condition=Q(based_on__isnull=False),
                name="work_plan_version_approved_once",
                violation_error_message="This proposed work plan has already been approved.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=VersionStatus.values), name="work_plan_version_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=VersionStatus.PROPOSED, approved_at__isnull=True, approved_on__isnull=True)
                | Q(status=VersionStatus.APPROVED, approved_at__isnull=False, approved_on__isnull=False),
                name="work_plan_version_approval_complete",
                violation_error_message="An approved version names the meeting and the date of approval; a proposed one neither.",
            ),
            models.CheckConstraint(
                condition=Q(approved_on__isnull=True) | Q(approved_on__gte=F("prepared_on")),
                name="work_plan_version_approved_after_prepared",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class DrawDownStatus(models.TextChoices):
    REQUESTED = "requested", "Requested by a Member"
    CHAIRMAN_AGREED = "chairman_agreed", "Agreed by the Chairman"
    CHAIRMAN_DECLINED = "chairman_declined", "Not agreed by the Chairman"
    APPROVED = "approved", "Approved by the Director"
    REFUSED = "refused", "Not approved by the Director"
    WITHDRAWN = "withdrawn", "Withdrawn"


class DrawDownRequest(models.Model):
    """A Member's request to draw a topic down into the work programme."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="draw_down_requests")
    topic = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="draw_down_requests"
    )
    requested_by_note = models.CharField(
        max_length=200, blank=True, help_text="e.g. 'Lead Member for Enforcement & Community Safety'"
    )
    requested_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=DrawDownStatus.choices, default=DrawDownStatus.REQUESTED)
    item = models.OneToOneField(
        WorkProgrammeItem, on_delete=models.PROTECT, null=True, blank=True, related_name="draw_down_request"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "-requested_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=DrawDownStatus.values), name="draw_down_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(item__isnull=True) | Q(status=DrawDownStatus.APPROVED),
                name="draw_down_item_only_if_approved",
            ),
            models.CheckConstraint(
                condition=Q(requested_by__isnull=False) | ~Q(requested_by_note=""),
                name="draw_down_has_requester",
                violation_error_message="Say which Member asked for the topic.",
            ),
        ]

    def __str__(self) -> str:
        return self.topic


class DrawDownStepKind(models.TextChoices):
    REQUESTED = "requested", "Requested"
    CHAIRMAN_AGREED = "chairman_agreed", "Chairman agreed"
    CHAIRMAN_DECLINED = "chairman_declined", "Chairman did not agree"
    DIRECTOR_APPROVED = "director_approved", "Director approved"
    DIRECTOR_REFUSED = "director_refused", "Director did not approve"
    WITHDRAWN = "withdrawn", "Withdrawn"


# Changed only by scrutiny.programme.services, each step recorded as a DrawDownStep of its
# kind: the Chairman agrees or not, then the Director approves or not; the Member may
# withdraw the request until the Director has decided.
DRAW_DOWN_WORKFLOW = Workflow(
    DrawDownStatus,
    DrawDownStepKind,
    {
        (DrawDownStatus.REQUESTED, DrawDownStepKind.CHAIRMAN_AGREED): DrawDownStatus.CHAIRMAN_AGREED,
        (DrawDownStatus.REQUESTED, DrawDownStepKind.CHAIRMAN_DECLINED): DrawDownStatus.CHAIRMAN_DECLINED,
        (DrawDownStatus.REQUESTED, DrawDownStepKind.WITHDRAWN): DrawDownStatus.WITHDRAWN,
        (DrawDownStatus.CHAIRMAN_AGREED, DrawDownStepKind.DIRECTOR_APPROVED): DrawDownStatus.APPROVED,
        (DrawDownStatus.CHAIRMAN_AGREED, DrawDownStepKind.DIRECTOR_REFUSED): DrawDownStatus.REFUSED,
        (DrawDownStatus.CHAIRMAN_AGREED, DrawDownStepKind.WITHDRAWN): DrawDownStatus.WITHDRAWN,
    },
    model="programme.DrawDownRequest",
)


class DrawDownStep(models.Model):
    """One step of a draw-down request, with who and when. Append-only."""

    request = models.ForeignKey(DrawDownRequest, on_delete=models.PROTECT, related_name="steps")
    sequence = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, choices=DrawDownStepKind.choices)
    decided_by = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decided_by_note = models.CharField(max_length=200, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["request", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["request", "sequence"], name="draw_down_step_sequence_unique"),
            models.CheckConstraint(
                condition=Q(kind__in=DrawDownStepKind.values), name="draw_down_step_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request}: {self.get_kind_display()}"
