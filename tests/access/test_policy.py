"""The access policy, tried on every surface that shows items, papers or minutes.

Exempt content carries the marker SECRET; a viewer not entitled to it must never receive a
response containing it, whatever the surface."""

import datetime as dt
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from scrutiny.access.policy import Viewer
from scrutiny.governance.models import MunicipalYear
from scrutiny.meetings.models import MeetingStatus
from tests.access.viewers import ENTITLED, NOT_ENTITLED, viewers
from tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    DocumentFactory,
    MeetingFactory,
    MinuteFactory,
    MinutesRecordFactory,
    ResolutionFactory,
)

pytestmark = pytest.mark.django_db
SECRET = "SECRET"


@pytest.fixture
def scene(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }
    committee = CommitteeFactory()
    y2017 = MunicipalYear.objects.create(council=committee.council, start_year=2017)
    MunicipalYear.objects.create(
        council=committee.council, start_year=2018, annual_meeting_on=dt.date(2018, 5, 9)
    )
    meeting = MeetingFactory(committee=committee, date=dt.date(2017, 7, 26), status=MeetingStatus.HELD)
    MinutesRecordFactory(meeting=meeting, status="published")
    open_item = AgendaItemFactory(
        meeting=meeting, position=1, number="11", title="Performance", purpose="To note the covering report."
    )
    open_doc = DocumentFactory(agenda_item=open_item, title="Covering report", description="Public words.")
    open_doc.file.save("covering.pdf", ContentFile(b"%PDF-1.7 public file"))
    appendix = DocumentFactory(
        agenda_item=open_item,
        title="Appendix B",
        description="SECRET-APPENDIX figures",
        is_exempt=True,
        exemption_ground="para1",
    )
    appendix.file.save("appendix.pdf", ContentFile(b"%PDF-1.7 SECRET-FILE appendix"))
    exempt_item = AgendaItemFactory(
        meeting=meeting,
        position=2,
        number="A",
        title="CSP Performance Report",
        purpose="SECRET-PURPOSE quarterly figures",
        is_exempt=True,
        exemption_ground="confidence",
    )
    exempt_doc = DocumentFactory(
        agenda_item=exempt_item,
        title="SECRET-DOCTITLE Quarterly Performance Report",
        description="SECRET-DOC",
    )
    exempt_doc.file.save("report.pdf", ContentFile(b"%PDF-1.7 SECRET-FILE report"))
    sensitive = AgendaItemFactory(
        meeting=meeting,
        position=3,
        number="B",
        title="SECRET-TITLE Conduct of a named officer",
        purpose="SECRET-PURPOSE",
        is_exempt=True,
        exemption_ground="para1",
        public_title="Exempt staffing matter",
    )
    open_minute = MinuteFactory(
        meeting=meeting,
        agenda_item=open_item,
        number=11,
        position=1,
        title="PERFORMANCE",
        narrative="Open words.",
    )
    ResolutionFactory(minute=open_minute, number=1, text="That the covering report be noted.")
    exempt_minute = MinuteFactory(
        meeting=meeting,
        agenda_item=exempt_item,
        number=13,
        position=2,
        title="CSP PERFORMANCE REPORT",
        narrative="SECRET-NARRATIVE",
    )
    ResolutionFactory(minute=exempt_minute, number=1, text="SECRET-RESOLUTION one")
    ResolutionFactory(minute=exempt_minute, number=2, text="SECRET-RESOLUTION two")
    sensitive_minute = MinuteFactory(
        meeting=meeting,
        agenda_item=sensitive,
        number=14,
        position=3,
        title="SECRET-TITLE minute",
        narrative="SECRET-NARRATIVE",
    )

    return {
        "committee": committee,
        "meeting": meeting,
        "open_doc": open_doc,
        "appendix": appendix,
        "exempt_doc": exempt_doc,
        "exempt_item": exempt_item,
        "exempt_minute": exempt_minute,
        "sensitive_minute": sensitive_minute,
        "users": viewers(committee, current={"municipal_year": y2017},
                         clerk_apps=["meetings", "documents", "minutes"]),
    }




def _client(client, scene, who):
    if who != "anonymous":
        client.force_login(scene["users"][who]) if scene["users"][who].is_active else None
    return client


