"""Writes of the annual report: starting one, officers' text, and the steps of its life.
Each is atomic and says why it refuses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from scrutiny.core.history import save_with_history
from scrutiny.governance.models import Committee
from scrutiny.meetings.models import Meeting, MeetingStatus
from scrutiny.rules import municipal_year as municipal_year_rule

from . import selectors
from .models import (
    ANNUAL_REPORT_WORKFLOW,
    AnnualReport,
    AnnualReportEvent,
    NarrativeText,
    ReportStatus,
    ReportStep,
)


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


@transaction.atomic
def annual_report_start(*, committee: Committee, start_year: int, by: User | None = None) -> AnnualReport:
    label = municipal_year_rule.label(start_year)
    if start_year not in selectors.report_years(committee=committee):
        raise ValidationError(f"The Committee held no meeting in {label}: there is nothing to report on.")
    if AnnualReport.internal.filter(committee=committee, start_year=start_year).exists():
        raise ValidationError(f"The Committee already has a report for {label}.")
    report = AnnualReport(committee=committee, start_year=start_year)
    save_with_history(report, by=by)
    return report


def _refuse_if_published(report: AnnualReport) -> None:
    if report.status == ReportStatus.PUBLISHED:
        raise ValidationError(f"{report} is published: its text is as published and is not changed.")


@transaction.atomic
def narrative_write(*, report: AnnualReport, part: str, text: str, by: User | None = None) -> NarrativeText:
    """A new version of the officer's text for one part of the report. Empty text returns the
    part to what the record says. The digest of the record's text is kept with it, so that the
    report says when the record changes after."""
    report = AnnualReport.internal.select_for_update().get(pk=report.pk)
    _refuse_if_published(report)
    source = selectors.source_of(report, part)
    if source is None:
        raise ValidationError("The report has no such part: it may have been removed from the record.")
    latest = NarrativeText.objects.filter(report=report, part=part).aggregate(v=Max("version"))["v"] or 0
    written = NarrativeText(report=report, part=part, version=latest + 1, text=text.strip(),
                            source_digest=selectors.digest(source), written_by=by)
    save_with_history(written, by=by)
    return written


def _refused(doing: str) -> Callable[[AnnualReport], str]:
    return lambda r: f"{r} is {r.get_status_display().lower()}: it cannot be {doing}."


def _not_to_come(day: dt.date, what: str) -> None:
    if day > timezone.localdate():
        raise ValidationError(f"{_day(day)} is still to come: record {what} once it has happened.")


def _event(step: ReportStep, on: dt.date, note: str, by: User | None) -> Callable[[AnnualReport], AnnualReportEvent]:
    return lambda r: AnnualReportEvent(report=r, step=step, on=on, note=note, by=by)


@transaction.atomic
def annual_report_consider(*, report: AnnualReport, meeting: Meeting, resolution: str,
                           by: User | None = None) -> AnnualReport:
    """The Committee considered the draft at `meeting` and resolved `resolution`."""
    def consider(r: AnnualReport) -> None:
        if meeting.committee_id != r.committee_id:
            raise ValidationError("The report is considered at a meeting of its own Committee.")
        if meeting.status != MeetingStatus.HELD:
            raise ValidationError(f"The meeting of {meeting.date_display} is not recorded as held.")
        if not resolution.strip():
            raise ValidationError("Give what the Committee resolved on the report.")
        r.considered_at, r.considered_resolution = meeting, resolution.strip()

    return ANNUAL_REPORT_WORKFLOW.step(
        report, ReportStep.CONSIDER, by=by, refused=_refused("considered again"), apply=consider,
        event=_event(ReportStep.CONSIDER, meeting.date, resolution.strip(), by)).record


@transaction.atomic
def annual_report_submit(*, report: AnnualReport, submitted_to: str, submitted_on: dt.date,
                         by: User | None = None) -> AnnualReport:
    def submit(r: AnnualReport) -> None:
        _not_to_come(submitted_on, "the submission")
        if r.considered_at is not None and submitted_on < r.considered_at.date:
            raise ValidationError(f"The report was considered on {_day(r.considered_at.date)}: it is submitted after.")
        if not submitted_to.strip():
            raise ValidationError("Say which meeting of the Council the report went to.")
        r.submitted_to, r.submitted_on = submitted_to.strip(), submitted_on

    return ANNUAL_REPORT_WORKFLOW.step(
        report, ReportStep.SUBMIT, by=by, refused=_refused("submitted"), apply=submit,
        event=_event(ReportStep.SUBMIT, submitted_on, submitted_to.strip(), by)).record


@transaction.atomic
def annual_report_publish(*, report: AnnualReport, published_on: dt.date, by: User | None = None) -> AnnualReport:
    """Publish the public version, frozen as it is composed now."""
    def publish(r: AnnualReport) -> None:
        _not_to_come(published_on, "the publication")
        if r.submitted_on is not None and published_on < r.submitted_on:
            raise ValidationError(f"The report went to the Council on {_day(r.submitted_on)}: it is published after.")
        r.published_on = published_on
        content = selectors.compose(report=r, may_see=selectors.public)
        content["status"] = ReportStatus.PUBLISHED.label
        content["published_on"] = _day(published_on)
        r.published_content = content

    return ANNUAL_REPORT_WORKFLOW.step(
        report, ReportStep.PUBLISH, by=by, refused=_refused("published again"), apply=publish,
        event=_event(ReportStep.PUBLISH, published_on, "", by)).record
