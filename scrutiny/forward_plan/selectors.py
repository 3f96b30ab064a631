"""Reads of the forward plan: the notices as published, the decisions as officers keep them,
and what the rules say of each decision's notice."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from scrutiny.governance.models import Organisation
from scrutiny.rules import key_decisions as rules
from scrutiny.rules.deadlines import key_decision_notice_deadline
from scrutiny.rules.exempt_information import describe
from scrutiny.rules.key_decisions import notice_problem

from .models import OPEN_STATUSES, ForwardPlanNotice, KeyDecision, KeyDecisionStatus


def when_text(decision_on: dt.date, decision_by: dt.date | None) -> str:
    if decision_by is None or decision_by == decision_on:
        return f"{decision_on:%-d %B %Y}"
    return f"between {decision_on:%-d %B %Y} and {decision_by:%-d %B %Y}"


def open_or_closed(decision: KeyDecision) -> str:
    """The notice's OPEN or CLOSED column: closed with the reason (reg 5(2))."""
    if not decision.private:
        return "OPEN"
    reason = decision.private_reason or describe(decision.exemption_ground)
    return f"CLOSED: {reason}"


def notice_entry(decision: KeyDecision) -> dict[str, Any]:
    """One decision as a notice prints it, frozen into the notice when it is published."""
    return {
        "pk": decision.pk,
        "title": decision.title,
        "summary": decision.summary,
        "decision_maker": decision.decision_maker,
        "when": when_text(decision.decision_on, decision.decision_by),
        "consultation": decision.consultation,
        "documents": decision.documents,
        "background_papers": decision.background_papers,
        "contact": decision.contact,
        "open_or_closed": open_or_closed(decision),
    }


def decision_problem(decision: KeyDecision, *, today: dt.date | None = None) -> str | None:
    """Why the decision (as taken, or as planned if still to be taken) lacks its notice. One
    still to be taken and not yet listed has none while a notice today would still be in time."""
    if decision.status not in (*OPEN_STATUSES, KeyDecisionStatus.TAKEN):
        return None
    today = today or timezone.localdate()
    in_time = key_decision_notice_deadline(decision.decision_on).date >= today
    if decision.status in OPEN_STATUSES and decision.notified_on is None and in_time:
        return None
    return notice_problem(
        decision_on=decision.taken_on or decision.decision_on,
        notified_on=decision.notified_on,
        exception=decision.exception,
        exception_notice_on=decision.exception_notice_on,
        chair_informed_on=decision.chair_informed_on,
        chair_agreed_on=decision.chair_agreed_on,
        private=decision.private,
    )


@dataclass(frozen=True)
class DecisionRow:
    decision: KeyDecision
    when: str
    problem: str | None


def decisions_for_officers(*, council: Organisation) -> list[DecisionRow]:
    """Every decision of the council's plan, drafts included, with what the rules say of it."""
    return [
        DecisionRow(d, when_text(d.decision_on, d.decision_by), decision_problem(d))
        for d in KeyDecision.internal.filter(council=council).order_by("-decision_on", "title")
    ]


def notices(*, council: Organisation) -> QuerySet[ForwardPlanNotice]:
    return ForwardPlanNotice.objects.filter(council=council).order_by("-published_on")


def decisions_taken(*, council: Organisation, limit: int = 20) -> QuerySet[KeyDecision]:
    return KeyDecision.public.filter(council=council, status=KeyDecisionStatus.TAKEN).order_by("-taken_on")[:limit]


def notice_wording() -> dict[str, str]:
    """The statutory wording every notice carries, for its page, its PDF and the agenda pack."""
    return {"title": rules.NOTICE_TITLE, "statement": rules.NOTICE_STATEMENT,
            "definition": rules.KEY_DECISION_DEFINITION, "citation": rules.NOTICE_CITATION}


def notice_latest(*, council: Organisation, on: dt.date) -> ForwardPlanNotice | None:
    """The notice in force on `on`: the latest published by then (each supersedes the last), if
    it still looks ahead to that day; an older one is out of date, not in force."""
    notice = ForwardPlanNotice.objects.filter(council=council, published_on__lte=on).order_by("-published_on").first()
    return notice if notice is not None and notice.covers_to >= on else None
