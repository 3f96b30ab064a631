"""The Regulation 9 notice the committee notes is printed into the agenda pack from the forward
plan's records: the demo's of 21 February 2018, and a new agenda built after a notice."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from scrutiny.documents.models import Document, DocumentKind
from scrutiny.forward_plan.services import forward_plan_publish
from scrutiny.meetings.models import AgendaItem, ItemRole, Meeting
from scrutiny.meetings.services import meeting_create
from scrutiny.publishing.pack import build_packs
from scrutiny.publishing.services import agenda_build, regulation_9_notice_attach
from tests.factories import CommitteeFactory
from tests.forward_plan.factories import KeyDecisionFactory
from tests.pdfs import text_of

pytestmark = pytest.mark.django_db
D = dt.date


def _squashed(text: str) -> str:
    """Without spaces or line breaks: a table cell wraps its words anywhere."""
    return "".join(text.split()).lower()


def test_the_demo_pack_of_21_february_2018_prints_the_notice_from_the_records(demo):
    meeting = Meeting.objects.get(date=D(2018, 2, 21))
    paper = Document.internal.get(agenda_item__meeting=meeting, agenda_item__number="6")
    assert paper.forward_plan_notice.published_on == D(2018, 1, 15) and not paper.file
    public, _ = build_packs(meeting)
    text = _squashed(" ".join(text_of(public.pdf)))
    for words in ("REGULATION 9 NOTICE", "Revenue and Capital Budgets 2018/19", "Stone Lodge",
                  "Homeless Strategy 2018", "Write-off of National Non-Domestic Rates", "CLOSED: If reference needs",
                  "All decisions are made by Cabinet collectively", "listing the decisions due up to 31 May 2018"):
        assert _squashed(words) in text, words


@pytest.fixture
def committee():
    return CommitteeFactory(name="Crime and Disorder Committee")


def _regulation_9(meeting):
    return AgendaItem.internal.get(meeting=meeting, role=ItemRole.REGULATION_9)


def test_a_new_agenda_takes_the_notice_in_force_by_the_meeting(committee):
    today = timezone.localdate()
    KeyDecisionFactory(council=committee.council, decision_on=today + dt.timedelta(days=60))
    older = forward_plan_publish(council=committee.council, published_on=today - dt.timedelta(days=40))
    meeting = meeting_create(committee=committee, date=today + dt.timedelta(days=30))
    agenda_build(meeting=meeting)
    paper = Document.internal.get(agenda_item=_regulation_9(meeting))
    assert (paper.kind, paper.forward_plan_notice, paper.has_content) == (DocumentKind.NOTICE, older, True)

    newer = forward_plan_publish(council=committee.council, published_on=today)
    regulation_9_notice_attach(item=_regulation_9(meeting))
    assert Document.internal.get(pk=paper.pk).forward_plan_notice == newer
    assert Document.internal.filter(agenda_item=_regulation_9(meeting)).count() == 1


def test_without_a_notice_in_force_the_item_waits_for_one_and_says_so(committee):
    # A notice of years ago looks ahead to months long past: it is not in force today.
    forward_plan_publish(council=committee.council, published_on=D(2018, 1, 15))
    meeting = meeting_create(committee=committee, date=timezone.localdate() + dt.timedelta(days=30))
    agenda_build(meeting=meeting)
    item = _regulation_9(meeting)
    assert not Document.internal.filter(agenda_item=item).exists()
    with pytest.raises(ValidationError, match="has published no Regulation 9 notice"):
        regulation_9_notice_attach(item=item)
    other = AgendaItem.internal.filter(meeting=meeting).exclude(role=ItemRole.REGULATION_9).first()
    with pytest.raises(ValidationError, match="is not the Regulation 9 notice"):
        regulation_9_notice_attach(item=other)


def test_the_officers_button_attaches_it_and_another_councils_officer_is_refused(client, committee):
    from tests.access.viewers import officer_of
    from tests.factories import CouncilFactory

    meeting = meeting_create(committee=committee, date=timezone.localdate() + dt.timedelta(days=30))
    agenda_build(meeting=meeting)
    forward_plan_publish(council=committee.council, published_on=timezone.localdate())
    item = _regulation_9(meeting)
    url = reverse("regulation_9_notice_attach", args=[item.pk])
    client.force_login(officer_of(CouncilFactory()))
    assert client.post(url).status_code == 403
    assert not Document.internal.filter(agenda_item=item).exists()
    client.force_login(officer_of(committee.council))
    page = client.get(reverse("meeting", args=[meeting.pk])).content.decode()
    assert url in page and "Use the latest notice" in page
    assert client.post(url).status_code == 302
    assert Document.internal.get(agenda_item=item).forward_plan_notice is not None
