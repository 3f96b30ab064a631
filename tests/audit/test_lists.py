"""The committee's officers list the openings of its exempt business per meeting and per
person; nobody else can, the officers of another council and committee included, and no list
shows another committee's openings or names another council's accounts."""

import pytest
from django.urls import reverse

from scrutiny.audit.models import ExemptOpening
from scrutiny.audit.services import exempt_opening_record
from scrutiny.core.openings import Opening, OpeningFormat, OpeningKind
from scrutiny.governance.models import Committee
from tests.access import test_policy
from tests.access.test_policy import _client
from tests.access.viewers import ENTITLED, NOT_ENTITLED

scene = test_policy.scene

pytestmark = pytest.mark.django_db


@pytest.fixture
def opened(client, scene):
    """The member opened an exempt paper and the minutes; the officer the paper; and in another
    council, its own officer opened one of its own papers."""
    meeting = scene["meeting"]
    member = _client(client, scene, "member")
    member.get(reverse("document_file", args=[scene["exempt_doc"].pk]))
    member.get(reverse("meeting_minutes", args=[meeting.pk]))
    client.logout()
    _client(client, scene, "officer").get(reverse("document", args=[scene["exempt_doc"].pk]))
    client.logout()
    elsewhere_officer = scene["users"]["officer of another council"]
    elsewhere = Committee.objects.exclude(council=scene["committee"].council).get()
    exempt_opening_record(
        opening=Opening(kind=OpeningKind.PAPER, format=OpeningFormat.PDF, committee_id=elsewhere.pk,
                        what="ELSEWHERE-PAPER"),
        by=elsewhere_officer, address="192.0.2.1", path="/documents/999/file/",
    )
    return scene


def _lists(scene, user_pk):
    committee = scene["committee"]
    return [
        reverse("meeting_exempt_openings", args=[scene["meeting"].pk]),
        reverse("committee_exempt_openings", args=[committee.slug]),
        reverse("account_exempt_openings", args=[committee.slug, user_pk]),
    ]


def test_the_officer_lists_them_per_meeting_and_per_person(client, opened):
    member, officer = opened["users"]["member"], opened["users"]["officer"]
    client = _client(client, opened, "officer")
    per_meeting = client.get(reverse("meeting_exempt_openings", args=[opened["meeting"].pk]))
    assert per_meeting.status_code == 200 and per_meeting["Cache-Control"] == "private, no-store"
    page = per_meeting.content.decode()
    assert page.count("<time ") == 3 and page.count("127.0.0.1") == 3
    assert page.count("SECRET-DOCTITLE Quarterly Performance Report") == 2
    assert member.username in page and officer.username in page and "ELSEWHERE" not in page
    assert "The minutes, with minute 13" in page and "Member of the committee" in page

    committee = client.get(reverse("committee_exempt_openings", args=[opened["committee"].slug])).content.decode()
    assert member.username in committee and officer.username in committee and "ELSEWHERE" not in committee
    assert reverse("account_exempt_openings", args=[opened["committee"].slug, member.pk]) in committee
    assert reverse("meeting_exempt_openings", args=[opened["meeting"].pk]) in committee

    person = client.get(reverse("account_exempt_openings", args=[opened["committee"].slug, member.pk]))
    text = person.content.decode()
    assert person.status_code == 200 and member.username in text
    assert text.count("<time ") == 2  # the member's two openings, not the officer's
    assert "The minutes, with minute 13" in text and text.count("SECRET-DOCTITLE") == 1


def test_an_account_that_opened_none_of_the_committees_business_is_not_found(client, opened):
    """Not even its name: the officer learns nothing of another council's accounts."""
    client = _client(client, opened, "officer")
    elsewhere_officer = opened["users"]["officer of another council"]
    for user in (elsewhere_officer, opened["users"]["substitute"]):
        response = client.get(reverse("account_exempt_openings", args=[opened["committee"].slug, user.pk]))
        assert response.status_code == 404
        assert user.username not in response.content.decode()


@pytest.mark.parametrize("who", [w for w in ENTITLED + NOT_ENTITLED if w != "officer"])
def test_nobody_but_the_committees_officers_can_list_them(client, opened, who):
    client = _client(client, opened, who)
    for url in _lists(opened, opened["users"]["member"].pk):
        response = client.get(url)
        assert response.status_code in (302, 403), f"{who}: {url} answered {response.status_code}"
        assert b"SECRET" not in response.content and b"127.0.0.1" not in response.content
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("login"))


def test_the_meeting_screen_and_the_desk_link_to_the_lists(client, opened):
    client = _client(client, opened, "officer")
    meeting = client.get(reverse("meeting", args=[opened["meeting"].pk])).content.decode()
    assert reverse("meeting_exempt_openings", args=[opened["meeting"].pk]) in meeting
    desk = client.get(reverse("dashboard")).content.decode()
    assert reverse("committee_exempt_openings", args=[opened["committee"].slug]) in desk


def test_the_lists_are_paged(client, opened, monkeypatch):
    monkeypatch.setattr("scrutiny.audit.views.PER_PAGE", 2)
    client = _client(client, opened, "officer")
    url = reverse("meeting_exempt_openings", args=[opened["meeting"].pk])
    first, second = client.get(url).content.decode(), client.get(url + "?page=2").content.decode()
    assert "Page 1 of 2" in first and 'rel="next"' in first
    assert "Page 2 of 2" in second and second.count("<time ") == 1
    assert ExemptOpening.objects.filter(meeting=opened["meeting"]).count() == 3
