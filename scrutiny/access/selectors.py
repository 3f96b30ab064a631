"""Reads for the council administrator's screens."""

from __future__ import annotations

from dataclasses import dataclass, replace

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Sum
from django.utils import timezone

from scrutiny.governance.models import Organisation

from .models import Role


@dataclass(frozen=True)
class Account:
    user: User
    roles: list[Role]
    locked: bool = False

    @property
    def awaiting_password(self) -> bool:
        return not self.user.has_usable_password()


def council_accounts(*, council: Organisation) -> list[Account]:
    """Every account holding a role in `council`, with its roles there only."""
    roles = Role.objects.filter(council=council).select_related("user", "partner").prefetch_related("committees")
    by_user: dict[int, Account] = {}
    for role in roles.order_by("user__last_name", "user__username", "kind"):
        by_user.setdefault(role.user_id, Account(role.user, [])).roles.append(role)
    locked = locked_usernames([a.user.get_username() for a in by_user.values()])
    return [replace(a, locked=a.user.get_username() in locked) for a in by_user.values()]


def locked_usernames(usernames: list[str]) -> set[str]:
    """Which of these usernames may not sign in now: django-axes counts ten wrong attempts
    within the cool-off period (counted by username; an address's own lock is the superuser's
    to lift, in the admin)."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    counts = (
        AccessAttempt.objects.filter(username__in=usernames, attempt_time__gte=since)
        .values("username")
        .annotate(failures=Sum("failures_since_start"))
    )
    return {row["username"] for row in counts if row["failures"] >= settings.AXES_FAILURE_LIMIT}
