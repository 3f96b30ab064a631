"""CSP performance pages: indicators and charts for an area and period, the report as PDF and
Word (public, or with the partners' confidential figures for those entitled), the import
history."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from scrutiny.access.decorators import ensure_runs, officer_required
from scrutiny.access.policy import Viewer
from scrutiny.core.downloads import PDF, WORD, FileKind, Visibility, file_response, mark_visibility
from scrutiny.core.openings import Opening, OpeningFormat, OpeningKind
from scrutiny.core.views import action_redirect
from scrutiny.governance.models import Committee
from scrutiny.meetings.selectors import open_agenda_items

from .forms import ReportAttachForm
from .models import Area, ComparisonGroup
from .periods import Period, PeriodError, month_add
from .presentation import present
from .report import report_attach, report_docx, report_pdf
from .selectors import (
    comparison_group_for,
    comparison_groups,
    import_history,
    latest_police_month,
    performance_report,
)


def _default_period() -> Period | None:
    """The latest three months loaded: the latest quarter an officer would report."""
    last = latest_police_month()
    return None if last is None else Period(month_add(last, -2), last)


def _period_from(request: HttpRequest) -> tuple[Period | None, dict[str, str]]:
    first, last = request.GET.get("from", "").strip(), request.GET.get("to", "").strip()
    if not first and not last:
        return _default_period(), {}
    try:
        return Period.parse(first or last, last or first), {}
    except PeriodError as exc:
        return _default_period(), {"from": str(exc)}


def _compare_from(request: HttpRequest) -> str:
    return "previous" if request.GET.get("compare") == "previous" else "last-year"


def _may_see_confidential(viewer: Viewer, group: ComparisonGroup | None) -> bool:
    if group is None:
        return viewer.is_superuser
    return viewer.may_see_exempt(committee=group.committee)


def _confidential_opening(
    group: ComparisonGroup, area: Area, period: Period, format: OpeningFormat, *, report: bool
) -> Opening:
    what = f"{'The report on ' if report else ''}{area.name}, {period.label}"
    return Opening(kind=OpeningKind.CONFIDENTIAL_FIGURES, format=format, committee_id=group.committee_id, what=what)


def performance_index(request: HttpRequest) -> HttpResponse:
    context = {"groups": comparison_groups(), "period": _default_period(), "is_officer": Viewer.of(request).is_officer}
    return render(request, "performance/index.html", context)


def performance_area(request: HttpRequest, code: str) -> HttpResponse:
    area = get_object_or_404(Area, code=code)
    viewer = Viewer.of(request)
    period, errors = _period_from(request)
    compare = _compare_from(request)
    context = {"area": area, "errors": errors, "compare": compare, "period": period, "presented": None}
    opening = None
    if period is not None:
        group = comparison_group_for(area)
        may_see = _may_see_confidential(viewer, group)
        if group is not None and viewer.runs(group.committee):
            context["agenda_items"] = open_agenda_items(committee=group.committee)
        report = performance_report(area=area, period=period, compare=compare, group=group,
                                    include_confidential=may_see)
        context.update(presented=present(report), may_see_confidential=may_see)
        if group is not None and report.shows_confidential:
            opening = _confidential_opening(group, area, period, OpeningFormat.PAGE, report=False)
    response = render(request, "performance/area.html", context)
    return mark_visibility(response, Visibility.EXEMPT, opening=opening) if opening else response


REPORT_BUILDERS: dict[FileKind, Callable[..., bytes]] = {PDF: report_pdf, WORD: report_docx}


def performance_report_file(
    request: HttpRequest, code: str, *, kind: FileKind, visibility: Visibility
) -> HttpResponseBase:
    """The report as PDF or Word: the public one, or (`visibility` exempt) with the partners'
    figures given in confidence, for those entitled; to anyone else that one answers exactly
    like a report that does not exist."""
    area = get_object_or_404(Area, code=code)
    period, errors = _period_from(request)
    if period is None or errors:
        raise Http404("No period: choose one on the performance page.")
    group = comparison_group_for(area)
    confidential = visibility != Visibility.PUBLIC
    # Without a group there are no partners' figures: no confidential report to open.
    if confidential and (group is None or not _may_see_confidential(Viewer.of(request), group)):
        raise Http404("No such report.")
    content = REPORT_BUILDERS[kind](
        area=area, period=period, compare=_compare_from(request), group=group, confidential=confidential
    )
    suffix = "-confidential" if confidential else ""
    filename = f"performance-{area.code}-{period.first:%Y-%m}-{period.last:%Y-%m}{suffix}.{kind.extension}"
    opening = None
    if confidential and group is not None:
        format = OpeningFormat.PDF if kind == PDF else OpeningFormat.WORD
        opening = _confidential_opening(group, area, period, format, report=True)
    return file_response(content, filename=filename, visibility=visibility, opening=opening)


@officer_required
def import_history_page(request: HttpRequest) -> HttpResponse:
    viewer = Viewer.of(request)
    history = import_history(
        confidential_of=None
        if viewer.may_see_any_exempt()
        else [c.pk for c in Committee.objects.select_related("council") if viewer.may_see_exempt(committee=c)]
    )
    context = {"runs": history.runs, "months": history.months, "indicators": history.indicators}
    return render(request, "performance/imports.html", context)


@officer_required
def performance_report_attach(request: HttpRequest, code: str) -> HttpResponse:
    """Put the report for the chosen period on an agenda item, as its paper."""
    area = get_object_or_404(Area, code=code)
    back = reverse("performance_area", args=[code])
    if request.method != "POST":
        return redirect(back)
    period, errors = _period_from(request)
    form = ReportAttachForm.bound_to(request)
    if period is None or errors or not form.is_valid():
        messages.error(request, "Choose the agenda item to put the report on, and a period.")
        return redirect(back)
    item = form.cleaned_data["item"]
    ensure_runs(request, item.meeting.committee)
    attach = partial(report_attach, area=area, period=period, compare=_compare_from(request), **form.service_kwargs())
    return action_redirect(
        request,
        attach,
        success=lambda document: (
            f"“{document.title}” is now a paper of item {item.number or item.title} of the meeting of "
            f"{item.meeting.date_display}.",
            reverse("meeting", args=[item.meeting_id]),
        ),
        refused_url=back,
    )
