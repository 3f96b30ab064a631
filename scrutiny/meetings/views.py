from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from scrutiny.access.decorators import officer_required
from scrutiny.access.policy import Viewer
from scrutiny.core.views import form_page
from scrutiny.documents import services as document_services
from scrutiny.publishing.selectors import latest_publication

from . import selectors, services
from .forms import AgendaItemForm, PaperForm
from .models import AgendaItem


def meeting_detail(request, pk: int):
    meeting = selectors.meeting_get(pk=pk)
    viewer = Viewer.of(request)
    context = {
        "meeting": meeting,
        "committee": meeting.committee,
        "agenda": selectors.meeting_agenda(meeting=meeting, viewer=viewer),
        "sees_exempt": viewer.may_see_exempt_of_meeting(meeting),
        "minutes_visible": viewer.may_see_minutes(meeting) and meeting.minutes.exists(),
        "publication": latest_publication(meeting) if viewer.may_see_agenda(meeting) else None,
    }
    if viewer.is_officer:
        context["manage"] = selectors.meeting_management(meeting=meeting)
    return render(request, "meetings/meeting_detail.html", context)


# -- officers: building the agenda -----------------------------------------------------------


def _back(pk: int) -> str:
    return reverse("meeting", args=[pk]) + "#manage"


def _run(request, action, success: str, pk: int):
    try:
        action()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success)
    return redirect(_back(pk))


@officer_required
@require_POST
def agenda_build(request, pk: int):
    meeting = selectors.meeting_get(pk=pk)
    return _run(
        request,
        lambda: services.agenda_build(meeting=meeting, by=request.user),
        "Draft agenda built from the standard items and the work programme.",
        pk,
    )


@officer_required
@require_POST
def agenda_item_move(request, pk: int, direction: str):
    item = get_object_or_404(AgendaItem.internal.select_related("meeting"), pk=pk)
    return _run(
        request,
        lambda: services.agenda_item_move(item=item, up=direction == "up", by=request.user),
        "Agenda reordered.",
        item.meeting_id,
    )


@officer_required
@require_POST
def agenda_item_remove(request, pk: int):
    item = get_object_or_404(AgendaItem.internal.select_related("meeting"), pk=pk)
    return _run(
        request,
        lambda: services.agenda_item_remove(item=item, by=request.user),
        f"“{item.title}” removed.",
        item.meeting_id,
    )


@officer_required
def agenda_item_add(request, pk: int):
    meeting = selectors.meeting_get(pk=pk)
    form = AgendaItemForm(request.POST or None)

    def action(d):
        return services.agenda_item_add(
            meeting=meeting,
            title=d["title"],
            purpose=d["purpose"],
            kind=d["kind"],
            is_exempt=d["is_exempt"],
            exemption_ground=d["exemption_ground"],
            public_title=d["public_title"],
            expects_report=d["expects_report"],
            urgency_reason=d["urgency_reason"],
            by=request.user,
        )

    return form_page(
        request,
        form=form,
        action=action,
        committee=meeting.committee,
        heading="Add an agenda item",
        caption=f"{meeting.committee.name}, {meeting.date_display}",
        submit="Add item",
        cancel_url=_back(pk),
        success=lambda item: (f"Item {item.number} “{item.title}” added.", _back(pk)),
    )


@officer_required
def paper_add(request, pk: int):
    item = get_object_or_404(AgendaItem.internal.select_related("meeting__committee"), pk=pk)
    form = PaperForm(request.POST or None, request.FILES or None)

    def action(d):
        upload = d["file"]
        return document_services.document_add(
            item=item,
            title=d["title"],
            kind=d["kind"],
            is_exempt=d["is_exempt"],
            exemption_ground=d["exemption_ground"],
            public_title=d["public_title"],
            file_name=upload.name,
            data=upload.read(),
            by=request.user,
        )

    label = f"item {item.number}" if item.number else item.title
    return form_page(
        request,
        form=form,
        action=action,
        committee=item.meeting.committee,
        heading=f"Add a paper to {label}",
        caption=item.title,
        submit="Upload paper",
        cancel_url=_back(item.meeting_id),
        success=lambda doc: (
            f"“{doc.title}” uploaded ({doc.page_count} page{'s' if doc.page_count != 1 else ''}).",
            _back(item.meeting_id),
        ),
    )
