"""The front door: from the home page to the next meeting's papers in two clicks; statuses
that follow the date; the latest decisions and papers, public ones only, for every viewer;
and each committee's Atom feed."""

import datetime as dt
import re
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import timezone

from scrutiny.documents.services import document_add
from scrutiny.meetings import services as meetings
from scrutiny.meetings.models import PaperExpected
from scrutiny.minutes.models import MinutesEvent, MinutesEventKind
from scrutiny.publishing.front_door import status_label
from scrutiny.publishing.services import meeting_publish_agenda
from scrutiny.rules.deadlines import agenda_publication_deadline
from tests.access import test_policy
from tests.access.test_policy import _client
from tests.access.viewers import ENTITLED, NOT_ENTITLED
from tests.factories import CommitteeFactory
from tests.pdfs import make_pdf

scene = test_policy.scene  # 26 July 2017: published minutes with an exempt minute and its resolutions

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def next_meeting():
    committee = CommitteeFactory(name="Crime and Disorder Committee")
    meeting = meetings.meeting_create(committee=committee, date=timezone.localdate() + dt.timedelta(days=20),
                                      start_time=dt.time(19), venue="Council Chamber, Civic Centre")
    item = meetings.agenda_item_add(meeting=meeting, title="CSP Strategic Assessment", paper=PaperExpected.REPORT)
    paper = document_add(item=item, title="Strategic Assessment covering report", kind="report",
                         file_name="sa.pdf", data=make_pdf(2, "Strategic Assessment"))
    return meeting, paper


def _links(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


def test_from_the_home_page_to_the_next_meetings_papers_in_two_clicks(client, next_meeting):
    meeting, paper = next_meeting
    home = client.get(reverse("home")).content.decode()
    due = agenda_publication_deadline(meeting.date, convention=meeting.committee.clear_days_convention).date
    assert "Next meeting" in home and meeting.date_display in home and "Council Chamber, Civic Centre" in home
    assert "7:00 p.m." in home and "Agenda not yet published: due by" in home
    assert f"due by {due:%A} {due.day} {due:%B %Y}" in home
    assert reverse("document", args=[paper.pk]) not in home  # not published: not yet public
    meeting_publish_agenda(meeting=meeting)
    home = client.get(reverse("home")).content.decode()
    assert "Agenda and papers" in home
    first = reverse("meeting", args=[meeting.pk])
    assert first in _links(home)  # click one
    second = reverse("document", args=[paper.pk])
    assert second in _links(client.get(first).content.decode())  # click two
    assert client.get(second).status_code == 200


def test_a_meeting_whose_day_has_passed_never_says_scheduled(next_meeting):
    meeting, _ = next_meeting
    today = timezone.localdate()
    assert status_label(meeting, today) == "Agenda not yet published"
    assert status_label(meeting, meeting.date + dt.timedelta(days=1)) == "Date passed (not yet recorded as held)"


@pytest.mark.parametrize("who", ENTITLED + NOT_ENTITLED)
def test_the_latest_decisions_are_the_public_ones_for_every_viewer(client, scene, who):
    client = _client(client, scene, who)
    for url in (reverse("home"), reverse("committee", args=[scene["committee"].slug])):
        page = client.get(url).content.decode()
        assert "SECRET" not in page, f"{who} read exempt text at {url}"
        assert "That the covering report be noted." in page, url


def test_each_committee_has_an_atom_feed_announced_on_its_pages(client, scene, next_meeting):
    committee = scene["committee"]
    MinutesEvent.objects.create(record=scene["meeting"].minutes_record, kind=MinutesEventKind.PUBLISHED,
                                on=dt.date(2017, 8, 2))
    page = client.get(reverse("committee", args=[committee.slug])).content.decode()
    feed_url = reverse("committee_feed", args=[committee.slug])
    assert '<link rel="alternate" type="application/atom+xml"' in page and feed_url in page
    for who in ENTITLED + NOT_ENTITLED:
        response = _client(client, scene, who).get(feed_url)
        assert response["Content-Type"].startswith("application/atom+xml")
        body = response.content.decode()
        assert "SECRET" not in body, who
        client.logout()
    root = ElementTree.fromstring(response.content)  # noqa: S314 - the feed this test just generated
    titles = [e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")]
    assert "Minutes published (not yet confirmed): Wednesday 26 July 2017" in titles
    entry = root.find(f"{ATOM}entry")
    assert "That the covering report be noted." in entry.findtext(f"{ATOM}summary")
    assert entry.findtext(f"{ATOM}id").startswith("http://testserver/meetings/")
    other, _ = next_meeting
    meeting_publish_agenda(meeting=other)
    theirs = client.get(reverse("committee_feed", args=[other.committee.slug])).content.decode()
    assert f"Agenda published: {other.date_display}" in theirs and "26 July 2017" not in theirs


def test_the_calendar_shows_a_month_by_day_and_as_a_list(client, demo):
    page = client.get(reverse("meetings_calendar"), {"month": "2018-02"}).content.decode()
    assert "Meetings in February 2018" in page
    assert "Wednesday 21 February 2018" in page  # the list
    grid = page.split('class="govuk-table scrutiny-calendar"')[1]
    day = grid.split(">21</span>")[1].split("</td>")[0]
    assert "Crime and Disorder (O&amp;S) Committee" in day  # on its day in the month view
    assert "?month=2018-01" in page and "?month=2018-03" in page
    july = client.get(reverse("meetings_calendar"), {"month": "2019-07"}).content.decode()
    assert "Known only by the month" in july and "July 2019" in july
    fallback = client.get(reverse("meetings_calendar"), {"month": "not-a-month"}).content.decode()
    assert f"Meetings in {timezone.localdate():%B %Y}" in fallback
