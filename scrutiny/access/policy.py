"""Who may see exempt business: the one access policy.

Every surface that shows agenda items, papers or minutes asks this module, through a
`Viewer`, whether the person in front of it may see exempt (Part 2) content. Nothing else
in the code base decides it.

The policy:
- Anonymous visitors never see exempt content: they see that an exempt item exists, its
  number, its title (or its public title, when the title itself is sensitive) and the
  reason it is withheld, as s100A(5) and s100B(5) of the Local Government Act 1972 require;
  never its purpose, papers, minutes or resolutions.
- The installation's superusers see everything (they maintain it through the Django admin).
- A committee officer sees everything of the committees they run: those of their council,
  or only the committees their role names (`scrutiny.access.models.Role`). An officer of
  one council sees another council's business as the public does.
- A council administrator manages the council's accounts and records; the role alone does
  not open exempt business. A partner contact sees what the public sees.
- Members of the committee see its exempt business: a person linked to the user holding a
  member's seat on the committee (Chairman, Vice-Chairman, Member, co-opted member,
  substitute) on the day of a meeting held (the Part 2 papers they were sent as members),
  or today for a meeting to come. A seat today does not open earlier years' exempt
  business. Invitees, other councillors and former members do not see it: councillors'
  general right to inspect (s100F) excludes most exempt information.
- Drafts: an agenda not yet published, and minutes not yet published, are seen by
  officers only.
- Inactive accounts are anonymous.
- Two-factor sign-in: committee officers, council administrators and superusers must give a
  code from their authenticator app (or a recovery code) after their password; members and
  partner contacts may choose to. Until that second step is done the account is anonymous
  here, and `scrutiny.access.middleware.SecondStepMiddleware` sends it to the second step.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol

from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest
from django.utils import timezone
from django_otp import user_has_device

from scrutiny.governance.models import Committee, Organisation, Person
from scrutiny.governance.selectors import person_is_committee_member

from .models import Role, RoleKind

# Where a request keeps its viewer, so that the policy is asked once per request.
_VIEWER_ATTRIBUTE = "_scrutiny_viewer"

# The roles whose holders must sign in with a second factor (superusers must too).
SECOND_FACTOR_ROLES = (RoleKind.OFFICER, RoleKind.ADMINISTRATOR)


def second_factor_required(user: User | AnonymousUser) -> bool:
    """Must this account give a code after its password? Officers, administrators and
    superusers must; anyone who has set up an authenticator app must use it."""
    if not (user.is_authenticated and user.is_active):
        return False
    return bool(
        user.is_superuser
        or Role.objects.filter(user_id=user.pk, kind__in=SECOND_FACTOR_ROLES).exists()
        or user_has_device(user)
    )


def second_factor_optional(user: User | AnonymousUser) -> bool:
    """May this account turn two-factor sign-in off (members and partner contacts)?"""
    return bool(
        user.is_authenticated
        and not user.is_superuser
        and not Role.objects.filter(user_id=user.pk, kind__in=SECOND_FACTOR_ROLES).exists()
    )


def second_step_pending(user: User | AnonymousUser) -> bool:
    """Has this account given its password but not yet the code it must give? The session's
    verification is django-otp's (`user.is_verified`, set by its middleware); without it the
    step is never taken to be done."""
    if not (user.is_authenticated and user.is_active):
        return False
    is_verified = getattr(user, "is_verified", None)
    if callable(is_verified) and is_verified():
        return False
    return second_factor_required(user)


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
    # Password given, second factor not yet: anonymous to the policy (set by `of`).
    second_step_pending: bool = False
    _person: Person | None = field(default=None, init=False, repr=False)
    _person_loaded: bool = field(default=False, init=False, repr=False)
    _roles: list[Role] | None = field(default=None, init=False, repr=False)
    _answers: dict[tuple[int, dt.date | None], bool] = field(default_factory=dict, init=False, repr=False)

    @classmethod
    def of(cls, request: HttpRequest) -> Viewer:
        # A request refused before anyone's sign-in was looked at (a Host header not ours,
        # refused by CommonMiddleware ahead of AuthenticationMiddleware) has no user: it is
        # anonymous, and its error page must not fail for the want of one.
        user: User | AnonymousUser | None = getattr(request, "user", None)
        viewer: Viewer | None = getattr(request, _VIEWER_ATTRIBUTE, None)
        if viewer is None or (user is not None and viewer.user is not user):
            user = user if user is not None else AnonymousUser()
            viewer = cls(user=user, second_step_pending=second_step_pending(user))
            setattr(request, _VIEWER_ATTRIBUTE, viewer)
        return viewer

    @property
    def is_signed_in(self) -> bool:
        return bool(self.user.is_authenticated and self.user.is_active and not self.second_step_pending)

    @property
    def is_superuser(self) -> bool:
        return self.is_signed_in and self.user.is_superuser

    @property
    def roles(self) -> list[Role]:
        if self._roles is None:
            user = self.user if isinstance(self.user, User) and self.is_signed_in else None
            self._roles = (
                list(Role.objects.filter(user=user).select_related("council", "partner").prefetch_related("committees"))
                if user is not None
                else []
            )
        return self._roles

    @property
    def is_officer(self) -> bool:
        """An officer of some committee (or a superuser): for navigation only. Whether they
        run a given committee is `runs`."""
        return self.is_superuser or any(r.kind == RoleKind.OFFICER for r in self.roles)

    def runs(self, committee: Committee) -> bool:
        """Is this viewer an officer of `committee` (or a superuser)?"""
        if self.is_superuser:
            return True
        return any(
            r.kind == RoleKind.OFFICER
            and r.council_id == committee.council_id
            and (not r.committees.all() or any(c.pk == committee.pk for c in r.committees.all()))
            for r in self.roles
        )

    def keeps_forward_plan(self, council: Organisation) -> bool:
        """The executive's forward plan is the council's, not a committee's: kept by its officers
        of every committee (a role naming none), or a superuser."""
        if self.is_superuser:
            return True
        return any(
            r.kind == RoleKind.OFFICER and r.council_id == council.pk and not r.committees.all() for r in self.roles
        )

    def administers(self, council: Organisation) -> bool:
        """Is this viewer the council's administrator (or a superuser)?"""
        return self.is_superuser or any(
            r.kind == RoleKind.ADMINISTRATOR and r.council_id == council.pk for r in self.roles
        )

    def speaks_for(self, partner: Organisation, *, council: Organisation) -> bool:
        """Is this viewer a contact of the partner organisation, to `council`?"""
        return any(
            r.kind == RoleKind.PARTNER_CONTACT and r.partner_id == partner.pk and r.council_id == council.pk
            for r in self.roles
        )

    @property
    def partner_roles(self) -> list[Role]:
        return [r for r in self.roles if r.kind == RoleKind.PARTNER_CONTACT]

    @property
    def administered_councils(self) -> list[Organisation]:
        """The councils whose accounts this viewer manages (for navigation)."""
        return [r.council for r in self.roles if r.kind == RoleKind.ADMINISTRATOR]

    def councils_administered(self) -> set[int]:
        return {r.council_id for r in self.roles if r.kind == RoleKind.ADMINISTRATOR}

    def councils_run(self) -> set[int]:
        """The councils in which this viewer runs some committee (a superuser's: see `runs`)."""
        return {r.council_id for r in self.roles if r.kind == RoleKind.OFFICER}

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
        return meeting.agenda_is_public or self.runs(meeting.committee)

    def may_see_minutes(self, meeting: MeetingLike) -> bool:
        """Draft minutes are the committee's officers'; once published (unconfirmed or
        confirmed) they are public."""
        if self.runs(meeting.committee):
            return True
        record: MinutesRecordLike | None = getattr(meeting, "minutes_record", None)
        return record is not None and record.is_public

    def may_see_any_exempt(self) -> bool:
        """For lists spanning councils (the admin): only the installation's superusers see
        exempt rows there."""
        return self.is_superuser

    def _decide(self, committee: Committee, meeting_date: dt.date | None) -> bool:
        if not self.is_signed_in:
            return False
        if self.runs(committee):
            return True
        if self.person is None:
            return False
        # A meeting held: the seat on its day. A meeting to come, or the committee's business
        # at large (no meeting): the seat today.
        day = meeting_date if meeting_date is not None and meeting_date < self.today else self.today
        return person_is_committee_member(person=self.person, committee=committee, on=[day])
