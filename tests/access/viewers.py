"""The people every leak test tries: who is entitled to exempt business, and who is not.

One builder, so that the tests of agendas, minutes and performance data try the same set.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import Permission

from scrutiny.access.services import officer_group_ensure
from scrutiny.governance.models import Membership
from tests.factories import PersonFactory, UserFactory

ENTITLED = ["officer", "member", "substitute"]
NOT_ENTITLED = [
    "anonymous",
    "signed-in stranger",
    "former member",
    "invitee",
    "inactive officer",
    "staff without exempt permission",
]


def member_user(committee, role: str, **period):
    """A councillor's account, with a membership of the committee for `period`."""
    user = UserFactory()
    Membership.objects.create(organisation=committee, person=PersonFactory(user=user), role=role, **period)
    return user


def viewers(committee, *, current: dict, clerk_apps: list[str], substitute: bool = True) -> dict:
    """Accounts by name. `current` is a current membership's period (e.g. municipal_year=...);
    the clerk is staff with every permission of `clerk_apps` but the one to see exempt business."""
    officer = UserFactory(is_staff=True)
    officer.groups.add(officer_group_ensure())
    inactive_officer = UserFactory(is_staff=True, is_active=False)
    inactive_officer.groups.add(officer_group_ensure())
    clerk = UserFactory(is_staff=True)
    clerk.user_permissions.add(
        *Permission.objects.filter(content_type__app_label__in=clerk_apps).exclude(codename="view_exempt_business")
    )
    users = {
        "officer": officer,
        "member": member_user(committee, "chairman", **current),
        "former member": member_user(committee, "member", starts_on=dt.date(2010, 5, 1), ends_on=dt.date(2015, 5, 1)),
        "invitee": member_user(committee, "standing_invitee", **current),
        "inactive officer": inactive_officer,
        "staff without exempt permission": clerk,
        "signed-in stranger": UserFactory(),
    }
    if substitute:
        users["substitute"] = member_user(committee, "substitute", **current)
    return users
