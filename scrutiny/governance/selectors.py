"""Reads about councils, committees, people and memberships."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from django.db.models import F, Model, Q, QuerySet

from scrutiny.rules import municipal_year as municipal_year_rule

from .models import (
    MEMBER_ROLES,
    NAME_NOT_RECORDED,
    Branding,
    Committee,
    Membership,
    MembershipRole,
    MunicipalYear,
    Organisation,
    OrganisationKind,
    Partnership,
    Person,
    Post,
    Scrutiny,
    Succession,
)

M = TypeVar("M", bound=Model)


def annual_meetings(council: Organisation) -> dict[int, dt.date]:
    return {
        y.start_year: y.annual_meeting_on
        for y in MunicipalYear.objects.filter(council=council, annual_meeting_on__isnull=False)
        if y.annual_meeting_on is not None
    }


def municipal_year_bounds(*, council: Organisation, start_year: int) -> tuple[dt.date, dt.date]:
    return municipal_year_rule.bounds(start_year, annual_meetings(council))


def municipal_year_of(*, council: Organisation, day: dt.date) -> int:
    return municipal_year_rule.start_year_for(day, annual_meetings(council))


def membership_period(
    membership: Membership, meetings_of_council: dict[int, dt.date]
) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day of a membership: explicit dates win over its municipal year."""
    start, end = membership.starts_on, membership.ends_on
    year = membership.municipal_year if membership.municipal_year_id is not None else None
    if year is not None:
        year_start, year_end = municipal_year_rule.bounds(year.start_year, meetings_of_council)
        start = start or year_start
        end = end or year_end
    return start, end


def _covers(period: tuple[dt.date | None, dt.date | None], day: dt.date) -> bool:
    start, end = period
    return (start is None or start <= day) and (end is None or day <= end)


def person_is_committee_member(*, person: Person, committee: Committee, on: Iterable[dt.date]) -> bool:
    """Whether the person held a member's seat (not an invitation) on any of the given days."""
    days = list(on)
    memberships = list(
        Membership.objects.filter(
            person=person, organisation=committee, role__in=MEMBER_ROLES
        ).select_related("municipal_year")
    )
    if not memberships:
        return False
    meetings_of_council = annual_meetings(committee.council)
    return any(_covers(membership_period(m, meetings_of_council), day) for m in memberships for day in days)


def members_on(*, committee: Committee, day: dt.date) -> list[Membership]:
    """The members' seats (not invitations) held on `day`, Chairman first."""
    meetings_of_council = annual_meetings(committee.council)
    order = {role: i for i, role in enumerate(MembershipRole.values)}
    seats = [
        m
        for m in Membership.objects.filter(organisation=committee, role__in=MEMBER_ROLES, person__isnull=False)
        .exclude(role=MembershipRole.SUBSTITUTE)
        .select_related("person", "municipal_year")
        if _covers(membership_period(m, meetings_of_council), day)
    ]
    return sorted(seats, key=lambda m: (order[m.role], m.person.family_name if m.person else ""))


def co_opted_on(*, committee: Committee, day: dt.date) -> list[Membership]:
    """The co-opted members' seats held on `day`, by family name."""
    meetings_of_council = annual_meetings(committee.council)
    seats = [
        m
        for m in Membership.objects.filter(
            organisation=committee, role=MembershipRole.CO_OPTED, person__isnull=False
        ).select_related("person", "municipal_year")
        if _covers(membership_period(m, meetings_of_council), day)
    ]
    return sorted(seats, key=lambda m: m.person.family_name if m.person else "")


@dataclass(frozen=True)
class SeatView:
    name: str
    role: str
    capacity: str
    councillor: str = ""  # the councillor's slug, for their page


def committee_seats(*, committee: Committee, start_year: int) -> list[SeatView]:
    """Members and standing invitees for one municipal year, Chairman first."""
    meetings_of_council = annual_meetings(committee.council)
    first, last = municipal_year_rule.bounds(start_year, meetings_of_council)
    order = {role: i for i, role in enumerate(MembershipRole.values)}
    seats = []
    for m in Membership.objects.filter(organisation=committee).select_related(
        "person", "post", "municipal_year"
    ):
        start, end = membership_period(m, meetings_of_council)
        if (start is not None and start > last) or (end is not None and end < first):
            continue
        if m.person is not None:
            name = m.person.printed_name(with_councillor=committee.names_with_councillor)
            sort_name = m.person.family_name
        elif m.post is not None:
            name, sort_name = _post_name(m.post), m.post.title
        else:  # the record does not say who held the seat
            name, sort_name = NAME_NOT_RECORDED, ""
        councillor = m.person.slug if m.person is not None and m.person.is_councillor else ""
        view = SeatView(name=name, role=m.get_role_display(), capacity=m.capacity, councillor=councillor)
        seats.append((order[m.role], sort_name, view))
    return [seat for _, _, seat in sorted(seats, key=lambda t: (t[0], t[1]))]


