"""The meeting page with its agenda, each paper's page and file, building the draft agenda,
the agenda packs and publishing, the agenda and reports as Word, and calendars."""

from __future__ import annotations

import datetime as dt
import logging
from functools import partial
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from scrutiny.access.decorators import officer_required
from scrutiny.access.policy import Viewer
from scrutiny.core.downloads import PDF, Visibility, file_response, mark_visibility
from scrutiny.core.openings import Opening, OpeningFormat, OpeningKind
from scrutiny.core.views import action_redirect, form_page
from scrutiny.documents.models import Document
from scrutiny.governance import selectors as governance_selectors
from scrutiny.governance.models import Committee
from scrutiny.meetings.models import Meeting
from scrutiny.meetings.selectors import (
    co_opted_voting,
    meeting_get,
    meetings_by_municipal_year,
    meetings_for_committee,
)
from scrutiny.meetings.views import agenda_item_to_run, manage_url, meeting_to_run
from scrutiny.rules import co_option
from scrutiny.rules import municipal_year as municipal_year_rule

from . import feeds, front_door, ical, people, services
from .forms import PublishForm, RecordedPublishForm, WithdrawForm
from .models import AgendaPublication
from .pack import PackError, build_packs
from .selectors import (
    document_get_for_viewer,
    document_visibility,
    late_as_a_whole_reason,
    latest_publication,
    meeting_agenda,
    meeting_agenda_sections,
    meeting_has_exempt_business,
    meeting_management,
    publication_of,
    published_page_ranges,
)
from .word import agenda_docx, covering_report_docx

logger = logging.getLogger(__name__)


def _pack_name(meeting: Meeting, publication: AgendaPublication, visibility: Visibility) -> str:
    if visibility == Visibility.PUBLIC:
        return f"agenda-pack-{meeting.date:%Y-%m-%d}-v{publication.version}.pdf"
    return f"part-2-not-for-publication-{meeting.date:%Y-%m-%d}.pdf"


def agenda_pack(
    request: HttpRequest, pk: int, *, visibility: Visibility, version: int | None = None
) -> HttpResponseBase:
    """A published pack: the public one, or the members' Part 2 pack (`visibility` exempt),
    which only those the access policy entitles get; to anyone else it answers exactly as if
    there were none."""
    meeting = meeting_get(pk=pk)
    if visibility != Visibility.PUBLIC and not Viewer.of(request).may_see_exempt_of_meeting(meeting):
        raise Http404("No such pack.")
    publication = publication_of(meeting, version=version)
    if publication is None:
        raise Http404("This agenda has not been published.")
    if publication.is_withdrawn:
        return _withdrawn(request, meeting, publication)
    pack = publication.public_pack if visibility == Visibility.PUBLIC else publication.part2_pack
    if not pack:
        raise Http404("No such pack.")
    opening = None
    if visibility == Visibility.EXEMPT:
        opening = _meeting_opening(meeting, OpeningKind.PART2_PACK, OpeningFormat.PDF,
                                   f"Part 2 pack, version {publication.version}")
    return file_response(pack, filename=_pack_name(meeting, publication, visibility), visibility=visibility,
                         opening=opening)


def _meeting_opening(meeting: Meeting, kind: OpeningKind, format: OpeningFormat, what: str) -> Opening:
    return Opening(kind=kind, format=format, committee_id=meeting.committee_id, meeting_id=meeting.pk, what=what)


def _paper_opening(document: Document, format: OpeningFormat) -> Opening | None:
    """What opening a withheld paper opens, for the audit; None for a paper the public may read."""
    if not document.is_withheld_from_public:
        return None
    item = document.agenda_item
    number = f"item {item.number}: " if item.number else ""
    return Opening(kind=OpeningKind.PAPER, format=format, committee_id=item.meeting.committee_id,
                   meeting_id=item.meeting_id, document_id=document.pk, what=f"{document.title} ({number}{item.title})")


def _withdrawn(request: HttpRequest, meeting: Meeting, publication: AgendaPublication) -> HttpResponse:
    """410 Gone: the version's files are kept for the record, never served; the notice says why."""
    response = render(
        request,
        "publishing/withdrawn.html",
        {"meeting": meeting, "publication": publication, "standing": latest_publication(meeting)},
        status=410,
    )
    return mark_visibility(response, Visibility.PUBLIC)


