"""Every file the site serves goes out through `file_response`, and nowhere else are its
headers set: the disposition with a safe file name, the content type, and the caching and
indexing chosen by the file's visibility, and a Content-Security-Policy that keeps any file
from acting as a page of the site.

Visibility decides caching because a shared cache (a council's proxy, a CDN) keeps what it is
allowed to keep and hands it to the next person who asks. Only what the public may read may
be kept there; anything exempt, confidential or seen by officers alone is `private,
no-store` and `noindex`, whoever is downloading it.
"""

from __future__ import annotations

import mimetypes
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TypeVar

from django.core.files import File
from django.db import models
from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header

from .openings import OPENING_ATTRIBUTE, Opening

R = TypeVar("R", bound=HttpResponseBase)

PUBLIC_CACHE = "public, max-age=300"
PRIVATE_CACHE = "private, no-store"

#: A file served from the site's own address must not run as part of the site. A PDF keeps
#: what its viewer needs (Chromium shows no PDF under `sandbox`: crbug.com/413851); every
#: other file is also sandboxed, so even a browser that displays it runs nothing of it.
FILE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
ATTACHMENT_CSP = f"{FILE_CSP}; sandbox"


class Visibility(models.TextChoices):
    """Who a file (or page) is for."""

    PUBLIC = "public", "Public"
    EXEMPT = "exempt", "Exempt or confidential: only those the access policy entitles"
    OFFICERS = "officers", "Officers only (drafts)"


@dataclass(frozen=True)
class FileKind:
    extension: str
    content_type: str
    #: Saved rather than shown: a PDF opens in the browser, the rest go to their own programs.
    attachment: bool


PDF = FileKind("pdf", "application/pdf", attachment=False)
WORD = FileKind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", attachment=True)
CALENDAR = FileKind("ics", "text/calendar; charset=utf-8", attachment=True)
CSV = FileKind("csv", "text/csv; charset=utf-8", attachment=True)
KINDS = {kind.extension: kind for kind in (PDF, WORD, CALENDAR, CSV)}

# Letters and digits of any script, and . _ - and space; anything else (quotes, slashes,
# control characters such as CR and LF) could break out of the header or the folder.
_UNSAFE = re.compile(r"[^\w. -]+")


def safe_filename(name: str) -> str:
    """The last part of `name`, with anything that could break the header replaced."""
    base = PurePosixPath(name.replace("\\", "/")).name
    return _UNSAFE.sub("-", base).strip(" .-") or "download"


def kind_of(filename: str) -> FileKind:
    """The kind named by the file's extension; a file of another kind is saved, never shown."""
    extension = PurePosixPath(filename).suffix.lower().lstrip(".")
    if extension in KINDS:
        return KINDS[extension]
    guessed = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    return FileKind(extension, guessed, attachment=True)


def mark_visibility(response: R, visibility: Visibility, *, opening: Opening | None = None) -> R:
    """Caching and indexing by visibility: for file responses, and for pages showing exempt
    content. An exempt response must say what it opens, for the audit (`core/openings.py`)."""
    if visibility == Visibility.EXEMPT:
        if opening is None:
            raise ValueError("A response with exempt content must say what it opens (an Opening), for the audit.")
        setattr(response, OPENING_ATTRIBUTE, opening)
    elif opening is not None:
        raise ValueError(f"An opening is recorded only for exempt content, not for {visibility.label.lower()}.")
    if visibility == Visibility.PUBLIC:
        response["Cache-Control"] = PUBLIC_CACHE
    else:
        response["Cache-Control"] = PRIVATE_CACHE
        response["X-Robots-Tag"] = "noindex"
    return response


def file_response(
    content: bytes | str | File[bytes],
    *,
    filename: str,
    visibility: Visibility,
    kind: FileKind | None = None,
    opening: Opening | None = None,
) -> HttpResponseBase:
    """A file as the response: bytes or text made for the request, or a stored file streamed."""
    kind = kind or kind_of(filename)
    response: HttpResponseBase
    if isinstance(content, bytes | str):
        response = HttpResponse(content, content_type=kind.content_type)
    else:
        response = FileResponse(content.open("rb"), content_type=kind.content_type)
    disposition = content_disposition_header(kind.attachment, safe_filename(filename))
    if disposition:  # always: a safe file name is never empty
        response["Content-Disposition"] = disposition
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = ATTACHMENT_CSP if kind.attachment else FILE_CSP
    return mark_visibility(response, visibility, opening=opening)
