"""Building a meeting's draft agenda from the standard items and the work programme, and
publishing the agenda: lawful, frozen, never overwritten.

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

from scrutiny.core.history import HISTORY_USER_ATTRIBUTE, save_with_history
from scrutiny.core.models import BusinessKind
from scrutiny.documents.models import Document, DocumentKind
from scrutiny.forward_plan.selectors import notice_latest
from scrutiny.governance.models import ChairTitle, Committee
from scrutiny.meetings.models import (
    MEETING_WORKFLOW,
    AgendaItem,
    ItemRole,
    Meeting,
    MeetingStatus,
    MeetingStep,
    PaperExpected,
)
from scrutiny.meetings.selectors import next_meeting, previous_meeting
from scrutiny.meetings.services import (
    agenda_arrange,
    meeting_agenda_public_set,
    meeting_mark_agenda_published,
)
from scrutiny.programme.selectors import scheduled_items
from scrutiny.rules.deadlines import agenda_publication_deadline
from scrutiny.rules.exempt_information import ExemptionGround, describe
from scrutiny.rules.notices import late_agenda_refusal

from .models import AgendaPublication, StandardItem
from .pack import Pack, PackError, PackSources, pack_sources, render_packs
from .selectors import publication_problems

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

    @property
    def late_as_a_whole(self) -> str:
        """The reason printed at the head of an agenda first published late; else ""."""
        return self.urgency_reason if self.late and self.version == 1 else ""


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
    version = (meeting.publications.aggregate(v=Max("version"))["v"] or 0) + 1
    # A late first publication is late as a whole: its reason is printed once, at the head of
    # the agenda (AgendaPublication.late_as_a_whole), not on every item.
    if late and version > 1:
        earlier = {entry["pk"] for previous in meeting.publications.all() for entry in previous.agenda}
        unpublished = AgendaItem.internal.filter(meeting=meeting).exclude(pk__in=earlier)
        urgent = dict.fromkeys(unpublished.values_list("pk", flat=True), urgency_reason)
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
    if pack_sources(meeting, urgent=plan.urgent, late_as_a_whole=plan.late_as_a_whole).fingerprint != sources.fingerprint:
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
    if MEETING_WORKFLOW.allows(meeting.status, MeetingStep.PUBLISH_AGENDA):
        meeting = meeting_mark_agenda_published(meeting=meeting, by=by)
    meeting_agenda_public_set(meeting=meeting, public=True, by=by)
    return publication


@transaction.atomic
def publication_withdraw(
    *, publication: AgendaPublication, reason: str, by: User | None = None, now: dt.datetime | None = None
) -> AgendaPublication:
    """Withdraw a published version, with the reason (shown to the public in its place). Its
    addresses then answer that it was withdrawn; the version before it, if still standing,
    is the published agenda again; with none standing, the agenda and its papers are the
    officers' until a corrected version is published."""
    reason = reason.strip()
    if not reason:
        raise ValidationError("Say why this version is withdrawn: the reason is shown to the public in its place.")
    meeting = Meeting.objects.select_for_update().get(pk=publication.meeting_id)
    publication = AgendaPublication.objects.select_for_update().get(pk=publication.pk)
    if publication.is_withdrawn:
        raise ValidationError(
            f"Version {publication.version} of the agenda was already withdrawn on {publication.withdrawn_at:%-d %B %Y}."
        )
    publication.withdrawn_at = now or timezone.now()
    publication.withdrawn_by = by
    publication.withdrawal_reason = reason
    publication.full_clean()
    publication.save()
    if not meeting.publications.filter(withdrawn_at__isnull=True).exists():
        meeting_agenda_public_set(meeting=meeting, public=False, by=by)
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
        sources = pack_sources(current, urgent=plan.urgent, late_as_a_whole=plan.late_as_a_whole)
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


def meeting_record_publication(
    *, meeting: Meeting, published_on: dt.date, by: User | None = None, urgency_reason: str = ""
) -> AgendaPublication:
    """Recording mode: publish the agenda as the council published it, on `published_on`, as
    its next version (late, with its reason for urgency, only if it was). Not in a
    transaction, as meeting_publish_agenda."""
    if not meeting.is_recorded_after_event:
        raise ValidationError(
            f"The meeting of {meeting.date_display} is run live: its agenda is published today, with every check."
        )
    if published_on > timezone.localdate():
        raise ValidationError(f"{published_on:%-d %B %Y} is still to come: record a publication that has happened.")
    if published_on > meeting.date:
        raise ValidationError(f"The agenda of {meeting.date_display} was published before the meeting, not after it.")
    last = meeting.publications.order_by("-version").first()
    if last is not None and published_on < timezone.localdate(last.published_at):
        raise ValidationError(
            f"Version {last.version} was published on {timezone.localdate(last.published_at):%-d %B %Y}: "
            "a later version is published on or after it."
        )
    noon = timezone.make_aware(dt.datetime.combine(published_on, dt.time(12)))
    return meeting_publish_agenda(meeting=meeting, by=by, urgency_reason=urgency_reason, now=noon)


