import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document as Word

from scrutiny.documents.models import Document
from scrutiny.meetings.models import Meeting

pytestmark = pytest.mark.django_db


def _text(response):
    doc = Word(io.BytesIO(response.content))
    return "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        c.text for t in doc.tables for r in t.rows for c in r.cells
    )


def test_the_agenda_as_word_withholds_exempt_content_from_the_public(client, demo, officer):
    meeting = Meeting.objects.get(date=dt.date(2018, 2, 21))
    public = _text(client.get(reverse("agenda_word", args=[meeting.pk])))
    assert "1. Apologies For Absence" in public
    assert "CSP Strategic Assessment 2017" in public and "in confidence" in public
    assert "INCLUDES PART 2" not in public
    client.force_login(officer)
    assert "INCLUDES PART 2" in _text(client.get(reverse("agenda_word", args=[meeting.pk])))


def test_a_covering_report_as_word_in_the_councils_sections(client, demo):
    meeting = Meeting.objects.get(date=dt.date(2018, 2, 21))
    report = Document.internal.get(agenda_item__meeting=meeting, agenda_item__number="10")
    text = _text(client.get(reverse("report_word", args=[report.pk])))
    assert "1. Summary" in text and "2.3\tThat the Committee notes" in text
    assert "Obligation of Confidence" in text and "Tony Henley, CSM Dartford CSU" in text


def test_an_unpublished_agenda_has_no_word_version_for_the_public(client, demo):
    meeting = Meeting.objects.get(date=dt.date(2018, 7, 25))
    assert client.get(reverse("agenda_word", args=[meeting.pk])).status_code == 404


def test_the_agenda_as_word_in_the_sections_style(client, demo):
    from scrutiny.meetings.services import agenda_arrange

    meeting = Meeting.objects.get(date=dt.date(2018, 2, 21))
    meeting.committee.agenda_numbering = "sections"
    meeting.committee.save()
    agenda_arrange(meeting=meeting)
    text = _text(client.get(reverse("agenda_word", args=[meeting.pk])))
    assert text.index("A. Unrestricted items") < text.index("1. Apologies") < text.index("B. Exempt items")
    assert text.index("B. Exempt items") < text.index("EXCLUSION") < text.index("13. CSP Strategic Assessment 2017")
