"""The officers' screens that add a paper to an agenda item and write a covering report."""

from __future__ import annotations

from functools import partial

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse

from scrutiny.access.decorators import ensure_runs, officer_required
from scrutiny.core.views import form_page
from scrutiny.meetings.views import agenda_item_to_run, manage_url

from . import services
from .forms import CoveringReportForm, PaperForm
from .models import CoveringReport, Document


def _uploaded(document: Document) -> str:
    pages = f"{document.page_count} page{'s' if document.page_count != 1 else ''}"
    removed = f" Removed from the file: {', '.join(document.removed_from_file)}." if document.removed_from_file else ""
    return f"“{document.title}” uploaded ({pages}).{removed}"


@officer_required
def paper_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = agenda_item_to_run(request, pk)
    label = f"item {item.number}" if item.number else item.title
    return form_page(
        request,
        PaperForm.bound_to(request),
        partial(services.document_add, item=item),
        success=lambda doc: (_uploaded(doc), manage_url(item.meeting_id)),
        committee=item.meeting.committee,
        heading=f"Add a paper to {label}",
        caption=item.title,
        submit="Upload paper",
        cancel_url=manage_url(item.meeting_id),
    )



@officer_required
def covering_report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Write the paper's covering report in the app, or change it."""
    document: Document = get_object_or_404(
        Document.internal.select_related("agenda_item__meeting__committee"), pk=pk
    )
    meeting = document.agenda_item.meeting
    ensure_runs(request, meeting.committee)
    report = CoveringReport.objects.filter(document=document).first()
    return form_page(
        request,
        CoveringReportForm.bound_to(request, report=report, heading=document.title.upper()),
        partial(services.covering_report_save, document=document),
        success=lambda saved: (f"Report “{saved.heading}” saved.", reverse("document", args=[pk])),
        committee=meeting.committee,
        heading="Change the covering report" if report else "Write the covering report",
        caption=document.title,
        submit="Save report",
        cancel_url=reverse("document", args=[pk]),
    )
