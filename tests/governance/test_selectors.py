import datetime as dt

import pytest

from scrutiny.governance import selectors
from scrutiny.governance.models import Membership, MunicipalYear, Post
from tests.factories import CommitteeFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def committee():
    committee = CommitteeFactory()
    MunicipalYear.objects.create(council=committee.council, start_year=2017)
    MunicipalYear.objects.create(
        council=committee.council, start_year=2018, annual_meeting_on=dt.date(2018, 5, 9)
    )
    return committee


def test_membership_for_a_municipal_year_runs_to_the_next_annual_meeting(committee):
    person = PersonFactory()
    Membership.objects.create(
        organisation=committee,
        person=person,
        role="member",
        municipal_year=committee.council.municipal_years.get(start_year=2017),
    )
    member = selectors.person_is_committee_member
    assert member(person=person, committee=committee, on=[dt.date(2017, 7, 26)])
    assert member(person=person, committee=committee, on=[dt.date(2018, 5, 8)])
    assert not member(person=person, committee=committee, on=[dt.date(2018, 5, 9)])
    assert not member(person=person, committee=committee, on=[dt.date(2017, 4, 30)])


def test_an_invitation_is_not_a_seat(committee):
    person = PersonFactory()
    Membership.objects.create(
        organisation=committee, person=person, role="standing_invitee", starts_on=dt.date(2016, 1, 1)
    )
    assert not selectors.person_is_committee_member(
        person=person, committee=committee, on=[dt.date(2017, 1, 1)]
    )


def test_explicit_dates_win_over_the_municipal_year(committee):
    person = PersonFactory()
    Membership.objects.create(
        organisation=committee,
        person=person,
        role="substitute",
        municipal_year=committee.council.municipal_years.get(start_year=2017),
        ends_on=dt.date(2017, 12, 31),
    )
    assert not selectors.person_is_committee_member(
        person=person, committee=committee, on=[dt.date(2018, 2, 21)]
    )


def test_seats_list_chairman_first_then_invitations(committee):
    year = committee.council.municipal_years.get(start_year=2017)
    for role, name in [("member", "Aardvark"), ("chairman", "Wells"), ("vice_chairman", "Sandhu")]:
        Membership.objects.create(
            organisation=committee,
            person=PersonFactory(family_name=name, initials="X"),
            role=role,
            municipal_year=year,
        )
    post = Post.objects.create(title="Strategic Director (External Services)", organisation=committee.council)
    Membership.objects.create(organisation=committee, post=post, role="standing_invitee", municipal_year=year)
    seats = selectors.committee_seats(committee=committee, start_year=2017)
    assert [s.role for s in seats] == ["Chairman", "Vice-Chairman", "Member", "Standing invitation"]
    assert seats[0].name == "Councillor X Wells"
    assert seats[-1].name == "The Strategic Director (External Services)"
    assert selectors.committee_seats(committee=committee, start_year=2018) == []
