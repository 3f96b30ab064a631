"""The home page (the committees), each committee's page, and the officers' screens that
change a meeting's agenda items."""

from __future__ import annotations

from functools import partial

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from scrutiny.access.decorators import ensure_runs, officer_required
from scrutiny.core.views import action_redirect, form_page
from scrutiny.governance.models import Committee
from scrutiny.rules import co_option

from . import selectors, services
from .forms import (
    AgendaItemEditForm,
    AgendaItemForm,
    CoOptedVotesForm,
    MeetingCancelForm,
    MeetingCreateForm,
    MeetingForm,
    MeetingPostponeForm,
)
from .models import AgendaItem, Meeting

# -- officers: building the agenda -----------------------------------------------------------


def manage_url(pk: int) -> str:
    """The officers' part of the meeting page, where each agenda screen returns."""
    return reverse("meeting", args=[pk]) + "#manage"


def agenda_item_to_run(request: HttpRequest, pk: int) -> AgendaItem:
    """The agenda item, if the viewer is an officer of its committee (else 403)."""
    item: AgendaItem = get_object_or_404(AgendaItem.internal.select_related("meeting__committee"), pk=pk)
    ensure_runs(request, item.meeting.committee)
    return item


def meeting_to_run(request: HttpRequest, pk: int) -> Meeting:
    """The meeting, if the viewer is an officer of its committee (else 403)."""
    meeting = selectors.meeting_get(pk=pk)
    ensure_runs(request, meeting.committee)
    return meeting


@officer_required
@require_POST
def agenda_item_move(request: HttpRequest, pk: int, direction: str) -> HttpResponse:
    item = agenda_item_to_run(request, pk)
    return action_redirect(
        request,
        partial(services.agenda_item_move, item=item, up=direction == "up"),
        success=lambda _: ("Agenda reordered.", manage_url(item.meeting_id)),
        refused_url=manage_url(item.meeting_id),
    )


@officer_required
@require_POST
def agenda_item_remove(request: HttpRequest, pk: int) -> HttpResponse:
    item = agenda_item_to_run(request, pk)
    return action_redirect(
        request,
        partial(services.agenda_item_remove, item=item),
        success=lambda _: (f"“{item.title}” removed.", manage_url(item.meeting_id)),
        refused_url=manage_url(item.meeting_id),
    )


@officer_required
def agenda_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_to_run(request, pk)
    return form_page(
        request,
        AgendaItemForm.bound_to(request),
        partial(services.agenda_item_add, meeting=meeting,
                today=selectors.item_day(meeting=meeting, today=timezone.localdate())),
        success=lambda item: (f"Item {item.number} “{item.title}” added.", manage_url(pk)),
        committee=meeting.committee,
        heading="Add an agenda item",
        caption=f"{meeting.committee.name}, {meeting.date_display}",
        submit="Add item",
        cancel_url=manage_url(pk),
    )




@officer_required
def agenda_item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = agenda_item_to_run(request, pk)
    meeting = item.meeting
    return form_page(
        request,
        AgendaItemEditForm.bound_to(request, item=item),
        partial(services.agenda_item_update, item=item),
        success=lambda changed: (f"Item {changed.number} “{changed.title}” saved.", manage_url(meeting.pk)),
        committee=meeting.committee,
        heading=f"Change item {item.number}" if item.number else "Change the item",
        caption=f"{meeting.committee.name}, {meeting.date_display}",
        submit="Save item",
        cancel_url=manage_url(meeting.pk),
    )


@officer_required
def agenda_item_co_opted_votes(request: HttpRequest, pk: int) -> HttpResponse:
    item = agenda_item_to_run(request, pk)
    meeting = item.meeting
    form = CoOptedVotesForm.bound_to(request, item=item)
    return form_page(
        request,
        form,
        partial(services.agenda_item_decide_co_opted_votes, item=item),
        success=lambda changed: (f"Co-opted members' votes on item {changed.number} saved.", manage_url(meeting.pk)),
        committee=meeting.committee,
        heading=f"Co-opted members' votes on item {item.number}: {item.title}",
        caption=f"{meeting.committee.name}, {meeting.date_display}",
        intro=f"{co_option.NO_VOTE_UNLESS_DECIDED} ({co_option.CITATION})"
        + ("" if form.fields else " The committee had no co-opted member on the day of the meeting."),
        submit="Save votes",
        cancel_url=manage_url(meeting.pk),
    )


