import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document as WordDocument
from pypdf import PdfReader

from scrutiny.governance.models import Committee
from scrutiny.meetings.models import MeetingStatus
from scrutiny.programme import exports, selectors
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def _rows(committee, today):
    return selectors.plan_rows(committee=committee, today=today)


def test_the_word_table_is_laid_out_as_the_council_lays_it_out(demo):
    committee = Committee.objects.get(slug="dartford-crime-and-disorder")
    MeetingFactory(committee=committee, date=dt.date(2019, 7, 24), status=MeetingStatus.SCHEDULED)
    rows = _rows(committee, dt.date(2018, 1, 1))
    doc = WordDocument(
        io.BytesIO(exports.work_plan_docx(committee=committee, title="Rolling Work Plan", rows=rows))
    )
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Meeting", "Work Plan Items"]
    cells = {r.cells[0].text: r.cells[1].text for r in table.rows[1:]}
    assert "Summer 2017 (July)" in cells and "Winter 2018 (February)" in cells
    assert "D-TAC [Annual] Update" in cells["Summer 2017 (July)"]
    assert cells["Summer 2019 (July)"] == "TO BE AGREED"
    assert (
        "Presentation by PCC [subsequently cancelled by PCC's office] [cancelled]"
        in cells["Winter 2017 (February)"]
    )


def test_the_pdf_is_the_same_table(demo):
    committee = Committee.objects.get(slug="dartford-crime-and-disorder")
    pdf = PdfReader(
        io.BytesIO(
            exports.work_plan_pdf(
                committee=committee, title="Rolling Work Plan", rows=_rows(committee, dt.date(2018, 1, 1))
            )
        )
    )
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Crime and Disorder (Overview and Scrutiny) Committee" in text
    assert "Winter 2019 (February)" in text and "Review Committee's Rolling Work Programme" in text
    assert "Page 1 of" in text
    assert pdf.metadata.title.startswith("Rolling Work Plan")


def test_exports_are_served_with_their_types(client, demo):
    docx = client.get(reverse("work_programme_docx", args=["dartford-crime-and-disorder"]) + "?from=2017")
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert "Summer 2016" not in WordDocument(io.BytesIO(docx.content)).tables[0].rows[1].cells[0].text
    pdf = client.get(reverse("work_programme_pdf", args=["dartford-crime-and-disorder"]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