def _public_surfaces(scene):
    meeting = scene["meeting"]
    return [
        reverse("meeting", args=[meeting.pk]),
        reverse("meeting_minutes", args=[meeting.pk]),
        reverse("minute", args=[scene["exempt_minute"].pk]),
        reverse("minute", args=[scene["sensitive_minute"].pk]),
        reverse("document", args=[scene["exempt_doc"].pk]),
        reverse("document_file", args=[scene["exempt_doc"].pk]),
        reverse("document", args=[scene["appendix"].pk]),
        reverse("document_file", args=[scene["appendix"].pk]),
        reverse("committee", args=[scene["committee"].slug]),
        reverse("work_programme", args=[scene["committee"].slug]),
    ]


def _body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("who", NOT_ENTITLED)
def test_no_surface_gives_exempt_content_to_those_not_entitled(client, scene, who):
    client = _client(client, scene, who)
    for url in _public_surfaces(scene):
        response = client.get(url)
        assert SECRET.encode() not in _body(response), f"{who} saw exempt content at {url}"


@pytest.mark.parametrize("who", NOT_ENTITLED)
def test_the_public_is_told_an_exempt_item_exists_and_why(client, scene, who):
    page = _client(client, scene, who).get(reverse("meeting", args=[scene["meeting"].pk])).content.decode()
    assert "CSP Performance Report" in page  # a title that is not itself sensitive
    assert "Exempt staffing matter" in page  # the public title stands in for a sensitive one
    assert "supplied to the Council in confidence" in page
    assert "paragraph 1 of Part 1 of Schedule 12A" in page
    assert "It passed 2 resolutions" in page  # the fact of a resolution, not its text
    assert "That the covering report be noted." in page


@pytest.mark.parametrize("who", NOT_ENTITLED)
def test_withheld_papers_answer_like_missing_ones(client, scene, who):
    client = _client(client, scene, who)
    for doc in ("exempt_doc", "appendix"):
        for name in ("document", "document_file"):
            response = client.get(reverse(name, args=[scene[doc].pk]))
            assert response.status_code == 404
    withheld_url = reverse("document", args=[scene["exempt_doc"].pk])
    withheld = client.get(withheld_url)
    missing_url = reverse("document", args=[999999])
    missing = client.get(missing_url)
    assert missing.status_code == 404

    # the same page, but for the address typed (echoed in the sign-in link) and the form token
    def normalised(response, url):
        return re.sub(
            rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", response.content.replace(url.encode(), b"")
        )

    assert normalised(withheld, withheld_url) == normalised(missing, missing_url)


@pytest.mark.parametrize("who", ENTITLED)
def test_officers_and_members_see_exempt_business(client, scene, who):
    client = _client(client, scene, who)
    page = client.get(reverse("meeting", args=[scene["meeting"].pk])).content.decode()
    for marker in (
        "SECRET-PURPOSE",
        "SECRET-TITLE",
        "SECRET-DOCTITLE",
        "SECRET-RESOLUTION one",
        "SECRET-APPENDIX"[:6],
    ):
        assert marker in page
    assert "not for publication" in page.lower()
    minute = client.get(reverse("minute", args=[scene["exempt_minute"].pk])).content.decode()
    assert "SECRET-NARRATIVE" in minute and "SECRET-RESOLUTION two" in minute
    doc = client.get(reverse("document_file", args=[scene["exempt_doc"].pk]))
    assert doc.status_code == 200 and b"SECRET-FILE" in _body(doc)
    assert doc["Cache-Control"] == "private, no-store"


def test_public_papers_are_served_to_everyone(client, scene):
    response = client.get(reverse("document_file", args=[scene["open_doc"].pk]))
    assert response.status_code == 200 and _body(response) == b"%PDF-1.7 public file"


def test_a_member_sees_only_the_exempt_business_of_their_own_time_or_committee(client, scene):
    member = scene["users"]["member"]
    other_committee_meeting = MeetingFactory(date=dt.date(2017, 7, 26))
    later = MeetingFactory(committee=scene["committee"], date=dt.date(2019, 2, 13))
    viewer = Viewer(user=member, today=dt.date(2026, 11, 21))
    assert viewer.may_see_exempt_of_meeting(scene["meeting"])
    assert not viewer.may_see_exempt_of_meeting(later)  # no longer a member, not one then
    assert not viewer.may_see_exempt_of_meeting(other_committee_meeting)
    current = Viewer(user=member, today=dt.date(2018, 1, 10))
    assert current.may_see_exempt_of_meeting(later)  # a current member sees the committee's business


