"""The agenda and covering reports as Word documents, since officers edit in Word."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm

from scrutiny.core.printing import centred, docx_bytes, marked, word_document
from scrutiny.core.text import blocks
from scrutiny.documents.models import CoveringReport
from scrutiny.governance.selectors import branding_of
from scrutiny.meetings.models import Meeting
from scrutiny.rules.exempt_information import part_2_notice
from scrutiny.rules.notices import RIGHT_TO_REPORT, late_agenda_statement

from .pack import AgendaLine, agenda_lines, agenda_sections, paper_mark
from .selectors import late_as_a_whole_reason


def agenda_docx(meeting: Meeting, *, part2: bool, pages: Mapping[int, tuple[int, int]]) -> bytes:
    """The agenda as the pack prints it: the public's, or with Part 2 for those entitled."""
    document = word_document()
    _letterhead(document, meeting)
    centred(document, meeting.met_as.upper())
    centred(document, "AGENDA")
    centred(document, meeting.date_display, bold=False)
    if part2:
        centred(document, part_2_notice())
    document.add_paragraph(RIGHT_TO_REPORT)
    late = late_as_a_whole_reason(meeting)
    if late:
        document.add_paragraph(late_agenda_statement(late))
    for section in agenda_sections(meeting.committee.agenda_numbering, agenda_lines(meeting, part2=part2, ranges=pages)):
        if section.heading:
            document.add_heading(section.heading, level=2)
        if section.empty_line:
            document.add_paragraph(section.empty_line)
        _agenda_entries(document, section.entries)
    return docx_bytes(document)


def _letterhead(document: WordDocument, meeting: Meeting) -> None:
    """The council's logo and name as it styles itself, when it has set its branding."""
    brand = branding_of(meeting.committee.council)
    if brand is None:
        return
    if brand.has_logo:
        document.add_picture(io.BytesIO(bytes(brand.logo)), height=Cm(2))
        picture = document.paragraphs[-1]
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for described in picture._p.iter(qn("wp:docPr")):  # the picture's alternative text
            described.set("descr", brand.logo_alt)
    centred(document, brand.name.upper())


def _agenda_entries(document: WordDocument, lines: Sequence[AgendaLine]) -> None:
    for line in lines:
        if line.is_exclusion:
            document.add_paragraph().add_run("EXCLUSION OF THE PRESS AND PUBLIC").bold = True
            document.add_paragraph(line.purpose)
            continue
        heading = document.add_paragraph()
        heading.add_run(f"{line.number}. " if line.number else "").bold = True
        heading.add_run(line.title).bold = True
        if line.pages:
            heading.add_run(f"  ({line.pages})")
        for text in (line.exempt_statement, line.purpose, *line.withheld_papers, line.urgency_statement):
            if text:
                document.add_paragraph(text)


def _numbered(document: WordDocument, section: int, text: str) -> None:
    n = 0
    for block in blocks(text):
        if block.kind == "list":
            for line in block.lines:
                document.add_paragraph(line, style="List Bullet")
        else:
            n += 1
            document.add_paragraph(f"{section}.{n}\t{block.lines[0]}")


def covering_report_docx(report: CoveringReport) -> bytes:
    """The report in the council's sections; a withheld one carries the s100B(5) mark at the
    top and in the header of every page, as its PDF does."""
    meeting = report.document.agenda_item.meeting
    document = word_document()
    centred(document, meeting.met_as.upper())
    centred(document, meeting.day_display.upper())
    if mark := paper_mark(report.document):
        marked(document, mark)
    centred(document, report.heading.upper())
    sections = [
        ("Summary", report.summary),
        ("RECOMMENDATIONS", report.recommendations),
        ("Background and Discussion", report.background),
        ("Relationship to the Corporate Plan", report.corporate_plan),
    ]
    number = 0
    for title, text in sections:
        if text:
            number += 1
            document.add_heading(f"{number}. {title}", level=2)
            _numbered(document, number, text)
    number += 1
    document.add_heading(
        f"{number}. Financial, legal, staffing and other administrative implications and risk assessments",
        level=2,
    )
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in (
        ("Financial Implications", report.financial),
        ("Legal Implications", report.legal),
        ("Staffing Implications", report.staffing),
        ("Administrative Implications", report.administrative),
        ("Risk Assessment", report.risk),
    ):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    if report.confidence:
        number += 1
        document.add_heading(f"{number}. Obligation of Confidence", level=2)
        document.add_paragraph(report.confidence)
    papers = list(report.background_papers.all())
    if papers:
        document.add_heading("BACKGROUND PAPERS", level=2)
        table = document.add_table(rows=1, cols=6)
        table.style = "Table Grid"
        for cell, text in zip(
            table.rows[0].cells,
            (
                "Documents consulted",
                "Date",
                "File Ref",
                "Report Author",
                "Section and Directorate",
                "Exempt Information Category",
            ),
            strict=True,
        ):
            cell.text = text
        for paper in papers:
            for cell, text in zip(
                table.add_row().cells,
                (
                    paper.title,
                    paper.date,
                    paper.file_reference,
                    paper.author,
                    paper.section,
                    paper.exempt_category,
                ),
                strict=True,
            ):
                cell.text = text
    return docx_bytes(document)
