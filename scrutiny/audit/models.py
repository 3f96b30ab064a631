"""The record of every opening of exempt or confidential business: who, what, when, from where.

Append-only: rows are written by `services.exempt_opening_record` (through the middleware) and
never changed. A row outlives what it names: the account, the meeting and the paper are kept
as text (`who`, `username`, `what`) beside links that are cleared if the record is deleted.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from scrutiny.core.openings import OpeningFormat, OpeningKind


class Capacity(models.TextChoices):
    """Why the policy let the viewer open it."""

    OFFICER = "officer", "Officer of the committee"
    MEMBER = "member", "Member of the committee"
    SUPERUSER = "superuser", "Installation superuser"
    NOT_SIGNED_IN = "not_signed_in", "Not signed in"


class ExemptOpening(models.Model):
    opened_at = models.DateTimeField(default=timezone.now)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+")
    who = models.CharField(max_length=300, help_text="The account's name when it opened it.")
    username = models.CharField(max_length=150, blank=True)
    capacity = models.CharField(max_length=20, choices=Capacity.choices)
    committee = models.ForeignKey("governance.Committee", on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+")
    document = models.ForeignKey("documents.Document", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+")
    kind = models.CharField(max_length=30, choices=OpeningKind.choices)
    format = models.CharField(max_length=10, choices=OpeningFormat.choices)
    what = models.CharField(max_length=500)
    address = models.GenericIPAddressField(null=True, blank=True, help_text="Where it was opened from.")
    path = models.CharField(max_length=2000, help_text="The address opened.")

    class Meta:
        ordering = ["-opened_at", "-pk"]
        verbose_name = "opening of exempt business"
        verbose_name_plural = "openings of exempt business"
        indexes = [
            models.Index(fields=["committee", "-opened_at"], name="audit_committee_opened"),
            models.Index(fields=["meeting", "-opened_at"], name="audit_meeting_opened"),
            models.Index(fields=["user", "-opened_at"], name="audit_user_opened"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(who=""), name="audit_opening_names_who"),
            models.CheckConstraint(condition=~Q(what=""), name="audit_opening_names_what"),
            models.CheckConstraint(condition=Q(kind__in=OpeningKind.values), name="audit_opening_kind_known"),
            models.CheckConstraint(condition=Q(format__in=OpeningFormat.values), name="audit_opening_format_known"),
            models.CheckConstraint(condition=Q(capacity__in=Capacity.values), name="audit_opening_capacity_known"),
        ]

    def __str__(self) -> str:
        return f"{self.who} opened {self.what} ({self.opened_at:%Y-%m-%d %H:%M})"
