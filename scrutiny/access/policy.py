"""Who may see exempt business: the one access policy.

Every surface that shows agenda items, papers or minutes asks this module, through a
`Viewer`, whether the person in front of it may see exempt (Part 2) content. Nothing else
in the code base decides it.

The policy:
- Anonymous visitors never see exempt content: they see that an exempt item exists, its
  number, its title (or its public title, when the title itself is sensitive) and the
  reason it is withheld, as s100A(5) and s100B(5) of the Local Government Act 1972 require;
  never its purpose, papers, minutes or resolutions.
- Officers of the council who run the committee see everything: active users holding the
  permission `meetings.view_exempt_business` (given to the "Committee officers" group).
- Members of the committee see its exempt business: a person linked to the user holding a
  member's seat on the committee (Chairman, Vice-Chairman, Member, co-opted member,
  substitute) on the day of a meeting held (the Part 2 papers they were sent as members),
  or today for a meeting to come. A seat today does not open earlier years' exempt
  business. Invitees, other councillors and former members do not see it: councillors'
  general right to inspect (s100F) excludes most exempt information.
- Drafts: an agenda not yet published, and minutes not yet published, are seen by
  officers only.
- Inactive accounts are anonymous.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol

from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest
from django.utils import timezone

from scrutiny.governance.models import Committee, Person
from scrutiny.governance.selectors import person_is_committee_member

EXEMPT_PERMISSION = "meetings.view_exempt_business"
OFFICERS_GROUP = "Committee officers"

# Where a request keeps its viewer, so that the policy is asked once per request.
_VIEWER_ATTRIBUTE = "_scrutiny_viewer"


class MinutesRecordLike(Protocol):
    """What the policy asks of a meeting's minutes (the minutes app sits above access)."""

    @property
    def is_public(self) -> bool: ...


class MeetingLike(Protocol):
    """What the policy reads of a meeting (the meetings app sits above access)."""

    @property
    def committee(self) -> Committee: ...

    @property
    def date(self) -> dt.date: ...

    @property
    def agenda_is_public(self) -> bool: ...


@dataclass
class Viewer:
    """The person looking, with the policy's answers cached for one request."""

    user: User | AnonymousUser = field(default_factory=AnonymousUser)
    today: dt.date = field(default_factory=timezone.localdate)
    _person: Person | None = field(default=None, init=False, repr=False)
    _person_loaded: bool = field(default=False, init=False, repr=False)
    _answers: dict[tuple[int, dt.date | None], bool] = field(default_factory=dict, init=False, repr=False)

    @classmethod
    def of(cls, request: HttpRequest) -> Viewer:
        # A request refused before anyone's sign-in was looked at (a Host header not ours,
        # refused by CommonMiddleware ahead of AuthenticationMiddleware) has no user: it is
        # anonymous, and its error page must not fail for the want of one.
        user: User | AnonymousUser | None = getattr(request, "user", None)
        viewer: Viewer | None = getattr(request, _VIEWER_ATTRIBUTE, None)
        if viewer is None or (user is not None and viewer.user is not user):
            viewer = cls(user=user if user is not None else AnonymousUser())
            setattr(request, _VIEWER_ATTRIBUTE, viewer)
        return viewer

    @property
    def is_signed_in(self) -> bool:
        return bool(self.user.is_authenticated and self.user.is_active)

    @property
    def is_officer(self) -> bool:
        return self.is_signed_in and self.user.has_perm(EXEMPT_PERMISSION)

    @property
    def person(self) -> Person | None:
        if not self._person_loaded:
            user = self.user if isinstance(self.user, User) and self.is_signed_in else None
            self._person = Person.objects.filter(user=user).first() if user is not None else None
            self._person_loaded = True
        return self._person

    def may_see_exempt(self, *, committee: Committee, meeting_date: dt.date | None = None) -> bool:
        """May this viewer see exempt business of `committee` (at a meeting on `meeting_date`)?"""
        key = (committee.pk, meeting_date)
        if key not in self._answers:
            self._answers[key] = self._decide(committee, meeting_date)
        return self._answers[key]

    def may_see_exempt_of_meeting(self, meeting: MeetingLike) -> bool:
        return self.may_see_exempt(committee=meeting.committee, meeting_date=meeting.date)

    def may_see_agenda(self, meeting: MeetingLike) -> bool:
        return meeting.agenda_is_public or self.is_officer

    def may_see_minutes(self, meeting: MeetingLike) -> bool:
        """Draft minutes are the officers'; once published (unconfirmed or confirmed) they are public."""
        if self.is_officer:
            return True
        record: MinutesRecordLike | None = getattr(meeting, "minutes_record", None)
        return record is not None and record.is_public

    def may_see_any_exempt(self) -> bool:
        """For lists spanning committees (admin, search): only officers see exempt rows."""
        return self.is_officer

    def _decide(self, committee: Committee, meeting_date: dt.date | None) -> bool:
        if not self.is_signed_in:
            return False
        if self.is_officer:
            return True
        if self.person is None:
            return False
        # A meeting held: the seat on its day. A meeting to come, or the committee's business
        # at large (no meeting): the seat today.
        day = meeting_date if meeting_date is not None and meeting_date < self.today else self.today
        return person_is_committee_member(person=self.person, committee=committee, on=[day])
