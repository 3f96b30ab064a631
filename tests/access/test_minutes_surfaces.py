"""Exempt minutes tried on every surface that shows minutes, modelled on test_policy.py.

Exempt content carries the marker SECRET. Each surface's text is extracted first (HTML as
served, PDF through pypdf, Word by unzipping every part of the .docx), because a byte search
of a compressed file proves nothing."""

import datetime as dt
import html
import io
import zipfile

import pytest
from django.urls import reverse
from django.utils.html import strip_tags
from docx import Document as Word

from scrutiny.governance.models import MunicipalYear
from scrutiny.meetings.models import MeetingStatus
from scrutiny.minutes.models import Action, MinuteAmendment, MinutesRecord, Recommendation
from tests.access.viewers import ENTITLED, NOT_ENTITLED, viewers
from tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    MeetingFactory,
    MinuteFactory,
    MinutesRecordFactory,
    OrganisationFactory,
    ResolutionFactory,
)
from tests.pdfs import text_of

pytestmark = pytest.mark.django_db
SECRET = "SECRET"
CONFIDENCE_NOTICE = (
    "The Committee passed 2 resolutions on this item, which are withheld under an obligation of "
    "confidence (information supplied to the Council in confidence); their text is not published."
)
PARA_1_NOTICE = (
    "This item was considered in private. The minute is exempt under paragraph 1 of Part 1 of "
    "Schedule 12A to the Local Government Act 1972 and is not published."
)
PARA_3_NOTICE = (
    "The Committee passed a resolution on this item, which is exempt under paragraph 3 of Part 1 "
    "of Schedule 12A to the Local Government Act 1972; its text is not published."
)


@pytest.fixture
def scene():
    committee = CommitteeFactory()
    y2017 = MunicipalYear.objects.create(council=committee.council, start_year=2017)
    meeting = MeetingFactory(committee=committee, date=dt.date(2017, 7, 26), status=MeetingStatus.HELD)
    MinutesRecordFactory(meeting=meeting, status="published")
    open_item = AgendaItemFactory(meeting=meeting, position=1, number="11", title="Performance")
    open_minute = MinuteFactory(
        meeting=meeting,
        agenda_item=open_item,
        number=11,
        position=1,
        title="PERFORMANCE",
        narrative="Open words.",
    )
    ResolutionFactory(minute=open_minute, number=1, text="That the covering report be noted.")
    exempt_item = AgendaItemFactory(
        meeting=meeting,
        position=2,
        number="A",
        title="CSP Performance Report",
        is_exempt=True,
        exemption_ground="confidence",
    )
    exempt_minute = MinuteFactory(
        meeting=meeting,
        agenda_item=exempt_item,
        number=13,
        position=2,
        title="CSP PERFORMANCE REPORT",
        narrative="SECRET-NARRATIVE the figures",
    )
    ResolutionFactory(minute=exempt_minute, number=1, text="SECRET-RESOLUTION one")
    ResolutionFactory(minute=exempt_minute, number=2, text="SECRET-RESOLUTION two")
    sensitive_item = AgendaItemFactory(
        meeting=meeting,
        position=3,
        number="B",
        title="SECRET-TITLE Conduct of a named officer",
        is_exempt=True,
        exemption_ground="para1",
        public_title="Exempt staffing matter",
    )
    MinuteFactory(
        meeting=meeting,
        agenda_item=sensitive_item,
        number=14,
        position=3,
        title="SECRET-TITLE minute",
        narrative="SECRET-NARRATIVE about a person",
    )
    # A minute exempt in itself, on an open item (the item was public, one passage was not).
    own_item = AgendaItemFactory(meeting=meeting, position=4, number="12", title="Contract")
    own = MinuteFactory(
        meeting=meeting,
        agenda_item=own_item,
        number=15,
        position=4,
        title="SECRET-TITLE tender prices",
        is_exempt=True,
        exemption_ground="para3",
        public_title="Contract award",
        narrative="SECRET-NARRATIVE tender prices",
    )
    ResolutionFactory(minute=own, number=1, text="SECRET-RESOLUTION award")
    MinuteAmendment.objects.create(
        minute=exempt_minute,
        field="narrative",
        before="SECRET-NARRATIVE the figures",
        after="SECRET-CORRECTED the figures",
        reason="SECRET-WHY the figures were wrong",
    )
    Action.objects.create(
        minute=exempt_minute,
        description="SECRET-ACTION on the figures",
        owner_note="CSM",
        due_on=dt.date(2018, 2, 21),
    )
    Recommendation.objects.create(
        minute=exempt_minute, authority=OrganisationFactory(name="Kent Police"), text="SECRET-RECOMMENDATION"
    )
    Action.objects.create(
        minute=open_minute,
        description="Open action on performance",
        owner_note="CSM",
        due_on=dt.date(2018, 2, 21),
    )

    from scrutiny.programme.models import WorkProgrammeChange, WorkProgrammeItem

    later = MeetingFactory(committee=committee, date=dt.date(2018, 2, 21), status=MeetingStatus.SCHEDULED)
    programme_item = WorkProgrammeItem.objects.create(
        committee=committee, key="crime-data", title="Crime data presentation", target_meeting=later
    )
    WorkProgrammeChange.objects.create(
        item=programme_item,
        kind="added",
        decided_on=meeting.date,
        decided_at=meeting,
        decided_by="committee",
        to_meeting=later,
        reason="Minute 13, resolution 2: SECRET-REASON quoting the exempt resolution",
        resolution=exempt_minute.resolutions.get(number=2),
        # how the papers record the change, and who asked: both quote the exempt resolution
        wording="SECRET-WORDING a presentation on the confidential figures be added",
        decided_by_note="SECRET-NOTE at the request of the CSP",
    )

    return {
        "committee": committee,
        "meeting": meeting,
        "exempt_minute": exempt_minute,
        "programme_item": programme_item,
        "minutes": list(meeting.minutes.all()),
        "users": viewers(committee, current={"municipal_year": y2017},
                         clerk_apps=["meetings", "documents", "minutes"]),
    }




