"""The people every leak test tries: who is entitled to exempt business, and who is not.

One builder, so that the tests of agendas, minutes and performance data try the same set,
including the officers and members of another council in the same installation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth.models import Permission

from scrutiny.access.models import Role, RoleKind
from scrutiny.governance.models import Membership
from tests.factories import CommitteeFactory, OrganisationFactory, PersonFactory, UserFactory

ENTITLED = ["officer", "member", "substitute"]
NOT_ENTITLED = [
    "anonymous",
    "signed-in stranger",
    "former member",
    "invitee",
    "inactive officer",
    "staff without a role",
    "officer of another council",
    "member of another council",
    "officer of another committee",
    "council administrator",
    "partner contact",
]


def officer_of(council, *, committees: Iterable = (), **user_fields):
    """A committee officer of `council` (of the `committees` named, or of all of them)."""
    user = UserFactory(**user_fields)
    role = Role.objects.create(user=user, council=council, kind=RoleKind.OFFICER)
    role.committees.set(list(committees))
    return user


def member_user(committee, role: str, **period):
    """A councillor's account, with a membership of the committee for `period`."""
    user = UserFactory()
    Membership.objects.create(organisation=committee, person=PersonFactory(user=user), role=role, **period)
    return user


def viewers(committee, *, current: dict, clerk_apps: list[str], substitute: bool = True) -> dict:
    """Accounts by name. `current` is a current membership's period (e.g. municipal_year=...);
    the staff user without a role has every permission of `clerk_apps` in Django's admin
    sense, which gives no access to the committee's business."""
    council = committee.council
    clerk = UserFactory(is_staff=True)
    clerk.user_permissions.add(*Permission.objects.filter(content_type__app_label__in=clerk_apps))
    other_committee = CommitteeFactory(council=council, name="Licensing Committee")
    elsewhere = CommitteeFactory()
    elsewhere_period = {"starts_on": dt.date(2000, 1, 1)}
    administrator = UserFactory()
    Role.objects.create(user=administrator, council=council, kind=RoleKind.ADMINISTRATOR)
    contact = UserFactory()
    Role.objects.create(user=contact, council=council, kind=RoleKind.PARTNER_CONTACT,
                        partner=OrganisationFactory(name="Police"))
    users = {
        "officer": officer_of(council),
        "member": member_user(committee, "chairman", **current),
        "former member": member_user(committee, "member", starts_on=dt.date(2010, 5, 1), ends_on=dt.date(2015, 5, 1)),
        "invitee": member_user(committee, "standing_invitee", **current),
        "inactive officer": officer_of(council, is_active=False),
        "staff without a role": clerk,
        "signed-in stranger": UserFactory(),
        "officer of another council": officer_of(elsewhere.council, is_staff=True),
        "member of another council": member_user(elsewhere, "chairman", **elsewhere_period),
        "officer of another committee": officer_of(council, committees=[other_committee]),
        "council administrator": administrator,
        "partner contact": contact,
    }
    if substitute:
        users["substitute"] = member_user(committee, "substitute", **current)
    return users
