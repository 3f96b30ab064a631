"""Writes of the forward plan: key decisions, their exceptions and outcomes, and publishing a
Regulation 9 notice. Each is atomic and says why it refuses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from scrutiny.core.history import save_with_history
from scrutiny.governance.models import Organisation
from scrutiny.rules.key_decisions import Exception_, notice_covers_to

from .models import (
    KEY_DECISION_WORKFLOW,
    OPEN_STATUSES,
    ForwardPlanNotice,
    KeyDecision,
    KeyDecisionStep,
)
from .selectors import notice_entry

#: The fields an officer writes about a decision (the notice's columns).
DETAILS = ("title", "summary", "decision_maker", "decision_on", "decision_by", "consultation", "documents",
           "background_papers", "contact", "private", "exemption_ground", "private_reason")


def _details(decision: KeyDecision, values: dict[str, Any]) -> None:
    for name, value in values.items():
        if name not in DETAILS:
            raise TypeError(f"{name} is not a detail of a key decision.")
        setattr(decision, name, value.strip() if isinstance(value, str) else value)
    if not decision.private:
        decision.exemption_ground, decision.private_reason = "", ""


@transaction.atomic
def key_decision_create(*, council: Organisation, by: User | None = None, **details: Any) -> KeyDecision:
    decision = KeyDecision(council=council)
    _details(decision, details)
    save_with_history(decision, by=by)
    return decision


def _refuse_if_closed(decision: KeyDecision, doing: str) -> None:
    if decision.status not in OPEN_STATUSES:
        raise ValidationError(f"“{decision.title}” is {decision.get_status_display().lower()}: it cannot be {doing}.")


@transaction.atomic
def key_decision_update(*, decision: KeyDecision, by: User | None = None, **details: Any) -> KeyDecision:
    """Change what the plan says of a decision still to be taken; the next notice says it."""
    decision = KeyDecision.internal.select_for_update().get(pk=decision.pk)
    _refuse_if_closed(decision, "changed")
    _details(decision, details)
    save_with_history(decision, by=by)
    return decision


@transaction.atomic
def key_decision_exception_record(
    *,
    decision: KeyDecision,
    exception: str,
    exception_notice_on: dt.date | None,
    chair_informed_on: dt.date | None = None,
    chair_agreed_on: dt.date | None = None,
    exception_reasons: str,
    by: User | None = None,
) -> KeyDecision:
    """Record the general exception (reg 10) or special urgency (reg 11) under which a decision
    without 28 clear days' notice is made, with the notice of the reasons."""
    decision = KeyDecision.internal.select_for_update().get(pk=decision.pk)
    _refuse_if_closed(decision, "given an exception")
    if exception != Exception_.NONE and not exception_reasons.strip():
        raise ValidationError("Give the reasons why 28 clear days' notice was impracticable: the notice must state them.")
    if exception == Exception_.GENERAL and chair_informed_on is None:
        raise ValidationError("Under the general exception the chair of scrutiny is told in writing first (reg 10): "
                              "give the date.")
    if exception == Exception_.SPECIAL_URGENCY and chair_agreed_on is None:
        raise ValidationError("Special urgency needs the chair of scrutiny's agreement (reg 11): give its date.")
    decision.exception = exception
    decision.exception_notice_on = exception_notice_on if exception != Exception_.NONE else None
    decision.chair_informed_on = chair_informed_on if exception == Exception_.GENERAL else None
    decision.chair_agreed_on = chair_agreed_on if exception == Exception_.SPECIAL_URGENCY else None
    decision.exception_reasons = exception_reasons.strip() if exception != Exception_.NONE else ""
    save_with_history(decision, by=by)
    return decision


def _refused(doing: str) -> Callable[[KeyDecision], str]:
    return lambda d: f"“{d.title}” is {d.get_status_display().lower()}: it cannot be {doing}."


@transaction.atomic
def key_decision_take(*, decision: KeyDecision, taken_on: dt.date, by: User | None = None) -> KeyDecision:
    """Record that the decision was taken. One taken without its notice is still recorded, as it
    happened; the plan flags it (`selectors.decision_problem`)."""

    def take(record: KeyDecision) -> None:
        if taken_on > timezone.localdate():
            raise ValidationError(f"{taken_on:%-d %B %Y} is still to come: record the decision once it is taken.")
        record.taken_on = taken_on

    return KEY_DECISION_WORKFLOW.step(decision, KeyDecisionStep.TAKE, by=by, refused=_refused("taken again"),
                                      apply=take).record


@transaction.atomic
def key_decision_withdraw(*, decision: KeyDecision, reason: str, by: User | None = None) -> KeyDecision:
    def withdraw(record: KeyDecision) -> None:
        if not reason.strip():
            raise ValidationError("Say why the decision is withdrawn from the plan.")
        record.withdrawal_reason = reason.strip()

    return KEY_DECISION_WORKFLOW.step(decision, KeyDecisionStep.WITHDRAW, by=by, refused=_refused("withdrawn"),
                                      apply=withdraw).record


def decisions_due(*, council: Organisation, published_on: dt.date, covers_to: dt.date) -> list[KeyDecision]:
    """The decisions a notice published on `published_on` lists: those still to be taken whose
    date (or period) falls between that day and `covers_to`."""
    due = KeyDecision.internal.filter(council=council, status__in=OPEN_STATUSES, decision_on__lte=covers_to)
    return [d for d in due.order_by("decision_on", "title") if (d.decision_by or d.decision_on) >= published_on]


@transaction.atomic
def forward_plan_publish(
    *, council: Organisation, published_on: dt.date, statement: str = "", by: User | None = None
) -> ForwardPlanNotice:
    """Publish the Regulation 9 notice of `published_on` (today, or a day past when recording a
    notice published then): it lists the decisions due in the coming months as they
    stand (to `notice_covers_to`), frozen; each decision listed for the first time is notified from that day."""
    if published_on > timezone.localdate():
        raise ValidationError(f"A notice is recorded on the day it is published: {published_on:%-d %B %Y} is still to come.")
    Organisation.objects.select_for_update().get(pk=council.pk)  # one publication at a time per council
    if ForwardPlanNotice.objects.filter(council=council, published_on=published_on).exists():
        raise ValidationError(f"A notice of {published_on:%-d %B %Y} is already published: the next one supersedes it.")
    covers_to = notice_covers_to(published_on)
    due = decisions_due(council=council, published_on=published_on, covers_to=covers_to)
    for decision in due:
        def notify(record: KeyDecision) -> None:
            if record.notified_on is None or record.notified_on > published_on:
                record.notified_on = published_on

        KEY_DECISION_WORKFLOW.step(decision, KeyDecisionStep.NOTIFY, by=by, refused=_refused("listed"), apply=notify)
    notice = ForwardPlanNotice(council=council, published_on=published_on, covers_to=covers_to,
                               statement=statement.strip(), entries=[notice_entry(d) for d in due], published_by=by)
    save_with_history(notice, by=by)
    return notice

