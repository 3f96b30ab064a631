"""Publishing a meeting's agenda: lawful, frozen, never overwritten.

The packs take seconds to render, so they are rendered before the transaction, with no row
lock held, and their files written before it too. The transaction is short: it locks the
meeting, checks that the agenda and papers are still those rendered (the packs' sources'
fingerprint, and the same publication plan), and records the publication. If they changed
in the meantime the packs are rendered once more; if the transaction fails, the files it
would have recorded are removed, so no file outlives a publication that was not made.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from scrutiny.documents.models import Document
from scrutiny.meetings.models import AgendaItem, Meeting, MeetingStatus
from scrutiny.rules.deadlines import agenda_publication_deadline
from scrutiny.rules.exempt_information import describe
from scrutiny.rules.notices import late_agenda_refusal

from .models import AgendaPublication
from .pack import Pack, PackError, PackSources, pack_sources, render_packs
from .selectors import publication_problems

__all__ = ["meeting_publish_agenda", "publication_problems"]

# Rendered once, and once more if the agenda changed meanwhile; a third change is refused.
RENDER_ATTEMPTS = 2


@dataclass(frozen=True)
class _Plan:
    """What publishing the meeting now would record, decided from the meeting as it is."""

    deadline: dt.date
    late: bool
    urgency_reason: str
    version: int
    # Items first published now, after the deadline: made supplementary, with the reason.
    urgent: dict[int, str] = field(default_factory=dict)


class _AgendaChanged(Exception):
    """The agenda or its papers changed while the packs were being rendered."""


def _plan(meeting: Meeting, *, urgency_reason: str, today: dt.date) -> _Plan:
    """The plan, or the ValidationError that refuses publication: a held or cancelled
    meeting, a missing report, or lateness without the reason for urgency (s100B(4))."""
    if meeting.status in (MeetingStatus.HELD, MeetingStatus.CANCELLED):
        raise ValidationError(
            f"The meeting of {meeting.date_display} is {meeting.get_status_display().lower()}: its agenda cannot be published."
        )
    problems = publication_problems(meeting)
    if problems:
        raise ValidationError(problems)
    deadline = agenda_publication_deadline(meeting.date, convention=meeting.committee.clear_days_convention).date
    late = today > deadline
    if late and not urgency_reason:
        raise ValidationError(late_agenda_refusal(meeting_day=meeting.date_display, deadline=deadline))
    urgent: dict[int, str] = {}
    if late:
        earlier = {entry["pk"] for previous in meeting.publications.all() for entry in previous.agenda}
        unpublished = AgendaItem.internal.filter(meeting=meeting).exclude(pk__in=earlier)
        urgent = dict.fromkeys(unpublished.values_list("pk", flat=True), urgency_reason)
    version = (meeting.publications.aggregate(v=Max("version"))["v"] or 0) + 1
    return _Plan(deadline, late, urgency_reason if late else "", version, urgent)


def _public_agenda(meeting: Meeting, ranges: dict[int, tuple[int, int]]) -> list[dict[str, object]]:
    entries: list[dict[str, object]] = []
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


def _with_files(meeting: Meeting, plan: _Plan, public: Pack, part2: Pack | None) -> AgendaPublication:
    """The publication, not yet saved, with its packs written to storage."""
    publication = AgendaPublication(meeting=meeting, version=plan.version)
    publication.public_pack.save("agenda-pack.pdf", ContentFile(public.pdf), save=False)
    if part2 is not None:
        publication.part2_pack.save("part-2-not-for-publication.pdf", ContentFile(part2.pdf), save=False)
    return publication


def _remove_files(publication: AgendaPublication) -> None:
    for stored in (publication.public_pack, publication.part2_pack):
        if stored:
            stored.delete(save=False)


def _record(
    publication: AgendaPublication,
    *,
    plan: _Plan,
    sources: PackSources,
    public: Pack,
    urgency_reason: str,
    by: User | None,
    now: dt.datetime,
) -> AgendaPublication:
    """Under the meeting's lock: refuse if what was rendered is no longer what would be
    published, else record the publication."""
    meeting = Meeting.objects.select_for_update().select_related("committee__council").get(pk=publication.meeting_id)
    if _plan(meeting, urgency_reason=urgency_reason, today=timezone.localdate(now)) != plan:
        raise _AgendaChanged
    if pack_sources(meeting, urgent=plan.urgent).fingerprint != sources.fingerprint:
        raise _AgendaChanged
    if plan.urgent:
        AgendaItem.internal.filter(pk__in=plan.urgent).update(is_supplementary=True, urgency_reason=plan.urgency_reason)
    publication.meeting = meeting
    publication.published_at = now
    publication.published_by = by
    publication.deadline = plan.deadline
    publication.is_late = plan.late
    publication.urgency_reason = plan.urgency_reason
    publication.public_pages = public.page_count
    publication.agenda = _public_agenda(meeting, public.ranges)
    publication.document_ids = [
        d.pk
        for d in Document.internal.filter(agenda_item__meeting=meeting).select_related("agenda_item")
        if not d.is_withheld_from_public
    ]
    publication.full_clean()
    publication.save()
    if meeting.status == MeetingStatus.SCHEDULED:
        meeting.status = MeetingStatus.AGENDA_PUBLISHED
        meeting._history_user = by
        meeting.save()
    return publication


def meeting_publish_agenda(
    *, meeting: Meeting, by: User | None = None, urgency_reason: str = "", now: dt.datetime | None = None
) -> AgendaPublication:
    """Publish (or republish) the agenda: freeze it with its packs and make it public.

    Refused when a report is missing, and after the last lawful day (five clear days before
    the meeting) unless the reason for urgency is recorded (LGA 1972 s100B(4)). Must not be
    called inside a transaction: the packs are rendered and stored before its own, which
    has to commit for the stored files to be kept (see the module's docstring)."""
    now = now or timezone.now()
    reason = urgency_reason.strip()
    today = timezone.localdate(now)
    for _attempt in range(RENDER_ATTEMPTS):
        current = Meeting.objects.select_related("committee__council").get(pk=meeting.pk)
        plan = _plan(current, urgency_reason=reason, today=today)
        sources = pack_sources(current, urgent=plan.urgent)
        try:
            public, part2 = render_packs(sources)
        except PackError as exc:
            raise ValidationError(str(exc)) from None
        publication = _with_files(current, plan, public, part2)
        try:
            with transaction.atomic(durable=True):
                return _record(
                    publication, plan=plan, sources=sources, public=public, urgency_reason=reason, by=by, now=now
                )
        except _AgendaChanged:
            _remove_files(publication)
        except BaseException:
            _remove_files(publication)
            raise
    raise ValidationError(
        f"The agenda for {meeting.date_display} kept changing while its packs were being made, so "
        "nothing was published: publish it again."
    )
