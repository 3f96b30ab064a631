"""The follow-up tracker: who sees which actions and recommendations, and at what cost."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from scrutiny.minutes.models import Action, Recommendation
from tests.factories import (
    CommitteeFactory,
    ExemptAgendaItemFactory,
    MeetingFactory,
    MembershipFactory,
    MinuteFactory,
    MinutesRecordFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

MARK = "NOT FOR PUBLICATION: the information was supplied to the Council in confidence (obligation of confidence)."
JULY = dt.date(2017, 7, 26)


def _published_meeting(committee, day):
    meeting = MeetingFactory(committee=committee, date=day)
    MinutesRecordFactory(meeting=meeting, status="published")
    return meeting


def _recommendation(minute, authority, status, text):
    dates = {
        "draft": {},
        "factual_check": {"sent_for_check_on": JULY + dt.timedelta(days=7)},
        "made": {"sent_for_check_on": JULY + dt.timedelta(days=7), "made_on": JULY + dt.timedelta(days=14)},
    }
    dates["responded"] = {**dates["made"], "response_on": JULY + dt.timedelta(days=30), "response": "Noted."}
    dates["reported"] = dates["responded"]
    return Recommendation.objects.create(minute=minute, authority=authority, text=text, status=status, **dates[status])


@pytest.fixture
def scene(officer):
    committee = CommitteeFactory()
    meeting = _published_meeting(committee, JULY)
    item = ExemptAgendaItemFactory(meeting=meeting, position=1)
    withheld = MinuteFactory(meeting=meeting, agenda_item=item, number=13, position=1)
    open_minute = MinuteFactory(meeting=meeting, number=14, position=2)
    police = OrganisationFactory(name="Kent Police")
    Action.objects.create(minute=withheld, description="SECRET-ACTION on the figures", owner_note="CSM", due_on=JULY)
    Action.objects.create(minute=open_minute, description="Open action", owner_note="CSM", due_on=JULY)
    _recommendation(withheld, police, "made", "SECRET-RECOMMENDATION on the figures")
    for status in ("draft", "factual_check", "made", "responded", "reported"):
        _recommendation(open_minute, police, status, f"Recommendation {status.upper()}-TEXT")
    member = UserFactory(username="member-test")
    MembershipFactory(organisation=committee, person=PersonFactory(user=member))
    return {"committee": committee, "meeting": meeting, "officer": officer, "member": member,
            "stranger": UserFactory(username="stranger-test")}


def _page(client, scene, user=None):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(reverse("tracker", args=[scene["committee"].slug])).content.decode()


def test_follow_up_of_a_withheld_minute_is_marked_not_for_publication_for_those_entitled(client, scene):
    for who in ("member", "officer"):
        page = _page(client, scene, scene[who])
        for secret in ("SECRET-ACTION", "SECRET-RECOMMENDATION"):
            row = page.split(secret)[0].rsplit("<tr", 1)[1]  # the row up to the text
            assert MARK in row, (who, secret)
        assert page.count(MARK) == 2, who  # and on nothing else
    for who in (None, "stranger"):
        page = _page(client, scene, scene[who] if who else None)
        assert "SECRET" not in page and "NOT FOR PUBLICATION" not in page, who
        assert "Open action" in page


def test_recommendations_are_public_only_once_made_formally_and_officers_see_the_drafts_labelled(client, scene):
    public_statuses = ("MADE", "RESPONDED", "REPORTED")
    for who in (None, "stranger", "member"):
        page = _page(client, scene, scene[who] if who else None)
        for status in public_statuses:
            assert f"Recommendation {status}-TEXT" in page, (who, status)
        assert "DRAFT-TEXT" not in page and "FACTUAL_CHECK-TEXT" not in page, who
        assert "Not yet public" not in page, who
    page = _page(client, scene, scene["officer"])
    for status in ("DRAFT", "FACTUAL_CHECK", *public_statuses):
        assert f"Recommendation {status}-TEXT" in page, status
    rows = {status: page.split(f"Recommendation {status}-TEXT")[1].split("</tr>")[0] for status in
            ("DRAFT", "FACTUAL_CHECK", "MADE")}
    assert "Not yet public" in rows["DRAFT"] and "Officers only until it is made formally." in rows["DRAFT"]
    assert "Not yet public" in rows["FACTUAL_CHECK"] and "Not yet public" not in rows["MADE"]

    client.force_login(scene["officer"])  # the progress report is the public paper, whoever asks
    pdf = client.get(reverse("tracker_report_pdf", args=[scene["committee"].slug])).content
    # without spaces: the table's narrow cells wrap the words where they like
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).replace(" ", "").replace("\n", "")
    assert "RecommendationMADE-TEXT" in text and "RecommendationRESPONDED-TEXT" in text
    assert "DRAFT-TEXT" not in text and "FACTUAL_CHECK-TEXT" not in text and "SECRET" not in text


def _add_rows(scene, n):
    """n more actions and recommendations, each from its own meeting and reported to another."""
    committee = scene["committee"]
    police = OrganisationFactory()
    for i in range(n):
        day = dt.date(2018, 1, 1) + dt.timedelta(days=10 * len(Action.objects.all()))
        meeting = _published_meeting(committee, day)
        reported_to = _published_meeting(committee, day + dt.timedelta(days=5))
        minute = MinuteFactory(meeting=meeting, position=1)
        Action.objects.create(
            minute=minute, description=f"Extra action {i}", owner_person=PersonFactory(),
            due_on=day, reported_at=reported_to,
        )
        Action.objects.create(
            minute=minute, description=f"Extra action by {i}", owner_organisation=police, due_on=day,
        )
        _recommendation(minute, police, "made", f"Extra recommendation {i}")


@pytest.mark.parametrize("who", [None, "member", "officer"])
def test_the_tracker_takes_the_same_queries_however_many_actions(client, scene, who, django_assert_max_num_queries):
    url = reverse("tracker", args=[scene["committee"].slug])
    if who:
        client.force_login(scene[who])
    _add_rows(scene, 1)
    client.get(url)  # warm the per-process caches (content types, permissions)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _add_rows(scene, 8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert "Extra action 7" in page and "Extra recommendation 7" in page
    assert page.count("reported to the meeting of") == 9


def test_each_close_link_says_which_action_it_closes(client, demo, officer):
    """WCAG 2.4.4: links named only 'Close' in every row would all sound alike in a screen reader."""
    import re

    from django.utils.html import strip_tags

    client.force_login(officer)
    page = client.get(reverse("tracker", args=["dartford-crime-and-disorder"])).content.decode()
    names = [" ".join(strip_tags(m).split()) for m in re.findall(r'<a class="govuk-link" href="/actions/\d+/close/">(.*?)</a>', page)]
    assert len(names) == 2 and len(set(names)) == 2
    assert names[0].startswith("Close the action from Minute 9")
