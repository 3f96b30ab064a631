"""Reads for the council administrator's screens."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User

from scrutiny.governance.models import Organisation

from .models import Role


@dataclass(frozen=True)
class Account:
    user: User
    roles: list[Role]

    @property
    def awaiting_password(self) -> bool:
        return not self.user.has_usable_password()


def council_accounts(*, council: Organisation) -> list[Account]:
    """Every account holding a role in `council`, with its roles there only."""
    roles = Role.objects.filter(council=council).select_related("user", "partner").prefetch_related("committees")
    by_user: dict[int, Account] = {}
    for role in roles.order_by("user__last_name", "user__username", "kind"):
        by_user.setdefault(role.user_id, Account(role.user, [])).roles.append(role)
    return list(by_user.values())
