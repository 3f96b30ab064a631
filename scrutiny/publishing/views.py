"""Agenda packs, publishing and calendars."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from scrutiny.access.decorators import officer_required
from scrutiny.access.policy import Viewer
from scrutiny.governance.models import Committee
from scrutiny.meetings.models import Meeting
from scrutiny.meetings.selectors import meeting_get

from . import ical, services
from .forms import PublishForm
from .models import AgendaPublication
from .pack import PackError, build_packs
from .selectors import latest_publication


def _pdf(data_or_file, filename: str, *, private: bool):
    if isinstance(data_or_file, bytes):
        response = HttpResponse(data_or_file, content_type="application/pdf")
    else:
        response = FileResponse(data_or_file.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=300"
    if private:
        response["X-Robots-Tag"] = "noindex"
    return response


def public_pack(request, pk: int, version: int | None = None):
    meeting = meeting_get(pk=pk)
    publication = _publication(meeting, version)
    return _pdf(
        publication.public_pack,
        f"agenda-pack-{meeting.date:%Y-%m-%d}-v{publication.version}.pdf",
        private=False,
    )


def part2_pack(request, pk: int, version: int | None = None):
    """The members' Part 2 pack: only for those the access policy entitles; to anyone else it
    answers exactly as if there were none."""
    meeting = meeting_get(pk=pk)
    viewer = Viewer.of(request)
    if not viewer.may_see_exempt_of_meeting(meeting):
        raise Http404("No such pack.")
    publication = _publication(meeting, version)
    if not publication.part2_pack:
        raise Http404("No such pack.")
    return _pdf(
        publication.part2_pack, f"part-2-not-for-publication-{meeting.date:%Y-%m-%d}.pdf", private=True
    )


def _publication(meeting: Meeting, version: int | None) -> AgendaPublication:
    if version is None:
        publication = latest_publication(meeting)
    else:
        publication = meeting.publications.filter(version=version).first()
    if publication is None:
        raise Http404("This agenda has not been published.")
    return publication


@officer_required
def draft_pack(request, pk: int, part: str):
    """The pack as it would be published now (officers only, not stored)."""
    meeting = meeting_get(pk=pk)
    try:
        public, part2 = build_packs(meeting)
    except PackError as exc:
        messages.error(request, str(exc))
        return redirect(reverse("meeting", args=[pk]) + "#manage")
    if part == "part2":
        if part2 is None:
            raise Http404("There is no exempt business.")
        return _pdf(part2.pdf, "draft-part-2.pdf", private=True)
    return _pdf(public.pdf, "draft-agenda-pack.pdf", private=True)


@officer_required
def publish(request, pk: int):
    meeting = meeting_get(pk=pk)
    form = PublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            publication = services.meeting_publish_agenda(
                meeting=meeting, by=request.user, urgency_reason=form.cleaned_data["urgency_reason"]
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                f"Agenda published (version {publication.version}): {publication.public_pages} pages in the public pack.",
            )
            return redirect(reverse("meeting", args=[pk]))
    context = {
        "form": form,
        "committee": meeting.committee,
        "meeting": meeting,
        "heading": "Publish the agenda",
        "caption": f"{meeting.committee.name}, {meeting.date_display}",
        "intro": "Publishing freezes the agenda and its packs as they are now and makes the public pack and pages visible. "
        "Earlier versions are kept.",
        "submit": "Publish agenda",
        "cancel_url": reverse("meeting", args=[pk]),
    }
    return render(request, "forms/page.html", context, status=400 if form.errors else 200)


def meeting_ics(request, pk: int):
    meeting = meeting_get(pk=pk)
    body = ical.calendar(
        [meeting],
        url_for=lambda m: request.build_absolute_uri(reverse("meeting", args=[m.pk])),
        host=request.get_host().split(":")[0],
        name=meeting.committee.name,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.date:%Y-%m-%d}.ics"'
    return response


def committee_ics(request, slug: str):
    committee = get_object_or_404(Committee, slug=slug)
    meetings = list(Meeting.objects.filter(committee=committee).select_related("committee").order_by("date"))
    body = ical.calendar(
        meetings,
        url_for=lambda m: request.build_absolute_uri(reverse("meeting", args=[m.pk])),
        host=request.get_host().split(":")[0],
        name=committee.name,
    )
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


def _docx(data: bytes, filename: str, *, private: bool) -> HttpResponse:
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=300"
    return response


def agenda_word(request, pk: int):
    """The agenda as Word: as published, for the public; with Part 2 for those entitled."""
    from .word import agenda_docx

    meeting = meeting_get(pk=pk)
    viewer = Viewer.of(request)
    if not viewer.may_see_agenda(meeting):
        raise Http404("This agenda has not been published.")
    publication = latest_publication(meeting)
    pages = {e["pk"]: tuple(e["pages"]) for e in publication.agenda if e.get("pages")} if publication else {}
    part2 = viewer.may_see_exempt_of_meeting(meeting)
    return _docx(
        agenda_docx(meeting, part2=part2, pages=pages), f"agenda-{meeting.date:%Y-%m-%d}.docx", private=part2
    )


def report_word(request, pk: int):
    """A covering report as Word, through the access policy like the report itself."""
    from scrutiny.documents.selectors import document_get_for_viewer

    from .word import covering_report_docx

    document = document_get_for_viewer(pk=pk, viewer=Viewer.of(request))
    if not hasattr(document, "covering_report"):
        raise Http404("This paper is not a report written in the app.")
    return _docx(
        covering_report_docx(document.covering_report),
        f"report-{document.pk}.docx",
        private=document.is_withheld_from_public,
    )
