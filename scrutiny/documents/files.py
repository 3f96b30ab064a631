"""What a paper's file must be before it is stored: a PDF with nothing active in it.

A paper reaches the public as a PDF opened in their browser, from the council's own address.
So every file is checked the same way, whichever way it comes in (the officers' screens, the
performance report, the demo loader; the admin does not take files):

- a Word or OpenDocument file must really be one (its first bytes, or the parts a zip of
  that kind holds) before LibreOffice is asked to convert it: LibreOffice opens almost
  anything, and turns random bytes or an HTML page named `.doc` into pages of garbage;
- a PDF is opened with pikepdf (qpdf) and rewritten without what a reader could run or open:
  document and page actions, scripts, embedded files, forms (their appearance is kept, flat,
  on the page), multimedia, and link actions other than going to an address or a page. The
  rewritten file is scanned once more; anything left is refused, never stored;
- limits on bytes and pages, with messages that say what to do.
"""

from __future__ import annotations

import io
import shutil
import subprocess  # noqa: S404 - LibreOffice is run without a shell, on a file we wrote
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from django.conf import settings
from django.core.exceptions import ValidationError
from pypdf import PdfReader
from pypdf.errors import PdfReadError

WORD_TYPES = {".docx", ".doc", ".odt", ".rtf"}
ACCEPTED = {".pdf"} | WORD_TYPES

#: The compound-file header of a Word 97-2003 document (and of other Office files).
OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
#: What a Word or OpenDocument zip may hold, unpacked: a text with photographs is a few tens
#: of megabytes; more is a zip bomb, which LibreOffice would unpack.
WORD_UNPACKED_MAX = 256 * 1024 * 1024
WORD_MEMBERS_MAX = 10_000

#: Actions that run, open, send or play something (ISO 32000-2, 12.6.4).
DANGEROUS_ACTIONS = {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/ResetForm", "/Rendition", "/GoToE",
                     "/GoToR", "/Sound", "/Movie", "/RichMediaExecute", "/Hide", "/SetOCGState", "/GoTo3DView",
                     "/Thread", "/ECMAScript"}
#: Annotations that play, open or run something; removed, whatever they hold.
ACTIVE_ANNOTATIONS = {"/FileAttachment", "/RichMedia", "/Screen", "/Movie", "/Sound", "/3D", "/Widget"}
#: Keys that, anywhere in a PDF, mean something could run or be opened from it.
ACTIVE_KEYS = {"/JS", "/JavaScript", "/OpenAction", "/AA", "/EmbeddedFiles", "/RichMediaContent", "/XFA", "/AcroForm",
               "/AF", "/EF"}
#: Keys holding files carried inside the PDF: associated files (PDF 2.0) and a file
#: specification's embedded stream.
FILE_KEYS = ("/AF", "/EF")


def max_upload_bytes() -> int:
    return int(getattr(settings, "SCRUTINY_MAX_UPLOAD_MB", 20)) * 1024 * 1024


def max_pages() -> int:
    """The most pages a paper may have: far below what the page count's column holds, and more
    than any committee reads; a longer document is split into appendices."""
    return int(getattr(settings, "SCRUTINY_MAX_PAGES", 1000))


@dataclass(frozen=True)
class CleanPdf:
    data: bytes
    pages: int
    #: What was taken out, said to the officer ("a script run on opening", "2 embedded files").
    removed: tuple[str, ...]


def word_check(data: bytes, suffix: str) -> None:
    """Refuse a file named as a Word or OpenDocument file that is not one."""
    if suffix == ".doc":
        ok = data.startswith(OLE2_MAGIC)
    elif suffix == ".rtf":
        ok = data.lstrip(b"\xef\xbb\xbf").startswith(b"{\\rtf")
    else:
        ok = _zip_of_kind(data, suffix)
    if not ok:
        kind = "an OpenDocument text" if suffix == ".odt" else "a Word document"
        raise ValidationError(
            f"is named {suffix} but is not {kind} (it may be damaged, or another kind of file renamed): "
            "open it in Word and save it again, or upload a PDF"
        )


def _zip_of_kind(data: bytes, suffix: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            names = {m.filename for m in members}
            if len(members) > WORD_MEMBERS_MAX or sum(m.file_size for m in members) > WORD_UNPACKED_MAX:
                raise ValidationError(
                    "unpacks to far more than a document holds: it cannot be converted; upload a PDF"
                )
            if suffix == ".docx":
                return "[Content_Types].xml" in names and "word/document.xml" in names
            return "mimetype" in names and "content.xml" in names and archive.read("mimetype").strip() == ODT_MIMETYPE
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, EOFError):
        return False


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
        command = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", folder, str(source)]
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
    if pages > max_pages():
        raise ValidationError(
            f"has {pages:,} pages; a paper may have at most {max_pages():,}: split it into appendices"
        )
    return pages