# The committee's standard opening items, as Dartford prints them (seed 003).
def chair_wording(committee: Committee) -> dict[str, str]:
    """How the standard items name the chair: Dartford's papers print "The Chairman will
    announce his decision"; a committee styled Chair or Chairperson is worded free of gender."""
    title = committee.chair_title
    return {"chair": title, "their": "his" if title == ChairTitle.CHAIRMAN else "their"}


STANDARD_ITEMS = [
    (ItemRole.APOLOGIES, "Apologies for Absence", "To note any apologies for absence."),
    (
        ItemRole.DECLARATIONS,
        "Declarations of Interest",
        "To receive any declarations of interest from Members, including the terms(s) of any Grant(s) of Dispensation.",
    ),
    (
        ItemRole.MINUTES,
        "Confirmation of the Minutes of the meeting {held}",
        "To confirm the Minutes of the meeting {held} as an accurate record.",
    ),
    (
        ItemRole.URGENT,
        "Urgent Items",
        "The {chair} will announce {their} decision as to whether there are any urgent items and their position on the agenda.",
    ),
    (ItemRole.REFERENCES, "To consider references from other Committees (if any)", ""),
    (
        ItemRole.REGULATION_9,
        "Regulation 9 Notice",
        "To note the contents of the Regulation 9 Notice of forthcoming key decisions.",
    ),
]




def standard_items_of(committee: Committee) -> list[tuple[str, str, str]]:
    """The committee's own standard items (role, title, purpose), or the default template."""
    own = [(i.role, i.title, i.purpose) for i in StandardItem.objects.filter(committee=committee).order_by("position")]
    return own or [(role, title, purpose) for role, title, purpose in STANDARD_ITEMS]


def _check_wording(title: str, purpose: str) -> None:
    try:
        (title + purpose).format(held="", chair="", their="")
    except (KeyError, IndexError, ValueError):
        raise ValidationError(
            "The wording may name only {held}, {chair} and {their}, each in braces; write any other brace twice."
        ) from None


@transaction.atomic
def standard_items_customise(*, committee: Committee, by: User | None = None) -> list[StandardItem]:
    """Give the committee its own copy of the default template, to change."""
    if StandardItem.objects.filter(committee=committee).exists():
        raise ValidationError(f"The {committee.name} already has its own standard items.")
    items = []
    for position, (role, title, purpose) in enumerate(STANDARD_ITEMS, start=1):
        item = StandardItem(committee=committee, position=position, role=role, title=title, purpose=purpose)
        save_with_history(item, by=by)
        items.append(item)
    return items


@transaction.atomic
def standard_item_update(*, item: StandardItem, title: str, purpose: str = "", by: User | None = None) -> StandardItem:
    _check_wording(title, purpose)
    item.title, item.purpose = title.strip(), purpose.strip()
    save_with_history(item, by=by)
    return item


@transaction.atomic
def standard_item_remove(*, item: StandardItem, by: User | None = None) -> None:
    setattr(item, HISTORY_USER_ATTRIBUTE, by)
    item.delete()


@transaction.atomic
def _regulation_9_paper_set(item: AgendaItem, *, by: User | None) -> Document | None:
    """The item's paper is the council's notice in force (the latest published by today, and
    by the meeting's day), printed into the pack from the record; None if none is published."""
    meeting = item.meeting
    notice = notice_latest(council=meeting.committee.council, on=min(timezone.localdate(), meeting.date))
    if notice is None:
        return None
    paper = Document.internal.filter(agenda_item=item, kind=DocumentKind.NOTICE).first() or Document(
        agenda_item=item, position=(item.documents.aggregate(last=Max("position"))["last"] or 0) + 1
    )
    paper.title = "Regulation 9 Notice"
    paper.kind = DocumentKind.NOTICE
    paper.forward_plan_notice = notice
    paper.description = (f"The notice published on {notice.published_on:%-d %B %Y}, listing the key decisions due up "
                         f"to {notice.covers_to:%-d %B %Y}.")
    save_with_history(paper, by=by)
    return paper


