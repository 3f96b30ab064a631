"""Work programme pages: the public plan, its exports and versions, and the officers'
screens that change it (each change through a service, with its reason)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from scrutiny.access.decorators import ensure_runs, officer_required
from scrutiny.access.policy import Viewer
from scrutiny.core.downloads import PDF, WORD, FileKind, Visibility, file_response
from scrutiny.core.views import action_redirect, form_page
from scrutiny.governance.models import Committee
from scrutiny.meetings.views import committee_to_run
from scrutiny.minutes.models import Minute

from . import exports, forms, selectors, services
from .models import DrawDownRequest, DrawDownStatus, WorkPlanVersion, WorkProgrammeChange, WorkProgrammeItem


def _committee(slug: str) -> Committee:
    return get_object_or_404(Committee.objects.select_related("council"), slug=slug)


def _from_year(request: HttpRequest) -> int | None:
    raw = request.GET.get("from", "")
    return int(raw) if raw.isdigit() and 1990 < int(raw) < 2100 else None


def _as_at(request: HttpRequest) -> dt.date | None:
    """?as_at=2018-02-21, or the date input's three fields; None for the plan as it stands."""
    raw = request.GET.get("as_at", "")
    if not raw and request.GET.get("as_at_year"):
        raw = "-".join(request.GET.get(f"as_at_{p}", "").zfill(2) for p in ("year", "month", "day"))
    try:
        day = dt.date.fromisoformat(raw)
    except ValueError:
        return None
    return day if 1990 < day.year < 2100 else None


def _query(from_year: int | None, as_at: dt.date | None) -> str:
    parts = ([f"from={from_year}"] if from_year else []) + ([f"as_at={as_at.isoformat()}"] if as_at else [])
    return "?" + "&".join(parts) if parts else ""


def work_programme(request: HttpRequest, slug: str) -> HttpResponse:
    committee = _committee(slug)
    viewer = Viewer.of(request)
    from_year = _from_year(request)
    as_at = _as_at(request)
    context = {
        "committee": committee,
        "rows": selectors.plan_rows(committee=committee, from_year=from_year, as_at=as_at),
        "from_year": from_year,
        "as_at": as_at,
        "as_at_asked": bool(request.GET.get("as_at") or request.GET.get("as_at_year")) and as_at is None,
        "query": _query(from_year, as_at),
        "changes": selectors.recorded_changes(committee=committee, viewer=viewer),
        "versions": selectors.versions(committee=committee),
        "is_officer": viewer.runs(committee),
    }
    if viewer.runs(committee):
        context["warnings"] = selectors.warnings(committee=committee)
        context["proposals"] = selectors.proposed_items(committee=committee)
    return render(request, "programme/work_programme.html", context)


def _export_title(from_year: int | None, as_at: dt.date | None = None) -> str:
    title = f"Rolling Work Plan {from_year}-{(from_year + 1) % 100:02d} and Beyond" if from_year else "Rolling Work Plan"
    return f"{title} as at {as_at.day} {as_at:%B %Y}" if as_at else title


WORK_PLAN_BUILDERS: dict[FileKind, Callable[..., bytes]] = {PDF: exports.work_plan_pdf, WORD: exports.work_plan_docx}


def work_programme_file(request: HttpRequest, slug: str, *, kind: FileKind) -> HttpResponseBase:
    """The plan as Word or PDF. Public: it is the same plan, with the same rows, for everyone."""
    committee = _committee(slug)
    from_year, as_at = _from_year(request), _as_at(request)
    content = WORK_PLAN_BUILDERS[kind](
        committee=committee,
        title=_export_title(from_year, as_at),
        rows=selectors.plan_rows(committee=committee, from_year=from_year, as_at=as_at),
    )
    return file_response(content, filename=f"work-plan-{committee.slug}.{kind.extension}", visibility=Visibility.PUBLIC)


def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        WorkProgrammeItem.objects.select_related("committee", "target_meeting", "brought_by"), pk=pk
    )
    viewer = Viewer.of(request)
    context = {
        "item": item,
        "committee": item.committee,
        "changes": selectors.item_changes(item, viewer=viewer),
        "notice_deadline": selectors.notice_deadline(item),
        "is_officer": viewer.runs(item.committee),
        "draw_down": getattr(item, "draw_down_request", None),
    }
    return render(request, "programme/item_detail.html", context)


def _item_page(pk: int) -> str:
    return reverse("work_programme_item", args=[pk])


