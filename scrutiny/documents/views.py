"""The officers' screen that adds a paper to an agenda item."""

from __future__ import annotations

from functools import partial

from django.http import HttpRequest, HttpResponse

from scrutiny.access.decorators import officer_required
from scrutiny.core.views import form_page
from scrutiny.meetings.views import agenda_item_to_run, manage_url

from . import services
from .forms import PaperForm


@officer_required
def paper_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = agenda_item_to_run(request, pk)
    label = f"item {item.number}" if item.number else item.title
    return form_page(
        request,
        PaperForm.bound_to(request),
        partial(services.document_add, item=item),
        success=lambda doc: (
            f"“{doc.title}” uploaded ({doc.page_count} page{'s' if doc.page_count != 1 else ''}).",
            manage_url(item.meeting_id),
        ),
        committee=item.meeting.committee,
        heading=f"Add a paper to {label}",
        caption=item.title,
        submit="Upload paper",
        cancel_url=manage_url(item.meeting_id),
    )