@transaction.atomic
def regulation_9_notice_attach(*, item: AgendaItem, by: User | None = None) -> Document:
    """Make the item's paper the notice now in force: for an agenda built before the latest
    notice was published. A paper already published stays as published."""
    if item.role != ItemRole.REGULATION_9:
        raise ValidationError(f"Item {item.number or item.title} is not the Regulation 9 notice.")
    meeting = item.meeting
    current = Document.internal.filter(agenda_item=item, kind=DocumentKind.NOTICE).first()
    standing = meeting.publications.filter(withdrawn_at__isnull=True).values_list("document_ids", flat=True)
    if current is not None and any(current.pk in papers for papers in standing):
        raise ValidationError(f"The notice on item {item.number} was published with the agenda: withdraw that version "
                              "and publish a corrected one to change it.")
    paper = _regulation_9_paper_set(item, by=by)
    if paper is None:
        raise ValidationError(f"{meeting.committee.council.name} has published no Regulation 9 notice by "
                              f"{meeting.date_display}: publish it on the forward plan's screen first.")
    return paper


def agenda_build(*, meeting: Meeting, by: User | None = None) -> list[AgendaItem]:
    """The draft agenda: the standard opening items, the work-programme items planned for
    the meeting, and 'Next meeting', arranged and numbered."""
    if AgendaItem.internal.filter(meeting=meeting).exists():
        raise ValidationError(
            f"The agenda for {meeting.date_display} already has items: add to it or change them instead."
        )
    if meeting.status != MeetingStatus.SCHEDULED:
        raise ValidationError(
            f"The meeting of {meeting.date_display} is {meeting.get_status_display().lower()}: its agenda cannot be rebuilt."
        )
    previous = previous_meeting(meeting=meeting)
    position = 0
    for role, title, purpose in standard_items_of(meeting.committee):
        if role == ItemRole.MINUTES and previous is None:
            continue
        position += 1
        fill = {"held": previous.held_on if previous else "", **chair_wording(meeting.committee)}
        item = AgendaItem(
            meeting=meeting,
            position=position,
            title=title.format(**fill),
            purpose=purpose.format(**fill),
            kind=BusinessKind.PROCEDURAL if role != ItemRole.REGULATION_9 else BusinessKind.STANDARD,
            role=role,
            paper=PaperExpected.REPORT if role in (ItemRole.MINUTES, ItemRole.REGULATION_9) else PaperExpected.NONE,
        )
        save_with_history(item, by=by)
        if role == ItemRole.MINUTES and previous is not None:
            paper = Document(
                agenda_item=item,
                position=1,
                title=f"Minutes of the meeting {previous.held_on}",
                kind=DocumentKind.OTHER,
                minutes_of=previous,
            )
            save_with_history(paper, by=by)
        if role == ItemRole.REGULATION_9:
            _regulation_9_paper_set(item, by=by)
    for planned in scheduled_items(meeting=meeting):
        if planned.title.strip().lower() == "regulation 9 notice":
            continue  # already a standard item
        position += 1
        item = AgendaItem(
            meeting=meeting,
            position=position,
            title=planned.title,
            purpose=planned.description,
            kind=planned.kind,
            role=ItemRole.BUSINESS,
            paper=PaperExpected.NONE if planned.kind == BusinessKind.DISCRETIONARY else PaperExpected.REPORT,
        )
        save_with_history(item, by=by)
        planned.considered_at = item
        save_with_history(planned, by=by)
        if planned.expected_exempt:
            # The cautious default: the papers go in Part 2 as supplied in confidence, with
            # an open covering item; the officer may change the ground.
            position += 1
            exempt = AgendaItem(
                meeting=meeting,
                position=position,
                title=planned.title,
                kind=planned.kind,
                role=ItemRole.BUSINESS,
                paper=PaperExpected.REPORT,
                is_exempt=True,
                exemption_ground=ExemptionGround.CONFIDENCE,
                exemption_note="Expected to be exempt in the work programme; check the ground.",
            )
            save_with_history(exempt, by=by)
    following = next_meeting(meeting=meeting)
    position += 1
    next_purpose = (
        f"The next meeting of the Committee will take place on {following.date_display}."
        if following
        else "To note the date of the next meeting."
    )
    save_with_history(
        AgendaItem(
            meeting=meeting,
            position=position,
            title="Next Meeting",
            purpose=next_purpose,
            kind=BusinessKind.PROCEDURAL,
            role=ItemRole.NEXT_MEETING,
        ),
        by=by,
    )
    return agenda_arrange(meeting=meeting, by=by)

