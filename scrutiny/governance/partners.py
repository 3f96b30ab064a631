"""Writes to the partners and posts of a committee's council: the partnerships it
scrutinises, their member bodies, bodies succeeding one another, and officer posts.

Bodies are shared between councils (a county's police force sits on every district's
partnership), so an administrator reaches a body only through their committee's remit:
the council itself, the partnerships the committee scrutinises, and those partnerships'
members (`selectors.partner_scope`).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from scrutiny.core.history import save_with_history

from .models import (
    Committee,
    Organisation,
    OrganisationKind,
    PartnerRole,
    Partnership,
    Person,
    Post,
    PostHolding,
    Scrutiny,
    Succession,
)
from .selectors import council_people, partner_scope, scrutinised_partnerships


def _free_slug(base: str) -> str:
    base = base or "organisation"
    slug, n = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _organisation_create(*, name: str, kind: str, short_name: str = "", public_description: str = "",
                         by: User | None) -> Organisation:
    name = name.strip()
    if not name:
        raise ValidationError("Enter the organisation's name.")
    organisation = Organisation(
        name=name, kind=kind, short_name=short_name.strip(), public_description=public_description.strip(),
        slug=_free_slug(slugify(name)[:70]),
    )
    save_with_history(organisation, by=by)
    return organisation


def _ensure_in_scope(committee: Committee, *organisations: Organisation) -> None:
    scope = set(partner_scope(committee=committee).values_list("pk", flat=True))
    for organisation in organisations:
        if organisation.pk not in scope:
            raise ValidationError(f"{organisation.name} is not a partner of the {committee.name}'s partnerships.")


@transaction.atomic
def partnership_scrutinise(
    *, committee: Committee, name: str, starts_on: dt.date | None = None, ends_on: dt.date | None = None,
    by: User | None = None,
) -> Scrutiny:
    """Record a community safety partnership the committee scrutinises, from a date."""
    partnership = _organisation_create(name=name, kind=OrganisationKind.CSP, by=by)
    remit = Scrutiny(committee=committee, partnership=partnership, starts_on=starts_on, ends_on=ends_on)
    save_with_history(remit, by=by)
    return remit


@transaction.atomic
def partner_add(
    *,
    committee: Committee,
    partnership: Organisation,
    member: Organisation | None = None,
    name: str = "",
    kind: str = OrganisationKind.RESPONSIBLE_AUTHORITY,
    short_name: str = "",
    public_description: str = "",
    role: str = PartnerRole.RESPONSIBLE_AUTHORITY,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    note: str = "",
    by: User | None = None,
) -> Partnership:
    """Make a body a member of a partnership the committee scrutinises: one already among
    its partners (`member`), or a new one (`name`)."""
    if partnership.pk not in {s.partnership_id for s in scrutinised_partnerships(committee=committee)}:
        raise ValidationError(f"The {committee.name} does not scrutinise {partnership.name}.")
    if (member is None) == (not name.strip()):
        raise ValidationError("Choose one of the partners already recorded, or give the name of a new one: not both.")
    if member is None:
        member = _organisation_create(
            name=name, kind=kind, short_name=short_name, public_description=public_description, by=by
        )
    else:
        _ensure_in_scope(committee, member)
    row = Partnership(partnership=partnership, member=member, role=role, starts_on=starts_on, ends_on=ends_on,
                      note=note.strip())
    save_with_history(row, by=by)
    return row


@transaction.atomic
def partner_end(*, partner: Partnership, ends_on: dt.date, by: User | None = None) -> Partnership:
    """A body leaves a partnership on a date."""
    partner.ends_on = ends_on
    save_with_history(partner, by=by)
    return partner


@transaction.atomic
def succession_add(
    *, committee: Committee, predecessor: Organisation, successor: Organisation, on: dt.date | None = None,
    note: str = "", by: User | None = None,
) -> Succession:
    """Record that `successor` took over from `predecessor` (the Dartford CSP after the joint
    Dartford and Gravesham CSP). A body cannot succeed itself: refused with a message."""
    _ensure_in_scope(committee, predecessor, successor)
    succession = Succession(predecessor=predecessor, successor=successor, on=on, note=note.strip())
    save_with_history(succession, by=by)
    return succession


@transaction.atomic
def post_add(
    *, committee: Committee, organisation: Organisation, title: str, unit: str = "", by: User | None = None
) -> Post:
    """An officer post of the council or of a partner ('Community Safety Manager', CSU)."""
    _ensure_in_scope(committee, organisation)
    post = Post(organisation=organisation, title=title.strip(), unit=unit.strip())
    save_with_history(post, by=by)
    return post


@transaction.atomic
def post_holder_add(
    *, committee: Committee, post: Post, person: Person, starts_on: dt.date | None = None,
    ends_on: dt.date | None = None, by: User | None = None,
) -> PostHolding:
    """Someone holds a post from a date (to a date, if known)."""
    _ensure_in_scope(committee, post.organisation)
    if not council_people(council=committee.council).filter(pk=person.pk).exists():
        raise ValidationError(f"{person} is not one of the {committee.council.name}'s people.")
    holding = PostHolding(post=post, person=person, starts_on=starts_on, ends_on=ends_on)
    save_with_history(holding, by=by)
    return holding
