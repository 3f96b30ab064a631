"""Each surface carries the one wording of the rules: the pack, the Word agenda and report,
and the pages print the same NOT FOR PUBLICATION mark, Part 2 notice, urgency statement and
right to report, character for character."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document as Word

from scrutiny.documents.models import CoveringReport, Document
from scrutiny.meetings.models import AgendaItem
from scrutiny.publishing.pack import build_packs
from scrutiny.publishing.services import meeting_publish_agenda
from scrutiny.publishing.word import agenda_docx, covering_report_docx
from scrutiny.rules.exempt_information import describe, not_for_publication_mark, part_2_notice
from scrutiny.rules.notices import (
    PUBLICATION_BASIS,
    RIGHT_TO_REPORT,
    late_agenda_statement,
    urgency_statement,
)
from tests.pdfs import text_of

pytestmark = pytest.mark.django_db
MARK = not_for_publication_mark("confidence")
REASON = "the Strategic Assessment was agreed by the CSP on 13 February"


def flat(text: str) -> str:
    return " ".join(text.split())  # lines wrap in a PDF


def word_text(data: bytes) -> tuple[str, str]:
    """(the body, the page headers) of a .docx"""
    document = Word(io.BytesIO(data))
    body = " ".join(p.text for p in document.paragraphs)
    header = " ".join(p.text for s in document.sections for p in s.header.paragraphs)
    return body, header


@pytest.fixture
def written_exempt_report(meeting):
    paper = Document.internal.get(agenda_item__meeting=meeting, agenda_item__is_exempt=True)
    return CoveringReport.objects.create(
        document=paper,
        heading="Strategic Assessment 2017",
        summary="SECRET-ASSESSMENT summary.",
        recommendations="That the Committee notes the assessment.",
    )


def test_the_packs_print_the_rules_wording(meeting, written_exempt_report):
    public, part2 = build_packs(meeting)
    front = flat(" ".join(text_of(public.pdf)[: public.front_pages]))
    assert describe("confidence") in front and RIGHT_TO_REPORT in front
    assert part_2_notice() not in front
    part2_front = flat(" ".join(text_of(part2.pdf)[: part2.front_pages]))
    assert part_2_notice() in part2_front
    exempt_pages = [flat(t) for t in text_of(part2.pdf)[part2.front_pages :]]
    assert exempt_pages
    for text in exempt_pages:  # the stamp on every page, and the report's own mark on its page
        assert MARK in text
    assert exempt_pages[0].count(MARK) == 2


def test_the_word_agenda_prints_the_rules_wording(meeting):
    item = AgendaItem.internal.get(meeting=meeting, title="CSP Strategic Assessment 2017", is_exempt=False)
    AgendaItem.internal.filter(pk=item.pk).update(is_supplementary=True, urgency_reason=REASON)
    public, _ = word_text(agenda_docx(meeting, part2=False, pages={}))
    assert describe("confidence") in public and RIGHT_TO_REPORT in public
    assert urgency_statement(REASON) in public and part_2_notice() not in public
    members, _ = word_text(agenda_docx(meeting, part2=True, pages={}))
    assert part_2_notice() in members


def test_a_withheld_covering_report_in_word_is_marked_in_its_text_and_every_page_header(
    meeting, written_exempt_report
):
    body, header = word_text(covering_report_docx(written_exempt_report))
    assert MARK in body and header == MARK
    open_paper = Document.internal.get(agenda_item__meeting=meeting, title="Covering report")
    open_report = CoveringReport.objects.create(
        document=open_paper, heading="Strategic Assessment", summary="S.", recommendations="R."
    )
    body, header = word_text(covering_report_docx(open_report))
    assert "NOT FOR PUBLICATION" not in body + header


def test_the_pages_print_the_rules_wording(client, meeting, officer):
    at = dt.datetime(2018, 2, 14, 10, tzinfo=dt.UTC)
    meeting_publish_agenda(meeting=meeting, now=at, urgency_reason=REASON)
    page = client.get(reverse("meeting", args=[meeting.pk])).content.decode()
    # Published late as a whole: the agenda's statement, once (issue 15), not an item's.
    assert late_agenda_statement(REASON) in page and PUBLICATION_BASIS in page
    assert describe("confidence") in page
    client.force_login(officer)
    paper = Document.internal.get(agenda_item__meeting=meeting, agenda_item__is_exempt=True)
    page = client.get(reverse("document", args=[paper.pk])).content.decode()
    assert MARK in page and "Not for publication" not in page  # the mark once, not doubled


def test_the_minutes_print_the_rules_mark_on_page_pdf_and_word(client, demo, officer):
    from scrutiny.meetings.models import Meeting
    from tests.minutes.scenes import exempt_minute_on

    july = Meeting.objects.get(date=dt.date(2017, 7, 26))
    exempt_minute_on(july)
    client.force_login(officer)
    page = client.get(reverse("meeting_minutes", args=[july.pk])).content.decode()
    pdf = flat(" ".join(text_of(client.get(reverse("minutes_pdf", args=[july.pk])).content)))
    word, _ = word_text(client.get(reverse("minutes_word", args=[july.pk])).content)
    for surface in (page, pdf, word):
        assert MARK in surface
