"""Writing a covering report in the app, on the officers' screen rather than the admin."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from scrutiny.documents.models import CoveringReport
from scrutiny.meetings.models import MeetingStatus
from tests.access.viewers import officer_of
from tests.factories import AgendaItemFactory, DocumentFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def _paper(status: str):
    meeting = MeetingFactory(date=dt.date(2027, 2, 10), status=status)
    return DocumentFactory(agenda_item=AgendaItemFactory(meeting=meeting), title="Strategic Assessment 2027")


def test_an_officer_writes_the_report_part_by_part_and_changes_it(client):
    paper = _paper(MeetingStatus.SCHEDULED)
    officer = officer_of(paper.agenda_item.meeting.committee.council)
    client.force_login(officer)
    url = reverse("covering_report_edit", args=[paper.pk])
    form = client.get(url).content.decode()
    assert 'value="STRATEGIC ASSESSMENT 2027"' in form and "Financial implications" in form
    missing = client.post(url, {"heading": "STRATEGIC ASSESSMENT 2027"})
    assert missing.status_code == 400 and "Enter the report&#x27;s summary" in missing.content.decode()
    assert not CoveringReport.objects.exists()
    parts = {"heading": "STRATEGIC ASSESSMENT 2027", "summary": "The assessment.", "recommendations": "That it be noted.",
             "financial": "None", "legal": "None", "staffing": "None", "administrative": "None", "risk": "None"}
    assert client.post(url, parts).status_code == 302
    report = CoveringReport.objects.get(document=paper)
    assert report.summary == "The assessment." and report.history.latest().history_user == officer
    client.post(url, {**parts, "summary": "The assessment, revised."})
    report.refresh_from_db()
    assert report.summary == "The assessment, revised." and CoveringReport.objects.count() == 1
    page = client.get(reverse("document", args=[paper.pk])).content.decode()
    assert url in page and "/admin/" not in page


def test_the_report_of_a_meeting_held_is_kept_as_it_was(client):
    paper = _paper(MeetingStatus.HELD)
    client.force_login(officer_of(paper.agenda_item.meeting.committee.council))
    response = client.post(reverse("covering_report_edit", args=[paper.pk]),
                           {"heading": "X", "summary": "Y", "recommendations": "Z", "financial": "None",
                            "legal": "None", "staffing": "None", "administrative": "None", "risk": "None"})
    assert response.status_code == 400 and "its papers are kept as they were" in response.content.decode()
    assert not CoveringReport.objects.exists()
