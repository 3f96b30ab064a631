"""Writes to the committee's records: its protocol settings, its people and their seats.

Linking an account to a person and giving a seat decide who reads exempt papers (the
access policy follows the seat), so both are the council administrator's, with history.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from scrutiny.core.history import save_with_history

from .models import Committee, CommitteeName, Membership, MunicipalYear, Person

SETTINGS = (
    "description", "contact", "partner_notice_days", "partner_notice_counting", "quorum", "clear_days_convention",
    "meetings_per_year", "agenda_setting_weeks", "chair_title", "agenda_numbering", "names_with_councillor",
    "seasons", "statutory_documents",
)


@transaction.atomic
def committee_settings_update(*, committee: Committee, by: User | None = None, **settings: object) -> Committee:
    """Change the committee's protocol settings (see `SETTINGS`); each is checked by the
    model's constraints, with a message that says why."""
    unknown = set(settings) - set(SETTINGS)
    if unknown:
        raise ValidationError(f"A committee has no setting named {', '.join(sorted(unknown))}.")
    for name, value in settings.items():
        setattr(committee, name, value)
    save_with_history(committee, by=by)
    return committee


def _free_slug(base: str) -> str:
    slug, n = base or "person", 1
    while Person.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def person_create(
    *,
    family_name: str,
    given_name: str = "",
    initials: str = "",
    honorific: str = "",
    honours: str = "",
    is_councillor: bool = False,
    public_description: str = "",
    note: str = "",
    by: User | None = None,
) -> Person:
    person = Person(
        family_name=family_name.strip(), given_name=given_name.strip(), initials=initials.strip(),
        honorific=honorific.strip(), honours=honours.strip(), is_councillor=is_councillor,
        public_description=public_description.strip(), note=note.strip(),
    )
    person.slug = _free_slug(slugify(f"{person.given_name or person.initials} {person.family_name}")[:70])
    save_with_history(person, by=by)
    return person


@transaction.atomic
def person_link_account(*, person: Person, user: User | None, by: User | None = None) -> Person:
    """Link (or, with None, unlink) the person's sign-in account. The account then reads the
    exempt papers of the committees the person has a seat on, for the days of the seat."""
    if user is not None and Person.objects.filter(user=user).exclude(pk=person.pk).exists():
        raise ValidationError(f"{user.get_username()} is already the account of someone else.")
    person.user = user
    save_with_history(person, by=by)
    return person


@transaction.atomic
def membership_add(
    *,
    committee: Committee,
    person: Person | None,
    role: str,
    municipal_year: MunicipalYear | None = None,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    capacity: str = "",
    party_group: str = "",
    may_vote: bool = True,
    note: str = "",
    by: User | None = None,
) -> Membership:
    """Give a seat (or a standing invitation) for a municipal year or from a date. An end
    date not known is left empty: the seat lasts to the end of its year, or until ended. A
    seat whose holder the record does not name (an unnamed chair) has no person."""
    if municipal_year is not None and municipal_year.council_id != committee.council_id:
        raise ValidationError("Choose a municipal year of the committee's own council.")
    seat = Membership(
        organisation=committee, person=person, role=role, municipal_year=municipal_year, starts_on=starts_on,
        ends_on=ends_on, capacity=capacity.strip(), party_group=party_group.strip(), may_vote=may_vote,
        note=note.strip(),
    )
    save_with_history(seat, by=by)
    return seat


@transaction.atomic
def membership_end(*, membership: Membership, ends_on: dt.date, by: User | None = None) -> Membership:
    """End a seat on a date (a resignation, a death, a change of group)."""
    membership.ends_on = ends_on
    save_with_history(membership, by=by)
    return membership


@transaction.atomic
def committee_rename(*, committee: Committee, name: str, on: dt.date, by: User | None = None) -> Committee:
    """Rename the committee from `on`: its meetings before keep the name they had."""
    name = name.strip()
    if not name or name == committee.name:
        raise ValidationError("Give the committee's new name.")
    latest = committee.former_names.order_by("-until").first()
    if latest is not None and on <= latest.until:
        raise ValidationError(f"The committee was renamed on {latest.until + dt.timedelta(days=1):%d %B %Y}: "
                              "a later renaming starts after it.")
    save_with_history(CommitteeName(committee=committee, name=committee.name, until=on - dt.timedelta(days=1)), by=by)
    committee.name = name
    save_with_history(committee, by=by)
    return committee
