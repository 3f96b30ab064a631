"""CSP performance pages: indicators and charts for an area and period, the report as PDF
(public, or with the partners' confidential figures for those entitled), the import history."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from scrutiny.access.decorators import officer_required
from scrutiny.access.policy import Viewer

from .models import Area, ComparisonGroup, ImportRun, PartnerIndicator, PoliceMonth
from .periods import Period, PeriodError, month_add
from .presentation import present
from .report import report_attach, report_docx, report_pdf
from .selectors import comparison_group_for, performance_report


def _default_period() -> Period | None:
    """The latest three months loaded: the latest quarter an officer would report."""
    last = PoliceMonth.objects.order_by("-month").values_list("month", flat=True).first()
    return None if last is None else Period(month_add(last, -2), last)


def _period_from(request) -> tuple[Period | None, dict[str, str]]:
    first, last = request.GET.get("from", "").strip(), request.GET.get("to", "").strip()
    if not first and not last:
        return _default_period(), {}
    try:
        return Period.parse(first or last, last or first), {}
    except PeriodError as exc:
        return _default_period(), {"from": str(exc)}


def _compare_from(request) -> str:
    return "previous" if request.GET.get("compare") == "previous" else "last-year"


def _may_see_confidential(viewer: Viewer, group: ComparisonGroup | None) -> bool:
    if group is None:
        return viewer.is_officer
    return viewer.may_see_exempt(committee=group.committee)


def _open_agenda_items(committee):
    """Items of the committee's meetings whose agenda is not yet published: where a paper can go."""
    from scrutiny.meetings.models import AgendaItem, MeetingStatus

    return (
        AgendaItem.internal.filter(meeting__committee=committee, meeting__status=MeetingStatus.SCHEDULED)
        .select_related("meeting")
        .order_by("meeting__date", "position")
    )


def performance_index(request):
    groups = ComparisonGroup.objects.select_related("area", "committee").order_by("area__name")
    return render(request, "performance/index.html", {"groups": groups, "period": _default_period(),
                                                       "is_officer": Viewer.of(request).is_officer})


def performance_area(request, code: str):
    area = get_object_or_404(Area, code=code)
    viewer = Viewer.of(request)
    period, errors = _period_from(request)
    compare = _compare_from(request)
    context = {"area": area, "errors": errors, "compare": compare, "period": period, "presented": None}
    if period is not None:
        group = comparison_group_for(area)
        may_see = _may_see_confidential(viewer, group)
        if viewer.is_officer and group is not None:
            context["agenda_items"] = _open_agenda_items(group.committee)
        report = performance_report(area=area, period=period, compare=compare, group=group,
                                    include_confidential=may_see)
        context.update(presented=present(report), may_see_confidential=may_see)
    response = render(request, "performance/area.html", context)
    if context.get("may_see_confidential"):
        response["Cache-Control"] = "private, no-store"
    return response


def _report_pdf(request, code: str, *, confidential: bool) -> HttpResponse:
    area = get_object_or_404(Area, code=code)
    period, errors = _period_from(request)
    if period is None or errors:
        raise Http404("No period: choose one on the performance page.")
    group = comparison_group_for(area)
    if confidential and not _may_see_confidential(Viewer.of(request), group):
        # The same answer as for a report that does not exist: nothing about it is disclosed.
        raise Http404("No such report.")
    pdf = report_pdf(area=area, period=period, compare=_compare_from(request), group=group, confidential=confidential)
    response = HttpResponse(pdf, content_type="application/pdf")
    suffix = "-confidential" if confidential else ""
    response["Content-Disposition"] = (
        f'inline; filename="performance-{area.code}-{period.first:%Y-%m}-{period.last:%Y-%m}{suffix}.pdf"'
    )
    response["Cache-Control"] = "private, no-store" if confidential else "public, max-age=300"
    return response


