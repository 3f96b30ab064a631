"""The minutes as a Word document, laid out like the council's.

It is built from the same redacted context as the page and the PDF: a withheld minute
arrives without its text, so only the public record of it (heading, ground, the fact of its
resolutions) can be written."""

from __future__ import annotations

import io

from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from scrutiny.core.text import blocks

STATUS_NOTICES = {
    "draft": "DRAFT: NOT PUBLISHED (officers only)",
    "published": "DRAFT: NOT YET CONFIRMED",
}


def _attendee(row) -> str:
    if row.kind == "substitute":
        whom = f" for {row.substitute_for.formal_name}" if row.substitute_for else ""
        return f"{row.label} (substitute{whom})"
    if row.kind == "standing_invitee":  # their capacity is printed under CABINET MEMBERS
        return f"{row.label} (Invitee)"
    if row.kind == "invited" and "invit" not in row.capacity.lower():
        return f"{row.label} (Invitee)"
    if row.kind in ("officer", "partner") and row.capacity:
        return f"{row.label} – {row.capacity}"
    return f"{row.label} {row.capacity}".strip()


def _cabinet_member(row) -> str:
    return f"{row.label}, {row.capacity}" if row.capacity else f"{row.label} [by standing invitation]"


def _notice(document, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(text).bold = True


def _corrections(document, minute) -> None:
    for c in minute.corrections:
        agreed = f", as agreed at the meeting of {c.agreed_at}" if c.agreed_at else ""
        line = f"Corrected on {c.on.day} {c.on:%B %Y}{agreed}: {c.part}"
        if c.text is None:
            line += "."
        else:
            line += f" now reads: “{c.text}”" + (f" Reason: {c.reason}" if c.reason else "")
        document.add_paragraph().add_run(line).italic = True


def minutes_docx(context: dict) -> bytes:
    meeting, committee = context["meeting"], context["committee"]
    record = context.get("record")
    document = WordDocument()
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(11)
    for text in (committee.council.name.upper(), committee.name.upper()):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = True
    document.add_paragraph(f"MINUTES of the meeting of the {committee.name} held on {meeting.date_display}.")
    status = getattr(record, "status", "")
    if status in STATUS_NOTICES:
        _notice(document, STATUS_NOTICES[status])
    if context.get("confirmation"):
        document.add_paragraph(context["confirmation"].sentence)
    attendance = context["attendance"]

    def rows(*kinds):
        return [row for kind in kinds for row in attendance.get(kind, [])]

    for label, listed, line in (
        ("PRESENT", rows("present", "substitute", "standing_invitee", "invited"), _attendee),
        ("APOLOGIES", rows("apologies"), _attendee),
        ("ABSENT", rows("absent"), _attendee),
        (f"{committee.council.name} Officers", rows("officer"), _attendee),
        ("CABINET MEMBERS", rows("standing_invitee"), _cabinet_member),
        ("PRESENT TO RESPOND TO ISSUES RAISED BY THE SCRUTINY COMMITTEE", rows("partner"), _attendee),
    ):
        if listed:
            document.add_paragraph().add_run(f"{label}:").bold = True
            for row in listed:
                document.add_paragraph(line(row))
    for minute in context["minutes"]:
        heading = document.add_paragraph()
        heading.add_run(f"{minute.number}. {minute.title}" if minute.number else minute.title).bold = True
        if minute.withheld:
            document.add_paragraph(minute.exemption_statement)
            document.add_paragraph(minute.withheld_notice)
            _corrections(document, minute)
            continue
        if minute.not_for_publication:
            _notice(document, minute.not_for_publication_mark)
        for block in blocks(minute.narrative or ""):
            if block.kind == "list":
                for line in block.lines:
                    document.add_paragraph(line, style="List Bullet")
            else:
                document.add_paragraph(block.lines[0])
        if minute.resolutions:
            label = "Decision, as reported:" if meeting.minutes_are_summary else "RESOLVED:"
            document.add_paragraph().add_run(label).bold = True
            for number, text in minute.resolutions:
                document.add_paragraph(f"{number}.\t{text}")
        _corrections(document, minute)
    if meeting.closed_at:
        document.add_paragraph(
            f"The meeting closed at {meeting.closed_at:%-I.%M} {'pm' if meeting.closed_at.hour >= 12 else 'am'}"
        )
    # A summary taken from another document was never signed by the Chairman.
    if not meeting.minutes_are_summary:
        if context.get("chairman"):
            document.add_paragraph(context["chairman"].replace(" (Chairman)", ""))
        document.add_paragraph("CHAIRMAN")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
