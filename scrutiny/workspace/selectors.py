"""The officer's dashboard: what needs doing next, for each committee the officer runs.

Each entry links to the screen that resolves it. The reads are the apps' own (meetings,
publishing, minutes, programme); this module only gathers them for one officer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from scrutiny.access.models import Role
from scrutiny.access.policy import Viewer
from scrutiny.forward_plan.models import OPEN_STATUSES, KeyDecision
from scrutiny.forward_plan.selectors import decision_problem
from scrutiny.governance.models import Committee
from scrutiny.meetings.models import OPEN_MEETING_STATUSES, AgendaItem, Meeting, MeetingStatus, PaperExpected
from scrutiny.minutes.models import (
    Action,
    ActionStatus,
    MinutesRecord,
    MinutesStatus,
    Recommendation,
    RecommendationStatus,
)
from scrutiny.minutes.selectors import recommendation_due
from scrutiny.performance.models import PartnerIndicator
from scrutiny.programme.selectors import warnings
from scrutiny.publishing.selectors import publication_problems
from scrutiny.rules.deadlines import agenda_publication_deadline


@dataclass(frozen=True)
class Entry:
    """One thing to do: what, by when (if anything says), where to do it, and whether it is late."""

    text: str
    url: str
    due: dt.date | None = None
    late: bool = False


@dataclass
class CommitteeDesk:
    committee: Committee
    administers: bool = False
    meetings: list[Entry] = field(default_factory=list)
    reports_awaited: list[Entry] = field(default_factory=list)
    responses: list[Entry] = field(default_factory=list)
    actions: list[Entry] = field(default_factory=list)
    factual_checks: list[Entry] = field(default_factory=list)
    minutes: list[Entry] = field(default_factory=list)
    warnings: list[Entry] = field(default_factory=list)

    @property
    def is_clear(self) -> bool:
        return not any(
            (self.meetings, self.reports_awaited, self.responses, self.actions, self.factual_checks, self.minutes,
             self.warnings)
        )


def committees_run(*, viewer: Viewer) -> list[Committee]:
    return [c for c in Committee.objects.select_related("council").order_by("council__name", "name") if viewer.runs(c)]


def _manage(meeting: Meeting) -> str:
    return reverse("meeting", args=[meeting.pk]) + "#manage"


def _meetings(desk: CommitteeDesk, today: dt.date) -> list[Meeting]:
    coming = list(
        Meeting.objects.filter(committee=desk.committee, status__in=OPEN_MEETING_STATUSES).order_by("date")
    )
    for meeting in coming:
        if meeting.date < today and meeting.status == MeetingStatus.SCHEDULED:
            desk.meetings.append(Entry(
                f"{meeting.date_display}: the day has passed and no agenda was published. Record it as held or "
                "cancel it.", _manage(meeting), meeting.date, late=True))
            continue
        if meeting.status == MeetingStatus.AGENDA_PUBLISHED:
            desk.meetings.append(Entry(f"{meeting.date_display}: agenda published.", _manage(meeting), meeting.date))
            continue
        deadline = agenda_publication_deadline(meeting.date, convention=desk.committee.clear_days_convention).date
        problems = publication_problems(meeting)
        doubts = f" {len(problems)} thing(s) stop it being published." if problems else ""
        setting = ""
        if desk.committee.agenda_setting_weeks:
            day = meeting.date - dt.timedelta(weeks=desk.committee.agenda_setting_weeks)
            setting = f" Agenda-setting meeting {day:%A} {day.day} {day:%B %Y}."
        desk.meetings.append(Entry(
            f"{meeting.date_display}: publish the agenda by {deadline:%A} {deadline.day} {deadline:%B %Y}.{setting}{doubts}",
            _manage(meeting), deadline, late=today > deadline))
    return [m for m in coming if m.date >= today]


def _reports(desk: CommitteeDesk, meetings: list[Meeting]) -> None:
    items = (
        AgendaItem.internal.filter(meeting__in=meetings, paper=PaperExpected.REPORT)
        .annotate(papers=Count("documents"))
        .filter(papers=0)
        .select_related("meeting")
        .order_by("meeting__date", "position")
    )
    for item in items:
        deadline = agenda_publication_deadline(item.meeting.date, convention=desk.committee.clear_days_convention).date
        label = f"Item {item.number}" if item.number else "An item"
        desk.reports_awaited.append(Entry(
            f"{label} “{item.title}”, {item.meeting.date_display}: report awaited.", _manage(item.meeting), deadline))


def _follow_up(desk: CommitteeDesk, today: dt.date) -> None:
    tracker = reverse("tracker", args=[desk.committee.slug])
    for rec in Recommendation.objects.filter(minute__meeting__committee=desk.committee).select_related(
        "authority", "minute__meeting"
    ):
        if rec.status == RecommendationStatus.MADE:
            due = recommendation_due(recommendation=rec)
            desk.responses.append(Entry(
                f"{rec.authority}: response to a recommendation of {rec.minute.meeting.date_display}.",
                tracker, due, late=due is not None and due < today))
        elif rec.status in (RecommendationStatus.DRAFT, RecommendationStatus.FACTUAL_CHECK):
            desk.factual_checks.append(Entry(
                f"{rec.authority}: recommendation of {rec.minute.meeting.date_display}, {rec.get_status_display().lower()}.",
                tracker))
    for action in Action.objects.filter(minute__meeting__committee=desk.committee, status=ActionStatus.OPEN).select_related(
        "minute__meeting"
    ):
        desk.actions.append(Entry(
            f"{action.description[:120]} (from {action.minute.meeting.date_display})", tracker, action.due_on,
            late=action.due_on < today))


def _minutes(desk: CommitteeDesk) -> None:
    waiting = {
        MinutesStatus.DRAFT: "draft minutes to publish",
        MinutesStatus.PUBLISHED: "minutes to be confirmed at the next meeting",
        MinutesStatus.CONFIRMED: "confirmed minutes to be signed by the Chairman",
    }
    for record in MinutesRecord.objects.filter(
        meeting__committee=desk.committee, status__in=list(waiting)
    ).select_related("meeting").order_by("meeting__date"):
        desk.minutes.append(Entry(
            f"{record.meeting.date_display}: {waiting[MinutesStatus(record.status)]}.",
            reverse("meeting_minutes", args=[record.meeting_id])))


def _forward_plan_warnings(committee: Committee) -> list[Entry]:
    """Key decisions still to be taken that lack the notice the rules ask for (SI 2012/2089)."""
    url = reverse("key_decisions", args=[committee.council.slug])
    open_decisions = KeyDecision.internal.filter(council=committee.council, status__in=OPEN_STATUSES)
    return [Entry(f"Forward plan: “{d.title}”: {problem}", url, d.decision_on)
            for d in open_decisions.order_by("decision_on") if (problem := decision_problem(d)) is not None]


def desks(*, viewer: Viewer, today: dt.date | None = None) -> list[CommitteeDesk]:
    """For each committee the viewer runs, what needs doing, soonest first."""
    today = today or timezone.localdate()
    result = []
    for committee in committees_run(viewer=viewer):
        desk = CommitteeDesk(committee, administers=viewer.administers(committee.council))
        coming = _meetings(desk, today)
        _reports(desk, coming)
        _follow_up(desk, today)
        _minutes(desk)
        plan = reverse("work_programme", args=[committee.slug])
        desk.warnings = [Entry(f"{w.message} ({w.citation})", plan) for w in warnings(committee=committee, today=today)]
        if viewer.keeps_forward_plan(committee.council):
            desk.warnings += _forward_plan_warnings(committee)
        for entries in (desk.responses, desk.actions, desk.reports_awaited):
            entries.sort(key=lambda e: (e.due is None, e.due or today))
        result.append(desk)
    return result





@dataclass(frozen=True)
class PartnerDesk:
    """What a partner contact does for one partner in one council: respond to the
    recommendations made to it, upload its figures."""

    role: Role
    awaiting: list[Recommendation]
    answered: list[Recommendation]
    indicators: list[PartnerIndicator]


def partner_desks(*, viewer: Viewer) -> list[PartnerDesk]:
    desks = []
    for role in viewer.partner_roles:
        if role.partner is None:  # a partner contact names the partner (a database constraint)
            continue
        recommendations = list(
            Recommendation.objects.filter(
                authority=role.partner, minute__meeting__committee__council=role.council,
                status__in=(RecommendationStatus.MADE, RecommendationStatus.RESPONDED, RecommendationStatus.REPORTED),
            ).select_related("minute__meeting__committee").order_by("-made_on")
        )
        desks.append(PartnerDesk(
            role=role,
            awaiting=[r for r in recommendations if r.status == RecommendationStatus.MADE],
            answered=[r for r in recommendations if r.status != RecommendationStatus.MADE],
            indicators=list(PartnerIndicator.internal.filter(organisation=role.partner,
                                                             committee__council=role.council).select_related("committee")),
        ))
    return desks
