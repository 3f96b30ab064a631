"""Every PDF the product makes from its own pages is tagged, with its language and title
(Public Sector Bodies Accessibility Regulations 2018): minutes, the follow-up report, the work
plan, the Regulation 9 notice, the annual report (the performance report: tests/performance).
Agenda packs merge the council's own papers and are not yet tagged (issue 18)."""

import pytest
from django.urls import reverse

from scrutiny.annual_report.models import AnnualReport
from scrutiny.forward_plan.models import ForwardPlanNotice
from scrutiny.meetings.models import Meeting
from tests.access.viewers import officer_of
from tests.pdfs import assert_tagged

pytestmark = pytest.mark.django_db

SLUG = "dartford-crime-and-disorder"


def test_every_pdf_made_from_the_products_pages_is_tagged(client, demo):
    july = Meeting.objects.get(committee__slug=SLUG, date="2017-07-26")
    notice = ForwardPlanNotice.objects.get(council__slug="dartford-bc")
    report = AnnualReport.internal.get(committee__slug=SLUG, start_year=2016)
    client.force_login(officer_of(july.committee.council))
    for url in (reverse("minutes_pdf", args=[july.pk]), reverse("tracker_report_pdf", args=[SLUG]),
                reverse("work_programme_pdf", args=[SLUG]), reverse("notice_pdf", args=[notice.pk]),
                reverse("annual_report_members_file", args=[report.pk, "pdf"])):
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert_tagged(body)
