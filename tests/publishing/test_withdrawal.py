"""Withdrawing a published version: its addresses answer 410 with the notice and reason; a
corrected version can follow. An agenda is public only by publication, whatever the status."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from scrutiny.documents.models import Document
from scrutiny.documents.services import covering_report_save, document_attach_file
from scrutiny.meetings import services as meetings
from scrutiny.meetings.models import AgendaItem, Meeting, MeetingStatus
from scrutiny.publishing.models import AgendaPublication
from scrutiny.publishing.services import meeting_publish_agenda, publication_withdraw
from scrutiny.rules.exempt_information import ExemptionGround
from tests.pdfs import make_pdf
from tests.publishing.test_services import at

pytestmark = pytest.mark.django_db
D = dt.date
REASON = "An item was made exempt after publication; a corrected agenda follows."


def _report(meeting) -> Document:
    return Document.internal.get(agenda_item__meeting=meeting, title="Covering report")


def test_a_withdrawn_version_answers_410_with_its_reason_on_every_address(meeting, officer):
    first = meeting_publish_agenda(meeting=meeting, now=at(D(2018, 2, 12)))
    item = AgendaItem.internal.get(meeting=meeting, title="CSP Strategic Assessment 2017", is_exempt=False)
    item.is_exempt, item.exemption_ground, item.public_title = True, ExemptionGround.CONFIDENCE, "Assessment"
    item.save()
    publication_withdraw(publication=first, reason=REASON, by=officer)
    public = Client()
    signed_in = Client()
    signed_in.force_login(officer)
    for client in (public, signed_in):
        for name in ("agenda_pack_version", "part2_pack_version"):
            response = client.get(reverse(name, args=[meeting.pk, 1]))
            if name == "part2_pack_version" and client is public:
                assert response.status_code == 404  # not entitled: as if absent
                continue
            assert response.status_code == 410
            body = response.content.decode()
            assert "This version of the agenda was withdrawn" in body and REASON in body
            assert b"%PDF" not in response.content
    assert public.get(reverse("agenda_pack", args=[meeting.pk])).status_code == 410
    # With no version standing, the papers are the officers' again.
    assert public.get(reverse("document_file", args=[_report(meeting).pk])).status_code == 404
    meeting.refresh_from_db()
    assert not meeting.agenda_public
    corrected = meeting_publish_agenda(meeting=meeting, urgency_reason="correction", now=at(D(2018, 2, 14)))
    assert corrected.version == 2
    pack = public.get(reverse("agenda_pack", args=[meeting.pk]))
    assert pack.status_code == 200 and pack["Content-Type"] == "application/pdf"
    assert public.get(reverse("agenda_pack_version", args=[meeting.pk, 1])).status_code == 410


def test_withdrawing_needs_a_reason_and_happens_once(meeting):
    publication = meeting_publish_agenda(meeting=meeting, now=at(D(2018, 2, 12)))
    with pytest.raises(ValidationError, match="Say why this version is withdrawn"):
        publication_withdraw(publication=publication, reason="  ")
    publication_withdraw(publication=publication, reason=REASON)
    with pytest.raises(ValidationError, match="already withdrawn"):
        publication_withdraw(publication=publication, reason="again")
    publication.refresh_from_db()
    assert publication.withdrawal_reason == REASON


def test_the_database_refuses_a_withdrawal_without_a_reason(meeting):
    from django.db import IntegrityError, transaction

    publication = meeting_publish_agenda(meeting=meeting, now=at(D(2018, 2, 12)))
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaPublication.objects.filter(pk=publication.pk).update(withdrawn_at=at(D(2018, 2, 13)))


def test_an_earlier_version_standing_is_the_published_agenda_again(meeting):
    meeting_publish_agenda(meeting=meeting, now=at(D(2018, 2, 12)))
    second = meeting_publish_agenda(meeting=meeting, now=at(D(2018, 2, 13)))
    publication_withdraw(publication=second, reason=REASON)
    meeting.refresh_from_db()
    assert meeting.agenda_public
    response = Client().get(reverse("agenda_pack", args=[meeting.pk]))
    assert response.status_code == 200 and "v1" in response["Content-Disposition"]


def test_the_officer_withdraws_from_the_meetings_screen(client, meeting, officer):
    meeting_publish_agenda(meeting=meeting, now=at(D(2018, 2, 12)))
    client.force_login(officer)
    url = reverse("publication_withdraw", args=[meeting.pk, 1])
    assert url in client.get(reverse("meeting", args=[meeting.pk])).content.decode()
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 400 and "Say why this version is withdrawn" in refused.content.decode()
    done = client.post(url, {"reason": REASON})
    assert done.status_code == 302
    assert AgendaPublication.objects.get(meeting=meeting, version=1).withdrawn_by == officer
    assert client.post(url, {"reason": REASON}).status_code == 404  # nothing standing to withdraw


def test_another_councils_officer_cannot_withdraw(client, meeting):
    from tests.access.viewers import officer_of
    from tests.factories import CommitteeFactory

    meeting_publish_agenda(meeting=meeting, now=at(D(2018, 2, 12)))
    client.force_login(officer_of(CommitteeFactory().council))
    response = client.post(reverse("publication_withdraw", args=[meeting.pk, 1]), {"reason": REASON})
    assert response.status_code in (403, 404)
    assert not AgendaPublication.objects.get(meeting=meeting, version=1).is_withdrawn


def test_a_published_papers_file_and_report_never_change_in_place(meeting):
    meeting_publish_agenda(meeting=meeting, now=at(D(2018, 2, 12)))
    paper = _report(meeting)
    before = paper.file.name
    with pytest.raises(ValidationError, match=r"was published with version 1 of the agenda: its file cannot change"):
        document_attach_file(document=paper, name="revised.pdf", data=make_pdf(1, "Revised"))
    with pytest.raises(ValidationError, match="its report cannot change"):
        covering_report_save(document=paper, parts={"heading": "X", "summary": "Y", "recommendations": "Z"})
    assert Document.internal.get(pk=paper.pk).file.name == before
    publication_withdraw(publication=meeting.publications.get(), reason=REASON)
    document_attach_file(document=paper, name="revised.pdf", data=make_pdf(1, "Revised"))  # then it may
    assert Document.internal.get(pk=paper.pk).file.name != before


def test_minutes_drafted_for_an_agenda_never_published_keep_it_from_the_public(meeting, officer):
    """A meeting recorded as held does not make its draft agenda public: only publication does."""
    meetings.meeting_record_held(meeting=meeting, today=D(2018, 2, 21))
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD and not meeting.agenda_is_public
    public = Client()
    assert public.get(reverse("document_file", args=[_report(meeting).pk])).status_code == 404
    assert not Document.public.filter(agenda_item__meeting=meeting).exists()
    assert not AgendaItem.public.filter(meeting=meeting).exists()
    assert "Covering report" not in public.get(reverse("meeting", args=[meeting.pk])).content.decode()
    assert Meeting.objects.get(pk=meeting.pk).agenda_public is False
