"""Who holds which role, in which council.

A role is held by a sign-in account in one council: a council administrator manages the
council's accounts and records; a committee officer runs the council's committees (all of
them, or the committees named); a partner contact speaks for one partner organisation. A
member is not a role held here: it follows from a seat on a committee (governance), held by
the person linked to the account. The installation superuser is Django's `is_superuser`.

What each role may do is decided in `scrutiny.access.policy`, nowhere else.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from scrutiny.governance.models import Committee, Organisation, OrganisationKind


class RoleKind(models.TextChoices):
    ADMINISTRATOR = "administrator", "Council administrator"
    OFFICER = "officer", "Committee officer"
    PARTNER_CONTACT = "partner_contact", "Partner contact"


class Role(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles")
    council = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="roles",
        limit_choices_to={"kind": OrganisationKind.COUNCIL},
    )
    kind = models.CharField(max_length=20, choices=RoleKind.choices)
    committees = models.ManyToManyField(
        Committee,
        blank=True,
        related_name="officer_roles",
        help_text="A committee officer of these committees only; none named: every committee of the council.",
    )
    partner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contact_roles",
        help_text="The partner organisation a partner contact speaks for.",
    )
    granted_on = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[committees])

    class Meta:
        ordering = ["council__name", "kind", "user__username"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=RoleKind.values), name="role_kind_valid"),
            models.CheckConstraint(
                condition=(Q(kind=RoleKind.PARTNER_CONTACT) & Q(partner__isnull=False))
                | (~Q(kind=RoleKind.PARTNER_CONTACT) & Q(partner__isnull=True)),
                name="role_partner_only_for_contacts",
                violation_error_message="A partner contact names their partner; other roles name none.",
            ),
            models.UniqueConstraint(
                fields=["user", "council", "kind"],
                condition=Q(partner__isnull=True),
                name="role_unique_per_council",
            ),
            models.UniqueConstraint(
                fields=["user", "council", "kind", "partner"],
                condition=Q(partner__isnull=False),
                name="role_unique_per_partner",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_kind_display()}, {self.council}"


class SignInUnlock(models.Model):
    """A lock on signing in (too many wrong passwords) lifted before it expired: by whom, for
    which account, in which council's name."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sign_in_unlocks")
    council = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="sign_in_unlocks")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    failures_cleared = models.PositiveIntegerField(help_text="Wrong attempts forgotten by lifting the lock.")
    unlocked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-unlocked_at"]

    def __str__(self) -> str:
        return f"{self.user} unlocked by {self.by or 'the system'} on {self.unlocked_at:%d %B %Y %H:%M}"
