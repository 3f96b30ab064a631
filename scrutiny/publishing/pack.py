"""The agenda pack: one PDF, as councils publish it.

Front sheet and agenda (unnumbered), then every report and appendix in agenda order, each
page numbered, with a bookmark per item. The agenda's page ranges come from the real page
counts of the papers. Numbering runs through the open papers first and then the exempt ones,
so the public pack holds pages 1..P and the members' Part 2 pack P+1..N (as in the seed:
"A. CSP Strategic Assessment 2017 (Pages 59 - 130)"). The public pack leaves out every exempt
paper and names exempt items only by their public title and reason; every page of the Part 2
pack carries the NOT FOR PUBLICATION mark with its ground (s100B(5)).

Two steps: `pack_sources` reads everything a pack prints from the database and storage (the
HTML of the papers written in the app, the bytes of the uploaded ones, the agenda), and
`render_packs` turns those sources into PDFs without reading anything else. So publishing can
render outside its transaction and check, under the lock, that the sources are unchanged
(`PackSources.fingerprint`). Page numbers and marks are drawn by WeasyPrint on stamp pages
merged onto the papers' pages.

The same inputs give the same bytes: nothing time-dependent is written unless passed in.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from functools import cached_property

from django.template.loader import render_to_string
from pypdf import PageObject, PdfReader, PdfWriter

from scrutiny.access.policy import Viewer
from scrutiny.core.printing import html_to_pdf
from scrutiny.documents.models import Document, DocumentKind
from scrutiny.forward_plan.selectors import notice_wording
from scrutiny.governance.models import MembershipRole
from scrutiny.governance.selectors import branding_of, committee_seats, municipal_year_of
from scrutiny.meetings.models import AgendaItem, ItemRole, Meeting
from scrutiny.minutes.selectors import printed_minutes
from scrutiny.rules.agenda_numbering import NumberingStyle, Section, sections
from scrutiny.rules.exempt_information import NOT_FOR_PUBLICATION, describe, not_for_publication_mark
from scrutiny.rules.notices import late_agenda_statement, urgency_statement

from .selectors import late_as_a_whole_reason


class PackError(Exception):
    """A paper cannot be put in the pack; the message names it."""


@dataclass(frozen=True)
class AgendaLine:
    """An agenda entry as printed in the pack and the Word agenda, already redacted."""

    item_pk: int
    is_exclusion: bool
    exempt: bool
    number: str
    title: str
    purpose: str
    exempt_statement: str
    urgency_statement: str
    pages: str = ""
    # An open item's exempt papers, as the public agenda lists them: not included, with the ground.
    withheld_papers: tuple[str, ...] = ()


@dataclass(frozen=True)
class FrontMatter:
    """What the front sheet and agenda print, as plain values."""

    council: str
    committee: str
    contact: str
    date_display: str
    start_time: dt.time | None
    venue: str
    membership: tuple[str, ...]
    public_agenda: tuple[AgendaLine, ...]
    part2_agenda: tuple[AgendaLine, ...]
    late_statement: str = ""  # an agenda published late as a whole: the reason, once
    numbering: str = NumberingStyle.NUMBERED
    logo_png: bytes = b""  # the council's branding, if it has one
    logo_alt: str = ""
    accent_colour: str = ""

    @property
    def logo_uri(self) -> str:
        return f"data:image/png;base64,{base64.b64encode(self.logo_png).decode()}" if self.logo_png else ""


def agenda_sections(style: str, lines: Sequence[AgendaLine]) -> list[Section[AgendaLine]]:
    """The agenda's lines under the headings of the committee's numbering style."""
    return sections(style, lines, in_part_2=lambda line: line.is_exclusion or line.exempt)


@dataclass(frozen=True)
class PaperSource:
    """One paper as the pack prints it: `html` for a paper written or printed in the app,
    `data` for an uploaded PDF."""

    item_pk: int
    item_label: str  # its bookmark: "7. Kent Police and Crime Panel (PCP) Update"
    title: str
    where: str  # names it in an error: "“Covering report” (item 10)"
    exempt: bool
    mark: str  # the NOT FOR PUBLICATION mark of its pages in the Part 2 pack; "" when open
    html: str = ""
    data: bytes = b""


@dataclass(frozen=True)
class PackSources:
    """Everything the packs of a meeting print, read once."""

    front: FrontMatter
    papers: tuple[PaperSource, ...]
    has_exempt: bool
    public_title: str
    part2_title: str

    @cached_property
    def fingerprint(self) -> str:
        """Changes whenever anything printed in either pack would change."""
        digest = hashlib.sha256()
        summary = {
            "front": asdict(self.front),
            "papers": [{**asdict(p), "data": hashlib.sha256(p.data).hexdigest()} for p in self.papers],
            "has_exempt": self.has_exempt,
            "titles": [self.public_title, self.part2_title],
        }
        digest.update(json.dumps(summary, sort_keys=True, default=str).encode())
        return digest.hexdigest()


@dataclass
class Pack:
    pdf: bytes
    page_count: int  # pages in this file, front matter included
    front_pages: int
    ranges: dict[int, tuple[int, int]] = field(default_factory=dict)  # item pk -> first, last page

    def range_text(self, item_pk: int) -> str:
        return _range_text(self.ranges.get(item_pk))


def _range_text(first_last: tuple[int, int] | None) -> str:
    if not first_last:
        return ""
    first, last = first_last
    return f"Page {first}" if first == last else f"Pages {first} - {last}"


def _item_label(item: AgendaItem) -> str:
    return f"item {item.number}" if item.number else f"the item “{item.title}”"


# -- reading: the sources -------------------------------------------------------------------


def paper_mark(document: Document) -> str:
    """The s100B(5) mark of a withheld paper, with its own ground or else its item's; ""
    when the paper is open."""
    if not document.is_withheld_from_public:
        return ""
    return not_for_publication_mark(document.exemption_ground or document.agenda_item.exemption_ground)


def _covering_report_html(document: Document, meeting: Meeting) -> str:
    report = document.covering_report
    appendices = [line.strip() for line in report.appendices.splitlines() if line.strip()] or [
        d.title
        for d in document.agenda_item.documents.all()
        if d.kind == DocumentKind.APPENDIX and d.pk != document.pk
    ]
    return render_to_string(
        "publishing/covering_report.html",
        {
            "report": report,
            "committee": meeting.committee,
            "meeting": meeting,
            "papers": list(report.background_papers.all()),
            "appendices": appendices,
            "recommendations": [b for b in report.recommendations.split("\n\n") if b.strip()],
            "mark": paper_mark(document),
        },
    )


def _minutes_html(earlier: Meeting) -> str:
    # the public's copy, whoever prints the pack: the paper goes in the public pack
    context = printed_minutes(meeting=earlier, viewer=Viewer()) or {
        "meeting": earlier,
        "committee": earlier.committee,
        "minutes": [],
    }
    return render_to_string("publishing/minutes_print.html", context)


def _document_content(document: Document, meeting: Meeting) -> tuple[str, bytes]:
    """(html, b"") for a paper the app prints, (b"", data) for an uploaded file."""
    if hasattr(document, "covering_report"):
        return _covering_report_html(document, meeting), b""
    if document.minutes_of is not None:
        return _minutes_html(document.minutes_of), b""
    if document.forward_plan_notice is not None:
        notice = document.forward_plan_notice
        html = render_to_string(
            "forward_plan/notice_print.html", {"notice": notice, "council": notice.council, "rules": notice_wording()}
        )
        return html, b""
    if document.work_plan_id:
        html = render_to_string(
            "publishing/work_plan_paper.html", {"version": document.work_plan, "committee": meeting.committee}
        )
        return html, b""
    if document.file:
        with document.file.open("rb") as fh:
            return "", fh.read()
    raise PackError(
        f"“{document.title}” ({_item_label(document.agenda_item)}) has no file or report to print."
    )


def _paper_source(item: AgendaItem, document: Document, meeting: Meeting) -> PaperSource:
    html, data = _document_content(document, meeting)
    # Only open items have papers in the public pack, so the real title is safe as a bookmark.
    label = f"{item.number}. {item.title}" if item.number else item.title
    return PaperSource(
        item_pk=item.pk,
        item_label=label,
        title=document.title,
        where=f"“{document.title}” ({_item_label(item)})",
        exempt=document.is_withheld_from_public,
        mark=paper_mark(document),
        html=html,
        data=data,
    )


def _agenda_line(item: AgendaItem, *, part2: bool, urgent: Mapping[int, str]) -> AgendaLine:
    withheld = item.is_exempt and not part2
    reason = urgent.get(item.pk) or (item.urgency_reason if item.is_supplementary else "")
    return AgendaLine(
        item_pk=item.pk,
        is_exclusion=item.role == ItemRole.EXCLUSION,
        exempt=item.is_exempt,
        number=item.number,
        title=(item.public_title or item.title) if withheld else item.title,
        purpose="" if withheld else item.purpose,
        exempt_statement=describe(item.exemption_ground) if item.is_exempt else "",
        urgency_statement=urgency_statement(reason) if reason else "",
        withheld_papers=()
        if part2 or item.is_exempt
        else tuple(
            # Its public title where its own would disclose exempt information.
            f"{d.public_title or d.title} (exempt: not included). {describe(d.exemption_ground)}"
            for d in item.documents.all()
            if d.is_withheld_from_public
        ),
    )


def _items(meeting: Meeting) -> list[AgendaItem]:
    return list(
        AgendaItem.internal.filter(meeting=meeting)
        .order_by("position")
        .prefetch_related("documents", "documents__covering_report")
    )


def agenda_lines(meeting: Meeting, *, part2: bool, ranges: Mapping[int, tuple[int, int]]) -> list[AgendaLine]:
    """The agenda as the pack prints it: withheld items by their public title and reason
    unless `part2`, with the page ranges of `ranges`."""
    return [_with_pages(_agenda_line(item, part2=part2, urgent={}), ranges) for item in _items(meeting)]


def _with_pages(line: AgendaLine, ranges: Mapping[int, tuple[int, int]]) -> AgendaLine:
    pages = _range_text(ranges.get(line.item_pk))
    return replace(line, pages=pages) if pages else line


def _membership(meeting: Meeting) -> tuple[str, ...]:
    committee = meeting.committee
    year = municipal_year_of(council=committee.council, day=meeting.date)
    return tuple(
        seat.name if seat.role == MembershipRole.MEMBER.label else f"{seat.name} ({seat.role})"
        for seat in committee_seats(committee=committee, start_year=year)
        if seat.role != MembershipRole.STANDING_INVITEE.label
    )


def pack_sources(
    meeting: Meeting, *, urgent: Mapping[int, str] | None = None, late_as_a_whole: str | None = None
) -> PackSources:
    """Read what the packs of `meeting` print. `urgent` ({item pk: reason}) prints items as
    supplementary before they are recorded so (publishing records it under its lock);
    `late_as_a_whole`, the reason of an agenda first published late (by default, the one its
    first publication recorded)."""
    urgent = urgent or {}
    if late_as_a_whole is None:
        late_as_a_whole = late_as_a_whole_reason(meeting)
    items = _items(meeting)
    committee = meeting.committee
    brand = branding_of(committee.council)
    front = FrontMatter(
        council=brand.name if brand else committee.council.name,
        committee=meeting.met_as,
        contact=committee.contact,
        date_display=meeting.date_display,
        start_time=meeting.start_time,
        venue=meeting.venue,
        membership=_membership(meeting),
        public_agenda=tuple(_agenda_line(i, part2=False, urgent=urgent) for i in items),
        part2_agenda=tuple(_agenda_line(i, part2=True, urgent=urgent) for i in items),
        late_statement=late_agenda_statement(late_as_a_whole) if late_as_a_whole else "",
        numbering=committee.agenda_numbering,
        logo_png=bytes(brand.logo) if brand else b"",
        logo_alt=brand.logo_alt if brand else "",
        accent_colour=brand.accent_colour if brand else "",
    )
    papers = tuple(
        _paper_source(item, document, meeting)
        for item in items
        for document in sorted(item.documents.all(), key=lambda d: d.position)
    )
    when = meeting.date_display
    return PackSources(
        front=front,
        papers=papers,
        has_exempt=any(p.exempt for p in papers) or any(i.is_exempt for i in items),
        public_title=f"Agenda pack: {meeting.met_as}, {when}",
        part2_title=f"Part 2 ({NOT_FOR_PUBLICATION.lower()}): {meeting.met_as}, {when}",
    )


# -- rendering: sources to PDFs ---------------------------------------------------------------


@dataclass
class _Paper:
    source: PaperSource
    reader: PdfReader
    first: int = 0  # page number in the pack's numbering

    @property
    def pages(self) -> int:
        return len(self.reader.pages)

    @property
    def last(self) -> int:
        return self.first + self.pages - 1


def _rendered(source: PaperSource) -> _Paper:
    data = html_to_pdf(source.html, tagged=False) if source.html else source.data  # merged: see html_to_pdf
    try:
        reader = PdfReader(io.BytesIO(data))
        len(reader.pages)
    except Exception as exc:  # pypdf raises many kinds of error on a damaged file
        raise PackError(f"{source.where} is not a readable PDF: {exc}") from None
    return _Paper(source, reader)


def _numbered(papers: list[_Paper]) -> None:
    # Open papers first, exempt ones after: one numbering through both packs.
    page = 1
    for paper in [p for p in papers if not p.source.exempt] + [p for p in papers if p.source.exempt]:
        paper.first = page
        page += paper.pages


def _ranges(papers: list[_Paper], *, part2: bool) -> dict[int, tuple[int, int]]:
    """Each item's first and last pages. The public pack's agenda cites only the pages it
    holds, never those of the Part 2 pack; the Part 2 pack's, every paper's (the numbering
    runs through both packs)."""
    ranges: dict[int, tuple[int, int]] = {}
    for paper in (p for p in papers if part2 or not p.source.exempt):
        first, last = ranges.get(paper.source.item_pk, (paper.first, paper.last))
        ranges[paper.source.item_pk] = (min(first, paper.first), max(last, paper.last))
    return ranges


@dataclass(frozen=True)
class _Stamp:
    number: int
    mark: str
    size: int  # index into the page sizes


def _stamps(papers: Sequence[_Paper]) -> dict[int, PageObject]:
    """A transparent stamp page for every numbered page (page number -> stamp), drawn by
    WeasyPrint in one document: its number, and on exempt papers the mark at the top and
    bottom. Each is the size of the visible box of the page it goes on."""
    sizes: list[tuple[float, float]] = []
    stamps = []
    for paper in sorted(papers, key=lambda p: p.first):
        for offset, page in enumerate(paper.reader.pages):
            box = _visible_size(page)
            if box not in sizes:
                sizes.append(box)
            stamps.append(_Stamp(paper.first + offset, paper.source.mark, sizes.index(box)))
    if not stamps:
        return {}
    html = render_to_string(
        "publishing/stamps.html", {"sizes": sizes, "stamps": stamps, "bare_mark": not_for_publication_mark()}
    )
    pages = PdfReader(io.BytesIO(html_to_pdf(html, tagged=False))).pages  # stamps laid over pages
    return {stamp.number: page for stamp, page in zip(stamps, pages, strict=True)}


def _visible_size(page: PageObject) -> tuple[float, float]:
    """(width, height) of the page as shown: its crop box, turned by its rotation."""
    width, height = round(float(page.cropbox.width), 2), round(float(page.cropbox.height), 2)
    return (height, width) if page.rotation % 180 == 90 else (width, height)


def _stamp(page: PageObject, stamp: PageObject) -> None:
    """Merge `stamp` onto a page added to the writer. A rotated page has its rotation put
    into its content first, so that the stamp reads the right way up where it is shown."""
    if page.rotation:
        page.transfer_rotation_to_content()
    box = page.cropbox
    if box.left or box.bottom:
        page.merge_translated_page(stamp, tx=float(box.left), ty=float(box.bottom))
    else:
        page.merge_page(stamp)


def _front_matter(sources: PackSources, ranges: Mapping[int, tuple[int, int]], *, part2: bool) -> bytes:
    lines = sources.front.part2_agenda if part2 else sources.front.public_agenda
    html = render_to_string(
        "publishing/front_and_agenda.html",
        {
            "front": sources.front,
            "sections": agenda_sections(sources.front.numbering, [_with_pages(line, ranges) for line in lines]),
            "part2": part2,
        },
    )
    return html_to_pdf(html, tagged=False)  # the front of a pack, merged with its papers


def _assemble(
    sources: PackSources,
    papers: list[_Paper],
    ranges: dict[int, tuple[int, int]],
    stamps: Mapping[int, PageObject],
    *,
    part2: bool,
) -> Pack:
    writer = PdfWriter()
    front = PdfReader(io.BytesIO(_front_matter(sources, ranges, part2=part2)))
    for page in front.pages:
        writer.add_page(page)
    front_pages = len(front.pages)
    writer.add_outline_item(title="Front sheet and agenda", page_number=0)
    index = front_pages
    last_item = None
    item_outline = None
    for paper in sorted((p for p in papers if p.source.exempt == part2), key=lambda p: p.first):
        for offset, page in enumerate(paper.reader.pages):
            _stamp(writer.add_page(page), stamps[paper.first + offset])
        if paper.source.item_pk != last_item:
            item_outline = writer.add_outline_item(title=paper.source.item_label, page_number=index)
            last_item = paper.source.item_pk
        writer.add_outline_item(title=paper.source.title, page_number=index, parent=item_outline)
        index += paper.pages
    title = sources.part2_title if part2 else sources.public_title
    writer.add_metadata({"/Title": title, "/Author": sources.front.council, "/Subject": sources.front.committee})
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return Pack(out.getvalue(), len(writer.pages), front_pages, ranges)


def render_packs(sources: PackSources) -> tuple[Pack, Pack | None]:
    """The public pack and, when there is exempt business, the members' Part 2 pack, made
    from `sources` alone (no database access: publishing calls it outside its transaction)."""
    papers = [_rendered(source) for source in sources.papers]
    _numbered(papers)
    stamps = _stamps(papers)
    public = _assemble(sources, papers, _ranges(papers, part2=False), stamps, part2=False)
    part2 = (
        _assemble(sources, papers, _ranges(papers, part2=True), stamps, part2=True) if sources.has_exempt else None
    )
    return public, part2


def build_packs(meeting: Meeting) -> tuple[Pack, Pack | None]:
    """The public pack and, when there is exempt business, the members' Part 2 pack."""
    return render_packs(pack_sources(meeting))


def render_document(document: Document, meeting: Meeting) -> bytes:
    """The PDF of one paper: uploaded file, covering report written in the app, the minutes
    of an earlier meeting, or a work plan."""
    html, data = _document_content(document, meeting)
    return html_to_pdf(html) if html else data
