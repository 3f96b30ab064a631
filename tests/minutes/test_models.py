import pytest
from django.db import IntegrityError, transaction

from scrutiny.meetings.models import MeetingStatus
from scrutiny.minutes.models import Minute, Resolution
from tests.factories import (
    ExemptAgendaItemFactory,
    MeetingFactory,
    MinuteFactory,
    MinutesRecordFactory,
    ResolutionFactory,
)

pytestmark = pytest.mark.django_db


def test_minute_numbers_are_unique_within_a_meeting():
    meeting = MeetingFactory()
    MinuteFactory(meeting=meeting, number=1, position=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        MinuteFactory(meeting=meeting, number=1, position=2)


def test_minutes_without_a_number_are_allowed_where_the_source_lacks_it():
    meeting = MeetingFactory()
    MinuteFactory(meeting=meeting, number=None, position=1)
    MinuteFactory(meeting=meeting, number=None, position=2)
    assert Minute.internal.count() == 2


def test_resolutions_are_numbered_from_one_without_repeats():
    minute = MinuteFactory()
    ResolutionFactory(minute=minute, number=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        ResolutionFactory(minute=minute, number=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        ResolutionFactory(minute=minute, number=0)


def test_public_minutes_include_exempt_headings_but_public_resolutions_do_not():
    meeting = MeetingFactory(status=MeetingStatus.HELD)
    MinutesRecordFactory(meeting=meeting, status="published")
    open_minute = MinuteFactory(meeting=meeting)
    exempt_minute = MinuteFactory(meeting=meeting, agenda_item=ExemptAgendaItemFactory(meeting=meeting))
    open_resolution = ResolutionFactory(minute=open_minute)
    ResolutionFactory(minute=exempt_minute)
    assert set(Minute.public.all()) == {open_minute, exempt_minute}
    assert exempt_minute.is_withheld_from_public
    assert list(Resolution.public.all()) == [open_resolution]


def test_draft_minutes_are_not_public():
    meeting = MeetingFactory(status=MeetingStatus.HELD)
    MinuteFactory(meeting=meeting)
    assert not Minute.public.exists()  # no record: nothing published
    record = MinutesRecordFactory(meeting=meeting, status="draft")
    assert not Minute.public.exists()
    record.status = "published"
    record.save()
    assert Minute.public.count() == 1


def test_a_public_summary_of_private_business_is_published_but_cannot_be_exempt():
    meeting = MeetingFactory(status=MeetingStatus.HELD)
    MinutesRecordFactory(meeting=meeting, status="published")
    item = ExemptAgendaItemFactory(meeting=meeting)
    summary = MinuteFactory(meeting=meeting, agenda_item=item, is_public_summary=True)
    ResolutionFactory(minute=summary, text="The Committee resolved to note the report.")
    assert not summary.is_withheld_from_public
    assert list(Minute.public.not_withheld()) == [summary]
    assert Resolution.public.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        MinuteFactory(meeting=meeting, is_public_summary=True, is_exempt=True, exemption_ground="para1")


def test_a_declaration_is_of_an_item_of_the_same_meeting():
    from django.core.exceptions import ValidationError

    from scrutiny.minutes.models import Declaration
    from tests.factories import AgendaItemFactory, PersonFactory

    meeting = MeetingFactory()
    other_item = AgendaItemFactory(meeting=MeetingFactory(committee=meeting.committee, date=meeting.date.replace(day=1)))
    declaration = Declaration(
        meeting=meeting, agenda_item=other_item, person=PersonFactory(), kind="other", description="Member of the CSP"
    )
    with pytest.raises(ValidationError) as refused:
        declaration.full_clean()
    assert refused.value.message_dict["agenda_item"] == [
        "The declaration is of an item of another meeting: choose an item of this meeting."
    ]
    declaration.agenda_item = AgendaItemFactory(meeting=meeting)
    declaration.full_clean()  # an item of its own meeting is accepted


def test_a_substitute_names_whom_they_substitute_for():
    from django.core.exceptions import ValidationError

    from scrutiny.minutes.models import Attendance
    from tests.factories import PersonFactory

    meeting = MeetingFactory()
    member, substitute = PersonFactory(family_name="Lees"), PersonFactory(family_name="Kite")
    row = Attendance(meeting=meeting, kind="substitute", person=substitute)
    with pytest.raises(ValidationError, match="A substitute names the member they substitute for"):
        row.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()
    row.substitute_for = substitute
    with pytest.raises(ValidationError, match="cannot substitute for themselves"):
        row.full_clean()
    row.substitute_for = member
    row.full_clean()
    row.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendance.objects.create(meeting=meeting, kind="present", name="Councillor A", substitute_for=member)
    assert Attendance.objects.get().substitute_for == member
