"""What a held meeting did with a work-programme item, recorded from its minute: considered,
carried forward to a later meeting, or deferred; each a step of the item's workflow, with a
history line that cites the minute."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from scrutiny.meetings.models import MeetingStatus
from scrutiny.programme import services
from scrutiny.programme.models import ChangeKind, ItemStatus, WorkProgrammeChange, WorkProgrammeItem
from tests.access.viewers import officer_of
from tests.factories import AgendaItemFactory, CommitteeFactory, CouncilFactory, MeetingFactory, MinuteFactory

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def scene():
    committee = CommitteeFactory()
    held = MeetingFactory(committee=committee, date=D(2018, 2, 21), status=MeetingStatus.HELD)
    later = MeetingFactory(committee=committee, date=D(2018, 7, 25), status=MeetingStatus.HELD)
    item_on_agenda = AgendaItemFactory(meeting=held, number="10", title="CSP Strategic Assessment 2017")
    minute = MinuteFactory(meeting=held, agenda_item=item_on_agenda, number=9, title="CSP STRATEGIC ASSESSMENT 2017")
    planned = WorkProgrammeItem.objects.create(committee=committee, key="sa-2017", title="CSP Strategic Assessment",
                                               target_meeting=held, status=ItemStatus.PLANNED)
    return {"committee": committee, "held": held, "later": later, "minute": minute, "planned": planned,
            "agenda_item": item_on_agenda}


def test_the_minute_records_the_item_considered_with_its_minute_number(scene):
    change = services.item_consider(item=scene["planned"], minute=scene["minute"])
    item = WorkProgrammeItem.objects.get(pk=scene["planned"].pk)
    assert (item.status, item.considered_at, item.target_meeting) == (ItemStatus.CONSIDERED, scene["agenda_item"],
                                                                       scene["held"])
    assert change.kind == ChangeKind.CONSIDERED and change.decided_at == scene["held"]
    assert change.decided_on == D(2018, 2, 21)
    assert change.wording == ("CSP Strategic Assessment considered at the meeting held on 21 February 2018 "
                              "[Min. No. 9 refers]")
    assert [h.status for h in item.history.order_by("history_date")][-1] == ItemStatus.CONSIDERED
    with pytest.raises(ValidationError, match="is considered"):
        services.item_consider(item=item, minute=scene["minute"])
    with pytest.raises(ValidationError, match="cannot be moved"):
        services.item_move(item=item, to_meeting=None, decided_by="committee", decided_on=D(2018, 2, 21),
                           reason="Again")


def test_carried_forward_to_a_later_meeting_and_deferred_keep_the_item_planned(scene):
    change = services.item_carry_forward(item=scene["planned"], minute=scene["minute"], to_meeting=scene["later"],
                                         reason="The report was not ready.")
    item = WorkProgrammeItem.objects.get(pk=scene["planned"].pk)
    assert (item.status, item.target_meeting) == (ItemStatus.PLANNED, scene["later"])
    assert (change.from_meeting, change.to_meeting, change.reason) == (scene["held"], scene["later"],
                                                                       "The report was not ready.")
    assert change.wording.startswith("CSP Strategic Assessment carried forward to") and "[Min. No. 9" in change.wording
    later_minute = MinuteFactory(meeting=scene["later"], number=4)
    with pytest.raises(ValidationError, match="Give the reason"):
        services.item_defer(item=item, minute=later_minute, reason=" ")
    deferred = services.item_defer(item=item, minute=later_minute, reason="Awaiting the new strategy.")
    item.refresh_from_db()
    assert (item.status, item.target_meeting) == (ItemStatus.PLANNED, None)
    assert deferred.wording == ("CSP Strategic Assessment deferred to a date to be agreed: Awaiting the new strategy. "
                                "[Min. No. 4 refers]")
    assert list(WorkProgrammeChange.objects.filter(item=item).values_list("kind", flat=True)) == [
        ChangeKind.CARRIED_FORWARD, ChangeKind.DEFERRED]


def test_only_a_held_meetings_minute_of_the_same_committee_records_it(scene):
    with pytest.raises(ValidationError, match="to a later meeting"):
        services.item_carry_forward(item=scene["planned"], minute=scene["minute"], to_meeting=scene["held"])
    scheduled = MeetingFactory(committee=scene["committee"], date=D(2030, 1, 1), status=MeetingStatus.SCHEDULED)
    with pytest.raises(ValidationError, match="only the minutes of a meeting held"):
        services.item_consider(item=scene["planned"], minute=MinuteFactory(meeting=scheduled))
    elsewhere = MinuteFactory(meeting=MeetingFactory(status=MeetingStatus.HELD))
    with pytest.raises(ValidationError, match="another committee's meeting"):
        services.item_consider(item=scene["planned"], minute=elsewhere)
    assert WorkProgrammeItem.objects.get(pk=scene["planned"].pk).status == ItemStatus.PLANNED
    assert not WorkProgrammeChange.objects.exists()


def test_the_officer_records_it_on_the_minutes_screen_and_another_councils_officer_cannot(client, scene):
    url = reverse("minute_work_programme", args=[scene["minute"].pk])
    client.force_login(officer_of(CouncilFactory()))
    assert client.post(url, {"item": scene["planned"].pk, "outcome": "considered"}).status_code == 403
    client.force_login(officer_of(scene["committee"].council))
    form = client.get(url).content.decode()
    assert "CSP Strategic Assessment (planned:" in form
    missing = client.post(url, {"item": scene["planned"].pk, "outcome": "carried_forward"})
    assert missing.status_code == 400 and "Choose the later meeting" in missing.content.decode()
    done = client.post(url, {"item": scene["planned"].pk, "outcome": "considered"})
    assert done.status_code == 302
    assert WorkProgrammeItem.objects.get(pk=scene["planned"].pk).status == ItemStatus.CONSIDERED