@officer_required
def publication_withdraw(request: HttpRequest, pk: int, version: int) -> HttpResponse:
    meeting = meeting_to_run(request, pk)
    publication = get_object_or_404(AgendaPublication, meeting=meeting, version=version, withdrawn_at__isnull=True)
    return form_page(
        request,
        WithdrawForm.bound_to(request),
        partial(services.publication_withdraw, publication=publication),
        success=lambda withdrawn: (
            f"Version {withdrawn.version} of the agenda is withdrawn: its addresses now say so, with the reason.",
            manage_url(pk),
        ),
        committee=meeting.committee,
        heading=f"Withdraw version {version} of the agenda",
        caption=f"{meeting.committee.name}, {meeting.date_display}",
        intro="Its packs stop being served: their addresses say the version was withdrawn, with your reason. If no "
        "version is left standing, the agenda and its papers are no longer public until you publish a corrected one.",
        submit="Withdraw this version",
        cancel_url=manage_url(pk),
        context={"meeting": meeting},
    )


@officer_required
def draft_pack(request: HttpRequest, pk: int, part: Visibility) -> HttpResponseBase:
    """The public or the Part 2 pack as it would be published now (officers only, not stored)."""
    meeting = meeting_to_run(request, pk)
    try:
        public, part2 = build_packs(meeting)
    except PackError as exc:
        messages.error(request, str(exc))
        return redirect(reverse("meeting", args=[pk]) + "#manage")
    if part == Visibility.PUBLIC:
        return file_response(public.pdf, filename="draft-agenda-pack.pdf", visibility=Visibility.OFFICERS)
    if part2 is None:
        raise Http404("There is no exempt business.")
    return file_response(part2.pdf, filename="draft-part-2.pdf", visibility=Visibility.EXEMPT,
                         opening=_meeting_opening(meeting, OpeningKind.DRAFT_PART2_PACK, OpeningFormat.PDF,
                                                  "Draft Part 2 pack"))


@officer_required
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_to_run(request, pk)
    recorded = meeting.is_recorded_after_event
    return form_page(
        request,
        RecordedPublishForm.bound_to(request) if recorded else PublishForm.bound_to(request),
        partial(services.meeting_record_publication if recorded else services.meeting_publish_agenda, meeting=meeting),
        success=lambda publication: (
            f"Agenda published (version {publication.version}): {publication.public_pages} pages in the public pack.",
            reverse("meeting", args=[pk]),
        ),
        committee=meeting.committee,
        heading="Publish the agenda",
        caption=f"{meeting.committee.name}, {meeting.date_display}",
        intro=("Recording mode: the agenda as the council published it, with the day it did. " if recorded else "")
        + "Publishing freezes the agenda and its packs as they are now and makes the public pack and pages "
        "visible. Earlier versions are kept.",
        submit="Record the publication" if recorded else "Publish agenda",
        cancel_url=reverse("meeting", args=[pk]),
        context={"meeting": meeting},
    )


def _calendar(request: HttpRequest, meetings: list[Meeting], *, name: str, filename: str) -> HttpResponseBase:
    """Only public facts (see `ical`): the same calendar for everyone."""
    body = ical.calendar(
        meetings,
        url_for=lambda m: request.build_absolute_uri(reverse("meeting", args=[m.pk])),
        host=request.get_host().split(":")[0],
        name=name,
    )
    return file_response(body, filename=filename, visibility=Visibility.PUBLIC)


def meeting_ics(request: HttpRequest, pk: int) -> HttpResponseBase:
    meeting = meeting_get(pk=pk)
    return _calendar(request, [meeting], name=meeting.committee.name, filename=f"meeting-{meeting.date:%Y-%m-%d}.ics")


def committee_ics(request: HttpRequest, slug: str) -> HttpResponseBase:
    committee = get_object_or_404(Committee, slug=slug)
    meetings = list(meetings_for_committee(committee=committee).select_related("committee"))
    return _calendar(request, meetings, name=committee.name, filename=f"{committee.slug}.ics")


