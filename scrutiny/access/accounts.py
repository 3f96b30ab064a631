"""Writes for accounts: a council administrator invites, deactivates, resets and unlocks the
accounts of their council. Mail goes after the transaction commits, so that an invitation
is never sent for an account that was not saved.
"""

from __future__ import annotations

from collections.abc import Iterable

from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from scrutiny.governance.models import Committee, Membership, Organisation, Person
from scrutiny.governance.services import person_link_account

from .models import Role, RoleKind, SignInUnlock
from .selectors import locked_usernames
from .services import role_grant, role_revoke


def set_password_path(user: User) -> str:
    """The one-time address at which `user` sets a password: it stops working once used
    (the token is made from the password it replaces) or after PASSWORD_RESET_TIMEOUT."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("password_set", args=[uid, default_token_generator.make_token(user)])


def _mail_link(*, user: User, council: Organisation, site: str, invited: bool) -> None:
    link = site.rstrip("/") + set_password_path(user)
    opening = (
        f"You have been given an account to run {council.name}'s committee business."
        if invited
        else f"A new password was asked for your account with {council.name}."
    )
    body = (
        f"{opening}\n\nChoose your password here (the link works once, for three days):\n{link}\n\n"
        f"Your username is {user.get_username()}.\nIf you did not expect this message, ignore it."
    )
    send_mail(f"{council.name}: your committee papers account", body, None, [user.email])


@transaction.atomic
def account_invite(
    *,
    council: Organisation,
    email: str,
    first_name: str,
    last_name: str,
    kind: RoleKind,
    committees: Iterable[Committee] = (),
    partner: Organisation | None = None,
    site: str,
    by: User | None,
) -> User:
    """Invite someone by e-mail to a role in `council`. A new account has no password until
    they choose one through the one-time link; someone who already has an account (of
    another council, say) is given the role and told so."""
    address = email.strip().lower()
    validate_email(address)
    user = User.objects.filter(email__iexact=address).first()
    if user is not None and Role.objects.filter(user=user, council=council, kind=kind).exists():
        raise ValidationError(f"{address} already holds that role in {council.name}.")
    invited = user is None
    if user is not None and not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    if user is None:
        user = User(username=address, email=address, first_name=first_name.strip(), last_name=last_name.strip())
        user.set_unusable_password()
        user.full_clean()
        user.save()
    role_grant(user=user, council=council, kind=kind, committees=committees, partner=partner, by=by)
    transaction.on_commit(lambda: _mail_link(user=user, council=council, site=site, invited=invited))
    return user


@transaction.atomic
def account_deactivate(*, user: User, council: Organisation, by: User | None) -> User:
    """Take away the account's roles in `council`; an account left with no role anywhere
    is deactivated and can no longer sign in."""
    if by is not None and user.pk == by.pk:
        raise ValidationError("You cannot take away your own roles: ask another administrator.")
    roles = list(Role.objects.filter(user=user, council=council))
    if not roles:
        raise ValidationError(f"{user.get_username()} holds no role in {council.name}.")
    for role in roles:
        role_revoke(role=role, by=by)
    if not Role.objects.filter(user=user).exists() and not user.is_superuser:
        user.is_active = False
        user.save(update_fields=["is_active"])
    return user


@transaction.atomic
def account_reset(*, user: User, council: Organisation, site: str, by: User | None) -> User:
    """Send a one-time link to choose a new password (the old one works until then)."""
    if not Role.objects.filter(user=user, council=council).exists():
        raise ValidationError(f"{user.get_username()} holds no role in {council.name}.")
    if not user.is_active or not user.email:
        raise ValidationError(f"{user.get_username()} has no active account with an e-mail address to send it to.")
    transaction.on_commit(lambda: _mail_link(user=user, council=council, site=site, invited=False))
    return user


@transaction.atomic
def account_invite_member(
    *, council: Organisation, person: Person, email: str, site: str, by: User | None
) -> User:
    """Give a councillor (or co-opted member) an account linked to their person: it reads the
    exempt papers of the committees they have a seat on, for the days of the seat. A new
    account chooses its password through the one-time link."""
    address = email.strip().lower()
    validate_email(address)
    if person.user_id is not None:
        raise ValidationError(f"{person.formal_name} already has an account: {person.user}.")
    elsewhere = Membership.objects.filter(person=person).exclude(organisation__committee__council=council)
    if elsewhere.exists():
        # The account would read that council's exempt papers too: it is theirs to decide.
        raise ValidationError(
            f"{person.formal_name} also has a seat on another council's committee: ask that council's "
            "administrator to give the account."
        )
    user = User.objects.filter(email__iexact=address).first()
    invited = user is None
    if user is None:
        user = User(username=address, email=address, first_name=person.given_name, last_name=person.family_name)
        user.set_unusable_password()
        user.full_clean()
        user.save()
    person_link_account(person=person, user=user, by=by)
    transaction.on_commit(lambda: _mail_link(user=user, council=council, site=site, invited=invited))
    return user


@transaction.atomic
def account_unlock(*, user: User, council: Organisation, by: User | None) -> SignInUnlock:
    """Lift the lock on signing in to an account of `council` (too many wrong passwords)
    before it expires, and record who lifted it."""
    if not Role.objects.filter(user=user, council=council).exists():
        raise ValidationError(f"{user.get_username()} holds no role in {council.name}.")
    username = user.get_username()
    if username not in locked_usernames([username]):
        raise ValidationError(f"Signing in to {username} is not locked.")
    cleared = AccessAttempt.objects.filter(username=username).aggregate(n=Sum("failures_since_start"))["n"] or 0
    axes_reset(username=username)
    return SignInUnlock.objects.create(user=user, council=council, by=by, failures_cleared=cleared)
