"""The demo's sign-in accounts. Demo only: a real installation creates its superuser
(`scrutiny createsuperuser`), who creates each council and its first administrator; the
administrators invite everyone else. It never uses these passwords."""

from __future__ import annotations

import base64
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

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
    # Demo only: the authenticator app's secret (hex) and recovery codes of an account that
    # must sign in with two factors, so that the demo can be tried without a phone.
    totp_key: str = ""
    recovery_codes: tuple[str, ...] = ()


OFFICER = DemoAccount(
    "officer",
    "demo-officer-password",
    "committee officer and administrator of Dartford Borough Council (Member Services): runs its committee, "
    "sees its exempt business, manages its accounts",
    "dartford-bc",
    totp_key="3132333435363738393031323334353637383930",
    recovery_codes=("demoaaa1", "demoaaa2", "demoaaa3", "demoaaa4", "demoaaa5"),
)
OFFICER2 = DemoAccount(
    "officer2",
    "demo-officer2-password",
    "committee officer of Example District Council (invented): runs its committee only, never sees Dartford's exempt business",
    "example-dc",
    totp_key="4142434445464748494a4b4c4d4e4f5051525354",
    recovery_codes=("demobbb1", "demobbb2", "demobbb3", "demobbb4", "demobbb5"),
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
    totp_key="6162636465666768696a6b6c6d6e6f7071727374",
    recovery_codes=("democcc1", "democcc2", "democcc3", "democcc4", "democcc5"),
)


def _account(account: DemoAccount, **flags: bool) -> tuple[User, bool]:
    user, created = get_user_model().objects.get_or_create(username=account.username, defaults=flags)
    if created:
        user.set_password(account.password)
        user.save()
    return user, created


def _second_factor(user: User, account: DemoAccount) -> None:
    """Demo only: the account's authenticator app, with its known secret, and its recovery
    codes, given back in full each time the demo is loaded (a code works once)."""
    TOTPDevice.objects.update_or_create(
        user=user, name="Demo authenticator app", defaults={"key": account.totp_key, "confirmed": True}
    )
    device, _ = StaticDevice.objects.get_or_create(user=user, name="Demo recovery codes", defaults={"confirmed": True})
    device.token_set.all().delete()
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in account.recovery_codes)


def secret_of(account: DemoAccount) -> str:
    """The demo app's secret as an authenticator app asks for it (base32)."""
    return base64.b32encode(bytes.fromhex(account.totp_key)).decode("ascii")


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
        _second_factor(officer, account)
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
    _second_factor(superuser, SUPERUSER)
    results.append((SUPERUSER, created))
    return results