def _worded(pk: int) -> Callable[[WorkProgrammeChange], tuple[str, str]]:
    """A change's own wording as the message, back on the item's page."""
    return lambda change: (change.wording, _item_page(pk))


@officer_required
def item_add(request: HttpRequest, slug: str) -> HttpResponse:
    committee = committee_to_run(request, slug)
    return form_page(
        request,
        forms.ItemAddForm.bound_to(request, committee=committee),
        partial(services.item_add, committee=committee),
        success=lambda item: (f"“{item.title}” added to the work programme.", _item_page(item.pk)),
        committee=committee,
        heading="Add an item to the work programme",
        caption=committee.name,
        submit="Add item",
        cancel_url=reverse("work_programme", args=[slug]),
    )


@officer_required
def item_move(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(WorkProgrammeItem.objects.select_related("committee", "target_meeting"), pk=pk)
    ensure_runs(request, item.committee)
    return form_page(
        request,
        forms.ItemMoveForm.bound_to(request, committee=item.committee),
        partial(services.item_move, item=item),
        success=_worded(pk),
        committee=item.committee,
        heading=f"Move “{item.title}”",
        caption=f"Now: {item.target_meeting.date_display if item.target_meeting else 'to be agreed'}",
        submit="Move item",
        cancel_url=_item_page(pk),
    )


@officer_required
def minute_work_programme(request: HttpRequest, pk: int) -> HttpResponse:
    """What the minute of a held meeting records of a work-programme item."""
    minute = get_object_or_404(Minute.internal.select_related("meeting__committee"), pk=pk)
    committee = minute.meeting.committee
    ensure_runs(request, committee)
    back = reverse("meeting_minutes", args=[minute.meeting_id]) + f"#minute-{minute.pk}"
    return form_page(
        request,
        forms.MinuteOutcomeForm.bound_to(request, minute=minute),
        partial(services.item_outcome_record, minute=minute),
        success=lambda change: (change.wording + ".", back),
        committee=committee,
        heading="What the minute records of the work programme",
        caption=f"{committee.name}, {minute.meeting.date_display}: {minute.title}",
        intro="The item's record and the plan say so from the meeting's date, with the minute's number.",
        submit="Record it",
        cancel_url=back,
    )


@officer_required
def item_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(WorkProgrammeItem.objects.select_related("committee"), pk=pk)
    ensure_runs(request, item.committee)
    return form_page(
        request,
        forms.ItemCancelForm.bound_to(request),
        partial(services.item_cancel, item=item),
        success=_worded(pk),
        committee=item.committee,
        heading=f"Cancel “{item.title}”",
        submit="Cancel item",
        cancel_url=_item_page(pk),
    )


@officer_required
def item_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(WorkProgrammeItem.objects.select_related("committee"), pk=pk)
    ensure_runs(request, item.committee)
    return form_page(
        request,
        forms.AttendanceRequestForm.bound_to(request),
        partial(services.item_record_attendance_request, item=item),
        success=lambda _: ("Request to attend recorded.", _item_page(pk)),
        committee=item.committee,
        heading=f"Record the request to attend: “{item.title}”",
        submit="Record request",
        cancel_url=_item_page(pk),
    )


@officer_required
@require_POST
def item_accept(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(WorkProgrammeItem.objects.select_related("committee"), pk=pk)
    ensure_runs(request, item.committee)
    plan = reverse("work_programme", args=[item.committee.slug])
    return action_redirect(
        request,
        partial(services.item_accept, item=item),
        success=lambda _: (f"“{item.title}” accepted into the plan.", plan),
        refused_url=plan,
    )


def _proposed(created: list[WorkProgrammeItem]) -> str:
    if not created:
        return "No new recurring items to propose."
    return f"{len(created)} recurring item(s) proposed for future meetings."


@officer_required
@require_POST
def recurring_propose(request: HttpRequest, slug: str) -> HttpResponse:
    committee = committee_to_run(request, slug)
    plan = reverse("work_programme", args=[slug])
    return action_redirect(
        request,
        partial(services.recurring_items_propose, committee=committee),
        success=lambda created: (_proposed(created), plan),
        refused_url=plan,
    )


def version_list(request: HttpRequest, slug: str) -> HttpResponse:
    committee = _committee(slug)
    return render(
        request,
        "programme/versions.html",
        {"committee": committee, "versions": selectors.versions(committee=committee)},
    )


def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_object_or_404(WorkPlanVersion.objects.select_related("committee", "approved_at"), pk=pk)
    current = selectors.snapshot(selectors.plan_rows(committee=version.committee))
    context = {
        "version": version,
        "committee": version.committee,
        "diff": selectors.diff(version.snapshot, current),
    }
    return render(request, "programme/version_detail.html", context)


def version_on(request: HttpRequest, slug: str) -> HttpResponse:
    """The plan as approved on a date: ?on=YYYY-MM-DD."""
    committee = _committee(slug)
    try:
        on = dt.date.fromisoformat(request.GET.get("on", ""))
    except ValueError:
        on = timezone.localdate()
    version = selectors.version_in_force(committee=committee, on=on)
    if version is None:
        messages.error(request, f"No work plan had been approved by {on.day} {on:%B %Y}.")
        return redirect(reverse("work_programme_versions", args=[slug]))
    return redirect(reverse("work_programme_version", args=[version.pk]))


def _version_page(version: WorkPlanVersion) -> str:
    return reverse("work_programme_version", args=[version.pk])


@officer_required
def version_approve(request: HttpRequest, slug: str) -> HttpResponse:
    committee = committee_to_run(request, slug)
    return form_page(
        request,
        forms.VersionApproveForm.bound_to(request, committee=committee),
        partial(services.version_approve, committee=committee),
        success=lambda v: (f"“{v.title}” approved on {v.approved_on:%d %B %Y}.", _version_page(v)),
        committee=committee,
        heading="Record the Committee's approval of the work plan",
        intro="The plan is frozen as it stands, with the changes made at the meeting already recorded on the items.",
        submit="Record approval",
        cancel_url=reverse("work_programme", args=[slug]),
    )


@officer_required
def version_propose(request: HttpRequest, slug: str) -> HttpResponse:
    committee = committee_to_run(request, slug)
    return form_page(
        request,
        forms.VersionProposeForm.bound_to(request),
        partial(services.version_propose, committee=committee),
        success=lambda v: (f"“{v.title}” frozen.", _version_page(v)),
        committee=committee,
        heading="Freeze the plan as proposed for a meeting",
        submit="Freeze plan",
        cancel_url=reverse("work_programme", args=[slug]),
    )


@officer_required
def draw_down_list(request: HttpRequest, slug: str) -> HttpResponse:
    committee = committee_to_run(request, slug)
    context = {"committee": committee, "requests": selectors.draw_down_requests(committee=committee)}
    return render(request, "programme/draw_downs.html", context)


@officer_required
def draw_down_new(request: HttpRequest, slug: str) -> HttpResponse:
    committee = committee_to_run(request, slug)
    return form_page(
        request,
        forms.DrawDownRequestForm.bound_to(request),
        partial(services.draw_down_request, committee=committee),
        success=lambda r: (f"Draw-down request “{r.topic}” recorded.", reverse("draw_down", args=[r.pk])),
        committee=committee,
        heading="Record a draw-down request",
        caption=committee.name,
        submit="Record request",
        cancel_url=reverse("draw_downs", args=[slug]),
    )


@officer_required
def draw_down_detail(request: HttpRequest, pk: int) -> HttpResponse:
    req = get_object_or_404(DrawDownRequest.objects.select_related("committee", "requested_by", "item"), pk=pk)
    ensure_runs(request, req.committee)
    context = {"req": req, "committee": req.committee, "steps": selectors.draw_down_steps(request=req)}
    return render(request, "programme/draw_down_detail.html", context)


@officer_required
def draw_down_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """The Chairman's decision on a Member's request; once the Chairman has agreed, the Director's."""
    req = get_object_or_404(DrawDownRequest.objects.select_related("committee"), pk=pk)
    ensure_runs(request, req.committee)
    form: forms.DrawDownChairmanForm | forms.DrawDownDirectorForm
    if req.status == DrawDownStatus.CHAIRMAN_AGREED:
        who, decide = "The Director", partial(services.draw_down_director_decide, request=req)
        form = forms.DrawDownDirectorForm.bound_to(request, committee=req.committee)
    else:
        who, decide = "The Chairman", partial(services.draw_down_chairman_decide, request=req)
        form = forms.DrawDownChairmanForm.bound_to(request)
    back = reverse("draw_down", args=[pk])
    return form_page(
        request,
        form,
        decide,
        success=lambda r: (f"“{r.topic}”: {r.get_status_display().lower()}.", back),
        committee=req.committee,
        heading=f"{who}'s decision on “{req.topic}”",
        submit="Record decision",
        cancel_url=back,
    )
