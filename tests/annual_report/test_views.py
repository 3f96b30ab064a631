"""The officer's screens of the annual report, used as an officer would: start, write, steer."""

import datetime as dt
import io

import pikepdf
import pytest
from django.urls import reverse

from scrutiny.annual_report.models import AnnualReport, ReportStatus
from scrutiny.governance.models import Committee
from scrutiny.meetings.models import Meeting
from tests.access.viewers import officer_of

pytestmark = pytest.mark.django_db

SLUG = "dartford-crime-and-disorder"


@pytest.fixture
def officer_client(client, demo):
    committee = Committee.objects.get(slug=SLUG)
    client.force_login(officer_of(committee.council))
    return client


def _day(prefix, day):
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def test_an_officer_writes_the_introduction_and_sees_it_in_the_draft(officer_client):
    report = AnnualReport.internal.get(committee__slug=SLUG, start_year=2017)
    url = reverse("annual_report_text", args=[report.pk, "introduction"])
    form = officer_client.get(url)
    assert form.status_code == 200 and "What the record says" in form.content.decode()
    response = officer_client.post(url, {"text": "The Committee's second year with its new Chairman."})
    assert response.status_code == 302 and response.url == reverse("annual_report_draft", args=[report.pk])
    draft = officer_client.get(response.url).content.decode()
    assert "The Committee&#x27;s second year with its new Chairman." in draft
    assert officer_client.get(reverse("annual_report_text", args=[report.pk, "no-such-part"])).status_code == 404


def test_an_officer_takes_the_report_through_its_life_on_the_screens(officer_client):
    report = AnnualReport.internal.get(committee__slug=SLUG, start_year=2017)
    july_2018 = Meeting.objects.get(committee__slug=SLUG, date=dt.date(2017, 7, 26))
    refused = officer_client.post(reverse("annual_report_consider", args=[report.pk]), {"resolution": ""})
    assert refused.status_code == 400 and "Choose the meeting" in refused.content.decode()
    officer_client.post(reverse("annual_report_consider", args=[report.pk]),
                        {"meeting": july_2018.pk, "resolution": "That the report be submitted to the Council."})
    officer_client.post(reverse("annual_report_submit", args=[report.pk]),
                        {"submitted_to": "the General Assembly of the Council", **_day("submitted_on", dt.date(2018, 9, 17))})
    published = officer_client.post(reverse("annual_report_publish", args=[report.pk]),
                                    _day("published_on", dt.date(2018, 9, 18)))
    assert published.status_code == 302 and published.url == reverse("annual_report", args=[report.pk])
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED and report.submitted_on == dt.date(2018, 9, 17)
    page = officer_client.get(published.url).content.decode()
    assert "Published: 18 September 2018" in page
    pdf = officer_client.get(reverse("annual_report_file", args=[report.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    with pikepdf.open(io.BytesIO(pdf.content)) as tagged:  # tagged (PDF/UA-1), in English
        assert "/StructTreeRoot" in tagged.Root and str(tagged.Root.Lang).startswith("en")
    word = officer_client.get(reverse("annual_report_file", args=[report.pk, "docx"]))
    assert word.content.startswith(b"PK") and "attachment" in word["Content-Disposition"]
    assert officer_client.get(reverse("annual_report_file", args=[report.pk, "exe"])).status_code == 404


def test_the_start_screen_offers_only_the_years_without_a_report(officer_client):
    page = officer_client.get(reverse("annual_report_start", args=[SLUG])).content.decode()
    assert "2016-17" not in page and "2017-18" not in page  # both started in the demo
    assert "2019-20" in page or "2018-19" in page
