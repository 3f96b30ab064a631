"""The agenda pack: one PDF, as councils publish it.

Front sheet and agenda (unnumbered), then every report and appendix in agenda order, each
page numbered, with a bookmark per item. The agenda's page ranges come from the real page
counts of the papers. Numbering runs through the open papers first and then the exempt ones,
so the public pack holds pages 1..P and the members' Part 2 pack P+1..N (as in the seed:
"A. CSP Strategic Assessment 2017 (Pages 59 - 130)"). The public pack leaves out every exempt
paper and names exempt items only by their public title and reason; every page of the Part 2
pack carries "NOT FOR PUBLICATION" and its ground.

The same inputs give the same bytes: nothing time-dependent is written unless passed in.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from scrutiny.access.policy import Viewer
from scrutiny.documents.models import Document
from scrutiny.governance.selectors import committee_seats, municipal_year_of
from scrutiny.meetings.models import AgendaItem, Meeting
from scrutiny.rules.exempt_information import describe


class PackError(Exception):
    """A paper cannot be put in the pack; the message names it."""


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def _pdf_pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


@dataclass
class Paper:
    item: AgendaItem
    document: Document
    pdf: bytes
    pages: int
    exempt: bool
    first: int = 0  # page number in the pack's numbering

    @property
    def last(self) -> int:
        return self.first + self.pages - 1


@dataclass
class Pack:
    pdf: bytes
    page_count: int  # pages in this file, front matter included
    front_pages: int
    ranges: dict[int, tuple[int, int]] = field(default_factory=dict)  # item pk -> first, last page

    def range_text(self, item_pk: int) -> str:
        if item_pk not in self.ranges:
            return ""
        first, last = self.ranges[item_pk]
        return f"Page {first}" if first == last else f"Pages {first} - {last}"


def render_document(document: Document, meeting: Meeting) -> bytes:
    """The PDF of one paper: uploaded file, covering report written in the app, the minutes
    of an earlier meeting, or a work plan."""
    committee = meeting.committee
    if hasattr(document, "covering_report"):
        report = document.covering_report
        appendices = [line.strip() for line in report.appendices.splitlines() if line.strip()] or [
            d.title
            for d in document.agenda_item.documents.all()
            if d.kind == "appendix" and d.pk != document.pk
        ]
        html = render_to_string(
            "publishing/covering_report.html",
            {
                "report": report,
                "committee": committee,
                "meeting": meeting,
                "papers": list(report.background_papers.all()),
                "appendices": appendices,
                "recommendations": [b for b in report.recommendations.split("\n\n") if b.strip()],
            },
        )
        return html_to_pdf(html)
    if document.minutes_of_id:
        from scrutiny.minutes.selectors import printed_minutes

        earlier = document.minutes_of
        # the public's copy, whoever prints the pack: the paper goes in the public pack
        context = printed_minutes(meeting=earlier, viewer=Viewer()) or {
            "meeting": earlier,
            "committee": earlier.committee,
            "minutes": [],
        }
        return html_to_pdf(render_to_string("publishing/minutes_print.html", context))
    if document.work_plan_id:
        html = render_to_string(
            "publishing/work_plan_paper.html", {"version": document.work_plan, "committee": committee}
        )
        return html_to_pdf(html)
    if document.file:
        with document.file.open("rb") as fh:
            return fh.read()
    raise PackError(
        f"“{document.title}” ({_item_label(document.agenda_item)}) has no file or report to print."
    )


def _item_label(item: AgendaItem) -> str:
    return f"item {item.number}" if item.number else f"the item “{item.title}”"


def collect_papers(meeting: Meeting) -> list[Paper]:
    items = AgendaItem.internal.filter(meeting=meeting).order_by("position").prefetch_related("documents")
    papers: list[Paper] = []
    for item in items:
        for document in item.documents.all().order_by("position"):
            pdf = render_document(document, meeting)
            try:
                pages = _pdf_pages(pdf)
            except Exception as exc:  # a stored file that is no longer a readable PDF
                raise PackError(
                    f"“{document.title}” ({_item_label(item)}) is not a readable PDF: {exc}"
                ) from None
            papers.append(Paper(item, document, pdf, pages, exempt=document.is_withheld_from_public))
    # Open papers first, exempt ones after: one numbering through both packs.
    page = 1
    for paper in [p for p in papers if not p.exempt] + [p for p in papers if p.exempt]:
        paper.first = page
        page += paper.pages
    return papers


def _ranges(papers: list[Paper]) -> dict[int, tuple[int, int]]:
    ranges: dict[int, tuple[int, int]] = {}
    for paper in papers:
        first, last = ranges.get(paper.item.pk, (paper.first, paper.last))
        ranges[paper.item.pk] = (min(first, paper.first), max(last, paper.last))
    return ranges


def agenda_entries(meeting: Meeting, ranges: dict, *, part2: bool) -> list[dict]:
    entries = []
    for item in AgendaItem.internal.filter(meeting=meeting).order_by("position"):
        withheld = item.is_exempt and not part2
        first_last = ranges.get(item.pk)
        pages = ""
        if first_last:
            pages = (
                f"Page {first_last[0]}"
                if first_last[0] == first_last[1]
                else f"Pages {first_last[0]} - {first_last[1]}"
            )
        entries.append(
            {
                "role": item.role,
                "number": item.number,
                "title": (item.public_title or item.title) if withheld else item.title,
                "purpose": "" if withheld else item.purpose,
                "exempt_statement": describe(item.exemption_ground) if item.is_exempt else "",
                "pages": pages,
                "urgency_reason": item.urgency_reason if item.is_supplementary else "",
            }
        )
    return entries


def _front_matter(meeting: Meeting, ranges: dict, *, part2: bool) -> bytes:
    committee = meeting.committee
    year = municipal_year_of(council=committee.council, day=meeting.date)
    seats = [
        s for s in committee_seats(committee=committee, start_year=year) if s.role != "Standing invitation"
    ]
    html = render_to_string(
        "publishing/front_and_agenda.html",
        {
            "meeting": meeting,
            "committee": committee,
            "seats": seats,
            "agenda": agenda_entries(meeting, ranges, part2=part2),
            "part2": part2,
        },
    )
    return html_to_pdf(html)


def _text_overlay(width: float, height: float, lines: list[tuple[str, float, float]]) -> PageObject:
    """A transparent page with Helvetica text at (x, y), to stamp onto a paper's page."""
    overlay = PageObject.create_blank_page(width=width, height=height)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica-Bold"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )
    overlay[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/FStamp"): font})}
    )
    ops = []
    for text, x, y in lines:
        safe = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"BT /FStamp 9 Tf {x:.1f} {y:.1f} Td ({safe}) Tj ET")
    stream = DecodedStreamObject()
    stream.set_data(" ".join(ops).encode("cp1252", errors="replace"))
    overlay.replace_contents(stream)
    return overlay


