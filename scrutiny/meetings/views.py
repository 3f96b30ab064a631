"""The meeting page, and the officers' screens that build its agenda."""

from __future__ import annotations

from functools import partial

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from scrutiny.access.decorators import officer_required
from scrutiny.access.policy import Viewer
from scrutiny.core.views import action_redirect, form_page
from scrutiny.documents import services as document_services
from scrutiny.publishing.selectors import latest_publication

from . import selectors, services
from .forms import AgendaItemForm, PaperForm
from .models import AgendaItem


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(pk=pk)
    viewer = Viewer.of(request)
    context: dict[str, object] = {
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


def _agenda_item(pk: int) -> AgendaItem:
    item: AgendaItem = get_object_or_404(AgendaItem.internal.select_related("meeting__committee"), pk=pk)
    return item


@officer_required
@require_POST
def agenda_build(request: HttpRequest, pk: int) -> HttpResponse:
    return action_redirect(
        request,
        partial(services.agenda_build, meeting=selectors.meeting_get(pk=pk)),
        success=lambda _: ("Draft agenda built from the standard items and the work programme.", _back(pk)),
        refused_url=_back(pk),
    )


@officer_required
@require_POST
def agenda_item_move(request: HttpRequest, pk: int, direction: str) -> HttpResponse:
    item = _agenda_item(pk)
    return action_redirect(
        request,
        partial(services.agenda_item_move, item=item, up=direction == "up"),
        success=lambda _: ("Agenda reordered.", _back(item.meeting_id)),
        refused_url=_back(item.meeting_id),
    )


@officer_required
@require_POST
def agenda_item_remove(request: HttpRequest, pk: int) -> HttpResponse:
    item = _agenda_item(pk)
    return action_redirect(
        request,
        partial(services.agenda_item_remove, item=item),
        success=lambda _: (f"“{item.title}” removed.", _back(item.meeting_id)),
        refused_url=_back(item.meeting_id),
    )


@officer_required
def agenda_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(pk=pk)
    return form_page(
        request,
        AgendaItemForm.bound_to(request),
        partial(services.agenda_item_add, meeting=meeting),
        success=lambda item: (f"Item {item.number} “{item.title}” added.", _back(pk)),
        committee=meeting.committee,
        heading="Add an agenda item",
        caption=f"{meeting.committee.name}, {meeting.date_display}",
        submit="Add item",
        cancel_url=_back(pk),
    )


@officer_required
def paper_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = _agenda_item(pk)
    label = f"item {item.number}" if item.number else item.title
    return form_page(
        request,
        PaperForm.bound_to(request),
        partial(document_services.document_add, item=item),
        success=lambda doc: (
            f"“{doc.title}” uploaded ({doc.page_count} page{'s' if doc.page_count != 1 else ''}).",
            _back(item.meeting_id),
        ),
        committee=item.meeting.committee,
        heading=f"Add a paper to {label}",
        caption=item.title,
        submit="Upload paper",
        cancel_url=_back(item.meeting_id),
    )