def agenda_word(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The agenda as Word: as published, for the public; with Part 2 for those entitled."""
    meeting = meeting_get(pk=pk)
    viewer = Viewer.of(request)
    if not viewer.may_see_agenda(meeting):
        raise Http404("This agenda has not been published.")
    pages = published_page_ranges(latest_publication(meeting))
    part2 = viewer.may_see_exempt_of_meeting(meeting)
    content = agenda_docx(meeting, part2=part2, pages=pages)
    filename = f"agenda-{meeting.date:%Y-%m-%d}.docx"
    if part2 and meeting_has_exempt_business(meeting=meeting):
        opening = _meeting_opening(meeting, OpeningKind.PART2_AGENDA, OpeningFormat.WORD, "The agenda with Part 2")
        return file_response(content, filename=filename, visibility=Visibility.EXEMPT, opening=opening)
    visibility = Visibility.PUBLIC if meeting.agenda_is_public else Visibility.OFFICERS
    return file_response(content, filename=filename, visibility=visibility)


def report_word(request: HttpRequest, pk: int) -> HttpResponseBase:
    """A covering report as Word, through the access policy like the report itself."""
    document = document_get_for_viewer(pk=pk, viewer=Viewer.of(request))
    if not hasattr(document, "covering_report"):
        raise Http404("This paper is not a report written in the app.")
    return file_response(
        covering_report_docx(document.covering_report),
        filename=f"report-{document.pk}.docx",
        visibility=document_visibility(document),
        opening=_paper_opening(document, OpeningFormat.WORD),
    )



def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_get(pk=pk)
    viewer = Viewer.of(request)
    agenda = meeting_agenda(meeting=meeting, viewer=viewer)
    context: dict[str, object] = {
        "meeting": meeting,
        "committee": meeting.committee,
        "agenda": agenda,
        "agenda_sections": meeting_agenda_sections(meeting=meeting, entries=agenda) if agenda else [],
        "co_opted": co_opted_voting(meeting=meeting) if agenda else [],
        "co_opted_rule": co_option.NO_VOTE_UNLESS_DECIDED,
        "sees_exempt": viewer.may_see_exempt_of_meeting(meeting),
        "minutes_visible": viewer.may_see_minutes(meeting) and meeting.minutes.exists(),
        "publication": latest_publication(meeting) if viewer.may_see_agenda(meeting) else None,
        "late_reason": late_as_a_whole_reason(meeting),
    }
    if viewer.runs(meeting.committee):
        context["manage"] = meeting_management(meeting=meeting)
    return render(request, "meetings/meeting_detail.html", context)



@officer_required
@require_POST
def agenda_build(request: HttpRequest, pk: int) -> HttpResponse:
    return action_redirect(
        request,
        partial(services.agenda_build, meeting=meeting_to_run(request, pk)),
        success=lambda _: ("Draft agenda built from the standard items and the work programme.", manage_url(pk)),
        refused_url=manage_url(pk),
    )



@officer_required
@require_POST
def regulation_9_notice_attach(request: HttpRequest, pk: int) -> HttpResponse:
    item = agenda_item_to_run(request, pk)
    return action_redirect(
        request,
        partial(services.regulation_9_notice_attach, item=item),
        success=lambda paper: (f"Item {item.number}'s paper is now the Regulation 9 notice in force: {paper.description}",
                               manage_url(item.meeting_id)),
        refused_url=manage_url(item.meeting_id),
    )


def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = document_get_for_viewer(pk=pk, viewer=Viewer.of(request))
    item = document.agenda_item
    context = {
        "document": document,
        "item": item,
        "meeting": item.meeting,
        "committee": item.meeting.committee,
        "has_report": hasattr(document, "covering_report"),
        "runs": Viewer.of(request).runs(item.meeting.committee),
    }
    response = render(request, "documents/document_detail.html", context)
    opening = _paper_opening(document, OpeningFormat.PAGE)
    return mark_visibility(response, Visibility.EXEMPT, opening=opening) if opening else response



def document_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The file itself, only through the access policy: files are never served from a public URL."""
    document = document_get_for_viewer(pk=pk, viewer=Viewer.of(request))
    if not document.file:
        raise Http404("This document has no file.")
    # Papers are stored as PDF (documents.files); a file that is not one (stored before the
    # checks, or put there by hand) is never served, whatever its name says.
    with document.file.open("rb") as stored:
        if stored.read(5) != b"%PDF-":
            logger.warning("Document %s: its stored file is not a PDF; not served.", document.pk)
            raise Http404("This document has no file.")
    return file_response(document.file, filename=document.file.name or "", visibility=document_visibility(document),
                         kind=PDF, opening=_paper_opening(document, OpeningFormat.PDF))


# -- the front door: the home page and each committee's page (public records only) -------------


def _door(committee: Committee, today: dt.date) -> dict[str, object]:
    return {"committee": committee, "next": front_door.next_meeting(committee=committee, today=today),
            "upcoming": front_door.upcoming(committee=committee, today=today),
            "decisions": front_door.latest_decisions(committee=committee),
            "papers": front_door.latest_papers(committee=committee)}


def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    doors = [_door(c, today) for c in governance_selectors.committees()]
    return render(request, "governance/home.html", {"doors": doors})



def committee_detail(request: HttpRequest, slug: str) -> HttpResponse:
    committee = get_object_or_404(Committee.objects.select_related("council"), slug=slug)
    today = timezone.localdate()
    years = governance_selectors.years_with_records(committee=committee)
    year = _chosen_year(request.GET.get("year"), years)
    partnerships = [
        {
            "scrutiny": scrutiny,
            "csp": scrutiny.partnership,
            "partners": governance_selectors.partners_of(partnership=scrutiny.partnership),
            **governance_selectors.successions_of(scrutiny.partnership),
        }
        for scrutiny in governance_selectors.scrutinised_partnerships(committee=committee)
    ]
    context = {
        "committee": committee,
        "years": [(y, municipal_year_rule.label(y)) for y in years],
        "year": year,
        "year_label": municipal_year_rule.label(year) if year else "",
        "seats": governance_selectors.committee_seats(committee=committee, start_year=year) if year else [],
        "partnerships": partnerships,
        "meetings_by_year": [(label, [(m, front_door.status_label(m, today)) for m in year_meetings])
                             for label, year_meetings in meetings_by_municipal_year(committee=committee)],
        "door": _door(committee, today),
        "feed_url": reverse("committee_feed", args=[committee.slug]),
    }
    return render(request, "governance/committee_detail.html", context)



def _chosen_year(raw: str | None, years: list[int]) -> int | None:
    if raw and raw.isdigit() and int(raw) in years:
        return int(raw)
    return years[-1] if years else None


def committee_feed(request: HttpRequest, slug: str) -> HttpResponseBase:
    """The committee's Atom feed: the same for everyone (public records only)."""
    committee = get_object_or_404(Committee.objects.select_related("council"), slug=slug)
    body = feeds.atom(committee=committee, link=request.build_absolute_uri(reverse("committee", args=[slug])),
                      feed_url=request.build_absolute_uri(), absolute=request.build_absolute_uri,
                      path_of=lambda name, pk: reverse(name, args=[pk]))
    response = HttpResponse(body, content_type="application/atom+xml; charset=utf-8")
    return mark_visibility(response, Visibility.PUBLIC)


def meetings_calendar(request: HttpRequest) -> HttpResponse:
    """Every committee's meetings, a month at a time (?month=2018-02): a month view and a list."""
    today = timezone.localdate()
    try:
        first = dt.date.fromisoformat(request.GET.get("month", "") + "-01")
    except ValueError:
        first = today.replace(day=1)
    if not 1990 < first.year < 2100:
        first = today.replace(day=1)
    return render(request, "publishing/calendar.html", {"month": front_door.calendar_month(first=first, today=today),
                                                        "today": today})


def councillor_list(request: HttpRequest) -> HttpResponse:
    return render(request, "publishing/councillors.html", {"people": people.councillors()})


def councillor_detail(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(people.councillors(), slug=slug)
    context = {"person": person, "seats": people.seats(person), "attendance": people.attendance(person),
               "declarations": people.declarations(person)}
    return render(request, "publishing/councillor.html", context)


def decision_register(request: HttpRequest) -> HttpResponse:
    """Every decision the public may read, across meetings: ?committee=slug&year=2017&q=words."""
    committee = Committee.objects.select_related("council").filter(slug=request.GET.get("committee", "")).first()
    raw_year = request.GET.get("year", "")
    year = int(raw_year) if raw_year.isdigit() and 1990 < int(raw_year) < 2100 else None
    words = request.GET.get("q", "").strip()[:200]
    found = people.register(committee=committee, start_year=year, words=words)
    if request.GET.get("committee") and committee is None:  # a committee that is not here has no decisions
        found = found.none()
    page = Paginator(found, people.REGISTER_PAGE).get_page(request.GET.get("page"))
    context = {"page": page, "committee": committee, "year": year, "words": words,
               "committees": governance_selectors.committees(),
               "years": [(y, municipal_year_rule.label(y)) for y in range(timezone.localdate().year, 2008, -1)],
               "query": urlencode({k: v for k, v in (("committee", committee.slug if committee else ""),
                                                     ("year", year or ""), ("q", words)) if v})}
    return render(request, "publishing/decisions.html", context)