def _report_word(request, code: str, *, confidential: bool) -> HttpResponse:
    area = get_object_or_404(Area, code=code)
    period, errors = _period_from(request)
    if period is None or errors:
        raise Http404("No period: choose one on the performance page.")
    group = comparison_group_for(area)
    if confidential and not _may_see_confidential(Viewer.of(request), group):
        raise Http404("No such report.")
    data = report_docx(area=area, period=period, compare=_compare_from(request), group=group, confidential=confidential)
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    suffix = "-confidential" if confidential else ""
    response["Content-Disposition"] = (
        f'attachment; filename="performance-{area.code}-{period.first:%Y-%m}-{period.last:%Y-%m}{suffix}.docx"'
    )
    response["Cache-Control"] = "private, no-store" if confidential else "public, max-age=300"
    return response


def performance_report_docx(request, code: str):
    return _report_word(request, code, confidential=False)


def performance_report_confidential_docx(request, code: str):
    return _report_word(request, code, confidential=True)


def performance_report_pdf(request, code: str):
    return _report_pdf(request, code, confidential=False)


def performance_report_confidential_pdf(request, code: str):
    return _report_pdf(request, code, confidential=True)


@officer_required
def import_history(request):
    # Officers see everything today; asking the policy keeps the page safe if the guard changes.
    internal = Viewer.of(request).may_see_any_exempt()
    run_manager = ImportRun.internal if internal else ImportRun.public
    runs = run_manager.select_related("by").prefetch_related("police_files")[:50]
    months = PoliceMonth.objects.select_related("run").order_by("-month", "force")[:200]
    indicators = (PartnerIndicator.internal if internal else PartnerIndicator.public).select_related("organisation")
    return render(request, "performance/imports.html", {"runs": runs, "months": months, "indicators": indicators})


@officer_required
def partner_figures_upload(request, pk: int):
    from django.core.exceptions import ValidationError
    from django.urls import reverse

    from scrutiny.core.views import form_page

    from .forms import PartnerSheetForm
    from .models import PartnerIndicator
    from .partner import PartnerSheetError
    from .services import partner_figures_upload as upload_service

    indicator = get_object_or_404(PartnerIndicator.internal.select_related("committee", "organisation"), pk=pk)
    form = PartnerSheetForm(request.POST or None, request.FILES or None)

    def action(data):
        upload = data["file"]
        try:
            return upload_service(indicator=indicator, name=upload.name, content=upload.read(), by=request.user)
        except PartnerSheetError as exc:
            raise ValidationError(["Nothing was stored."] + exc.problems) from None

    return form_page(
        request,
        form=form,
        action=action,
        committee=indicator.committee,
        heading=f"Upload figures: {indicator.name}",
        caption=f"{indicator.organisation.name}{' (in confidence)' if indicator.is_exempt else ''}",
        success=lambda run: (run.message, reverse("performance_imports")),
        submit="Upload",
        cancel_url=reverse("performance_imports"),
    )


@officer_required
def performance_report_attach(request, code: str):
    """Put the report for the chosen period on an agenda item, as its paper."""
    from django.contrib import messages
    from django.core.exceptions import ValidationError
    from django.shortcuts import redirect

    from scrutiny.meetings.models import AgendaItem

    area = get_object_or_404(Area, code=code)
    back = f"{request.path.rsplit('/attach/', 1)[0]}/"
    if request.method != "POST":
        return redirect(back)
    period, errors = _period_from(request)
    item = AgendaItem.internal.select_related("meeting__committee").filter(pk=request.POST.get("item") or 0).first()
    if period is None or errors or item is None:
        messages.error(request, "Choose the agenda item to put the report on, and a period.")
        return redirect(back)
    confidential = request.POST.get("version") == "confidential"
    try:
        document = report_attach(item=item, area=area, period=period, compare=_compare_from(request),
                                 confidential=confidential, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(back)
    messages.success(request, f"“{document.title}” is now a paper of item {item.number or item.title} of the meeting "
                              f"of {item.meeting.date_display}.")
    return redirect("meeting", pk=item.meeting_id)