def test_a_seat_today_does_not_open_earlier_years_exempt_business(scene):
    from scrutiny.governance.models import Membership

    member = scene["users"]["member"]
    held = scene["meeting"]
    seat = Membership.objects.get(person__user=member, organisation=scene["committee"])
    # The same person, seated again years later: a seat now, none on the day of the meeting held.
    Membership.objects.create(
        organisation=scene["committee"], person=seat.person, role=seat.role, starts_on=dt.date(2025, 5, 20)
    )
    seat.delete()
    now = Viewer(user=member, today=dt.date(2026, 11, 21))
    assert not now.may_see_exempt_of_meeting(held)
    to_come = MeetingFactory(committee=scene["committee"], date=dt.date(2027, 1, 20), status=MeetingStatus.SCHEDULED)
    assert now.may_see_exempt_of_meeting(to_come)
    assert Viewer(user=member, today=dt.date(2026, 11, 21)).may_see_exempt(committee=scene["committee"])


def test_a_draft_agenda_is_seen_by_officers_only(client, scene):
    draft = MeetingFactory(
        committee=scene["committee"], date=dt.date(2018, 2, 21), status=MeetingStatus.SCHEDULED
    )
    AgendaItemFactory(meeting=draft, title="Draft-only item")
    assert "Draft-only item" not in client.get(reverse("meeting", args=[draft.pk])).content.decode()
    client.force_login(scene["users"]["officer"])
    assert "Draft-only item" in client.get(reverse("meeting", args=[draft.pk])).content.decode()


ADMIN_LISTS = [
    "admin:meetings_agendaitem_changelist",
    "admin:documents_document_changelist",
    "admin:minutes_minute_changelist",
]


def _admin_urls(scene):
    item = scene["exempt_item"]
    return [reverse(name) + query for name in ADMIN_LISTS for query in ("", "?q=Performance")] + [
        reverse("admin:index"),
        reverse("admin:meetings_agendaitem_change", args=[item.pk]),
        reverse("admin:meetings_agendaitem_history", args=[item.pk]),
        reverse("admin:meetings_agendaitem_delete", args=[item.pk]),
        reverse("admin:meetings_meeting_change", args=[scene["meeting"].pk]),
        reverse("admin:documents_document_change", args=[scene["exempt_doc"].pk]),
        reverse("admin:minutes_minute_change", args=[scene["exempt_minute"].pk]),
    ]


@pytest.mark.parametrize("who", ENTITLED + NOT_ENTITLED)
def test_nobody_but_a_superuser_gets_an_admin_page(client, scene, who):
    """Staff or not, officer or member, of this council or another: the admin answers with
    its sign-in page and nothing of any record."""
    client = _client(client, scene, who)
    for url in _admin_urls(scene):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), (who, url)
        page = client.get(url, follow=True).content
        assert SECRET.encode() not in page and b"CSP Performance Report" not in page, (who, url)


def test_a_superuser_finds_exempt_rows_in_the_admin(client, scene, superuser):
    client.force_login(superuser)
    response = client.get(reverse("admin:meetings_agendaitem_changelist") + "?q=Performance")
    assert b"CSP Performance Report" in response.content


def test_stored_files_have_no_public_address(client, scene):
    """Papers are served only through the access policy: no URL maps onto the storage."""
    name = scene["exempt_doc"].file.name
    for url in (f"/{name}", f"/media/{name}", f"/static/{name}", f"/documents/{name}"):
        response = client.get(url)
        assert response.status_code == 404
        assert SECRET.encode() not in response.content


def test_admin_history_of_an_exempt_row_is_the_superusers_only(client, scene, superuser):
    item = scene["exempt_item"]
    item.public_title = "Confidential item"
    item.title = "SENSITIVE TITLE of the exempt item"
    item.save()
    client.force_login(scene["users"]["staff without a role"])
    response = client.get(reverse("admin:meetings_agendaitem_history", args=[item.pk]), follow=True)
    assert b"SENSITIVE TITLE" not in response.content
    client.force_login(superuser)
    assert b"SENSITIVE TITLE" in client.get(reverse("admin:meetings_agendaitem_history", args=[item.pk])).content
