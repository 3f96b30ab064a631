"""The annual report as the council's Word document, from the same composed report as the
page and the PDF (selectors.compose)."""

from __future__ import annotations

from typing import Any

from docx.document import Document as WordDocument

from scrutiny.core.printing import centred, docx_bytes, marked, word_document
from scrutiny.core.text import blocks


def _prose(document: WordDocument, text: str) -> None:
    for block in blocks(text):
        if block.kind == "list":
            for line in block.lines:
                document.add_paragraph(line, style="List Bullet")
        else:
            document.add_paragraph(block.lines[0])


def _bullets(document: WordDocument, lines: list[str]) -> None:
    for line in lines:
        document.add_paragraph(line, style="List Bullet")


def _programme(document: WordDocument, r: dict[str, Any]) -> None:
    document.add_heading(r["sections"]["programme"], level=1)
    _prose(document, r["work_programme"]["text"])
    document.add_paragraph(r["met"])
    for group in r["programme_items"]:
        document.add_heading(group["heading"], level=3)
        _bullets(document, group["items"])
    plan = r["plan"]
    if plan:
        document.add_heading(plan["title"], level=2)
        if plan["approved"]:
            document.add_paragraph(f"As {plan['approved']}.")
        table = document.add_table(rows=1, cols=2)
        table.style = "Table Grid"
        header = table.rows[0].cells
        header[0].text, header[1].text = "Meeting", "Work Plan items"
        for row in plan["rows"]:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = row["label"], "\n".join(row["items"])
        if plan["resolution"]:
            document.add_paragraph(plan["resolution"])
    for a in r["amendments"]:
        document.add_paragraph(" ".join(p for p in (a["numeral"], a["wording"], a["minute"]) if p))
    document.add_heading("Draw-downs", level=2)
    for d in r["draw_downs"]:
        document.add_paragraph(d)


def _items(document: WordDocument, r: dict[str, Any]) -> None:
    document.add_heading(r["sections"]["items"], level=1)
    for p in r["pending"]:
        document.add_paragraph(p)
    for meeting in r["meetings"]:
        document.add_heading(meeting["held"], level=2)
        for item in meeting["items"]:
            document.add_heading(f"Item {item['number']}: {item['title']}", level=3)
            if item["private"]:
                document.add_paragraph(item["private"]).runs[0].italic = True
            if item["summary"]:
                if item["before"]:
                    document.add_paragraph("Before the Committee: " + "; ".join(item["before"]) + ".")
                _prose(document, item["summary"]["text"])
                for n in item["noted"]:
                    document.add_paragraph(n)
                if item["resolutions"]:
                    document.add_paragraph().add_run("Resolved:").bold = True
                    for t in item["resolutions"]:
                        document.add_paragraph(t)
            if item["minute"]:
                document.add_paragraph(item["minute"])


def annual_report_docx(r: dict[str, Any]) -> bytes:
    document = word_document()
    document.core_properties.title = r["title"]
    document.core_properties.language = "en-GB"
    if r["mark"]:
        marked(document, r["mark"])
    centred(document, r["council"])
    document.add_heading(r["title"], level=0)
    document.add_paragraph(r["status"] + (f": {r['published_on']}" if r.get("published_on") else ""))
    document.add_heading(r["sections"]["introduction"], level=1)
    _prose(document, r["introduction"]["text"])
    for p in r["partnerships"]:
        document.add_paragraph(f"The Committee reviews and scrutinises the work of the responsible authorities "
                               f"that form the {p['name']}:")
        _bullets(document, p["members"])
        for c in p["changes"]:
            document.add_paragraph(c)
    if r["protocol"]:
        document.add_paragraph("The Committee's Protocol and the Memorandum of Understanding with the Partnership, "
                               "as considered during the year:")
        _bullets(document, r["protocol"])
    document.add_paragraph(r["purpose"])
    if r["previous_report"]:
        document.add_heading(r["sections"]["previous"], level=1)
        for p in r["previous_report"]:
            _prose(document, p["text"])
            for o in p["outcomes"]:
                document.add_paragraph(o)
            if p["minute"]:
                document.add_paragraph(p["minute"])
    if r["standing_invitations"]:
        document.add_heading(r["sections"]["standing"], level=1)
        document.add_paragraph("The Committee extended standing invitations to attend and contribute to its meetings "
                               f"in the {r['year']} municipal year to:")
        _bullets(document, r["standing_invitations"])
    _programme(document, r)
    _items(document, r)
    if r["references"]:
        document.add_heading(r["sections"]["references"], level=1)
        _bullets(document, r["references"])
    return docx_bytes(document)
