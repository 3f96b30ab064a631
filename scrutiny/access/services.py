"""Writes for access: giving and taking away roles."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from scrutiny.core.history import HISTORY_USER_ATTRIBUTE, save_with_history
from scrutiny.governance.models import Committee, Organisation

from .models import Role, RoleKind


@transaction.atomic
def role_grant(
    *,
    user: User,
    council: Organisation,
    kind: RoleKind,
    committees: Iterable[Committee] = (),
    partner: Organisation | None = None,
    by: User | None,
) -> Role:
    """Give `user` a role in `council` (an officer of the `committees` named, or of all).
    Granting a role the user already holds changes only the committees named."""
    named = list(committees)
    if any(c.council_id != council.pk for c in named):
        raise ValidationError("An officer's committees must be the council's own.")
    if kind != RoleKind.OFFICER and named:
        raise ValidationError("Only a committee officer's role names committees.")
    role = Role.objects.filter(user=user, council=council, kind=kind, partner=partner).first()
    if role is None:
        role = Role(user=user, council=council, kind=kind, partner=partner)
        save_with_history(role, by=by)
    role.committees.set(named)
    return role


@transaction.atomic
def role_revoke(*, role: Role, by: User | None) -> None:
    setattr(role, HISTORY_USER_ATTRIBUTE, by)
    role.delete()
