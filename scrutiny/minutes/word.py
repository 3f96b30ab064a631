"""The minutes as a Word document, laid out like the council's.

It is built from the same redacted context as the page and the PDF: a withheld minute
arrives without its text, so only the public record of it (heading, ground, the fact of its
resolutions) can be written."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from docx.document import Document as WordDocument

from scrutiny.core.printing import centred, docx_bytes, word_document
from scrutiny.core.text import blocks
from scrutiny.governance.selectors import council_display_name

from .models import Attendance, AttendanceKind, MinutesStatus
from .selectors import MinuteEntry

# The minutes' state, printed at their head until they are confirmed (the PDF says the same:
# templates/publishing/minutes_print.html takes these through `minutes_status_notice`).
STATUS_NOTICES: Mapping[str, str] = {
    MinutesStatus.DRAFT: "DRAFT: NOT PUBLISHED (officers only)",
    MinutesStatus.PUBLISHED: "DRAFT: NOT YET CONFIRMED",
}


def _attendee(row: Attendance) -> str:
    if row.kind == AttendanceKind.SUBSTITUTE:
        whom = f" for {row.substitute_for_label}" if row.substitute_for else ""
        return f"{row.label} (substitute{whom})"
    if row.kind == AttendanceKind.STANDING_INVITEE:  # their capacity is printed under CABINET MEMBERS
        return f"{row.label} (Invitee)"
    if row.kind == AttendanceKind.INVITED and "invit" not in row.capacity.lower():
        return f"{row.label} (Invitee)"
    if row.kind in (AttendanceKind.OFFICER, AttendanceKind.PARTNER) and row.capacity:
        return f"{row.label} – {row.capacity}"
    return f"{row.label} {row.capacity}".strip()


def _cabinet_member(row: Attendance) -> str:
    return f"{row.label}, {row.capacity}" if row.capacity else f"{row.label} [by standing invitation]"


def _corrections(document: WordDocument, minute: MinuteEntry) -> None:
    for c in minute.corrections:
        agreed = f", as agreed at the meeting of {c.agreed_at}" if c.agreed_at else ""
        line = f"Corrected on {c.on.day} {c.on:%B %Y}{agreed}: {c.part}"
        if c.text is None:
            line += "."
        else:
            line += f" now reads: “{c.text}”" + (f" Reason: {c.reason}" if c.reason else "")
        document.add_paragraph().add_run(line).italic = True


def _attendance(document: WordDocument, context: Mapping[str, Any]) -> None:
    council = context["committee"].council.name
    attendance: Mapping[str, list[Attendance]] = context["attendance"]

    def rows(*kinds: AttendanceKind) -> list[Attendance]:
        return [row for kind in kinds for row in attendance.get(kind, [])]

    present = (
        AttendanceKind.PRESENT,
        AttendanceKind.SUBSTITUTE,
        AttendanceKind.STANDING_INVITEE,
        AttendanceKind.INVITED,
    )
    for label, listed, line in (
        ("PRESENT", rows(*present), _attendee),
        ("APOLOGIES", rows(AttendanceKind.APOLOGIES), _attendee),
        ("ABSENT", rows(AttendanceKind.ABSENT), _attendee),
        (f"{council} Officers", rows(AttendanceKind.OFFICER), _attendee),
        ("CABINET MEMBERS", rows(AttendanceKind.STANDING_INVITEE), _cabinet_member),
        ("PRESENT TO RESPOND TO ISSUES RAISED BY THE SCRUTINY COMMITTEE", rows(AttendanceKind.PARTNER), _attendee),
    ):
        if listed:
            document.add_paragraph().add_run(f"{label}:").bold = True
            for row in listed:
                document.add_paragraph(line(row))


def minutes_docx(context: Mapping[str, Any]) -> bytes:
    """`context`: what the minutes page and PDF are rendered from (minutes.selectors)."""
    meeting, committee = context["meeting"], context["committee"]
    record = context.get("record")
    document = word_document()
    for text in (council_display_name(committee.council).upper(), meeting.met_as.upper()):
        centred(document, text)
    document.add_paragraph(f"MINUTES of the meeting of the {meeting.met_as} {meeting.held_on_display}.")
    status = getattr(record, "status", "")
    if status in STATUS_NOTICES:
        centred(document, STATUS_NOTICES[status])
    if context.get("confirmation"):
        document.add_paragraph(context["confirmation"].sentence)
    _attendance(document, context)
    for minute in context["minutes"]:
        heading = document.add_paragraph()
        heading.add_run(f"{minute.number}. {minute.title}" if minute.number else minute.title).bold = True
        if minute.withheld:
            document.add_paragraph(minute.exemption_statement)
            document.add_paragraph(minute.withheld_notice)
            _corrections(document, minute)
            continue
        if minute.not_for_publication:
            centred(document, minute.not_for_publication_mark)
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
    return docx_bytes(document)
