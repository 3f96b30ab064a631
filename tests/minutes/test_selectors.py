"""Reads of minutes: cross-references resolved as they were meant when written."""

import datetime as dt

import pytest
from django.urls import reverse

from scrutiny.access.policy import Viewer
from scrutiny.core.templatetags.scrutiny_tags import prose
from scrutiny.governance.models import MunicipalYear
from scrutiny.meetings.models import Meeting
from scrutiny.minutes.models import Minute
from scrutiny.minutes.selectors import minute_references
from scrutiny.rules.exempt_information import (
    CONFIDENTIAL_INFORMATION,
    ExemptionGround,
    describe,
    paragraph_reference,
)
from tests.factories import CommitteeFactory, MeetingFactory, MinuteFactory, MinutesRecordFactory

pytestmark = pytest.mark.django_db


def _meeting(committee, day, numbers, status="published"):
    meeting = MeetingFactory(committee=committee, date=day)
    MinutesRecordFactory(meeting=meeting, status=status)
    for position, number in enumerate(numbers, start=1):
        MinuteFactory(meeting=meeting, position=position, number=number, title=f"MINUTE {number} of {day}")
    return meeting


@pytest.fixture
def two_years():
    committee = CommitteeFactory()
    for year, annual in (
        (2016, dt.date(2016, 5, 11)),
        (2017, dt.date(2017, 5, 10)),
        (2018, dt.date(2018, 5, 9)),
    ):
        MunicipalYear.objects.create(council=committee.council, start_year=year, annual_meeting_on=annual)
    return {
        "committee": committee,
        "jul16": _meeting(committee, dt.date(2016, 7, 27), range(1, 11)),
        "feb17": _meeting(committee, dt.date(2017, 2, 15), range(11, 27)),
        "jul17": _meeting(committee, dt.date(2017, 7, 26), range(1, 17)),
        "feb18": _meeting(committee, dt.date(2018, 2, 21), range(17, 31)),
    }


def _url(meeting, number):
    return reverse("minute", args=[Minute.internal.get(meeting=meeting, number=number).pk])


def test_a_reference_is_to_this_years_minutes_so_far_never_a_later_meetings(two_years):
    refs = minute_references(meeting=two_years["jul17"], viewer=Viewer())
    assert refs[13] == _url(two_years["jul17"], 13)
    assert refs[1] == _url(two_years["jul17"], 1)
    # July 2017 reached 16: "[Min. No. 25 refers]" (minute 14) and "[Min. No. 26 refers]"
    # (minute 15) mean February 2017's, although February 2018 now has a 25 and a 26
    assert refs[25] == _url(two_years["feb17"], 25)
    assert refs[26] == _url(two_years["feb17"], 26)
    assert refs[17] == _url(two_years["feb17"], 17)
    assert _url(two_years["feb18"], 25) not in refs.values()


def test_a_later_meeting_of_the_year_refers_to_its_own_year(two_years):
    refs = minute_references(meeting=two_years["feb18"], viewer=Viewer())
    assert refs[25] == _url(two_years["feb18"], 25)  # reached 30 by February 2018
    assert refs[13] == _url(two_years["jul17"], 13)  # the July meeting of the same year
    assert _url(two_years["feb17"], 25) not in refs.values()


def test_a_number_the_previous_year_never_reached_has_no_link(two_years):
    refs = minute_references(meeting=two_years["jul16"], viewer=Viewer())
    assert refs[5] == _url(two_years["jul16"], 5)
    assert 25 not in refs  # the 2015-16 minutes are not recorded
    html = str(prose("As reported [Min. No. 25 refers] and [Min. No. 5 refers].", refs))
    assert "[Min. No. 25 refers]" in html and f'href="{_url(two_years["jul16"], 5)}"' in html


def test_no_link_to_previous_minutes_the_viewer_may_not_open(two_years, officer):
    record = two_years["feb17"].minutes_record
    record.status = "draft"
    record.save()
    assert 25 not in minute_references(meeting=two_years["jul17"], viewer=Viewer())
    assert minute_references(meeting=two_years["jul17"], viewer=Viewer(user=officer))[25] == _url(
        two_years["feb17"], 25
    )


