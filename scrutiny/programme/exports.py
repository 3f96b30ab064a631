"""The rolling Work Plan table as Word and PDF, laid out as the council lays it out."""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from docx import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import _Row

from scrutiny.core.printing import html_to_pdf
from scrutiny.governance.models import Committee

from .selectors import PlanRow


def _cell_lines(row: PlanRow) -> list[str]:
    if row.to_be_agreed:
        return ["TO BE AGREED"]
    lines = []
    for item in row.items:
        text = f"{item.title} {item.note}".strip()
        if item.status == "cancelled":
            text += " [cancelled]"
        lines.append(text)
    return lines


def _repeat_header(row: _Row) -> None:
    # python-docx has no API for a header row repeated on each page; the XML element does it.
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def work_plan_docx(*, committee: Committee, title: str, rows: list[PlanRow]) -> bytes:
    document = WordDocument()
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(11)
    document.add_heading(committee.name, level=1)
    document.add_heading(title, level=2)
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    head = table.rows[0].cells
    head[0].text, head[1].text = "Meeting", "Work Plan Items"
    for cell in head:
        for run in cell.paragraphs[0].runs:
            run.bold = True
    _repeat_header(table.rows[0])
    for row in rows:
        cells = table.add_row().cells
        cells[0].text = row.label
        lines = _cell_lines(row)
        cells[1].text = lines[0] if lines else ""
        for line in lines[1:]:
            cells[1].add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def work_plan_pdf(*, committee: Committee, title: str, rows: list[PlanRow]) -> bytes:
    html = render_to_string(
        "programme/work_plan_print.html",
        {"committee": committee, "title": title, "rows": [(r, _cell_lines(r)) for r in rows]},
    )
    return html_to_pdf(html)
