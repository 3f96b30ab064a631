"""Minutes from draft to signed, numbering through the year, amendments, follow-up."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from scrutiny.governance.models import MunicipalYear, Organisation
from scrutiny.meetings import services as meetings
from scrutiny.meetings.models import MeetingStatus
from scrutiny.minutes import selectors, services
from scrutiny.minutes.models import (
    Attendance,
    Minute,
    MinutesEvent,
    MinutesRecord,
    Recommendation,
    Resolution,
)
from scrutiny.publishing.services import agenda_build
from tests.factories import CommitteeFactory, MeetingFactory, PersonFactory

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def committee():
    committee = CommitteeFactory()
    MunicipalYear.objects.create(council=committee.council, start_year=2017)
    MunicipalYear.objects.create(council=committee.council, start_year=2018, annual_meeting_on=D(2018, 5, 9))
    return committee


def stored():
    """Everything the minutes app and the meetings keep, history included: a refusal leaves it as it was."""
    from django.apps import apps

    from scrutiny.meetings.models import Meeting

    counts = {m.__name__: m._base_manager.count() for m in apps.get_app_config("minutes").get_models()}
    rows = {
        m.__name__: list(m._base_manager.order_by("pk").values())
        for m in apps.get_app_config("minutes").get_models()
        if not m.__name__.startswith("Historical")
    }
    return counts, rows, list(Meeting.objects.order_by("pk").values())


def _meeting_with_agenda(committee, day):
    meeting = meetings.meeting_create(committee=committee, date=day)
    agenda_build(meeting=meeting)
    return meeting


def test_numbering_runs_through_the_municipal_year(committee):
    july = _meeting_with_agenda(committee, D(2017, 7, 26))
    services.minutes_draft(meeting=july, today=D(2017, 7, 27))
    assert list(Minute.internal.filter(meeting=july).values_list("number", flat=True)) == [1, 2, 3, 4, 5, 6]
    february = _meeting_with_agenda(committee, D(2018, 2, 21))
    services.minutes_draft(meeting=february, today=D(2018, 2, 22))
    assert list(Minute.internal.filter(meeting=february).values_list("number", flat=True))[:2] == [7, 8]
    july_next_year = _meeting_with_agenda(committee, D(2018, 7, 25))
    services.minutes_draft(meeting=july_next_year, today=D(2018, 7, 26))
    assert (
        Minute.internal.filter(meeting=july_next_year).order_by("position").first().number == 1
    )  # a new year


def test_standard_items_get_their_usual_words(committee):
    MeetingFactory(committee=committee, date=D(2017, 2, 15), status=MeetingStatus.HELD)
    meeting = _meeting_with_agenda(committee, D(2017, 7, 26))
    Attendance.objects.create(
        meeting=meeting, kind="apologies", person=PersonFactory(family_name="Lees", initials="R")
    )
    services.minutes_draft(meeting=meeting, today=D(2017, 7, 26))
    texts = {
        m.title: (m.narrative, [r.text for r in m.resolutions.all()])
        for m in Minute.internal.filter(meeting=meeting)
    }
    assert texts["APOLOGIES FOR ABSENCE"][0] == "Apologies for absence were received from Councillor R Lees."
    assert texts["DECLARATIONS OF INTEREST"][0] == (
        "[To complete: the declarations of interest made; if there were none: “There were no declarations of interest.”]"
    )
    assert texts["CONFIRMATION OF THE MINUTES OF THE MEETING HELD ON 15 FEBRUARY 2017"][1] == [
        "That the Minutes of the Committee's meeting held on 15 February 2017 be confirmed as an accurate record of those proceedings."
    ]
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD


def test_minutes_of_a_meeting_not_yet_held_are_refused(committee):
    meeting = _meeting_with_agenda(committee, D(2018, 2, 21))
    before = stored()
    with pytest.raises(ValidationError, match="has not taken place yet"):
        services.minutes_draft(meeting=meeting, today=D(2018, 2, 20))
    assert not MinutesRecord.objects.exists() and stored() == before
    later = _meeting_with_agenda(committee, D(2018, 7, 25))
    before = stored()
    with pytest.raises(ValidationError, match="has not been held"):
        services.minutes_confirm(meeting=meeting, at_meeting=later)
    assert stored() == before


def test_draft_publish_confirm_sign_and_lock(committee):
    july = _meeting_with_agenda(committee, D(2017, 7, 26))
    services.minutes_draft(meeting=july, today=D(2017, 7, 27))
    services.minutes_publish(meeting=july, today=D(2017, 8, 2), as_they_are=True)
    february = _meeting_with_agenda(committee, D(2018, 2, 21))
    services.minutes_draft(meeting=february, today=D(2018, 2, 21))
    confirming = Minute.internal.get(meeting=february, title__startswith="CONFIRMATION").resolutions.get()
    record = services.minutes_confirm(meeting=july, at_meeting=february, resolution=confirming)
    assert record.status == "confirmed" and record.confirmed_at == february
    chairman = PersonFactory(family_name="Wells", initials="R J")
    services.minutes_sign(meeting=july, chairman=chairman, signed_on=D(2018, 2, 21))
    assert [e.kind for e in MinutesEvent.objects.filter(record=record).order_by("pk")] == [
        "drafted",
        "published",
        "confirmed",
        "signed",
    ]
    minute = Minute.internal.filter(meeting=july).first()
    before = stored()
    with pytest.raises(ValidationError, match="are confirmed: their text cannot be edited"):
        services.minute_edit(minute=minute, expected_revision=minute.revision, narrative="Changed")
    with pytest.raises(ValidationError, match="are confirmed"):
        services.resolution_set(minute=minute, texts=["That something else be done."])
    with pytest.raises(ValidationError, match="already confirmed"):
        services.minutes_confirm(meeting=july, at_meeting=february)
    assert stored() == before
    minute.refresh_from_db()
    assert minute.narrative != "Changed"


def _confirmed_july(committee):
    july = _meeting_with_agenda(committee, D(2017, 7, 26))
    services.minutes_draft(meeting=july, today=D(2017, 7, 27))
    declarations = Minute.internal.get(meeting=july, number=2)
    services.minute_edit(
        minute=declarations, expected_revision=declarations.revision, narrative="There were no declarations of interest."
    )
    february = _meeting_with_agenda(committee, D(2018, 2, 21))
    services.minutes_draft(meeting=february, today=D(2018, 2, 21))
    services.minutes_confirm(meeting=july, at_meeting=february)
    return july, february


def test_a_correction_to_confirmed_minutes_is_a_recorded_amendment(committee, officer):
    from scrutiny.minutes.models import MinuteAmendment

    july, february = _confirmed_july(committee)
    minute = Minute.internal.get(meeting=july, number=2)
    amendment = services.minute_amend(
        minute=minute,
        field="narrative",
        text="There were no declarations of interest from Members.",
        reason="Typing error noted by the Chairman",
        agreed_at=february,
        expected_revision=minute.revision,
        by=officer,
    )
    assert amendment.before == "There were no declarations of interest." and amendment.by == officer
    assert amendment.agreed_at == february and amendment.at is not None
    minute.refresh_from_db()
    assert minute.narrative.endswith("from Members.")
    event = MinutesEvent.objects.filter(record__meeting=july, kind="amended").get()
    assert event.by == officer and "agreed at the meeting of" in event.note

    heading = services.minute_amend(
        minute=minute,
        field="title",
        text="DECLARATIONS OF INTERESTS",
        reason="As on the agenda",
        expected_revision=minute.revision,
        by=officer,
    )
    assert heading.before == "DECLARATIONS OF INTEREST" and heading.agreed_at is None
    minutes_item = Resolution.internal.filter(minute__meeting=july, number=1).first().minute
    before_text = minutes_item.resolutions.get().text
    resolution = services.minute_amend(
        minute=minutes_item,
        field="resolution",
        resolution_number=1,
        text="That the Minutes be confirmed as a correct record.",
        reason="Wording agreed by the Chairman",
        agreed_at=february,
        expected_revision=minutes_item.revision,
        by=officer,
    )
    assert resolution.resolution_number == 1 and resolution.before == before_text
    assert minutes_item.resolutions.get().text == "That the Minutes be confirmed as a correct record."
    assert MinuteAmendment.objects.count() == 3

    minute.refresh_from_db()
    later = MeetingFactory(committee=committee, date=D(2018, 3, 1), status=MeetingStatus.SCHEDULED)
    before = stored()
    for kwargs, why in (
        ({"text": "x", "reason": " "}, "give the reason for the correction"),
        ({"text": minute.narrative, "reason": "r"}, "is the same as the current text"),
        ({"text": "x", "reason": "r", "agreed_at": july}, "agreed at a later meeting of the same committee that has been held"),
        ({"text": "x", "reason": "r", "agreed_at": later}, "agreed at a later meeting"),
        ({"text": "x", "reason": "r", "field": "resolution", "resolution_number": 4}, "has no resolution 4"),
    ):
        with pytest.raises(ValidationError, match=why):
            services.minute_amend(
                minute=minute, **{"field": "narrative", "expected_revision": minute.revision, **kwargs}
            )
    assert stored() == before


def test_a_second_concurrent_correction_is_refused_not_lost(committee, officer):
    july, _ = _confirmed_july(committee)
    minute = Minute.internal.get(meeting=july, number=4)
    opened = minute.revision  # both officers open the correction form
    services.minute_amend(
        minute=minute, field="narrative", text="First correction", reason="One", expected_revision=opened
    )
    before = stored()
    with pytest.raises(ValidationError, match="was corrected or changed by someone else.*The text now saved is: First correction"):
        services.minute_amend(
            minute=minute, field="narrative", text="Second correction", reason="Two", expected_revision=opened
        )
    assert stored() == before
    minute.refresh_from_db()
    assert minute.narrative == "First correction"


def test_unconfirmed_minutes_are_edited_not_amended(committee):
    july = _meeting_with_agenda(committee, D(2017, 7, 26))
    services.minutes_draft(meeting=july, today=D(2017, 7, 27))
    minute = Minute.internal.get(meeting=july, number=4)
    before = stored()
    with pytest.raises(ValidationError, match="are not confirmed yet: edit them directly"):
        services.minute_amend(minute=minute, field="narrative", text="x", reason="r", expected_revision=minute.revision)
    assert stored() == before


def test_two_officers_editing_the_same_minute_never_lose_an_edit(committee):
    july = _meeting_with_agenda(committee, D(2017, 7, 26))
    services.minutes_draft(meeting=july, today=D(2017, 7, 27))
    minute = Minute.internal.get(meeting=july, number=4)
    opened = minute.revision  # both officers open revision 1
    services.minute_edit(minute=minute, expected_revision=opened, narrative="First officer's text")
    with pytest.raises(ValidationError, match="was changed by someone else while you were editing it"):
        services.minute_edit(minute=minute, expected_revision=opened, narrative="Second officer's text")
    minute.refresh_from_db()
    assert minute.narrative == "First officer's text" and minute.revision == opened + 1
    assert minute.history.filter(narrative="First officer's text").exists()


def test_duplicate_minute_numbers_in_a_year_are_refused(committee):
    july = _meeting_with_agenda(committee, D(2017, 7, 26))
    services.minutes_draft(meeting=july, today=D(2017, 7, 27))
    february = _meeting_with_agenda(committee, D(2018, 2, 21))
    services.minutes_draft(meeting=february, today=D(2018, 2, 21))
    minute = Minute.internal.get(meeting=february, number=7)
    before = stored()
    with pytest.raises(ValidationError, match="Minute 3 already exists in this municipal year"):
        services.minute_edit(minute=minute, expected_revision=minute.revision, number=3)
    assert stored() == before


def test_drafting_an_earlier_meeting_after_a_later_one_is_refused_not_numbered_twice(committee):
    july = _meeting_with_agenda(committee, D(2017, 7, 26))
    february = _meeting_with_agenda(committee, D(2018, 2, 21))
    services.minutes_draft(meeting=february, today=D(2018, 2, 21))  # July's minutes not started
    assert Minute.internal.filter(meeting=february).order_by("position").first().number == 1
    before = stored()
    with pytest.raises(
        ValidationError,
        match=r"The minutes of .* cannot be numbered from 1: Minute 1 already exists in this municipal year "
        r"\(meeting of .*21 February 2018",
    ):
        services.minutes_draft(meeting=july, today=D(2018, 2, 22))
    assert stored() == before
    assert not MinutesRecord.objects.filter(meeting=july).exists()


def test_actions_default_to_the_next_meeting_and_recommendations_have_28_days(committee):
    july = _meeting_with_agenda(committee, D(2017, 7, 26))
    _meeting_with_agenda(committee, D(2018, 2, 21))
    services.minutes_draft(meeting=july, today=D(2017, 7, 27))
    minute = Minute.internal.get(meeting=july, number=6)
    action = services.action_record(
        minute=minute, description="Respond to Members on both points", owner_note="Officers"
    )
    assert action.due_on == D(2018, 2, 21)
    police = Organisation.objects.create(name="Kent Police", slug="kp-test", kind="responsible_authority")
    rec = services.recommendation_draft(
        minute=minute, authority=police, text="That Kent Police publish its crime-recording audit."
    )
    before = stored()
    with pytest.raises(ValidationError, match="was never made formally"):
        services.recommendation_record_response(
            recommendation=rec, received_on=D(2017, 9, 1), response="We will."
        )
    assert stored() == before
    services.recommendation_send_for_check(recommendation=rec, sent_on=D(2017, 8, 1))
    rec = services.recommendation_make(recommendation=rec, made_on=D(2017, 8, 9))
    assert selectors.recommendation_due(recommendation=rec) == D(2017, 9, 6)  # 28 days from the date of the report
    rec = services.recommendation_extend(recommendation=rec, days=14, reason="Awaiting the HMIC report")
    assert selectors.recommendation_due(recommendation=rec) == D(2017, 9, 20)
    rec = services.recommendation_record_response(
        recommendation=rec, received_on=D(2017, 9, 18), response="The audit will be published."
    )
    assert rec.status == "responded"
    with pytest.raises(ValidationError, match="already recorded"):
        services.recommendation_record_response(
            recommendation=rec, received_on=D(2017, 9, 19), response="Again"
        )
    assert Recommendation.objects.get().response == "The audit will be published."


def test_quorum_counts_members_not_invitees(committee):
    meeting = MeetingFactory(committee=committee, date=D(2017, 7, 26))
    for name in ("A", "B"):
        Attendance.objects.create(meeting=meeting, kind="present", name=f"Councillor {name}")
    Attendance.objects.create(meeting=meeting, kind="standing_invitee", name="Councillor C")
    assert selectors.quorum(meeting=meeting) == (2, 3, False)
    Attendance.objects.create(
        meeting=meeting, kind="substitute", name="Councillor D", substitute_for=PersonFactory(family_name="Lees")
    )
    assert selectors.quorum(meeting=meeting) == (3, 3, True)


def test_resolutions_are_renumbered_when_set(committee):
    july = _meeting_with_agenda(committee, D(2017, 7, 26))
    services.minutes_draft(meeting=july, today=D(2017, 7, 27))
    minute = Minute.internal.get(meeting=july, number=6)
    services.resolution_set(
        minute=minute,
        texts=["That the report be noted.", "", "That a presentation be added to the Work Plan."],
    )
    assert list(Resolution.internal.filter(minute=minute).values_list("number", "text")) == [
        (1, "That the report be noted."),
        (2, "That a presentation be added to the Work Plan."),
    ]


def test_confirmation_records_the_confirming_resolution_of_the_later_meeting(committee):
    july = _meeting_with_agenda(committee, D(2017, 7, 26))
    services.minutes_draft(meeting=july, today=D(2017, 7, 27))
    services.minutes_publish(meeting=july, today=D(2017, 8, 2), as_they_are=True)
    february = _meeting_with_agenda(committee, D(2018, 2, 21))
    services.minutes_draft(meeting=february, today=D(2018, 2, 21))
    record = services.minutes_confirm(meeting=july, at_meeting=february)
    confirming = record.confirmed_by_resolution
    assert confirming.minute.meeting == february and confirming.minute.agenda_item.role == "minutes"
    assert "26 July 2017 be confirmed" in confirming.text
    assert MinutesRecord.objects.get(meeting=july).confirmed_by_resolution == confirming


def test_minutes_confirmed_before_the_confirming_meeting_is_minuted_get_the_link_when_it_is(committee):
    july = _meeting_with_agenda(committee, D(2017, 7, 26))
    services.minutes_draft(meeting=july, today=D(2017, 7, 27))
    february = _meeting_with_agenda(committee, D(2018, 2, 21))
    february.status = MeetingStatus.HELD
    february.save()
    record = services.minutes_confirm(meeting=july, at_meeting=february)  # on the night
    assert record.confirmed_at == february and record.confirmed_by_resolution is None
    services.minutes_draft(meeting=february, today=D(2018, 2, 23))
    record.refresh_from_db()
    assert record.confirmed_by_resolution.minute.meeting == february
    assert "26 July 2017" in record.confirmed_by_resolution.text


def test_confirmation_at_the_same_an_earlier_or_an_unheld_meeting_is_refused(committee):
    february_2017 = MeetingFactory(committee=committee, date=D(2017, 2, 15), status=MeetingStatus.HELD)
    july = _meeting_with_agenda(committee, D(2017, 7, 26))
    services.minutes_draft(meeting=july, today=D(2017, 7, 27))
    february = _meeting_with_agenda(committee, D(2018, 2, 21))  # scheduled, not held
    other_committee = MeetingFactory(date=D(2018, 3, 1), status=MeetingStatus.HELD)
    before = stored()
    for at, why in (
        (july, "cannot be confirmed at the meeting of .*26 July 2017: minutes are confirmed at a later meeting"),
        (february_2017, "cannot be confirmed at the meeting of .*15 February 2017"),
        (other_committee, "of the same committee"),
        (february, "has not been held yet"),
    ):
        with pytest.raises(ValidationError, match=why):
            services.minutes_confirm(meeting=july, at_meeting=at)
    assert stored() == before


def test_confirmation_by_a_resolution_of_another_meeting_is_refused(committee):
    july = _meeting_with_agenda(committee, D(2017, 7, 26))
    services.minutes_draft(meeting=july, today=D(2017, 7, 27))
    february = _meeting_with_agenda(committee, D(2018, 2, 21))
    services.minutes_draft(meeting=february, today=D(2018, 2, 21))
    wrong = Resolution.internal.filter(minute__meeting=july).first()
    before = stored()
    with pytest.raises(ValidationError, match="is not one of the meeting of"):
        services.minutes_confirm(meeting=july, at_meeting=february, resolution=wrong)
    assert stored() == before


def test_an_action_is_closed_reopened_and_reported_to_the_next_meeting(committee, officer):
    from scrutiny.minutes.models import Action, ActionReport

    july = _meeting_with_agenda(committee, D(2017, 7, 26))
    february = _meeting_with_agenda(committee, D(2018, 2, 21))
    services.minutes_draft(meeting=july, today=D(2017, 7, 27))
    minute = Minute.internal.get(meeting=july, number=6)
    reply = services.action_record(minute=minute, description="Reply to Members", owner_note="Officers")
    invite = services.action_record(minute=minute, description="Invite the Divisional Commander", owner_note="Officers")

    reports = services.actions_report(committee=committee, meeting=february, by=officer)
    assert {r.action for r in reports} == {reply, invite} and {r.status for r in reports} == {"open"}
    assert Action.objects.get(pk=reply.pk).reported_at == february
    before = stored()
    with pytest.raises(ValidationError, match="no open actions from earlier meetings still to report"):
        services.actions_report(committee=committee, meeting=february)  # already reported there
    with pytest.raises(ValidationError, match="a later meeting of the committee"):
        services.action_close(action=reply, done=True, closed_on=D(2017, 9, 1), reported_at=july)
    with pytest.raises(ValidationError, match="before the meeting it came from"):
        services.action_close(action=reply, done=True, closed_on=D(2017, 7, 1))
    with pytest.raises(ValidationError, match="is open already"):
        services.action_reopen(action=reply, reason="Not answered")
    assert stored() == before

    closed = services.action_close(
        action=reply, done=True, closed_on=D(2017, 9, 1), outcome="Answered by email", by=officer
    )
    assert (closed.status, closed.closed_on, closed.outcome) == ("done", D(2017, 9, 1), "Answered by email")
    before = stored()
    with pytest.raises(ValidationError, match="is already closed"):
        services.action_close(action=reply, done=False, closed_on=D(2017, 9, 2))
    with pytest.raises(ValidationError, match="Give the reason"):
        services.action_reopen(action=reply, reason=" ")
    assert stored() == before
    reopened = services.action_reopen(action=reply, reason="Councillor Hammock says not answered", by=officer)
    assert (reopened.status, reopened.closed_on) == ("open", None)
    assert reopened.history.filter(status="done", closed_on=D(2017, 9, 1)).exists()  # the closing is kept
    assert ActionReport.objects.filter(meeting=february).count() == 2


def test_open_actions_of_exempt_minutes_are_reported_only_when_the_officer_says_so(committee):
    from scrutiny.meetings.models import AgendaItem

    july = _meeting_with_agenda(committee, D(2017, 7, 26))
    february = _meeting_with_agenda(committee, D(2018, 2, 21))
    services.minutes_draft(meeting=july, today=D(2017, 7, 27))
    minute = Minute.internal.get(meeting=july, number=6)
    AgendaItem.internal.filter(pk=minute.agenda_item_id).update(is_exempt=True, exemption_ground="para1")
    services.action_record(minute=minute, description="Confidential follow-up", owner_note="CSM")
    with pytest.raises(ValidationError, match="no open actions"):
        services.actions_report(committee=committee, meeting=february)
    assert len(services.actions_report(committee=committee, meeting=february, include_exempt=True)) == 1


def test_the_protocol_draft_factual_check_made_response_within_28_days_report_back(committee, officer):
    from tests.factories import MinuteFactory

    meeting = MeetingFactory(committee=committee, date=D(2026, 5, 13))
    minute = MinuteFactory(meeting=meeting, number=5, position=5)
    police = Organisation.objects.create(name="Kent Police", slug="kp-2026", kind="responsible_authority")
    rec = services.recommendation_draft(
        minute=minute, authority=police, text="That Kent Police share its ASB hotspot data monthly.", by=officer
    )
    before = stored()
    with pytest.raises(ValidationError, match="is still a draft: send it to Kent Police for comment on its factual accuracy first"):
        services.recommendation_make(recommendation=rec, made_on=D(2026, 5, 27))
    with pytest.raises(ValidationError, match="was never made formally"):
        services.recommendation_record_response(recommendation=rec, received_on=D(2026, 6, 1), response="Yes")
    with pytest.raises(ValidationError, match="before that meeting"):
        services.recommendation_send_for_check(recommendation=rec, sent_on=D(2026, 5, 12))
    assert stored() == before

    rec = services.recommendation_send_for_check(recommendation=rec, sent_on=D(2026, 5, 15))
    before = stored()
    with pytest.raises(ValidationError, match="it is made formally after that"):
        services.recommendation_make(recommendation=rec, made_on=D(2026, 5, 14))
    with pytest.raises(ValidationError, match="was never made formally"):
        services.recommendation_record_response(recommendation=rec, received_on=D(2026, 6, 1), response="Yes")
    assert stored() == before

    rec = services.recommendation_make(recommendation=rec, made_on=D(2026, 5, 27))  # Wednesday 27 May 2026
    due = selectors.recommendation_due(recommendation=rec)
    assert due == D(2026, 6, 24) and due.strftime("%A") == "Wednesday"  # 28 days from the date of the report
    with pytest.raises(ValidationError, match="already been made"):
        services.recommendation_make(recommendation=rec, made_on=D(2026, 5, 28))
    rec = services.recommendation_record_response(
        recommendation=rec, received_on=D(2026, 6, 20), response="Monthly data from July."
    )

    june = MeetingFactory(committee=committee, date=D(2026, 6, 10))
    other = MeetingFactory(date=D(2026, 7, 15))
    july = MeetingFactory(committee=committee, date=D(2026, 7, 15))
    before = stored()
    with pytest.raises(ValidationError, match="cannot have been reported to the earlier meeting"):
        services.recommendation_report_back(recommendation=rec, meeting=june)
    with pytest.raises(ValidationError, match="comes back to the committee that made the recommendation"):
        services.recommendation_report_back(recommendation=rec, meeting=other)
    assert stored() == before
    rec = services.recommendation_report_back(recommendation=rec, meeting=july)
    assert (rec.status, rec.reported_at) == ("reported", july)


def test_a_recommendation_is_not_addressed_to_a_committee_of_the_council(committee):
    from tests.factories import MinuteFactory

    minute = MinuteFactory(meeting=MeetingFactory(committee=committee, date=D(2026, 5, 13)))
    before = stored()
    with pytest.raises(ValidationError, match="is a committee of the council"):
        services.recommendation_draft(minute=minute, authority=committee, text="That we look again.")
    assert stored() == before


def test_a_stale_resolution_change_is_refused_and_an_edit_saves_both_at_once(committee):
    july = _meeting_with_agenda(committee, D(2017, 7, 26))
    services.minutes_draft(meeting=july, today=D(2017, 7, 27))
    minute = Minute.internal.get(meeting=july, number=6)
    opened = minute.revision
    services.minute_edit(
        minute=minute, expected_revision=opened, narrative="Discussed.", resolutions=["That the report be noted."]
    )
    minute.refresh_from_db()
    assert minute.revision == opened + 1 and minute.resolutions.get().text == "That the report be noted."
    before = stored()
    with pytest.raises(services.StaleEdit) as refused:
        services.resolution_set(minute=minute, texts=["That something else."], expected_revision=opened)
    assert refused.value.current.narrative == "Discussed."
    with pytest.raises(services.StaleEdit):
        services.minute_edit(minute=minute, expected_revision=opened, resolutions=["That X."])
    assert stored() == before


def _programme_changes():
    from scrutiny.programme.models import WorkProgrammeChange

    return list(WorkProgrammeChange.objects.order_by("pk").values())


def _resolution_changing_the_plan(committee, minute, number):
    from scrutiny.programme.models import WorkProgrammeChange, WorkProgrammeItem

    item = WorkProgrammeItem.objects.create(committee=committee, key="presentation", title="Presentation")
    return WorkProgrammeChange.objects.create(
        item=item,
        kind="added",
        decided_by="committee",
        resolution=Resolution.internal.get(minute=minute, number=number),
    )


def test_removing_a_resolution_that_changed_the_work_programme_is_refused(committee):
    july = _meeting_with_agenda(committee, D(2017, 7, 26))
    services.minutes_draft(meeting=july, today=D(2017, 7, 27))
    minute = Minute.internal.get(meeting=july, number=6)
    services.resolution_set(
        minute=minute, texts=["That the report be noted.", "That a presentation be added."]
    )
    _resolution_changing_the_plan(committee, minute, 2)
    minute.refresh_from_db()
    before, plan_before = stored(), _programme_changes()
    with pytest.raises(ValidationError) as refused:
        services.minute_edit(
            minute=minute, expected_revision=minute.revision, resolutions=["That the report be noted."]
        )
    message = refused.value.messages[0]
    assert "Resolution 2 of Minute 6 of Wednesday 26 July 2017 cannot be removed" in message
    assert "the work-programme change “Added: Presentation”" in message
    assert stored() == before and _programme_changes() == plan_before
    with pytest.raises(ValidationError, match="Resolution 2 of Minute 6"):
        services.resolution_set(minute=minute, texts=[])
    assert stored() == before and _programme_changes() == plan_before


def test_removing_the_resolution_that_confirmed_earlier_minutes_is_refused(committee):
    july, february = _confirmed_july(committee)
    confirming = MinutesRecord.objects.get(meeting=july).confirmed_by_resolution
    minute = confirming.minute
    before = stored()
    with pytest.raises(ValidationError) as refused:
        services.resolution_set(minute=minute, texts=[])
    assert "the confirmation of the minutes of Wednesday 26 July 2017" in refused.value.messages[0]
    assert stored() == before
    assert MinutesRecord.objects.get(meeting=july).confirmed_by_resolution == confirming


def test_resolutions_keep_their_links_by_text_when_another_is_removed_or_moved(committee):
    july = _meeting_with_agenda(committee, D(2017, 7, 26))
    services.minutes_draft(meeting=july, today=D(2017, 7, 27))
    minute = Minute.internal.get(meeting=july, number=6)
    a, b = "That the report be noted.", "That a presentation be added."
    services.resolution_set(minute=minute, texts=[a, b])
    change = _resolution_changing_the_plan(committee, minute, 2)
    linked = change.resolution_id

    def rows():
        return list(
            Resolution.internal.filter(minute=minute).order_by("number").values_list("pk", "number", "text")
        )

    services.resolution_set(minute=minute, texts=[b, a])  # reordered: each keeps its own pk
    assert [(pk == linked, n, t) for pk, n, t in rows()] == [(True, 1, b), (False, 2, a)]
    services.resolution_set(minute=minute, texts=[b])  # the first removed: the link stays with its text
    assert rows() == [(linked, 1, b)]
    change.refresh_from_db()
    assert change.resolution.text == b
    services.resolution_set(
        minute=minute, texts=["That a presentation be added in February."]
    )  # edited in place
    assert rows() == [(linked, 1, "That a presentation be added in February.")]