def _stamp(page: PageObject, number: int, banner: str | None) -> None:
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    label = str(number)
    lines = [(label, width / 2 - len(label) * 2.6, 22)]
    if banner:
        lines.append((banner, 36, height - 22))
        lines.append((banner, 36, 10))
    page.merge_page(_text_overlay(width, height, lines))


def _assemble(meeting: Meeting, papers: list[Paper], ranges: dict, *, part2: bool, title: str) -> Pack:
    writer = PdfWriter()
    front = PdfReader(io.BytesIO(_front_matter(meeting, ranges, part2=part2)))
    for page in front.pages:
        writer.add_page(page)
    front_pages = len(front.pages)
    writer.add_outline_item(title="Front sheet and agenda", page_number=0)
    chosen = [p for p in papers if p.exempt == part2]
    chosen.sort(key=lambda p: p.first)
    index = front_pages
    last_item = None
    item_outline = None
    for paper in chosen:
        reader = PdfReader(io.BytesIO(paper.pdf))
        banner = None
        if part2:
            ground = paper.document.exemption_ground or paper.item.exemption_ground
            banner = "NOT FOR PUBLICATION - " + describe(ground).removeprefix("Not for publication: ")
        for offset, page in enumerate(reader.pages):
            added = writer.add_page(page)
            _stamp(added, paper.first + offset, banner[:150] if banner else None)
        if paper.item.pk != last_item:
            # Only open items have papers in the public pack, so the real title is safe here.
            label = f"{paper.item.number}. {paper.item.title}" if paper.item.number else paper.item.title
            item_outline = writer.add_outline_item(title=label, page_number=index)
            last_item = paper.item.pk
        writer.add_outline_item(title=paper.document.title, page_number=index, parent=item_outline)
        index += paper.pages
    writer.add_metadata(
        {"/Title": title, "/Author": meeting.committee.council.name, "/Subject": meeting.committee.name}
    )
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return Pack(out.getvalue(), len(writer.pages), front_pages, ranges)


def build_packs(meeting: Meeting) -> tuple[Pack, Pack | None]:
    """The public pack and, when there is exempt business, the members' Part 2 pack."""
    papers = collect_papers(meeting)
    ranges = _ranges(papers)
    when = meeting.date_display
    public = _assemble(
        meeting, papers, ranges, part2=False, title=f"Agenda pack: {meeting.committee.name}, {when}"
    )
    has_exempt = (
        any(p.exempt for p in papers) or AgendaItem.internal.filter(meeting=meeting, is_exempt=True).exists()
    )
    part2 = (
        _assemble(
            meeting,
            papers,
            ranges,
            part2=True,
            title=f"Part 2 (not for publication): {meeting.committee.name}, {when}",
        )
        if has_exempt
        else None
    )
    return public, part2
