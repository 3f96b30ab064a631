"""The work plan as it stood on a date, replayed from the record of its changes; and frozen
versions that belong to the municipal year that made them."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document as WordDocument

from scrutiny.governance.models import Committee
from scrutiny.meetings.services import meeting_record_past
from scrutiny.programme import selectors, services
from scrutiny.programme.models import WorkPlanVersion
from tests.factories import CommitteeFactory
from tests.pdfs import text_of

pytestmark = pytest.mark.django_db

SLUG = "dartford-crime-and-disorder"
FEB_2018 = dt.date(2018, 2, 21)


def _meeting_rows(rows):
    return {row.meeting.date: sorted(i.key for i in row.items) for row in rows if row.meeting and row.items}


def test_the_plan_as_at_21_february_2018_is_the_january_2018_version(demo):
    committee = Committee.objects.get(slug=SLUG)
    january = WorkPlanVersion.objects.get(committee=committee, title__startswith="Updated Work Plan")
    as_published = {dt.date.fromisoformat(r["meeting"]): sorted(i["key"] for i in r["items"]) for r in january.snapshot}
    assert _meeting_rows(selectors.plan_rows(committee=committee, as_at=FEB_2018)) == as_published


def test_a_day_before_the_change_the_plan_is_as_it_was(demo):
    committee = Committee.objects.get(slug=SLUG)
    before = _meeting_rows(selectors.plan_rows(committee=committee, as_at=dt.date(2017, 7, 25)))
    after = _meeting_rows(selectors.plan_rows(committee=committee, as_at=dt.date(2017, 7, 26)))
    # Minute 15 of 26 July 2017 added the Safer Streets review for February 2018, and moved
    # Trading Standards to July 2018
    assert "safer-streets" not in before[FEB_2018] and "safer-streets" in after[FEB_2018]
    assert "trading-standards" in after[dt.date(2018, 7, 25)]
    # the items first listed by the January 2018 version were not yet in the plan
    assert dt.date(2019, 2, 13) not in before


def test_to_be_agreed_rows_are_kept_as_they_stood(demo):
    committee = Committee.objects.get(slug=SLUG)
    rows = selectors.plan_rows(committee=committee, as_at=FEB_2018)
    assert any(row.to_be_agreed and row.meeting is not None for row in rows)  # a meeting to come with no items
    agreed_later = next(row for row in rows if row.meeting is None)
    assert {i.key for i in agreed_later.items} == {"crc-presentation", "pcc-2018"}


def test_the_page_and_its_exports_as_at_a_date(client, demo):
    page = client.get(reverse("work_programme", args=[SLUG]), {"as_at_day": "21", "as_at_month": "2",
                                                               "as_at_year": "2018"}).content.decode()
    assert "Rolling work plan as at 21 February 2018" in page
    assert "TO BE AGREED" in page
    assert "Recording of Kent Crime Data and Statistics" in page
    assert "?as_at=2018-02-21" in page
    pdf = client.get(reverse("work_programme_pdf", args=[SLUG]), {"as_at": "2018-02-21"})
    assert "as at 21 February 2018" in " ".join(" ".join(text_of(pdf.content)).split())
    word = WordDocument(io.BytesIO(client.get(reverse("work_programme_docx", args=[SLUG]), {"as_at": "2018-02-21"}).content))
    assert any("as at 21 February 2018" in p.text for p in word.paragraphs)
    wrong = client.get(reverse("work_programme", args=[SLUG]), {"as_at_day": "31", "as_at_month": "2",
                                                                "as_at_year": "2018"}).content.decode()
    assert "Enter a real date" in wrong


def test_a_version_lists_its_own_years_rows_and_the_ones_after(db):
    committee = CommitteeFactory()
    old = meeting_record_past(committee=committee, date=dt.date(2016, 7, 27))
    new = meeting_record_past(committee=committee, date=dt.date(2017, 7, 26))
    later = meeting_record_past(committee=committee, date=dt.date(2018, 2, 21))
    for meeting, title in ((old, "Work Plan for 2016-17"), (new, "PCP Update"), (later, "CSP Strategic Assessment 2017")):
        services.item_add(committee=committee, title=title, kind="standard", decided_by="committee",
                          decided_on=meeting.date - dt.timedelta(days=60), target_meeting=meeting)
    version = services.version_approve(committee=committee, meeting=new, resolution_text="That the plan be approved.")
    assert [row["meeting"] for row in version.snapshot] == ["2017-07-26", "2018-02-21"]
    proposed = services.version_propose(committee=committee, title="Remainder of 2017-18", prepared_on=dt.date(2018, 1, 1))
    assert [row["meeting"] for row in proposed.snapshot] == ["2018-02-21"]  # as it stood on its day
