"""Co-opted members' votes per matter (SI 2009/942 reg 3), on the Dartford meeting of
21 February 2018: decided by an officer on a screen, shown on the meeting page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from scrutiny.meetings.models import AgendaItem, CoOptedVote, Meeting
from scrutiny.meetings.selectors import co_opted_voting
from scrutiny.meetings.services import agenda_item_decide_co_opted_votes
from scrutiny.rules.co_option import MatterVote, votes
from tests.access.viewers import officer_of
from tests.factories import CommitteeFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.mark.parametrize(
    "appointed, on_matter, expected",
    [
        (False, MatterVote.AS_APPOINTED, False),
        (True, MatterVote.AS_APPOINTED, True),
        (False, MatterVote.MAY_VOTE, True),
        (True, MatterVote.NO_VOTE, False),
    ],
)
def test_a_decision_for_the_matter_wins_over_the_one_made_at_co_option(appointed, on_matter, expected):
    assert votes(appointed_to_vote=appointed, on_matter=on_matter) is expected


@pytest.fixture
def february(demo):
    return Meeting.objects.get(date=D(2018, 2, 21))


def co_opt(committee, **fields):
    fields.setdefault("starts_on", D(2017, 5, 10))
    fields.setdefault("may_vote", False)
    person = PersonFactory(family_name="Cooper", initials="J", honorific="Mr", is_councillor=False)
    return MembershipFactory(organisation=committee, person=person, role="co_opted", **fields)


def _item(meeting, number):
    return AgendaItem.internal.get(meeting=meeting, number=number)


def test_a_co_opted_member_votes_only_on_the_items_the_committee_decides(february):
    seat = co_opt(february.committee)
    (before,) = co_opted_voting(meeting=february)
    assert before.votes_on == () and before.summary == "May not vote on any item."
    agenda_item_decide_co_opted_votes(item=_item(february, "7"), decisions={seat.pk: MatterVote.MAY_VOTE})
    (after,) = co_opted_voting(meeting=february)
    assert after.name == "Mr J Cooper" and after.votes_on == ("7",)
    assert "A" in after.no_vote_on and after.summary.startswith("May vote on item 7; not on items 1, 2, 3")
    agenda_item_decide_co_opted_votes(item=_item(february, "7"), decisions={seat.pk: MatterVote.AS_APPOINTED})
    assert not CoOptedVote.objects.exists()
    assert co_opted_voting(meeting=february)[0].votes_on == ()
    assert CoOptedVote.history.count() == 2  # made, then removed: both kept


def test_a_member_who_may_vote_generally_is_kept_from_one_item(february):
    seat = co_opt(february.committee, may_vote=True)
    agenda_item_decide_co_opted_votes(item=_item(february, "10"), decisions={seat.pk: MatterVote.NO_VOTE})
    (voting,) = co_opted_voting(meeting=february)
    assert voting.no_vote_on == ("10",) and "10" not in voting.votes_on


def test_only_the_committees_co_opted_members_on_the_day_have_a_vote_to_decide(february):
    committee = february.committee
    member = MembershipFactory(organisation=committee, role="member")
    elsewhere = co_opt(CommitteeFactory())
    ended = co_opt(committee, ends_on=D(2017, 12, 31))
    for seat in (member, elsewhere, ended):
        with pytest.raises(ValidationError, match="Only the committee's co-opted members on the day"):
            agenda_item_decide_co_opted_votes(item=_item(february, "7"), decisions={seat.pk: MatterVote.MAY_VOTE})
    with pytest.raises(ValidationError, match="may vote on this item"):
        agenda_item_decide_co_opted_votes(item=_item(february, "7"), decisions={co_opt(committee).pk: "perhaps"})
    assert not CoOptedVote.objects.exists()


def test_the_officer_decides_on_a_screen_and_the_public_page_shows_the_votes(client, february):
    seat = co_opt(february.committee)
    url = reverse("agenda_item_co_opted_votes", args=[_item(february, "7").pk])
    page = client.get(reverse("meeting", args=[february.pk])).content.decode()
    assert "Co-opted members" in page and "May not vote on any item." in page
    officer = officer_of(february.committee.council)
    client.force_login(officer)
    form = client.get(url).content.decode()
    assert "Mr J Cooper" in form and "SI 2009/942" in form and "the committee decided they may not vote" in form
    bad = client.post(url, {f"seat_{seat.pk}": "perhaps"})
    assert bad.status_code == 400 and "govuk-error-summary" in bad.content.decode()
    assert client.post(url, {f"seat_{seat.pk}": "may_vote"}).status_code == 302
    vote = CoOptedVote.objects.get()
    assert vote.may_vote and vote.history.latest().history_user == officer
    client.logout()
    page = " ".join(client.get(reverse("meeting", args=[february.pk])).content.decode().split())
    assert "Mr J Cooper</dt>" in page and "May vote on item 7; not on items" in page


def test_nobody_but_the_committees_officers_decides(client, february):
    seat = co_opt(february.committee)
    url = reverse("agenda_item_co_opted_votes", args=[_item(february, "7").pk])
    assert client.post(url, {f"seat_{seat.pk}": "may_vote"}).status_code == 302  # to sign in
    other = CommitteeFactory()
    client.force_login(officer_of(other.council))
    assert client.post(url, {f"seat_{seat.pk}": "may_vote"}).status_code == 403
    assert not CoOptedVote.objects.exists()
