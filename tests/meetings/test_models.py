import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from scrutiny.meetings.models import AgendaItem, Meeting, MeetingStatus
from tests.factories import AgendaItemFactory, ExemptAgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_an_exempt_item_cannot_be_stored_without_its_reason():
    item = AgendaItemFactory.build(meeting=MeetingFactory(), is_exempt=True, exemption_ground="")
    with pytest.raises(ValidationError, match="needs its reason"):
        item.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        item.save()


def test_an_open_item_has_no_exemption_reason():
    item = AgendaItemFactory.build(meeting=MeetingFactory(), is_exempt=False, exemption_ground="para3")
    with pytest.raises(IntegrityError), transaction.atomic():
        item.save()


def test_only_schedule_12a_paragraphs_or_confidence_are_reasons():
    item = AgendaItemFactory.build(meeting=MeetingFactory(), is_exempt=True, exemption_ground="para9")
    with pytest.raises(IntegrityError), transaction.atomic():
        item.save()


def test_a_public_title_only_replaces_the_title_of_an_exempt_item():
    item = AgendaItemFactory.build(meeting=MeetingFactory(), public_title="Exempt item")
    with pytest.raises(ValidationError, match="only an exempt record has one"):
        item.full_clean()


def test_numbers_are_unique_within_a_meeting_but_may_be_blank():
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting, position=1, number="1")
    AgendaItemFactory(meeting=meeting, position=2, number="")
    AgendaItemFactory(meeting=meeting, position=3, number="")
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItemFactory(meeting=meeting, position=4, number="1")


def test_a_meeting_known_by_its_month_is_dated_the_first():
    meeting = MeetingFactory.build(date=dt.date(2019, 7, 24), date_precision="month")
    with pytest.raises(ValidationError, match="first of the month"):
        meeting.full_clean()
    meeting.date = dt.date(2019, 7, 1)
    assert meeting.date_display == "July 2019"


def test_date_display():
    assert MeetingFactory.build(date=dt.date(2018, 2, 21)).date_display == "Wednesday 21 February 2018"


def test_only_a_held_meeting_has_a_closing_time():
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingFactory(status=MeetingStatus.SCHEDULED, closed_at=dt.time(21, 25))


def test_no_query_can_forget_to_choose_public_or_internal():
    assert not hasattr(AgendaItem, "objects")
    assert AgendaItem._default_manager is AgendaItem.internal


def test_public_items_are_those_of_published_agendas_exempt_ones_included():
    published = MeetingFactory(status=MeetingStatus.AGENDA_PUBLISHED)
    draft = MeetingFactory(status=MeetingStatus.SCHEDULED, date=dt.date(2018, 7, 25))
    open_item = AgendaItemFactory(meeting=published)
    exempt_item = ExemptAgendaItemFactory(meeting=published)
    draft_item = AgendaItemFactory(meeting=draft)
    assert set(AgendaItem.public.all()) == {open_item, exempt_item}
    assert set(AgendaItem.internal.all()) == {open_item, exempt_item, draft_item}


def test_a_meeting_without_papers_can_be_deleted_with_its_items():
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting)
    meeting.delete()
    assert not Meeting.objects.exists() and not AgendaItem.internal.exists()