def _client(client, scene, who):
    # An inactive account keeps its session but the policy treats it as anonymous.
    if who != "anonymous":
        client.force_login(scene["users"][who])
    return client


def text_of_response(response) -> str:
    """The words a viewer receives, whatever the format."""
    kind = response["Content-Type"]
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if kind == "application/pdf":
        return " ".join(" ".join(text_of(body)).split())
    if "wordprocessingml" in kind:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:  # every part: body, headers, properties
            parts = " ".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
        paragraphs = " ".join(p.text for p in Word(io.BytesIO(body)).paragraphs)
        return f"{paragraphs} {parts}"
    page = body.decode()
    # the words as read, then the markup itself (attributes and scripts must not leak either)
    return " ".join(html.unescape(strip_tags(page)).split()) + " " + page


def surfaces(scene) -> dict[str, str]:
    meeting, committee = scene["meeting"], scene["committee"]
    urls = {
        "minutes page": reverse("meeting_minutes", args=[meeting.pk]),
        "minutes PDF": reverse("minutes_pdf", args=[meeting.pk]),
        "minutes Word": reverse("minutes_word", args=[meeting.pk]),
        "decisions": reverse("decisions", args=[meeting.pk]),
        "tracker": reverse("tracker", args=[committee.slug]),
        "tracker report PDF": reverse("tracker_report_pdf", args=[committee.slug]),
    }
    for minute in scene["minutes"]:
        urls[f"minute {minute.number}"] = reverse("minute", args=[minute.pk])
    urls["work programme item"] = reverse("work_programme_item", args=[scene["programme_item"].pk])
    urls["work programme"] = reverse("work_programme", args=[committee.slug])
    return urls


@pytest.mark.parametrize("who", NOT_ENTITLED)
def test_no_minutes_surface_gives_exempt_text_to_those_not_entitled(client, scene, who):
    client = _client(client, scene, who)
    for name, url in surfaces(scene).items():
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        text = text_of_response(response)
        assert text.strip(), f"{name}: nothing extracted"
        assert SECRET not in text, f"{who} read exempt text on the {name}"


@pytest.mark.parametrize("who", NOT_ENTITLED)
def test_the_public_record_shows_the_item_and_the_fact_of_its_resolutions(client, scene, who):
    client = _client(client, scene, who)
    urls = surfaces(scene)
    for name in ("minutes page", "minutes PDF", "minutes Word", "decisions"):
        text = text_of_response(client.get(urls[name]))
        assert "13. CSP PERFORMANCE REPORT" in text, name
        assert CONFIDENCE_NOTICE in text, name
        assert "15. Contract award" in text, name  # the public title of a minute exempt in itself
        assert PARA_3_NOTICE in text, name
        assert "NOT FOR PUBLICATION" not in text, name  # the mark of an entitled copy
    for name in ("minutes page", "minutes PDF", "minutes Word", "minute 13"):
        text = text_of_response(client.get(urls[name]))
        assert "the minute." in text.split("Corrected on ", 1)[1][:40], name  # that it was, not how
    for name in ("minutes page", "minutes PDF", "minutes Word"):
        text = text_of_response(client.get(urls[name]))
        assert "14. Exempt staffing matter" in text, name
        assert PARA_1_NOTICE in text, name
        assert "That the covering report be noted." in text, name
    assert CONFIDENCE_NOTICE in text_of_response(client.get(urls["minute 13"]))
    # what the exempt resolution changed is public; its text and the reason quoting it are not
    item_page = text_of_response(client.get(urls["work programme item"]))
    assert "By an exempt resolution: Minute 13, resolution 2 (26 July 2017)" in item_page
    assert "Not published: the resolution is exempt." in item_page
    assert "Added. Changed by a resolution taken in private." in item_page
    plan = text_of_response(client.get(urls["work programme"]))
    assert "Changed by a resolution taken in private (The Committee, 26 July 2017)" in plan
    minute_13 = text_of_response(client.get(urls["minute 13"]))
    assert "Work programme changes made by an exempt resolution on this item:" in minute_13
    assert "Added: Crime data presentation (Wednesday 21 February 2018)" in minute_13


