"""A paper's page and its file, both through the access policy."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

from scrutiny.access.policy import Viewer
from scrutiny.core.downloads import file_response

from .selectors import document_get_for_viewer, document_visibility


def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
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


def document_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The file itself, only through the access policy: files are never served from a public URL."""
    document = document_get_for_viewer(pk=pk, viewer=Viewer.of(request))
    if not document.file:
        raise Http404("This document has no file.")
    return file_response(document.file, filename=document.file.name or "", visibility=document_visibility(document))