# -- officers: the meeting itself ---------------------------------------------------------------


def committee_to_run(request: HttpRequest, slug: str) -> Committee:
    committee = get_object_or_404(Committee.objects.select_related("council"), slug=slug)
    ensure_runs(request, committee)
    return committee


@officer_required
def meeting_add(request: HttpRequest, slug: str) -> HttpResponse:
    committee = committee_to_run(request, slug)
    return form_page(
        request,
        MeetingCreateForm.bound_to(request),
        partial(services.meeting_create, committee=committee),
        success=lambda meeting: (f"Meeting of {meeting.date_display} scheduled.", manage_url(meeting.pk)),
        committee=committee,
        heading="Schedule a meeting",
        caption=committee.name,
        submit="Schedule meeting",
        cancel_url=reverse("committee", args=[slug]),
    )


@officer_required
def meeting_record_past(request: HttpRequest, slug: str) -> HttpResponse:
    committee = committee_to_run(request, slug)
    return form_page(
        request,
        MeetingForm.bound_to(request),
        partial(services.meeting_record_past, committee=committee),
        success=lambda meeting: (f"Meeting of {meeting.date_display} recorded after the event: enter its agenda as "
                                 "published, then its papers and minutes.", manage_url(meeting.pk)),
        committee=committee,
        heading="Record a meeting already held",
        caption=committee.name,
        intro="Recording mode: for a meeting held before the committee used this service. Its agenda is entered as it "
        "was published, on the day it was published; items are not marked late or supplementary unless they were; "
        "the work programme may place items on it. The record says it was entered after the event, by you.",
        submit="Record the meeting",
        cancel_url=reverse("committee", args=[slug]),
    )


@officer_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_to_run(request, pk)
    return form_page(
        request,
        MeetingForm.bound_to(request, meeting=meeting),
        partial(services.meeting_update, meeting=meeting),
        success=lambda changed: (f"Meeting of {changed.date_display} saved.", manage_url(pk)),
        committee=meeting.committee,
        heading="Date, time and venue",
        caption=f"{meeting.committee.name}, {meeting.date_display}",
        submit="Save meeting",
        cancel_url=manage_url(pk),
    )


@officer_required
def meeting_postpone(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_to_run(request, pk)
    was = meeting.date_display
    return form_page(
        request,
        MeetingPostponeForm.bound_to(request),
        partial(services.meeting_postpone, meeting=meeting),
        success=lambda moved: (f"Meeting of {was} postponed to {moved.date_display}.", manage_url(pk)),
        committee=meeting.committee,
        heading="Postpone the meeting",
        caption=f"{meeting.committee.name}, {was}",
        intro="The meeting keeps its agenda and papers. The reason is shown with the meeting. "
        "If the agenda was published, publish it again for the new date.",
        submit="Postpone meeting",
        cancel_url=manage_url(pk),
    )


@officer_required
@require_POST
def meeting_hold(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that a meeting whose day has come took place (one with a published agenda is
    recorded as held by itself the day after)."""
    meeting = meeting_to_run(request, pk)
    return action_redirect(
        request,
        partial(services.meeting_record_held, meeting=meeting),
        success=lambda held: (f"The meeting of {held.date_display} is recorded as held.", manage_url(pk)),
        refused_url=manage_url(pk),
    )


@officer_required
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_to_run(request, pk)
    return form_page(
        request,
        MeetingCancelForm.bound_to(request),
        partial(services.meeting_cancel, meeting=meeting),
        success=lambda cancelled: (f"Meeting of {cancelled.date_display} cancelled.", reverse("meeting", args=[pk])),
        committee=meeting.committee,
        heading="Cancel the meeting",
        caption=f"{meeting.committee.name}, {meeting.date_display}",
        intro="The record stays: a published agenda remains as it was published, and the calendar shows the "
        "meeting as cancelled. A cancelled meeting cannot be reopened.",
        submit="Cancel meeting",
        cancel_url=manage_url(pk),
    )