def test_the_july_2017_minutes_cite_february_2017_which_the_demo_holds_unnumbered(client, demo):
    july = Meeting.objects.get(date=dt.date(2017, 7, 26))
    february_2018 = Meeting.objects.get(date=dt.date(2018, 2, 21))
    MinutesRecordFactory(meeting=february_2018, status="published")
    for position, number in enumerate((25, 26), start=1):
        MinuteFactory(meeting=february_2018, position=position, number=number)
    page = client.get(reverse("meeting_minutes", args=[july.pk])).content.decode()
    minute_13 = Minute.internal.get(meeting=july, number=13)
    assert f'href="/minutes/{minute_13.pk}/">Min. No. 13 refers</a>' in page
    # the February 2017 minutes' numbers are not in the sources: plain text, not February 2018's
    assert "[Min. No. 25 refers]" in page and "[Min. No. 26 refers]" in page
    for minute in Minute.internal.filter(meeting=february_2018):
        assert f"/minutes/{minute.pk}/" not in page


def test_follow_up_of_a_withheld_minute_is_marked_for_those_who_may_see_it(officer):
    from scrutiny.minutes.models import Action
    from scrutiny.minutes.selectors import tracker
    from tests.factories import AgendaItemFactory

    meeting = _meeting(CommitteeFactory(), dt.date(2017, 7, 26), [])
    item = AgendaItemFactory(meeting=meeting, number="A", is_exempt=True, exemption_ground="confidence")
    exempt = MinuteFactory(meeting=meeting, agenda_item=item, number=13, position=1)
    open_minute = MinuteFactory(meeting=meeting, number=14, position=2)
    for minute in (exempt, open_minute):
        Action.objects.create(
            minute=minute, description=f"From {minute.number}", owner_note="CSM", due_on=meeting.date
        )
    tracked = {
        t.action.description: t
        for t in tracker(committee=meeting.committee, viewer=Viewer(user=officer))["actions"]
    }
    assert tracked["From 13"].not_for_publication == (
        "NOT FOR PUBLICATION: the information was supplied to the Council in confidence (obligation of confidence)."
    )
    assert tracked["From 14"].not_for_publication == ""
    public = tracker(committee=meeting.committee, viewer=Viewer())["actions"]
    assert [t.action.description for t in public] == ["From 14"]


@pytest.mark.parametrize("ground", [g.value for g in ExemptionGround])
def test_the_public_notice_of_a_withheld_minute_cites_its_ground_as_the_rules_word_it(ground):
    """One wording of each ground, owned by scrutiny.rules.exempt_information: the notice the
    public reads cites the paragraph exactly as the NOT FOR PUBLICATION statement does."""
    from scrutiny.minutes.selectors import withheld_notice
    from scrutiny.rules.exempt_information import not_for_publication_mark

    notice = withheld_notice(resolution_count=1, ground=ground)
    if ground == ExemptionGround.CONFIDENCE:
        assert f"withheld under an obligation of confidence ({CONFIDENTIAL_INFORMATION})" in notice
    else:
        reference = paragraph_reference(ground)
        assert f"which is exempt under {reference}; its text is not published." in notice
        assert reference in describe(ground)
    assert not_for_publication_mark(ground) == "NOT FOR PUBLICATION: " + describe(ground).removeprefix(
        "Not for publication: "
    )


def test_the_trackers_mark_is_the_minutes_own_mark(officer):
    """Follow-up and its minute carry the same NOT FOR PUBLICATION mark, from one place."""
    from scrutiny.minutes.models import Action
    from scrutiny.minutes.selectors import meeting_minutes, tracker
    from tests.factories import AgendaItemFactory

    meeting = _meeting(CommitteeFactory(), dt.date(2017, 7, 26), [])
    item = AgendaItemFactory(meeting=meeting, number="B", is_exempt=True, exemption_ground="para7")
    minute = MinuteFactory(meeting=meeting, agenda_item=item, number=13, position=1)
    Action.objects.create(minute=minute, description="From 13", owner_note="CSM", due_on=meeting.date)
    viewer = Viewer(user=officer)
    (entry,) = meeting_minutes(meeting=meeting, viewer=viewer)
    (tracked,) = tracker(committee=meeting.committee, viewer=viewer)["actions"]
    assert tracked.not_for_publication == entry.not_for_publication_mark
    assert entry.not_for_publication_mark.startswith("NOT FOR PUBLICATION: exempt information as defined in paragraph 7")
