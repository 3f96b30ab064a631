"""Publishing a meeting's agenda: lawful, frozen, never overwritten."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from scrutiny.documents.models import Document
from scrutiny.meetings.models import AgendaItem, Meeting, MeetingStatus
from scrutiny.rules.deadlines import agenda_publication_deadline
from scrutiny.rules.exempt_information import describe

from .models import AgendaPublication
from .pack import PackError, build_packs


def _label(item: AgendaItem) -> str:
    return f"Item {item.number}" if item.number else f"The item “{item.title}”"


def publication_problems(meeting: Meeting) -> list[str]:
    """What stops the agenda being published, each naming its item."""
    problems = []
    for item in (
        AgendaItem.internal.filter(meeting=meeting).order_by("position").prefetch_related("documents")
    ):
        papers = list(item.documents.all())
        if item.expects_report and not papers:
            problems.append(f"{_label(item)} (“{item.title}”) expects a report and has none.")
        for paper in papers:
            if not paper.has_content:
                problems.append(f"{_label(item)}: the paper “{paper.title}” has no file or report yet.")
        if item.is_exempt and not item.exemption_ground:
            problems.append(f"{_label(item)} is exempt without its reason.")
    return problems


def _public_agenda(meeting: Meeting, ranges: dict) -> list[dict]:
    entries = []
    for item in (
        AgendaItem.internal.filter(meeting=meeting).order_by("position").prefetch_related("documents")
    ):
        first_last = ranges.get(item.pk)
        entries.append(
            {
                "pk": item.pk,
                "number": item.number,
                "title": (item.public_title or item.title) if item.is_exempt else item.title,
                "purpose": "" if item.is_exempt else item.purpose,
                "kind": item.get_kind_display(),
                "exempt": item.is_exempt,
                "exemption_statement": describe(item.exemption_ground) if item.is_exempt else "",
                "pages": list(first_last) if first_last else None,
                "supplementary": item.is_supplementary,
                "urgency_reason": item.urgency_reason,
                "documents": []
                if item.is_exempt
                else [
                    {"pk": d.pk, "title": d.title, "kind": d.get_kind_display()}
                    for d in item.documents.all().order_by("position")
                    if not d.is_exempt
                ],
            }
        )
    return entries


@transaction.atomic
def meeting_publish_agenda(
    *, meeting: Meeting, by=None, urgency_reason: str = "", now: dt.datetime | None = None
) -> AgendaPublication:
    """Publish (or republish) the agenda: freeze it with its packs and make it public.

    Refused when a report is missing, and after the last lawful day (five clear days before
    the meeting) unless the reason for urgency is recorded (LGA 1972 s100B(4))."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status in (MeetingStatus.HELD, MeetingStatus.CANCELLED):
        raise ValidationError(
            f"The meeting of {meeting.date_display} is {meeting.get_status_display().lower()}: its agenda cannot be published."
        )
    problems = publication_problems(meeting)
    if problems:
        raise ValidationError(problems)
    deadline = agenda_publication_deadline(meeting.date, convention=meeting.committee.clear_days_convention)
    late = today > deadline.date
    if late and not urgency_reason.strip():
        raise ValidationError(
            f"The last lawful day to publish the agenda for {meeting.date_display} was "
            f"{deadline.date:%A} {deadline.date.day} {deadline.date:%B %Y} (five clear days). To publish now, record "
            "the special circumstances for which the Chairman decided the business is urgent (LGA 1972 s100B(4)(b))."
        )
    if late:
        # Items first published after the deadline are supplementary, with the reason given.
        earlier = {entry["pk"] for previous in meeting.publications.all() for entry in previous.agenda}
        AgendaItem.internal.filter(meeting=meeting).exclude(pk__in=earlier).update(
            is_supplementary=True, urgency_reason=urgency_reason.strip()
        )
    try:
        public, part2 = build_packs(meeting)
    except PackError as exc:
        raise ValidationError(str(exc)) from None
    version = (meeting.publications.aggregate(v=Max("version"))["v"] or 0) + 1
    publication = AgendaPublication(
        meeting=meeting,
        version=version,
        published_at=now,
        published_by=by,
        deadline=deadline.date,
        is_late=late,
        urgency_reason=urgency_reason.strip() if late else "",
        public_pages=public.page_count,
        agenda=_public_agenda(meeting, public.ranges),
        document_ids=[
            d.pk
            for d in Document.internal.filter(agenda_item__meeting=meeting).select_related("agenda_item")
            if not d.is_withheld_from_public
        ],
    )
    publication.public_pack.save("agenda-pack.pdf", ContentFile(public.pdf), save=False)
    if part2 is not None:
        publication.part2_pack.save("part-2-not-for-publication.pdf", ContentFile(part2.pdf), save=False)
    publication.full_clean()
    publication.save()
    if meeting.status == MeetingStatus.SCHEDULED:
        meeting.status = MeetingStatus.AGENDA_PUBLISHED
        meeting._history_user = by
        meeting.save()
    return publication
