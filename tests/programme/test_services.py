"""The work programme as an officer runs it, on real dates from the seeds."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from scrutiny.governance.models import MunicipalYear
from scrutiny.meetings.models import MeetingStatus
from scrutiny.programme import selectors, services
from scrutiny.programme.models import (
    DrawDownStatus,
    ItemStatus,
    Recurrence,
    RecurringRule,
    WorkPlanVersion,
    WorkProgrammeChange,
    WorkProgrammeItem,
)
from tests.factories import CommitteeFactory, MeetingFactory, PersonFactory

pytestmark = pytest.mark.django_db
D = dt.date
JULY_2017 = D(2017, 7, 1)  # "today" while the 2017-18 plan is built


@pytest.fixture
def committee():
    committee = CommitteeFactory()
    MunicipalYear.objects.create(council=committee.council, start_year=2017)
    MunicipalYear.objects.create(council=committee.council, start_year=2018, annual_meeting_on=D(2018, 5, 9))
    return committee


@pytest.fixture
def meetings(committee):
    return {
        "feb17": MeetingFactory(committee=committee, date=D(2017, 2, 15), status=MeetingStatus.HELD),
        "jul17": MeetingFactory(committee=committee, date=D(2017, 7, 26), status=MeetingStatus.SCHEDULED),
        "feb18": MeetingFactory(committee=committee, date=D(2018, 2, 21), status=MeetingStatus.SCHEDULED),
        "jul18": MeetingFactory(committee=committee, date=D(2018, 7, 25), status=MeetingStatus.SCHEDULED),
    }


def add(committee, title, meeting, **kw):
    kw.setdefault("kind", "discretionary")
    return services.item_add(
        committee=committee,
        title=title,
        target_meeting=meeting,
        decided_by="committee",
        decided_on=D(2017, 2, 15),
        today=JULY_2017,
        **kw,
    )


def statutory(committee, today=JULY_2017):
    return [w.message for w in selectors.statutory_warnings(committee=committee, today=today)]


def test_building_the_2017_18_plan_the_statutory_warnings_appear_and_clear(committee, meetings):
    add(committee, "PCP Update", meetings["jul17"], kind="standard")
    assert "The 2017-18 municipal year has no item for the CSP's Strategic Assessment." in statutory(
        committee
    )
    assert (
        "The 2017-18 municipal year has no item for the Community Safety Strategy or its annual Refresh."
        in statutory(committee)
    )
    add(
        committee,
        "CSP Strategic Assessment 2017",
        meetings["feb18"],
        kind="statutory",
        statutory_subject="strategic_assessment",
    )
    assert [m for m in statutory(committee) if "2017-18" in m] == [
        "The 2017-18 municipal year has no item for the Community Safety Strategy or its annual Refresh."
    ]
    refresh = add(
        committee,
        "CSP Community Safety Strategy (2016 to 2019) 2017 Refresh doc.",
        meetings["jul17"],
        kind="statutory",
        statutory_subject="strategy_refresh",
    )
    assert [m for m in statutory(committee) if "2017-18" in m] == []
    # cancelling the refresh brings the warning back
    services.item_cancel(item=refresh, decided_by="partner", decided_on=JULY_2017, reason="Not ready")
    assert [m for m in statutory(committee) if "2017-18" in m] == [
        "The 2017-18 municipal year has no item for the Community Safety Strategy or its annual Refresh."
    ]


def test_a_move_is_recorded_with_its_reason_as_the_papers_word_it(committee, meetings):
    item = add(committee, "Presentation by Kent County Council Trading Standards Officers", meetings["feb18"])
    change = services.item_move(
        item=item,
        to_meeting=meetings["jul18"],
        decided_by="chairman",
        decided_on=D(2017, 7, 26),
        reason="Proposed by the Chairman (Minute 15)",
        today=JULY_2017,
    )
    assert (
        change.wording
        == "Presentation by Kent County Council Trading Standards Officers postponed until July 2018."
    )
    back = services.item_move(
        item=item,
        to_meeting=meetings["feb18"],
        decided_by="officer",
        decided_on=D(2017, 8, 1),
        reason="Speaker free",
        today=JULY_2017,
    )
    assert back.wording.endswith("b/f to February 2018.")
    item.refresh_from_db()
    assert item.target_meeting == meetings["feb18"]
    assert [c.kind for c in item.changes.order_by("sequence")] == ["added", "moved", "moved"]
    assert [c.from_meeting for c in item.changes.order_by("sequence")][1:] == [
        meetings["feb18"],
        meetings["jul18"],
    ]


@pytest.mark.parametrize(
    "target, message",
    [
        ("feb17", "has already been held"),
        ("other", "is a meeting of"),
        ("past", "is in the past"),
        ("cancelled", "is cancelled"),
    ],
)
def test_a_wrong_target_is_refused_clearly_and_changes_nothing(committee, meetings, target, message):
    item = add(committee, "Recording of Kent Crime Data and Statistics", meetings["feb18"])
    targets = {
        "feb17": meetings["feb17"],
        "other": MeetingFactory(date=D(2018, 3, 1), status=MeetingStatus.SCHEDULED),
        "past": MeetingFactory(committee=committee, date=D(2017, 6, 1), status=MeetingStatus.SCHEDULED),
        "cancelled": MeetingFactory(committee=committee, date=D(2017, 11, 1), status=MeetingStatus.CANCELLED),
    }
    before = WorkProgrammeChange.objects.count()
    with pytest.raises(ValidationError, match=message):
        services.item_move(
            item=item,
            to_meeting=targets[target],
            decided_by="officer",
            decided_on=JULY_2017,
            reason="Because",
            today=JULY_2017,
        )
    item.refresh_from_db()
    assert item.target_meeting == meetings["feb18"]
    assert WorkProgrammeChange.objects.count() == before
    with pytest.raises(ValidationError, match=message):
        add(committee, "Another", targets[target])
    assert not WorkProgrammeItem.objects.filter(title="Another").exists()


def test_cancelled_items_cannot_move_and_a_move_needs_a_reason(committee, meetings):
    item = add(committee, "Presentation by PCC", meetings["feb18"])
    with pytest.raises(ValidationError, match="reason"):
        services.item_move(
            item=item,
            to_meeting=meetings["jul18"],
            decided_by="officer",
            decided_on=JULY_2017,
            reason=" ",
            today=JULY_2017,
        )
    services.item_cancel(
        item=item,
        decided_by="partner",
        decided_by_note="PCC's office",
        decided_on=JULY_2017,
        reason="new date to be explored",
    )
    assert (
        item.changes.last().wording
        == "Presentation by PCC cancelled by PCC's office: new date to be explored"
    )
    with pytest.raises(ValidationError, match="cancelled: it cannot be moved"):
        services.item_move(
            item=item,
            to_meeting=meetings["jul18"],
            decided_by="officer",
            decided_on=JULY_2017,
            reason="x",
            today=JULY_2017,
        )
    with pytest.raises(ValidationError, match="already cancelled"):
        services.item_cancel(item=item, decided_by="officer", decided_on=JULY_2017, reason="again")


def test_recurring_items_are_proposed_once_and_accepted_by_an_officer(committee, meetings):
    RecurringRule.objects.create(
        committee=committee,
        key="pcp",
        title_template="PCP Update",
        kind="standard",
        recurrence=Recurrence.EVERY_MEETING,
    )
    RecurringRule.objects.create(
        committee=committee,
        key="sa",
        title_template="CSP Strategic Assessment {previous_year}",
        kind="statutory",
        statutory_subject="strategic_assessment",
        recurrence=Recurrence.WINTER,
        expected_exempt=True,
    )
    RecurringRule.objects.create(
        committee=committee,
        key="ar",
        title_template="Committee's Annual Report {previous_municipal_year}",
        kind="standard",
        recurrence=Recurrence.SUMMER,
    )
    created = services.recurring_items_propose(committee=committee, today=JULY_2017)
    titles = sorted((i.title, i.target_meeting.date) for i in created)
    assert titles == [
        ("CSP Strategic Assessment 2017", D(2018, 2, 21)),
        ("Committee's Annual Report 2016-17", D(2017, 7, 26)),
        ("Committee's Annual Report 2017-18", D(2018, 7, 25)),
        ("PCP Update", D(2017, 7, 26)),
        ("PCP Update", D(2018, 2, 21)),
        ("PCP Update", D(2018, 7, 25)),
    ]
    assert all(i.status == ItemStatus.PROPOSED for i in created)
    # proposing again adds nothing, even after an officer moves a proposal elsewhere
    sa = next(i for i in created if i.title.startswith("CSP Strategic"))
    services.item_move(
        item=sa,
        to_meeting=None,
        decided_by="officer",
        decided_on=JULY_2017,
        reason="Awaiting the CSP",
        today=JULY_2017,
    )
    assert services.recurring_items_propose(committee=committee, today=JULY_2017) == []
    services.item_accept(item=created[0], today=JULY_2017)
    created[0].refresh_from_db()
    assert created[0].status == ItemStatus.PLANNED
    with pytest.raises(ValidationError, match="not a proposal"):
        services.item_accept(item=created[0], today=JULY_2017)


def test_a_change_of_frequency_is_recorded_on_the_rule(committee):
    rule = RecurringRule.objects.create(
        committee=committee,
        key="dtac",
        title_template="D-TAC Update",
        kind="standard",
        recurrence=Recurrence.EVERY_MEETING,
    )
    change = services.rule_change_recurrence(
        rule=rule,
        recurrence=Recurrence.SUMMER,
        decided_by="strategic_director",
        decided_on=D(2016, 7, 27),
        reason="To coincide with the Performance Report",
    )
    assert change.wording == "D-TAC Update: at every meeting becomes each summer."
    with pytest.raises(ValidationError, match="already recurs"):
        services.rule_change_recurrence(
            rule=rule,
            recurrence=Recurrence.SUMMER,
            decided_by="committee",
            decided_on=D(2016, 7, 27),
            reason="x",
        )


def test_a_draw_down_request_runs_through_chairman_and_director(committee, meetings):
    member = PersonFactory(family_name="Hammock", initials="D A")
    chairman = PersonFactory(family_name="Wells", initials="R J")
    req = services.draw_down_request(
        committee=committee,
        topic="Response to Unauthorised Encampments",
        requested_by=member,
        requested_on=D(2017, 5, 1),
    )
    with pytest.raises(ValidationError, match="cannot be put to the Director"):
        services.draw_down_director_decide(
            request=req, approved=True, decided_on=D(2017, 5, 10), today=JULY_2017
        )
    services.draw_down_chairman_decide(request=req, agreed=True, chairman=chairman, decided_on=D(2017, 5, 3))
    req = services.draw_down_director_decide(
        request=req,
        approved=True,
        decided_on=D(2017, 5, 10),
        target_meeting=meetings["jul17"],
        today=JULY_2017,
    )
    assert req.status == DrawDownStatus.APPROVED
    assert req.item.kind == "draw_down" and req.item.target_meeting == meetings["jul17"]
    assert [(s.kind, s.decided_on) for s in req.steps.order_by("sequence")] == [
        ("requested", D(2017, 5, 1)),
        ("chairman_agreed", D(2017, 5, 3)),
        ("director_approved", D(2017, 5, 10)),
    ]
    assert req.steps.get(kind="chairman_agreed").decided_by == chairman
    with pytest.raises(ValidationError, match="approved by the director: it cannot be put to the Chairman"):
        services.draw_down_chairman_decide(request=req, agreed=False, decided_on=D(2017, 5, 11))


def test_a_declined_draw_down_makes_no_item(committee):
    req = services.draw_down_request(
        committee=committee, topic="Fly-tipping", requested_by_note="Councillor X", requested_on=D(2017, 5, 1)
    )
    services.draw_down_chairman_decide(request=req, agreed=False, decided_on=D(2017, 5, 2))
    req.refresh_from_db()
    assert req.status == DrawDownStatus.CHAIRMAN_DECLINED and req.item is None
    assert not WorkProgrammeItem.objects.exists()


def test_approving_a_version_freezes_the_plan_and_cannot_be_done_twice(committee, meetings):
    add(committee, "Review of Dartford's Safer Streets Policy", meetings["feb18"])
    proposed = services.version_propose(
        committee=committee, title="Draft 2017-18 Work Programme", prepared_on=D(2017, 7, 10), today=JULY_2017
    )
    add(committee, "Presentation by a crime data expert", meetings["feb18"])  # a change made at the meeting
    held = meetings["jul17"]
    approved = services.version_approve(
        committee=committee,
        meeting=held,
        proposed=proposed,
        today=D(2017, 7, 26),
        resolution_text="That Members approve the draft 2017-18 Work Programme subject to the changes proposed by the Chairman.",
    )
    assert approved.status == "approved" and approved.approved_on == D(2017, 7, 26)
    titles = [i["title"] for row in approved.snapshot for i in row["items"]]
    assert "Presentation by a crime data expert" in titles
    assert (
        selectors.diff(proposed.snapshot, approved.snapshot).added[0]["title"]
        == "Presentation by a crime data expert"
    )
    with pytest.raises(ValidationError, match="already approved at the meeting of Wednesday 26 July 2017"):
        services.version_approve(
            committee=committee, meeting=held, resolution_text="again", today=D(2017, 7, 26)
        )
    with pytest.raises(ValidationError, match="already approved"):
        services.version_approve(
            committee=committee,
            meeting=meetings["feb18"],
            proposed=proposed,
            resolution_text="again",
            today=D(2018, 2, 21),
        )
    with pytest.raises(ValidationError, match="has not taken place yet"):
        services.version_approve(
            committee=committee, meeting=meetings["jul18"], resolution_text="x", today=D(2018, 2, 21)
        )
    with pytest.raises(ValidationError, match="not a meeting of"):
        services.version_approve(
            committee=committee,
            meeting=MeetingFactory(date=D(2017, 7, 26)),
            resolution_text="x",
            today=D(2018, 2, 21),
        )
    assert WorkPlanVersion.objects.count() == 2
    assert selectors.version_in_force(committee=committee, on=D(2017, 12, 1)) == approved
    assert selectors.version_in_force(committee=committee, on=D(2017, 7, 25)) is None


def test_notice_to_partners_is_shown_and_warned_when_missed(committee, meetings):
    item = add(committee, "D-TAC Annual Review", meetings["feb18"], kind="standard", needs_attendance=True)
    assert selectors.notice_deadline(item) == D(2018, 1, 23)
    assert selectors.notice_warnings(committee=committee, today=D(2018, 1, 23)) == []
    (warning,) = selectors.notice_warnings(committee=committee, today=D(2018, 1, 24))
    assert "had to go out by 23 January 2018" in warning.message
    services.item_record_attendance_request(item=item, requested_on=D(2018, 1, 24))
    assert selectors.notice_warnings(committee=committee, today=D(2018, 1, 24)) == []
    committee.partner_notice_days, committee.partner_notice_counting = 14, "calendar"
    committee.save()
    assert selectors.notice_deadline(WorkProgrammeItem.objects.get(pk=item.pk)) == D(2018, 2, 7)


def test_a_twelve_month_gap_in_the_meetings_is_warned(committee, meetings):
    assert selectors.frequency_warnings(committee=committee, today=JULY_2017) == []
    meetings["feb18"].status = MeetingStatus.CANCELLED
    meetings["feb18"].save()
    meetings["jul18"].date = D(2018, 7, 27)
    meetings["jul18"].save()
    (warning,) = selectors.frequency_warnings(committee=committee, today=JULY_2017)
    assert warning.message == (
        "The meetings of 26 July 2017 and 27 July 2018 are more than twelve months apart: a meeting was due by 26 July 2018."
    )


def test_the_years_amendments_are_numbered_as_the_annual_report_numbers_them(committee, meetings):
    item = add(committee, "Review of Kent's Domestic Abuse (DA) Framework", meetings["jul17"])
    services.item_move(
        item=item,
        to_meeting=meetings["jul18"],
        decided_by="strategic_director",
        decided_on=D(2017, 7, 26),
        reason="Speaker",
        today=JULY_2017,
    )
    listed = selectors.amendments(committee=committee, start_year=2017)
    assert [(n, c.kind) for n, c in listed] == [("(i)", "moved")]


def test_a_meetings_scheduled_items_feed_its_agenda(committee, meetings):
    first = add(committee, "PCP Update", meetings["feb18"], kind="standard")
    second = add(committee, "CSP Strategic Assessment 2017", meetings["feb18"], kind="statutory")
    dropped = add(committee, "Presentation by PCC", meetings["feb18"])
    services.item_cancel(
        item=dropped, decided_by="partner", decided_on=JULY_2017, reason="Cancelled by the PCC's office"
    )
    assert list(selectors.scheduled_items(meeting=meetings["feb18"])) == [first, second]


def test_the_propose_command(committee, meetings, capsys):
    from django.core.management import call_command

    RecurringRule.objects.create(
        committee=committee,
        key="pcp",
        title_template="PCP Update",
        kind="standard",
        recurrence=Recurrence.EVERY_MEETING,
    )
    from django.utils import timezone

    MeetingFactory(
        committee=committee, date=timezone.localdate() + dt.timedelta(days=30), status=MeetingStatus.SCHEDULED
    )
    call_command("propose-recurring", "--committee", committee.slug)
    assert ": 1 item(s) proposed" in capsys.readouterr().out
    call_command("propose-recurring")
    assert ": 0 item(s) proposed" in capsys.readouterr().out


def test_a_change_made_by_resolution_links_to_it(committee, meetings):
    from tests.factories import MinuteFactory, ResolutionFactory

    minute = MinuteFactory(meeting=meetings["jul17"], number=13)
    resolution = ResolutionFactory(
        minute=minute,
        number=2,
        text="That a presentation by a KCC or Kent Police crime data expert be added to the Committee's Work Plan for the remainder of 2017-18.",
    )
    item = add(
        committee, "Recording of Kent Crime Data and Statistics", meetings["feb18"], resolution=resolution
    )
    assert item.changes.get().resolution == resolution
    assert list(resolution.work_programme_changes.all()) == [item.changes.get()]
    other = ResolutionFactory(minute=MinuteFactory(number=1))  # another committee's minutes
    with pytest.raises(ValidationError, match="another committee"):
        add(committee, "Something else", meetings["feb18"], resolution=other)


def test_a_county_committee_is_warned_of_its_safety_agreement_not_a_districts_documents(committee, meetings):
    committee.statutory_documents = "county"
    committee.save()
    assert [m for m in statutory(committee) if "2017-18" in m] == [
        "The 2017-18 municipal year has no item for the county's Community Safety Agreement."
    ]
    add(
        committee,
        "Kent Community Safety Agreement 2017-20",
        meetings["feb18"],
        kind="statutory",
        statutory_subject="safety_agreement",
    )
    assert [m for m in statutory(committee) if "2017-18" in m] == []
    assert "The 2018-19 municipal year has no item for the county's Community Safety Agreement." in statutory(
        committee
    )


def test_a_committee_whose_protocol_calls_for_no_statutory_item_is_warned_of_none(committee, meetings):
    committee.statutory_documents = "none"
    committee.save()
    assert statutory(committee) == []


def test_the_plans_rows_are_headed_with_the_committees_own_seasons(committee, meetings):
    committee.seasons = "Spring: March, Autumn: September"
    committee.save()
    add(committee, "PCP Update", meetings["jul17"], kind="standard")
    labels = [row.label for row in selectors.plan_rows(committee=committee, today=JULY_2017)]
    assert labels[:3] == ["Spring 2017 (July)", "Autumn 2018 (February)", "Spring 2018 (July)"]