def clean_pdf(data: bytes) -> CleanPdf:
    """The PDF rewritten with nothing active in it, or a ValidationError saying why not."""
    pages = checked_pdf(data)
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            removed = _strip(pdf)
            out = io.BytesIO()
            pdf.save(out)
    except pikepdf.PdfError:
        raise ValidationError("is damaged: it cannot be opened as a PDF") from None
    cleaned = out.getvalue()
    with pikepdf.open(io.BytesIO(cleaned)) as pdf:
        left = sorted({key for obj in _dictionaries(pdf) for key in _active_in(obj)})
    if left:
        raise ValidationError(
            "holds scripts, forms or embedded files that could not be removed: print it to a new PDF "
            "(or save it from Word as PDF) and upload that"
        )
    return CleanPdf(cleaned, pages, tuple(removed))


def _strip(pdf: pikepdf.Pdf) -> list[str]:
    removed: list[str] = []
    root = pdf.Root
    for key, what in (("/OpenAction", "an action run on opening"), ("/AA", "actions run on opening or closing")):
        if key in root:
            del root[key]
            removed.append(what)
    names = root.get("/Names")
    if isinstance(names, pikepdf.Dictionary):
        for key, what in (("/JavaScript", "scripts"), ("/EmbeddedFiles", "embedded files")):
            if key in names:
                del names[key]
                removed.append(what)
    if "/AcroForm" in root:
        # The fields' appearance goes onto the page, so what the reader saw stays; then the
        # form itself (fields, their scripts, XFA) goes.
        pdf.generate_appearance_streams()
        pdf.flatten_annotations("all")
        if "/AcroForm" in root:  # qpdf takes it away once nothing is left in it
            del root["/AcroForm"]
        removed.append("a form (kept as printed)")
    dropped = actions = 0
    for page in pdf.pages:
        if "/AA" in page.obj:
            del page.obj["/AA"]
            actions += 1
        annotations = page.obj.get("/Annots")
        if not isinstance(annotations, pikepdf.Array):
            continue
        kept = pikepdf.Array()
        for annotation in annotations:
            if isinstance(annotation, pikepdf.Dictionary) and _name(annotation, "/Subtype") in ACTIVE_ANNOTATIONS:
                dropped += 1
                continue
            kept.append(annotation)
        page.obj["/Annots"] = kept
    for obj in _dictionaries(pdf):
        actions += _strip_actions(obj)
    if dropped:
        removed.append(f"{dropped} attachment, media or form annotation{'s' if dropped != 1 else ''}")
    if actions:
        removed.append(f"{actions} action{'s' if actions != 1 else ''} or attached file{'s' if actions != 1 else ''} "
                       "of a link, bookmark or page")
    return removed


def _strip_actions(obj: pikepdf.Dictionary | pikepdf.Stream) -> int:
    """Remove, from a link, bookmark or page, an action other than going somewhere."""
    count = 0
    action = obj.get("/A")
    # A structure element's /A is its attributes, with no /S: left alone.
    if isinstance(action, pikepdf.Dictionary) and (_name(action, "/S") in DANGEROUS_ACTIONS or "/Next" in action):
        del obj["/A"]
        count += 1
    if "/AA" in obj:
        del obj["/AA"]
        count += 1
    for key in FILE_KEYS:
        if key in obj:
            del obj[key]
            count += 1
    return count


def _dictionaries(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary | pikepdf.Stream]:
    """Every dictionary of the file: its indirect objects and what they hold directly."""
    stack: list[pikepdf.Object] = list(pdf.objects)
    while stack:
        obj = stack.pop()
        if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            yield obj
            children = [obj.get(key) for key in list(obj.keys())]
        elif isinstance(obj, pikepdf.Array):
            children = list(obj)
        else:
            continue
        stack.extend(c for c in children if isinstance(c, pikepdf.Object) and not c.is_indirect)


def _name(obj: pikepdf.Dictionary | pikepdf.Stream, key: str) -> str:
    value = obj.get(key)
    return str(value) if isinstance(value, pikepdf.Name) else ""


def _active_in(obj: pikepdf.Dictionary | pikepdf.Stream) -> set[str]:
    found = {str(key) for key in obj.keys() if key in ACTIVE_KEYS}  # noqa: SIM118 - pikepdf keys
    # /S names many things (a structure element's role, a soft mask, a transition): only an
    # action's kind is looked at.
    if _name(obj, "/S") in DANGEROUS_ACTIONS:
        found.add(_name(obj, "/S"))
    if _name(obj, "/Subtype") in ACTIVE_ANNOTATIONS:
        found.add(_name(obj, "/Subtype"))
    if _name(obj, "/Type") == "/EmbeddedFile":
        found.add("/EmbeddedFile")
    return found