@pytest.mark.parametrize("who", ENTITLED)
def test_entitled_copies_carry_the_exempt_text_marked_not_for_publication(client, scene, who):
    client = _client(client, scene, who)
    urls = surfaces(scene)
    for name in ("minutes page", "minutes PDF", "minutes Word", "decisions", "minute 13"):
        text = text_of_response(client.get(urls[name]))
        assert "SECRET-RESOLUTION two" in text, name
        assert "NOT FOR PUBLICATION: the information was supplied to the Council in confidence" in text, name
    for name in ("minutes page", "minutes PDF", "minutes Word"):
        text = text_of_response(client.get(urls[name]))
        assert "SECRET-NARRATIVE the figures" in text and "SECRET-TITLE minute" in text, name
        assert "NOT FOR PUBLICATION: exempt information as defined in paragraph 3" in text, name
        assert "SECRET-CORRECTED the figures" in text and "Reason: SECRET-WHY" in text, name
    assert "SECRET-ACTION" in text_of_response(client.get(urls["tracker"]))
    item_page = text_of_response(client.get(urls["work programme item"]))
    assert "By resolution: Minute 13, resolution 2 (26 July 2017)" in item_page
    assert "SECRET-REASON" in item_page
    for name in ("work programme item", "work programme"):
        text = text_of_response(client.get(urls[name]))
        assert "SECRET-WORDING a presentation on the confidential figures be added" in text, name
        assert "taken in private" not in text, name
    assert "SECRET-NOTE at the request of the CSP" in item_page
    minute_13 = text_of_response(client.get(urls["minute 13"]))
    assert "Work programme changes made: Resolution 2: Added: Crime data presentation" in minute_13
    # the progress report is a paper for the public pack, whoever downloads it
    assert SECRET not in text_of_response(client.get(urls["tracker report PDF"]))


@pytest.mark.parametrize("who", NOT_ENTITLED + ["member"])
def test_a_change_by_a_resolution_in_draft_minutes_is_not_worded_until_they_are_published(client, scene, who):
    """Draft minutes are the officers' alone, so what their resolution changed in the plan is
    said without its words until they are published, even to a member."""
    MinutesRecord.objects.filter(meeting=scene["meeting"]).update(status="draft")
    client = _client(client, scene, who)
    urls = surfaces(scene)
    for name in ("work programme item", "work programme"):
        text = text_of_response(client.get(urls[name]))
        assert "SECRET" not in text, f"{who} read the draft resolution's wording on the {name}"
        assert "Changed by a resolution whose minutes are not yet published" in text, name


def test_officers_read_a_change_by_a_resolution_in_draft_minutes_in_full(client, scene):
    MinutesRecord.objects.filter(meeting=scene["meeting"]).update(status="draft")
    client = _client(client, scene, "officer")
    urls = surfaces(scene)
    for name in ("work programme item", "work programme"):
        text = text_of_response(client.get(urls[name]))
        assert "SECRET-WORDING a presentation on the confidential figures be added" in text, name


def test_entitled_files_are_not_cached_publicly(client, scene):
    client.force_login(scene["users"]["officer"])
    for name in ("minutes_pdf", "minutes_word"):
        assert client.get(reverse(name, args=[scene["meeting"].pk]))["Cache-Control"] == "private, no-store"


def test_the_printed_minutes_in_an_agenda_pack_are_the_public_record(scene):
    """The paper "Minutes of the last meeting" is printed for the public pack."""
    from scrutiny.documents.models import Document
    from scrutiny.publishing.pack import render_document

    later = MeetingFactory(committee=scene["committee"], date=dt.date(2018, 2, 21))
    item = AgendaItemFactory(meeting=later, position=1, number="3", title="Minutes")
    document = Document.internal.create(
        agenda_item=item, title="Minutes of 26 July 2017", kind="other", minutes_of=scene["meeting"]
    )
    text = " ".join(" ".join(text_of(render_document(document, later))).split())
    assert SECRET not in text
    assert CONFIDENCE_NOTICE in text and "14. Exempt staffing matter" in text
