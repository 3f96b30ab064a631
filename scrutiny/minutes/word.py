"""The minutes as a Word document, laid out like the council's."""

from __future__ import annotations

import io

from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from scrutiny.core.text import blocks


def minutes_docx(context: dict) -> bytes:
    meeting, committee = context["meeting"], context["committee"]
    document = WordDocument()
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(11)
    for text in (committee.council.name.upper(), committee.name.upper()):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = True
    document.add_paragraph(f"MINUTES of the meeting of the {committee.name} held on {meeting.date_display}.")
    for label, kinds in (
        ("PRESENT", ("present", "substitute", "standing_invitee", "invited")),
        ("APOLOGIES", ("apologies",)),
        ("ABSENT", ("absent",)),
        ("Officers", ("officer",)),
        ("PRESENT TO RESPOND TO ISSUES RAISED BY THE SCRUTINY COMMITTEE", ("partner",)),
    ):
        rows = [row for kind in kinds for row in context["attendance"].get(kind, [])]
        if rows:
            document.add_paragraph().add_run(f"{label}:").bold = True
            for row in rows:
                document.add_paragraph(f"{row.label} {row.capacity}".strip())
    for minute in context["minutes"]:
        heading = document.add_paragraph()
        heading.add_run(f"{minute.number}. {minute.title}" if minute.number else minute.title).bold = True
        if minute.withheld:
            document.add_paragraph(f"{minute.exemption_statement} This minute is exempt.")
            continue
        for block in blocks(minute.narrative or ""):
            if block.kind == "list":
                for line in block.lines:
                    document.add_paragraph(line, style="List Bullet")
            else:
                document.add_paragraph(block.lines[0])
        if minute.resolutions:
            document.add_paragraph().add_run("RESOLVED:").bold = True
            for number, text in minute.resolutions:
                document.add_paragraph(f"{number}.\t{text}")
    if meeting.closed_at:
        document.add_paragraph(
            f"The meeting closed at {meeting.closed_at:%-I.%M} {'pm' if meeting.closed_at.hour >= 12 else 'am'}"
        )
    if context.get("chairman"):
        document.add_paragraph(context["chairman"].replace(" (Chairman)", ""))
    document.add_paragraph("CHAIRMAN")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
