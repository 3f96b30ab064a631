"""A paper's file URL serves only a PDF, with headers that keep it from acting as a page of
the site; downloads of other kinds are sandboxed attachments."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from scrutiny.core.downloads import ATTACHMENT_CSP, FILE_CSP
from scrutiny.documents.models import Document
from scrutiny.publishing.services import meeting_publish_agenda
from tests.publishing.test_services import at

pytestmark = pytest.mark.django_db


def _report(meeting) -> Document:
    return Document.internal.get(agenda_item__meeting=meeting, title="Covering report")


def test_a_paper_is_served_inline_as_a_pdf_with_a_locked_down_policy(client, meeting):
    meeting_publish_agenda(meeting=meeting, now=at(dt.date(2018, 2, 12)))
    response = client.get(reverse("document_file", args=[_report(meeting).pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == FILE_CSP
    assert "default-src 'none'" in FILE_CSP and "frame-ancestors 'none'" in FILE_CSP


@pytest.mark.parametrize("stored", [b"<html><script>fetch('/meetings/')</script></html>", b"MZ\x90\x00 a program"])
def test_a_stored_file_that_is_not_a_pdf_is_never_served(client, meeting, officer, stored):
    """As the admin once allowed: a paper's file replaced, as it was, by an HTML page."""
    meeting_publish_agenda(meeting=meeting, now=at(dt.date(2018, 2, 12)))
    paper = _report(meeting)
    paper.file.save("report.html", ContentFile(stored), save=True)
    for viewer in (None, officer):
        if viewer is not None:
            client.force_login(viewer)
        response = client.get(reverse("document_file", args=[paper.pk]))
        assert response.status_code == 404
        assert stored not in response.content and "text/html" not in response.get("Content-Disposition", "")


def test_a_word_download_is_a_sandboxed_attachment(client, meeting):
    meeting_publish_agenda(meeting=meeting, now=at(dt.date(2018, 2, 12)))
    response = client.get(reverse("agenda_word", args=[meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == ATTACHMENT_CSP and ATTACHMENT_CSP.endswith("; sandbox")
    assert response["X-Content-Type-Options"] == "nosniff"
