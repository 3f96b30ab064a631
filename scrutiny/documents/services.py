"""Writes to papers: adding a paper to an item, attaching its file.

Uploads are checked before anything is stored: the type (PDF, or Word/OpenDocument which is
converted to PDF with LibreOffice in headless mode), the size, and that the PDF opens, is not
encrypted and has pages. A refused upload names the paper and its item and changes nothing.
Checking and converting happen before the transaction (no lock waits for LibreOffice); the
file is written just before it and removed if it fails.
"""

from __future__ import annotations

import io
import shutil
import subprocess  # noqa: S404 - LibreOffice is run without a shell, on a file we wrote
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from scrutiny.core.history import save_with_history
from scrutiny.meetings.models import OPEN_MEETING_STATUSES, AgendaItem

from .models import CoveringReport, Document

WORD_TYPES = {".docx", ".doc", ".odt", ".rtf"}
ACCEPTED = {".pdf"} | WORD_TYPES


def _where(document: Document) -> str:
    item = document.agenda_item
    label = f"item {item.number}" if item.number else f"the item “{item.title}”"
    return f"“{document.title}” ({label})"


def max_upload_bytes() -> int:
    return int(getattr(settings, "SCRUTINY_MAX_UPLOAD_MB", 20)) * 1024 * 1024


def word_to_pdf(data: bytes, suffix: str, *, timeout: int = 120) -> bytes:
    """Convert a Word or OpenDocument file with LibreOffice (headless), in a private folder."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise ValidationError(
            "Word files cannot be converted on this server (LibreOffice is not installed): upload a PDF."
        )
    with tempfile.TemporaryDirectory(prefix="scrutiny-convert-") as folder:
        source = Path(folder) / f"paper{suffix}"
        source.write_bytes(data)
        profile = Path(folder) / "profile"
        command = [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            folder,
            str(source),
        ]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=timeout)  # noqa: S603
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
            raise ValidationError("LibreOffice could not convert the file.") from None
        result = Path(folder) / "paper.pdf"
        if not result.exists():
            raise ValidationError("LibreOffice could not convert the file.")
        return result.read_bytes()


def checked_pdf(data: bytes) -> int:
    """The number of pages, or a ValidationError saying what is wrong with the PDF."""
    if not data.startswith(b"%PDF"):
        raise ValidationError("is not a PDF file (it may be damaged)")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ValidationError("is password-protected: save it without a password and upload it again")
        pages = len(reader.pages)
        reader.pages[0].extract_text() if pages else None
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        raise ValidationError("is damaged: it cannot be opened as a PDF") from None
    if pages == 0:
        raise ValidationError("has no pages")
    return pages


@dataclass(frozen=True)
class _Upload:
    """A checked upload, converted to PDF: what is stored as the paper's file."""

    name: str
    pdf: bytes
    pages: int


def _checked_upload(*, where: str, name: str, data: bytes) -> _Upload:
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
            data = word_to_pdf(data, suffix)
        except ValidationError as exc:
            raise ValidationError(f"{where}: {' '.join(exc.messages)}") from None
    try:
        pages = checked_pdf(data)
    except ValidationError as exc:
        raise ValidationError(f"{where}: the file {' '.join(exc.messages)}.") from None
    return _Upload(f"{Path(name).stem[:80]}.pdf", data, pages)


@contextmanager
def _saved_with_file(document: Document, upload: _Upload | None) -> Iterator[None]:
    """Write the upload as the paper's file, then run the block in a transaction of its own;
    if the block fails the file is removed and the paper keeps its earlier one, so no file
    outlives a change that was not saved."""
    earlier = document.file.name
    if upload is not None:
        document.file.save(upload.name, ContentFile(upload.pdf), save=False)
        document.page_count = upload.pages
    try:
        with transaction.atomic(durable=True):
            yield
    except BaseException:
        if upload is not None:
            document.file.delete(save=False)
            document.file.name = earlier
        raise


def document_attach_file(*, document: Document, name: str, data: bytes, by: User | None = None) -> Document:
    """Attach (or replace) the file of a paper. The earlier file is kept in storage and in
    the paper's history; nothing is stored if the upload is refused."""
    upload = _checked_upload(where=_where(document), name=name, data=data)
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
    upload = None if data is None else _checked_upload(where=_where(document), name=file_name, data=data)
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
    unknown = set(parts) - set(REPORT_PARTS)
    if unknown:
        raise ValidationError(f"A covering report has no part named {', '.join(sorted(unknown))}.")
    report = CoveringReport.objects.filter(document=document).first() or CoveringReport(document=document)
    for name, value in parts.items():
        setattr(report, name, value.strip())
    save_with_history(report, by=by)
    return report
