import mimetypes

from django.http import FileResponse, Http404
from django.shortcuts import render

from scrutiny.access.policy import Viewer

from .selectors import document_get_for_viewer


def document_detail(request, pk: int):
    document = document_get_for_viewer(pk=pk, viewer=Viewer.of(request))
    item = document.agenda_item
    context = {
        "document": document,
        "item": item,
        "meeting": item.meeting,
        "committee": item.meeting.committee,
        "has_report": hasattr(document, "covering_report"),
    }
    return render(request, "documents/document_detail.html", context)


def document_file(request, pk: int):
    """The file itself, only through the access policy: files are never served from a public URL."""
    document = document_get_for_viewer(pk=pk, viewer=Viewer.of(request))
    if not document.file:
        raise Http404("This document has no file.")
    content_type = mimetypes.guess_type(document.file.name)[0] or "application/octet-stream"
    response = FileResponse(document.file.open("rb"), content_type=content_type)
    response["Cache-Control"] = (
        "private, no-store" if document.is_withheld_from_public else "public, max-age=300"
    )
    response["X-Robots-Tag"] = "noindex" if document.is_withheld_from_public else "all"
    return response
