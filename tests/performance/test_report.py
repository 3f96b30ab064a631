"""The performance report's PDF and Word carry the rules' NOT FOR PUBLICATION mark, and
putting it on an agenda renders it before any transaction."""

import datetime as dt
import io

import pytest
from docx import Document as Word

from scrutiny.documents.models import Document
from scrutiny.meetings.models import MeetingStatus
from scrutiny.performance import report
from scrutiny.performance.periods import Period
from scrutiny.rules.exempt_information import ExemptionGround, not_for_publication_mark
from tests.factories import AgendaItemFactory, MeetingFactory
from tests.pdfs import text_of

pytestmark = pytest.mark.django_db
MARK = not_for_publication_mark(ExemptionGround.CONFIDENCE)
QUARTER = Period.parse("2022-01", "2022-03")


def _kwargs(world, *, confidential: bool) -> dict:
    home, *_rest, group = world
    return {"area": home, "period": QUARTER, "compare": "last-year", "group": group, "confidential": confidential}


def test_the_confidential_pdf_carries_the_mark_on_every_page(world):
    pages = [" ".join(t.split()) for t in text_of(report.report_pdf(**_kwargs(world, confidential=True)))]
    assert pages and all(MARK in page for page in pages)
    assert report.CONFIDENTIAL_VERSION in pages[0]
    public = " ".join(text_of(report.report_pdf(**_kwargs(world, confidential=False))))
    assert "NOT FOR PUBLICATION" not in public


def test_the_confidential_word_report_carries_the_mark_in_its_text_and_page_header(world):
    document = Word(io.BytesIO(report.report_docx(**_kwargs(world, confidential=True))))
    body = [p.text for p in document.paragraphs]
    assert body[:2] == [MARK, report.CONFIDENTIAL_VERSION]
    assert [p.text for p in document.sections[0].header.paragraphs] == [MARK]
    public = Word(io.BytesIO(report.report_docx(**_kwargs(world, confidential=False))))
    assert not any("NOT FOR PUBLICATION" in p.text for p in public.paragraphs)


@pytest.mark.django_db(transaction=True)
def test_the_report_is_rendered_before_the_paper_is_saved_in_its_transaction(world, monkeypatch):
    from tests.transactions import in_transaction_when_called

    home, *_rest, group = world
    item = AgendaItemFactory(
        meeting=MeetingFactory(committee=group.committee, status=MeetingStatus.SCHEDULED, date=dt.date(2022, 6, 1))
    )
    seen = in_transaction_when_called(monkeypatch, report, "html_to_pdf")
    paper = report.report_attach(
        item=item, area=home, period=QUARTER, compare="last-year", confidential=True, by=None
    )
    assert seen == [False]
    stored = Document.internal.get(pk=paper.pk)
    assert stored.is_exempt and stored.exemption_ground == ExemptionGround.CONFIDENCE and stored.page_count >= 1


def test_the_report_is_a_tagged_pdf_in_english(world):
    from tests.pdfs import assert_tagged

    assert_tagged(report.report_pdf(**_kwargs(world, confidential=False)))
