"""What was published, and when: each publication of an agenda is a frozen version."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from scrutiny.meetings.models import Meeting


def _pack_path(instance: AgendaPublication, filename: str) -> str:
    return f"packs/{instance.meeting_id}/v{instance.version}-{filename}"


class AgendaPublication(models.Model):
    """A published agenda: the public pack, the members' Part 2 pack and the agenda as the
    public saw it, frozen. Republishing adds a version; none is ever changed or removed."""

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
    document_ids = models.JSONField(default=list, help_text="Papers published with this version.")

    class Meta:
        ordering = ["meeting", "version"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "version"], name="agenda_publication_version_unique"),
            models.CheckConstraint(
                condition=Q(is_late=False) | ~Q(urgency_reason=""),
                name="agenda_publication_late_has_reason",
                violation_error_message="A late publication needs the reason for urgency (LGA 1972 s100B(4)).",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: agenda version {self.version}"

    @property
    def late_as_a_whole(self) -> bool:
        """Its first version came after the last lawful day: the reason for urgency is the
        whole agenda's, printed once at its head, not an item's."""
        return self.is_late and self.version == 1
