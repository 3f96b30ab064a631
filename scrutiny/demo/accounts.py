"""The demo's sign-in accounts. Demo only: a real installation creates its own accounts
(`scrutiny createsuperuser`, then the admin) and never uses these passwords."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from scrutiny.access.services import officer_group_ensure
from scrutiny.demo.loader import change_reason_set
from scrutiny.governance.models import Person


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    who: str


OFFICER = DemoAccount(
    "officer",
    "demo-officer-password",
    "committee officer (Member Services): maintains every record, sees exempt business",
)
MEMBER = DemoAccount(
    "member",
    "demo-member-password",
    "Councillor R J Wells, Chairman 2017-18: reads the papers, including exempt ones of his year",
)
MEMBER_PERSON_SLUG = "r-j-wells"


@transaction.atomic
def demo_accounts_ensure() -> list[tuple[DemoAccount, bool]]:
    """Create the two accounts if missing. Existing accounts are left alone (idempotent)."""
    User = get_user_model()
    group = officer_group_ensure()
    results: list[tuple[DemoAccount, bool]] = []
    officer, created = User.objects.get_or_create(username=OFFICER.username, defaults={"is_staff": True})
    if created:
        officer.set_password(OFFICER.password)
        officer.save()
        officer.groups.add(group)
    results.append((OFFICER, created))
    member, created = User.objects.get_or_create(username=MEMBER.username)
    if created:
        member.set_password(MEMBER.password)
        member.save()
    person = Person.objects.get(slug=MEMBER_PERSON_SLUG)
    if person.user_id != member.pk:
        person.user = member
        change_reason_set(person, "Demo member account linked")
        person.save()
    results.append((MEMBER, created))
    return results