def _post_name(post: Post) -> str:
    if post.organisation.kind == OrganisationKind.COUNCIL:
        return f"The {post.title}"
    return f"The {post.title}, {post.organisation.name}"


def years_with_records(*, committee: Committee) -> list[int]:
    """Municipal years (by start year) in which the committee has meetings or memberships."""
    meetings_of_council = annual_meetings(committee.council)
    years = {
        municipal_year_rule.start_year_for(d, meetings_of_council)
        for d in committee.meetings.values_list("date", flat=True)
    }
    years |= set(
        Membership.objects.filter(organisation=committee, municipal_year__isnull=False).values_list(
            "municipal_year__start_year", flat=True
        )
    )
    return sorted(years)


def scrutinised_partnerships(*, committee: Committee) -> list[Scrutiny]:
    """The community safety partnerships the committee scrutinises or scrutinised, in order."""
    return list(
        Scrutiny.objects.filter(committee=committee)
        .select_related("partnership")
        .order_by(F("starts_on").asc(nulls_first=True), "partnership__name")
    )


def partners_of(*, partnership: Organisation) -> QuerySet[Partnership]:
    return (
        Partnership.objects.filter(partnership=partnership)
        .select_related("member")
        .order_by("role", "member__name")
    )


def committees() -> QuerySet[Committee]:
    return Committee.objects.select_related("council").order_by("council__name", "name")


def successions_of(organisation: Organisation) -> dict[str, list[Succession]]:
    return {
        "before": list(Succession.objects.filter(successor=organisation).select_related("predecessor")),
        "after": list(Succession.objects.filter(predecessor=organisation).select_related("successor")),
    }


def active_on(qs: QuerySet[M], day: dt.date) -> QuerySet[M]:
    return qs.filter(Q(starts_on__isnull=True) | Q(starts_on__lte=day)).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=day)
    )


def council_people(*, council: Organisation) -> QuerySet[Person]:
    """The people an administrator of `council` chooses from: those with a seat or
    invitation on its committees, a post in it, and those not yet placed anywhere (just
    added). Never the people of another council only."""
    return (
        Person.objects.filter(
            Q(memberships__organisation__committee__council=council)
            | Q(post_holdings__post__organisation=council)
            | (Q(memberships__isnull=True) & Q(post_holdings__isnull=True))
        )
        .distinct()
        .order_by("family_name", "given_name", "initials")
    )


def committee_memberships(*, committee: Committee) -> list[tuple[str, list[Membership]]]:
    """Every seat and invitation of the committee, by municipal year (latest first); those
    given by dates only under their start year."""
    meetings_of_council = annual_meetings(committee.council)
    by_year: dict[int, list[Membership]] = {}
    for m in Membership.objects.filter(organisation=committee).select_related("person", "post", "municipal_year"):
        start, _ = membership_period(m, meetings_of_council)
        if m.municipal_year is not None:
            year = m.municipal_year.start_year
        else:  # a seat without its year has a start date (a database constraint)
            year = municipal_year_rule.start_year_for(start, meetings_of_council) if start else 0
        by_year.setdefault(year, []).append(m)
    order = {role: i for i, role in enumerate(MembershipRole.values)}
    return [
        (municipal_year_rule.label(year), sorted(seats, key=lambda m: (order[m.role], m.holder_label)))
        for year, seats in sorted(by_year.items(), reverse=True)
    ]


def partner_scope(*, committee: Committee) -> QuerySet[Organisation]:
    """The bodies an administrator of the committee's council reaches: the council, the
    partnerships the committee scrutinises and their members."""
    partnerships = Scrutiny.objects.filter(committee=committee).values("partnership")
    return Organisation.objects.filter(
        Q(pk=committee.council_id)
        | Q(pk__in=partnerships)
        | Q(pk__in=Partnership.objects.filter(partnership__in=partnerships).values("member"))
    ).order_by("name")


@dataclass(frozen=True)
class PartnersView:
    remits: list[tuple[Scrutiny, list[Partnership]]]
    successions: list[Succession]
    posts: list[Post]


def partners_screen(*, committee: Committee) -> PartnersView:
    """What the administrators' partners and posts screen shows."""
    scope = partner_scope(committee=committee)
    return PartnersView(
        remits=[(remit, list(partners_of(partnership=remit.partnership))) for remit in scrutinised_partnerships(committee=committee)],
        successions=list(
            Succession.objects.filter(predecessor__in=scope, successor__in=scope)
            .select_related("predecessor", "successor")
            .order_by(F("on").asc(nulls_first=True))
        ),
        posts=list(
            Post.objects.filter(organisation__in=scope)
            .select_related("organisation")
            .prefetch_related("holders__person")
        ),
    )


def branding_of(council: Organisation | None) -> Branding | None:
    """The council's branding, if it has set one."""
    if council is None:
        return None
    return Branding.objects.filter(council=council).first()


def council_display_name(council: Organisation) -> str:
    """The council's name as it styles itself on its pages and papers."""
    branding = branding_of(council)
    return branding.name if branding else council.name
