"""Work programme pages: the public plan, its exports and versions, and the officers'
screens that change it (each change through a service, with its reason)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from scrutiny.access.decorators import officer_required
from scrutiny.access.policy import Viewer
from scrutiny.core.views import form_page
from scrutiny.governance.models import Committee

from . import exports, forms, selectors, services
from .models import DrawDownRequest, DrawDownStatus, ItemStatus, WorkPlanVersion, WorkProgrammeItem


def _committee(slug: str) -> Committee:
    return get_object_or_404(Committee.objects.select_related("council"), slug=slug)


def _from_year(request) -> int | None:
    raw = request.GET.get("from", "")
    return int(raw) if raw.isdigit() and 1990 < int(raw) < 2100 else None


def work_programme(request, slug: str):
    committee = _committee(slug)
    viewer = Viewer.of(request)
    from_year = _from_year(request)
    context = {
        "committee": committee,
        "rows": selectors.plan_rows(committee=committee, from_year=from_year),
        "from_year": from_year,
        "changes": selectors.recorded_changes(committee=committee, viewer=viewer),
        "versions": selectors.versions(committee=committee),
        "is_officer": viewer.is_officer,
    }
    if viewer.is_officer:
        context["warnings"] = selectors.warnings(committee=committee)
        context["proposals"] = WorkProgrammeItem.objects.filter(
            committee=committee, status=ItemStatus.PROPOSED
        ).select_related("target_meeting")
    return render(request, "programme/work_programme.html", context)


def _export_title(committee: Committee, from_year: int | None) -> str:
    return (
        f"Rolling Work Plan {from_year}-{(from_year + 1) % 100:02d} and Beyond"
        if from_year
        else "Rolling Work Plan"
    )


def work_programme_docx(request, slug: str):
    committee = _committee(slug)
    from_year = _from_year(request)
    content = exports.work_plan_docx(
        committee=committee,
        title=_export_title(committee, from_year),
        rows=selectors.plan_rows(committee=committee, from_year=from_year),
    )
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = f'attachment; filename="work-plan-{committee.slug}.docx"'
    return response


def work_programme_pdf(request, slug: str):
    committee = _committee(slug)
    from_year = _from_year(request)
    content = exports.work_plan_pdf(
        committee=committee,
        title=_export_title(committee, from_year),
        rows=selectors.plan_rows(committee=committee, from_year=from_year),
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="work-plan-{committee.slug}.pdf"'
    return response


def item_detail(request, pk: int):
    item = get_object_or_404(
        WorkProgrammeItem.objects.select_related("committee", "target_meeting", "brought_by"), pk=pk
    )
    viewer = Viewer.of(request)
    context = {
        "item": item,
        "committee": item.committee,
        "changes": selectors.item_changes(item, viewer=viewer),
        "notice_deadline": selectors.notice_deadline(item),
        "is_officer": viewer.is_officer,
        "draw_down": getattr(item, "draw_down_request", None),
    }
    return render(request, "programme/item_detail.html", context)


@officer_required
def item_add(request, slug: str):
    committee = _committee(slug)
    form = forms.ItemAddForm(request.POST or None, committee=committee)

    def action(d):
        return services.item_add(
            committee=committee,
            title=d["title"],
            kind=d["kind"],
            target_meeting=d["target_meeting"],
            description=d["description"],
            brought_by=d["brought_by"],
            brought_by_note=d["brought_by_note"],
            expected_exempt=d["expected_exempt"],
            statutory_subject=d["statutory_subject"],
            needs_attendance=d["needs_attendance"],
            decided_by=d["decided_by"],
            decided_on=d["decided_on"],
            reason=d["reason"],
            by=request.user,
        )

    return form_page(
        request,
        form=form,
        action=action,
        committee=committee,
        heading="Add an item to the work programme",
        caption=committee.name,
        submit="Add item",
        cancel_url=reverse("work_programme", args=[slug]),
        success=lambda item: (
            f"“{item.title}” added to the work programme.",
            reverse("work_programme_item", args=[item.pk]),
        ),
    )


@officer_required
def item_move(request, pk: int):
    item = get_object_or_404(WorkProgrammeItem.objects.select_related("committee", "target_meeting"), pk=pk)
    form = forms.ItemMoveForm(request.POST or None, committee=item.committee)

    def action(d):
        return services.item_move(
            item=item,
            to_meeting=d["to_meeting"],
            decided_by=d["decided_by"],
            decided_by_note=d["decided_by_note"],
            decided_on=d["decided_on"],
            reason=d["reason"],
            by=request.user,
        )

    return form_page(
        request,
        form=form,
        action=action,
        committee=item.committee,
        heading=f"Move “{item.title}”",
        caption=f"Now: {item.target_meeting.date_display if item.target_meeting else 'to be agreed'}",
        submit="Move item",
        cancel_url=reverse("work_programme_item", args=[pk]),
        success=lambda change: (change.wording, reverse("work_programme_item", args=[pk])),
    )


@officer_required
def item_cancel(request, pk: int):
    item = get_object_or_404(WorkProgrammeItem.objects.select_related("committee"), pk=pk)
    form = forms.ItemCancelForm(request.POST or None)

    def action(d):
        return services.item_cancel(
            item=item,
            decided_by=d["decided_by"],
            decided_by_note=d["decided_by_note"],
            decided_on=d["decided_on"],
            reason=d["reason"],
            by=request.user,
        )

    return form_page(
        request,
        form=form,
        action=action,
        committee=item.committee,
        heading=f"Cancel “{item.title}”",
        submit="Cancel item",
        cancel_url=reverse("work_programme_item", args=[pk]),
        success=lambda change: (change.wording, reverse("work_programme_item", args=[pk])),
    )


@officer_required
def item_attendance(request, pk: int):
    item = get_object_or_404(WorkProgrammeItem.objects.select_related("committee"), pk=pk)
    form = forms.AttendanceRequestForm(request.POST or None)
    return form_page(
        request,
        form=form,
        committee=item.committee,
        heading=f"Record the request to attend: “{item.title}”",
        action=lambda d: services.item_record_attendance_request(
            item=item, requested_on=d["requested_on"], by=request.user
        ),
        submit="Record request",
        cancel_url=reverse("work_programme_item", args=[pk]),
        success=lambda i: ("Request to attend recorded.", reverse("work_programme_item", args=[pk])),
    )


@officer_required
@require_POST
def item_accept(request, pk: int):
    item = get_object_or_404(WorkProgrammeItem, pk=pk)
    try:
        services.item_accept(item=item, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"“{item.title}” accepted into the plan.")
    return redirect(reverse("work_programme", args=[item.committee.slug]))


@officer_required
@require_POST
def recurring_propose(request, slug: str):
    committee = _committee(slug)
    created = services.recurring_items_propose(committee=committee, by=request.user)
    messages.success(
        request,
        f"{len(created)} recurring item(s) proposed for future meetings."
        if created
        else "No new recurring items to propose.",
    )
    return redirect(reverse("work_programme", args=[slug]))


def version_list(request, slug: str):
    committee = _committee(slug)
    return render(
        request,
        "programme/versions.html",
        {"committee": committee, "versions": selectors.versions(committee=committee)},
    )


def version_detail(request, pk: int):
    version = get_object_or_404(WorkPlanVersion.objects.select_related("committee", "approved_at"), pk=pk)
    current = selectors.snapshot(selectors.plan_rows(committee=version.committee))
    context = {
        "version": version,
        "committee": version.committee,
        "diff": selectors.diff(version.snapshot, current),
    }
    return render(request, "programme/version_detail.html", context)


def version_on(request, slug: str):
    """The plan as approved on a date: ?on=YYYY-MM-DD."""
    committee = _committee(slug)
    import datetime as dt

    try:
        on = dt.date.fromisoformat(request.GET.get("on", ""))
    except ValueError:
        on = timezone.localdate()
    version = selectors.version_in_force(committee=committee, on=on)
    if version is None:
        messages.error(request, f"No work plan had been approved by {on.day} {on:%B %Y}.")
        return redirect(reverse("work_programme_versions", args=[slug]))
    return redirect(reverse("work_programme_version", args=[version.pk]))


@officer_required
def version_approve(request, slug: str):
    committee = _committee(slug)
    form = forms.VersionApproveForm(request.POST or None, committee=committee)

    def action(d):
        return services.version_approve(
            committee=committee,
            meeting=d["meeting"],
            resolution_text=d["resolution_text"],
            proposed=d["proposed"],
            title=d["title"],
            by=request.user,
        )

    return form_page(
        request,
        form=form,
        action=action,
        committee=committee,
        heading="Record the Committee's approval of the work plan",
        intro="The plan is frozen as it stands, with the changes made at the meeting already recorded on the items.",
        submit="Record approval",
        cancel_url=reverse("work_programme", args=[slug]),
        success=lambda v: (
            f"“{v.title}” approved on {v.approved_on:%d %B %Y}.",
            reverse("work_programme_version", args=[v.pk]),
        ),
    )


@officer_required
def version_propose(request, slug: str):
    committee = _committee(slug)
    form = forms.VersionProposeForm(request.POST or None)
    return form_page(
        request,
        form=form,
        committee=committee,
        heading="Freeze the plan as proposed for a meeting",
        action=lambda d: services.version_propose(
            committee=committee, title=d["title"], prepared_on=d["prepared_on"], by=request.user
        ),
        submit="Freeze plan",
        cancel_url=reverse("work_programme", args=[slug]),
        success=lambda v: (f"“{v.title}” frozen.", reverse("work_programme_version", args=[v.pk])),
    )


@officer_required
def draw_down_list(request, slug: str):
    committee = _committee(slug)
    requests = DrawDownRequest.objects.filter(committee=committee).select_related("requested_by", "item")
    return render(request, "programme/draw_downs.html", {"committee": committee, "requests": requests})


@officer_required
def draw_down_new(request, slug: str):
    committee = _committee(slug)
    form = forms.DrawDownRequestForm(request.POST or None)
    return form_page(
        request,
        form=form,
        committee=committee,
        heading="Record a draw-down request",
        caption=committee.name,
        action=lambda d: services.draw_down_request(
            committee=committee,
            topic=d["topic"],
            description=d["description"],
            requested_by=d["requested_by"],
            requested_by_note=d["requested_by_note"],
            requested_on=d["requested_on"],
            by=request.user,
        ),
        submit="Record request",
        cancel_url=reverse("draw_downs", args=[slug]),
        success=lambda r: (f"Draw-down request “{r.topic}” recorded.", reverse("draw_down", args=[r.pk])),
    )


@officer_required
def draw_down_detail(request, pk: int):
    request_ = get_object_or_404(
        DrawDownRequest.objects.select_related("committee", "requested_by", "item"), pk=pk
    )
    steps = request_.steps.select_related("decided_by", "recorded_by").order_by("sequence")
    return render(
        request,
        "programme/draw_down_detail.html",
        {"req": request_, "committee": request_.committee, "steps": steps},
    )


@officer_required
def draw_down_decide(request, pk: int):
    req = get_object_or_404(DrawDownRequest.objects.select_related("committee"), pk=pk)
    director = req.status == DrawDownStatus.CHAIRMAN_AGREED
    form = forms.DrawDownDecisionForm(request.POST or None, committee=req.committee, with_meeting=director)

    def action(d):
        agreed = d["decision"] == "yes"
        if director:
            return services.draw_down_director_decide(
                request=req,
                approved=agreed,
                director=d["decided_by"],
                decided_on=d["decided_on"],
                note=d["note"],
                target_meeting=d.get("target_meeting"),
                by=request.user,
            )
        return services.draw_down_chairman_decide(
            request=req,
            agreed=agreed,
            chairman=d["decided_by"],
            decided_on=d["decided_on"],
            note=d["note"],
            by=request.user,
        )

    return form_page(
        request,
        form=form,
        action=action,
        committee=req.committee,
        heading=f"{'The Director' if director else 'The Chairman'}'s decision on “{req.topic}”",
        submit="Record decision",
        cancel_url=reverse("draw_down", args=[pk]),
        success=lambda r: (
            f"“{r.topic}”: {r.get_status_display().lower()}.",
            reverse("draw_down", args=[pk]),
        ),
    )
