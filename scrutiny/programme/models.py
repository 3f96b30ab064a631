"""The committee's rolling work programme: items planned for meetings, and every change to
them as an append-only history (deferred, brought forward, cancelled, re-timed).

The item's current target and status are changed only by a service that also writes the
change record (scrutiny.programme.services).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from scrutiny.core.models import BusinessKind
from scrutiny.governance.models import Committee, Organisation
from scrutiny.meetings.models import AgendaItem, Meeting


class ItemStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    CONSIDERED = "considered", "Considered"
    CANCELLED = "cancelled", "Cancelled"


class WorkProgrammeItem(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="work_programme_items")
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
    target_meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="planned_items",
        help_text="Empty means 'to be agreed'.",
    )
    status = models.CharField(max_length=16, choices=ItemStatus.choices, default=ItemStatus.PLANNED)
    considered_at = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="work_programme_items"
    )
    note = models.CharField(
        max_length=300, blank=True, help_text="As the plan annotates it: '[Annual each July]'."
    )
    key = models.SlugField(max_length=80, help_text="Stable identifier within the committee.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "target_meeting__date", "title"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "key"], name="work_programme_item_key_unique"),
            models.CheckConstraint(
                condition=Q(kind__in=BusinessKind.values) & ~Q(kind=BusinessKind.PROCEDURAL),
                name="work_programme_item_kind_valid",
                violation_error_message="A work programme item is statutory, standard, discretionary or a draw-down.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ItemStatus.values), name="work_programme_item_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ChangeKind(models.TextChoices):
    ADDED = "added", "Added"
    MOVED = "moved", "Moved to another meeting"
    CANCELLED = "cancelled", "Cancelled"
    FREQUENCY_CHANGED = "frequency_changed", "Frequency changed"
    AMENDED = "amended", "Amended"


class DecidedBy(models.TextChoices):
    COMMITTEE = "committee", "The Committee"
    CHAIRMAN = "chairman", "The Chairman"
    STRATEGIC_DIRECTOR = "strategic_director", "The Strategic Director"
    PARTNER = "partner", "A partner"
    OFFICER = "officer", "An officer"
    NOT_RECORDED = "not_recorded", "Not recorded"


class WorkProgrammeChange(models.Model):
    """One recorded change to an item. Append-only: never edited, never deleted."""

    item = models.ForeignKey(WorkProgrammeItem, on_delete=models.PROTECT, related_name="changes")
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
    wording = models.TextField(blank=True, help_text="How the papers record it.")
    sequence = models.PositiveSmallIntegerField(default=1)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "sequence"], name="work_programme_change_sequence_unique"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ChangeKind.values), name="work_programme_change_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(decided_by__in=DecidedBy.values), name="work_programme_change_decided_by_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.get_kind_display()}"
