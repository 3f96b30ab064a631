"""What was published, and when: each publication of an agenda is a frozen version."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from scrutiny.meetings.models import ItemRole, Meeting


def _pack_path(instance: AgendaPublication, filename: str) -> str:
    return f"packs/{instance.meeting_id}/v{instance.version}-{filename}"


class AgendaPublication(models.Model):
    """A published agenda: the public pack, the members' Part 2 pack and the agenda as the
    public saw it, frozen. Republishing adds a version; none is ever changed or removed. A
    version can be withdrawn, with the reason (`publication_withdraw`): its files are kept
    for the record but no longer served; its addresses then say it was withdrawn, and why."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="publications")
    version = models.PositiveSmallIntegerField()
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    deadline = models.DateField(help_text="The last lawful day to publish (five clear days).")
    is_late = models.BooleanField(default=False)
    urgency_reason = models.TextField(blank=True)
    public_pack = models.FileField(upload_to=_pack_path)
    part2_pack = models.FileField(
        upload_to=_pack_path, blank=True, help_text="Exempt: served only through the access policy."
    )
    public_pages = models.PositiveSmallIntegerField()
    agenda = models.JSONField(help_text="The agenda as published to the public (no exempt content).")
    document_ids = models.JSONField(default=list, blank=True, help_text="Papers published with this version (none for an agenda of verbal items).")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdrawal_reason = models.TextField(blank=True, help_text="Shown to the public with the notice of withdrawal.")

    class Meta:
        ordering = ["meeting", "version"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "version"], name="agenda_publication_version_unique"),
            models.CheckConstraint(
                condition=Q(is_late=False) | ~Q(urgency_reason=""),
                name="agenda_publication_late_has_reason",
                violation_error_message="A late publication needs the reason for urgency (LGA 1972 s100B(4)).",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True, withdrawal_reason="")
                | Q(withdrawn_at__isnull=False) & ~Q(withdrawal_reason=""),
                name="agenda_publication_withdrawn_has_reason",
                violation_error_message="A withdrawn version needs the reason it was withdrawn.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: agenda version {self.version}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def late_as_a_whole(self) -> bool:
        """Its first version came after the last lawful day: the reason for urgency is the
        whole agenda's, printed once at its head, not an item's."""
        return self.is_late and self.version == 1


class StandardItem(models.Model):
    """One of the committee's standard opening items, in its own words. A committee with
    none uses the default template (`publishing.services.STANDARD_ITEMS`, Dartford's).
    Wording may name {held} (the previous meeting: "held on 26 July 2017"), {chair} (how the
    committee styles its chair) and {their} ("his" for a Chairman, else "their")."""

    committee = models.ForeignKey("governance.Committee", on_delete=models.PROTECT, related_name="standard_items")
    position = models.PositiveSmallIntegerField()
    role = models.CharField(max_length=16, choices=ItemRole.choices)
    title = models.CharField(max_length=300)
    purpose = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "position"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "position"], name="standard_item_position_unique"),
            models.CheckConstraint(condition=Q(role__in=ItemRole.values), name="standard_item_role_valid"),
        ]

    def __str__(self) -> str:
        return self.title
