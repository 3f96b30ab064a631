"""The annual report: the published report as the public reads it, the members' version,
and the officers' screens that write and steer it."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from scrutiny.access.decorators import ensure_runs, officer_required
from scrutiny.access.policy import Viewer
from scrutiny.core.downloads import Visibility, file_response, mark_visibility
from scrutiny.core.openings import Opening, OpeningFormat, OpeningKind
from scrutiny.core.views import form_page
from scrutiny.governance.models import Committee

from . import forms, selectors, services
from .models import AnnualReport, ReportStatus
from .printing import file_name, report_file

FORMAT_OF = {"pdf": OpeningFormat.PDF, "docx": OpeningFormat.WORD}


def _committee(slug: str) -> Committee:
    return get_object_or_404(Committee.objects.select_related("council"), slug=slug)


def annual_reports(request: HttpRequest, slug: str) -> HttpResponse:
    committee = _committee(slug)
    runs = Viewer.of(request).runs(committee)
    shown = selectors.reports(committee=committee) if runs else list(AnnualReport.public.filter(committee=committee))
    started = {r.start_year for r in selectors.reports(committee=committee)} if runs else set()
    context = {"committee": committee, "reports": shown, "runs": runs,
               "can_start": runs and any(y not in started for y in selectors.report_years(committee=committee))}
    return render(request, "annual_report/reports.html", context)


def _published(pk: int) -> AnnualReport:
    return get_object_or_404(AnnualReport.public.select_related("committee__council"), pk=pk)


def report_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    report = AnnualReport.internal.select_related("committee__council").filter(pk=pk).first()
    if report is None:
        raise Http404
    viewer = Viewer.of(request)
    if report.status != ReportStatus.PUBLISHED:
        if viewer.runs(report.committee):
            return redirect("annual_report_draft", report.pk)
        raise Http404
    context = {"report": report, "r": report.published_content, "committee": report.committee,
               "members": _may_read_members(viewer, report)}
    return mark_visibility(render(request, "annual_report/report.html", context), Visibility.PUBLIC)


def report_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponseBase:
    if fmt not in FORMAT_OF:
        raise Http404
    report = _published(pk)
    r = report.published_content
    if r is None:  # a published report is frozen (annual_report_published_is_frozen): never so
        raise Http404
    return file_response(report_file(r, fmt), filename=file_name(r, fmt), visibility=Visibility.PUBLIC)


def _may_read_members(viewer: Viewer, report: AnnualReport) -> bool:
    """Entitled to the exempt business of at least one of the year's meetings (a member on the
    day of that meeting, or the Committee's officer)."""
    if not viewer.is_signed_in:
        return False
    meetings = selectors.year_meetings(committee=report.committee, start_year=report.start_year)
    return any(viewer.may_see_exempt_of_meeting(m) for m in meetings)


def _opening(report: AnnualReport, fmt: OpeningFormat) -> Opening:
    return Opening(kind=OpeningKind.ANNUAL_REPORT, format=fmt, committee_id=report.committee_id,
                   what=f"{report}: members' version")


def _served(response: HttpResponseBase, r: dict[str, Any], report: AnnualReport, fmt: OpeningFormat) -> HttpResponseBase:
    if r["members"]:
        return mark_visibility(response, Visibility.EXEMPT, opening=_opening(report, fmt))
    return mark_visibility(response, Visibility.OFFICERS)


def members_version(request: HttpRequest, pk: int, fmt: str = "") -> HttpResponseBase:
    """The report with the business considered in private that the viewer may read: members of
    the Committee (on the day of each meeting) and its officers. Anyone else: not found."""
    report = AnnualReport.internal.select_related("committee__council").filter(pk=pk).first()
    viewer = Viewer.of(request)
    if report is None or not _may_read_members(viewer, report):
        raise Http404
    if report.status != ReportStatus.PUBLISHED and not viewer.runs(report.committee):
        raise Http404
    r = selectors.compose(report=report, may_see=viewer.may_see_exempt_of_meeting)
    if fmt:
        if fmt not in FORMAT_OF:
            raise Http404
        visibility = Visibility.EXEMPT if r["members"] else Visibility.OFFICERS
        opening = _opening(report, FORMAT_OF[fmt]) if r["members"] else None
        return file_response(report_file(r, fmt), filename=file_name(r, fmt), visibility=visibility, opening=opening)
    context = {"report": report, "r": r, "committee": report.committee, "members_version": True}
    return _served(render(request, "annual_report/report.html", context), r, report, OpeningFormat.PAGE)


