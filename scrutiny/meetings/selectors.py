"""Reads of meetings and agendas, already filtered and redacted for the viewer.

Views and templates receive these plain values, never the models, so a template cannot
reach exempt content the viewer may not see.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from scrutiny.governance.models import Committee, Membership
from scrutiny.governance.selectors import annual_meetings, co_opted_on
from scrutiny.rules import municipal_year as municipal_year_rule
from scrutiny.rules.co_option import MatterVote
from scrutiny.rules.deadlines import agenda_publication_deadline

from .models import AgendaItem, CoOptedVote, Meeting, MeetingStatus


def meetings_for_committee(*, committee: Committee) -> QuerySet[Meeting]:
    return Meeting.objects.filter(committee=committee).order_by("date", "start_time")


def meetings_by_municipal_year(*, committee: Committee) -> list[tuple[str, list[Meeting]]]:
    """[('2017-18', [meetings...]), ...], newest year first, meetings in date order."""
    meetings_of_council = annual_meetings(committee.council)
    grouped: dict[int, list[Meeting]] = defaultdict(list)
    for meeting in meetings_for_committee(committee=committee):
        grouped[municipal_year_rule.start_year_for(meeting.date, meetings_of_council)].append(meeting)
    return [(municipal_year_rule.label(y), grouped[y]) for y in sorted(grouped, reverse=True)]


def next_meeting(*, meeting: Meeting) -> Meeting | None:
    """The committee's next meeting after `meeting` (cancelled ones do not count): the one
    its agenda's "Next meeting" item names, and before which its actions are due."""
    return later_meetings(meeting=meeting).first()


def previous_meeting(*, meeting: Meeting) -> Meeting | None:
    """The committee's meeting immediately before `meeting` by date, not cancelled: the one
    whose minutes its agenda confirms. By date, whatever order the meetings were entered in,
    and whether or not it has yet been recorded as held (an agenda is often built before)."""
    return (
        Meeting.objects.filter(committee=meeting.committee, date__lt=meeting.date)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("-date")
        .first()
    )


def agenda_is_late(*, meeting: Meeting, today: dt.date) -> bool:
    """Whether an item added today is a supplementary item: the agenda is already published,
    or it is too late for five clear days (LGA 1972 s100B(4))."""
    deadline = agenda_publication_deadline(
        meeting.date, convention=meeting.committee.clear_days_convention
    ).date
    return meeting.publications.exists() or today > deadline


def item_day(*, meeting: Meeting, today: dt.date) -> dt.date:
    """The day an item added now counts as added. In recording mode, the agenda is entered as
    it was published: an item is on time (the last lawful day) unless the agenda had already
    been published, which makes it a supplementary item as it was then."""
    if meeting.is_recorded_after_event:
        return agenda_publication_deadline(meeting.date, convention=meeting.committee.clear_days_convention).date
    return today


def meeting_get(*, pk: int) -> Meeting:
    try:
        return Meeting.objects.select_related("committee", "committee__council").get(pk=pk)
    except Meeting.DoesNotExist:
        raise Http404("No meeting with that reference.") from None


# -- Reads for the views and forms ----------------------------------------------------------


def meetings_to_choose(*, committee: Committee) -> QuerySet[Meeting]:
    """The committee's meetings an officer may name as where something was decided or
    reported: every one not cancelled, newest first."""
    return (
        Meeting.objects.filter(committee=committee).exclude(status=MeetingStatus.CANCELLED).order_by("-date")
    )


def later_meetings(*, meeting: Meeting, held_only: bool = False) -> QuerySet[Meeting]:
    """The committee's meetings after `meeting`, oldest first: those not cancelled, or only
    those held (a meeting that confirmed or corrected minutes has been held)."""
    later = Meeting.objects.filter(committee=meeting.committee, date__gt=meeting.date)
    if held_only:
        return later.filter(status=MeetingStatus.HELD).order_by("date")
    return later.exclude(status=MeetingStatus.CANCELLED).order_by("date")


def open_agenda_items(*, committee: Committee) -> QuerySet[AgendaItem]:
    """Items of the committee's meetings whose agenda is not yet published: where a paper can go."""
    return (
        AgendaItem.internal.filter(meeting__committee=committee, meeting__status=MeetingStatus.SCHEDULED)
        .select_related("meeting")
        .order_by("meeting__date", "position")
    )


@dataclass(frozen=True)
class CoOptedVoting:
    """A co-opted member's votes at a meeting: the items they vote on and those they do not."""

    name: str
    appointed_to_vote: bool
    votes_on: tuple[str, ...]  # item numbers
    no_vote_on: tuple[str, ...]

    @property
    def summary(self) -> str:
        if not self.no_vote_on:
            return "May vote on every item."
        if not self.votes_on:
            return "May not vote on any item."
        return f"May vote on {_items(self.votes_on)}; not on {_items(self.no_vote_on)}."


def _items(numbers: tuple[str, ...]) -> str:
    words = "item" if len(numbers) == 1 else "items"
    listed = numbers[0] if len(numbers) == 1 else ", ".join(numbers[:-1]) + " and " + numbers[-1]
    return f"{words} {listed}"


def co_opted_voting(*, meeting: Meeting) -> list[CoOptedVoting]:
    """Each co-opted member's votes on the meeting's numbered items (`rules.co_option`)."""
    seats = co_opted_on(committee=meeting.committee, day=meeting.date)
    if not seats:
        return []
    items = list(AgendaItem.internal.filter(meeting=meeting).exclude(number="").order_by("position"))
    decided = {
        (v.agenda_item_id, v.membership_id): v.may_vote
        for v in CoOptedVote.objects.filter(agenda_item__meeting=meeting)
    }
    voting = []
    for seat in seats:
        on = {
            item.number: decided.get((item.pk, seat.pk), seat.may_vote) for item in items
        }
        voting.append(
            CoOptedVoting(
                name=seat.person.printed_name(with_councillor=meeting.committee.names_with_councillor)
                if seat.person
                else seat.holder_label,
                appointed_to_vote=seat.may_vote,
                votes_on=tuple(n for n, votes in on.items() if votes),
                no_vote_on=tuple(n for n, votes in on.items() if not votes),
            )
        )
    return voting


def co_opted_decisions(*, item: AgendaItem) -> list[tuple[Membership, str]]:
    """The co-opted seats on the item's meeting day, each with the decision for this item."""
    decided = {v.membership_id: v.may_vote for v in CoOptedVote.objects.filter(agenda_item=item)}
    return [
        (
            seat,
            MatterVote.AS_APPOINTED
            if seat.pk not in decided
            else MatterVote.MAY_VOTE
            if decided[seat.pk]
            else MatterVote.NO_VOTE,
        )
        for seat in co_opted_on(committee=item.meeting.committee, day=item.meeting.date)
    ]
