"""The agenda and covering reports as Word documents, since officers edit in Word."""

from __future__ import annotations

import io

from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from scrutiny.core.text import blocks
from scrutiny.documents.models import CoveringReport
from scrutiny.meetings.models import Meeting

from .pack import agenda_entries


def _new() -> WordDocument:
    document = WordDocument()
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(11)
    return document


def _centred(document, text: str, *, bold: bool = True) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(text).bold = bold


def _bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def agenda_docx(meeting: Meeting, *, part2: bool, pages: dict[int, tuple[int, int]]) -> bytes:
    document = _new()
    _centred(document, meeting.committee.name.upper())
    _centred(document, "AGENDA")
    _centred(document, meeting.date_display, bold=False)
    if part2:
        _centred(document, "INCLUDES PART 2: NOT FOR PUBLICATION")
    for entry in agenda_entries(meeting, pages, part2=part2):
        if entry["role"] == "exclusion":
            document.add_paragraph().add_run("EXCLUSION OF THE PRESS AND PUBLIC").bold = True
            document.add_paragraph(entry["purpose"])
            continue
        heading = document.add_paragraph()
        heading.add_run(f"{entry['number']}. " if entry["number"] else "").bold = True
        heading.add_run(entry["title"]).bold = True
        if entry["pages"]:
            heading.add_run(f"  ({entry['pages']})")
        for text in (entry["exempt_statement"], entry["purpose"]):
            if text:
                document.add_paragraph(text)
    return _bytes(document)


def _numbered(document, section: int, text: str) -> None:
    n = 0
    for block in blocks(text):
        if block.kind == "list":
            for line in block.lines:
                document.add_paragraph(line, style="List Bullet")
        else:
            n += 1
            document.add_paragraph(f"{section}.{n}\t{block.lines[0]}")


def covering_report_docx(report: CoveringReport) -> bytes:
    meeting = report.document.agenda_item.meeting
    document = _new()
    _centred(document, meeting.committee.name.upper())
    _centred(document, f"{meeting.date.day} {meeting.date:%B %Y}".upper())
    _centred(document, report.heading.upper())
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
    return _bytes(document)