# -- officers ----------------------------------------------------------------------------------


def _report_to_run(request: HttpRequest, pk: int) -> AnnualReport:
    report = get_object_or_404(AnnualReport.internal.select_related("committee__council"), pk=pk)
    ensure_runs(request, report.committee)
    return report


def _draft_url(report: AnnualReport) -> str:
    return reverse("annual_report_draft", args=[report.pk])


@officer_required
def annual_report_start(request: HttpRequest, slug: str) -> HttpResponse:
    committee = _committee(slug)
    ensure_runs(request, committee)
    started = {r.start_year for r in selectors.reports(committee=committee)}
    years = [y for y in selectors.report_years(committee=committee) if y not in started]
    return form_page(
        request, forms.StartForm.bound_to(request, years=years),
        partial(services.annual_report_start, committee=committee),
        success=lambda r: (f"{r} is started as a draft, composed from the record.", _draft_url(r)),
        heading="Start an annual report", committee=committee, caption=committee.name, submit="Start the report",
        intro="The report is composed from the year's record: its meetings, minutes, work plan and references. "
        "You can then write the introduction and each item's summary; your text is kept when the record changes.",
        cancel_url=reverse("annual_reports", args=[committee.slug]),
    )


@officer_required
def annual_report_draft(request: HttpRequest, pk: int) -> HttpResponseBase:
    report = _report_to_run(request, pk)
    r = selectors.compose(report=report, may_see=selectors.everything)
    context = {"report": report, "r": r, "committee": report.committee, "edit": report.status != ReportStatus.PUBLISHED,
               "events": report.events.select_related("by").order_by("recorded_at", "pk")}
    return _served(render(request, "annual_report/draft.html", context), r, report, OpeningFormat.PAGE)


@officer_required
def annual_report_text(request: HttpRequest, pk: int, part: str) -> HttpResponseBase:
    report = _report_to_run(request, pk)
    r = selectors.compose(report=report, may_see=selectors.everything)
    found = selectors.parts(r).get(part)
    if found is None:
        raise Http404
    exempt = any(i["part"] == part and i["exempt"] for m in r["meetings"] for i in m["items"])
    source = selectors.source_of(report, part) or ""
    response = form_page(
        request, forms.TextForm.bound_to(request, initial={"text": found["text"]}),
        partial(services.narrative_write, report=report, part=part),
        success=lambda t: ("Your text is saved" + (f" (version {t.version})." if t.text else
                                                  ": the report prints what the record says."), _draft_url(report)),
        heading="Change the report's text", committee=report.committee,
        caption=found.get("title", {"introduction": "Introduction and Background",
                                    "work-programme": "Work Programme"}.get(part, part)),
        submit="Save the text", cancel_url=_draft_url(report), template="annual_report/text.html",
        context={"source": source, "changed": found["changed"]},
    )
    if exempt:
        return mark_visibility(response, Visibility.EXEMPT, opening=_opening(report, OpeningFormat.PAGE))
    return mark_visibility(response, Visibility.OFFICERS)


@officer_required
def annual_report_consider(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_to_run(request, pk)
    return form_page(
        request, forms.ConsiderForm.bound_to(request, committee_id=report.committee_id),
        partial(services.annual_report_consider, report=report),
        success=lambda r: (f"{r} is recorded as considered by the Committee.", _draft_url(r)),
        heading="Record the Committee's consideration", committee=report.committee, caption=str(report),
        submit="Record it", cancel_url=_draft_url(report),
    )


@officer_required
def annual_report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_to_run(request, pk)
    return form_page(
        request, forms.SubmitForm.bound_to(request, initial={"submitted_to": "the General Assembly of the Council"}),
        partial(services.annual_report_submit, report=report),
        success=lambda r: (f"{r} is recorded as submitted to {r.submitted_to}.", _draft_url(r)),
        heading="Record the submission to the Council", committee=report.committee, caption=str(report),
        submit="Record it", cancel_url=_draft_url(report),
    )


@officer_required
def annual_report_publish(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_to_run(request, pk)
    return form_page(
        request, forms.PublishForm.bound_to(request, initial={"published_on": timezone.localdate()}),
        partial(services.annual_report_publish, report=report),
        success=lambda r: (f"{r} is published: the public reads it as it stands now.", reverse("annual_report", args=[r.pk])),
        heading="Publish the report", committee=report.committee, caption=str(report), submit="Publish the report",
        intro="The public version is published as it stands now, and does not change after: business considered "
        "in private appears only as such, with its ground.",
        cancel_url=_draft_url(report),
    )
