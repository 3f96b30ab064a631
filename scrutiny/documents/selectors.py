"""Reads of documents for the viewer (see scrutiny.access.policy)."""

from __future__ import annotations

from django.http import Http404

from scrutiny.access.policy import Viewer
from scrutiny.core.downloads import Visibility

from .models import Document


def document_get_for_viewer(*, pk: int, viewer: Viewer) -> Document:
    """The document if this viewer may read it. A withheld document answers exactly like a
    missing one, so its existence and title do not leak through the URL."""
    document = Document.internal.select_related("agenda_item__meeting__committee").filter(pk=pk).first()
    if document is None:
        raise Http404("No document with that reference.")
    meeting = document.agenda_item.meeting
    if not viewer.may_see_agenda(meeting):
        raise Http404("No document with that reference.")
    if document.is_withheld_from_public:
        if not viewer.may_see_exempt_of_meeting(meeting):
            raise Http404("No document with that reference.")
        return document
    if not viewer.is_officer:
        # Once an agenda is published, the public reads the papers published with it.
        from scrutiny.publishing.selectors import latest_publication

        publication = latest_publication(meeting)
        if publication is not None and document.pk not in publication.document_ids:
            raise Http404("No document with that reference.")
    return document


# -- Reads for the views and forms (web layer, issue 14): appended here, apart from the rest ----------


def document_visibility(document: Document) -> Visibility:
    """Public only if the public is given this paper: not a withheld one, nor one an officer
    sees before its agenda is published (a shared cache would hand either to the next visitor)."""
    if document.is_withheld_from_public:
        return Visibility.EXEMPT
    try:
        document_get_for_viewer(pk=document.pk, viewer=Viewer())
    except Http404:
        return Visibility.OFFICERS
    return Visibility.PUBLIC
