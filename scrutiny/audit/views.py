"""The officers' lists of who opened the committee's exempt business: per meeting, per person."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from scrutiny.access.decorators import officer_required
from scrutiny.meetings.views import committee_to_run, meeting_to_run

from . import selectors
from .models import ExemptOpening

PER_PAGE = 100


def _page(request: HttpRequest, openings: QuerySet[ExemptOpening]) -> Page[ExemptOpening]:
    return Paginator(openings, PER_PAGE).get_page(request.GET.get("page"))


@officer_required
def meeting_openings(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_to_run(request, pk)
    context = {
        "meeting": meeting,
        "committee": meeting.committee,
        "page": _page(request, selectors.openings_of_meeting(meeting=meeting)),
    }
    return render(request, "audit/meeting_openings.html", context)


@officer_required
def committee_openings(request: HttpRequest, slug: str) -> HttpResponse:
    committee = committee_to_run(request, slug)
    context = {
        "committee": committee,
        "openers": selectors.openers(committee=committee),
        "meetings": selectors.meetings_opened(committee=committee),
        "at_large": _page(request, selectors.openings_without_meeting(committee=committee)),
    }
    return render(request, "audit/committee_openings.html", context)


@officer_required
def account_openings(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """One account's openings of this committee's business. An account that opened none is
    not found: the page names no account of another council."""
    committee = committee_to_run(request, slug)
    openings = selectors.openings_by_account(committee=committee, user_id=pk)
    first = openings.first()
    if first is None:
        raise Http404("Nobody with that account has opened this committee's exempt business.")
    context = {"committee": committee, "who": first, "page": _page(request, openings)}
    return render(request, "audit/account_openings.html", context)
