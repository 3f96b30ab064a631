"""The demo's sign-in accounts. Demo only: a real installation creates its superuser
(`scrutiny createsuperuser`), who creates each council and its first administrator; the
administrators invite everyone else. It never uses these passwords."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction

from scrutiny.access.models import RoleKind
from scrutiny.access.services import role_grant
from scrutiny.demo.loader import change_reason_set
from scrutiny.governance.models import Organisation, Person


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    who: str
    council_slug: str = ""


OFFICER = DemoAccount(
    "officer",
    "demo-officer-password",
    "committee officer and administrator of Dartford Borough Council (Member Services): runs its committee, "
    "sees its exempt business, manages its accounts",
    "dartford-bc",
)
OFFICER2 = DemoAccount(
    "officer2",
    "demo-officer2-password",
    "committee officer of Example District Council (invented): runs its committee only, never sees Dartford's exempt business",
    "example-dc",
)
MEMBER = DemoAccount(
    "member",
    "demo-member-password",
    "Councillor R J Wells, Chairman 2017-18: reads the papers, including exempt ones of his year",
)
MEMBER_PERSON_SLUG = "r-j-wells"
SUPERUSER = DemoAccount(
    "superuser",
    "demo-superuser-password",
    "the installation's superuser: the Django admin, for maintenance only (councils, first administrators)",
)


def _account(account: DemoAccount, **flags: bool) -> tuple[User, bool]:
    user, created = get_user_model().objects.get_or_create(username=account.username, defaults=flags)
    if created:
        user.set_password(account.password)
        user.save()
    return user, created


@transaction.atomic
def demo_accounts_ensure() -> list[tuple[DemoAccount, bool]]:
    """Create the accounts if missing. Existing accounts keep their passwords (idempotent)."""
    results: list[tuple[DemoAccount, bool]] = []
    for account in (OFFICER, OFFICER2):
        council = Organisation.objects.filter(slug=account.council_slug).first()
        if council is None:
            continue
        officer, created = _account(account)
        role_grant(user=officer, council=council, kind=RoleKind.OFFICER, by=None)
        if account is OFFICER:
            role_grant(user=officer, council=council, kind=RoleKind.ADMINISTRATOR, by=None)
        results.append((account, created))
    person = Person.objects.filter(slug=MEMBER_PERSON_SLUG).first()
    if person is not None:
        member, created = _account(MEMBER)
        if person.user_id != member.pk:
            person.user = member
            change_reason_set(person, "Demo member account linked")
            person.save()
        results.append((MEMBER, created))
    superuser, created = _account(SUPERUSER, is_staff=True, is_superuser=True)
    results.append((SUPERUSER, created))
    return results
