"""Writes to papers: adding a paper to an item, attaching its file.

Uploads are checked before anything is stored (`files`): the type (PDF, or a real
Word/OpenDocument file, converted to PDF with LibreOffice in headless mode), the size, and that
the PDF opens, is not encrypted, has pages but not too many, and holds nothing that could run
(removed, or the file refused). A refused upload names the paper and its item and changes nothing.
Checking and converting happen before the transaction (no lock waits for LibreOffice); the
file is written just before it and removed if it fails.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from scrutiny.core.downloads import safe_filename
from scrutiny.core.history import save_with_history
from scrutiny.meetings.models import OPEN_MEETING_STATUSES, AgendaItem

from .files import ACCEPTED, WORD_TYPES, clean_pdf, max_upload_bytes, word_check, word_to_pdf
from .models import CoveringReport, Document


def _where(document: Document) -> str:
    item = document.agenda_item
    label = f"item {item.number}" if item.number else f"the item “{item.title}”"
    return f"“{document.title}” ({label})"


@dataclass(frozen=True)
class CheckedFile:
    """A checked upload, converted to PDF: what is stored as the paper's file."""

    name: str
    pdf: bytes
    pages: int
    removed: tuple[str, ...] = ()


def paper_file_check(*, where: str, name: str, data: bytes) -> CheckedFile:
    """Check (and convert) an upload, or say what is wrong with it. No database access: the
    LibreOffice conversion takes seconds and no transaction waits for it."""
    suffix = Path(name).suffix.lower()
    if suffix not in ACCEPTED:
        raise ValidationError(
            f"{where}: upload a PDF or a Word document (.pdf, .docx, .doc, .odt, .rtf), not a {suffix or 'file without a type'}."
        )
    if len(data) > max_upload_bytes():
        raise ValidationError(
            f"{where}: the file is {len(data) / 1048576:.1f} MB; the largest allowed is {max_upload_bytes() // 1048576} MB."
        )
    if not data:
        raise ValidationError(f"{where}: the file is empty.")
    if suffix in WORD_TYPES:
        try:
            word_check(data, suffix)
        except ValidationError as exc:
            raise ValidationError(f"{where}: the file {' '.join(exc.messages)}.") from None
        try:
            data = word_to_pdf(data, suffix)
        except ValidationError as exc:
            raise ValidationError(f"{where}: {' '.join(exc.messages)}") from None
    try:
        clean = clean_pdf(data)
    except ValidationError as exc:
        raise ValidationError(f"{where}: the file {' '.join(exc.messages)}.") from None
    stem = safe_filename(Path(name).stem)[:80].strip(" .-") or "paper"
    return CheckedFile(f"{stem}.pdf", clean.data, clean.pages, clean.removed)


@contextmanager
def _saved_with_file(document: Document, upload: CheckedFile | None) -> Iterator[None]:
    """Write the upload as the paper's file, then run the block in a transaction of its own;
    if the block fails the file is removed and the paper keeps its earlier one, so no file
    outlives a change that was not saved."""
    earlier = document.file.name
    if upload is not None:
        document.file.save(upload.name, ContentFile(upload.pdf), save=False)
        document.page_count = upload.pages
        document.removed_from_file = upload.removed
    try:
        with transaction.atomic(durable=True):
            yield
    except BaseException:
        if upload is not None:
            document.file.delete(save=False)
            document.file.name = earlier
        raise


def _refuse_if_published(document: Document, *, what: str) -> None:
    """A paper published with a version still standing keeps what was published: changing it
    means withdrawing that version and publishing a corrected one (a new version)."""
    if document.pk is None:
        return
    meeting = document.agenda_item.meeting
    for version, papers in meeting.publications.filter(withdrawn_at__isnull=True).values_list("version", "document_ids"):
        if document.pk in papers or document.is_withheld_from_public:
            raise ValidationError(
                f"{_where(document)} was published with version {version} of the agenda: {what} cannot change. "
                f"Withdraw that version (on the meeting's page, under “Published versions”) and publish a corrected one."
            )


def document_attach_file(*, document: Document, name: str, data: bytes, by: User | None = None) -> Document:
    """Attach (or replace) the file of a paper. The earlier file is kept in storage and in
    the paper's history; nothing is stored if the upload is refused."""
    _refuse_if_published(document, what="its file")
    upload = paper_file_check(where=_where(document), name=name, data=data)
    with _saved_with_file(document, upload):
        save_with_history(document, by=by)
    return document


def document_add(
    *,
    item: AgendaItem,
    title: str,
    kind: str,
    is_exempt: bool = False,
    exemption_ground: str = "",
    public_title: str = "",
    description: str = "",
    file_name: str = "",
    data: bytes | None = None,
    by: User | None = None,
) -> Document:
    """Add a paper to an item, with its file when `data` is given (checked, and converted,
    before the transaction)."""
    if is_exempt and not exemption_ground:
        raise ValidationError(
            f"“{title}”: an exempt paper needs its reason (a paragraph of Schedule 12A or the obligation of confidence)."
        )
    document = Document(
        agenda_item=item,
        title=title.strip(),
        kind=kind,
        description=description,
        is_exempt=is_exempt,
        exemption_ground=exemption_ground if is_exempt else "",
        public_title=public_title if is_exempt else "",
    )
    upload = None if data is None else paper_file_check(where=_where(document), name=file_name, data=data)
    with _saved_with_file(document, upload):
        document.position = (
            item.documents.order_by("-position").values_list("position", flat=True).first() or 0
        ) + 1
        save_with_history(document, by=by)
    return document


# The parts of a covering report, in the council's order (seed 003).
REPORT_PARTS = (
    "heading", "summary", "recommendations", "background", "corporate_plan", "financial", "legal", "staffing",
    "administrative", "risk", "confidence", "appendices", "author", "directorate",
)


@transaction.atomic
def covering_report_save(*, document: Document, parts: Mapping[str, str], by: User | None = None) -> CoveringReport:
    """Write, or rewrite, the report of a paper in the app, part by part. The report of a
    meeting already held is the record of what the committee had before it: it stays."""
    meeting = document.agenda_item.meeting
    if meeting.status not in OPEN_MEETING_STATUSES:
        raise ValidationError(
            f"The meeting of {meeting.date_display} is {meeting.get_status_display().lower()}: its papers are kept as they were."
        )
    _refuse_if_published(document, what="its report")
    unknown = set(parts) - set(REPORT_PARTS)
    if unknown:
        raise ValidationError(f"A covering report has no part named {', '.join(sorted(unknown))}.")
    report = CoveringReport.objects.filter(document=document).first() or CoveringReport(document=document)
    for name, value in parts.items():
        setattr(report, name, value.strip())
    save_with_history(report, by=by)
    return report
