"""Publishing the agenda: on time, frozen, kept, and exempt content only for the entitled."""

import datetime as dt
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from docx import Document as Word

from scrutiny.documents.services import document_add
from scrutiny.meetings import services as meetings
from scrutiny.meetings.models import AgendaItem, MeetingStatus
from scrutiny.publishing.models import AgendaPublication
from scrutiny.publishing.services import meeting_publish_agenda
from scrutiny.rules.notices import late_agenda_statement
from tests.factories import UserFactory
from tests.pdfs import make_pdf, text_of

pytestmark = pytest.mark.django_db
D = dt.date


def at(day: dt.date, hour=10):
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC)


def test_publishing_on_time_freezes_the_agenda_with_both_packs(meeting):
    publication = meeting_publish_agenda(meeting=meeting, now=at(D(2018, 2, 13)))
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED
    assert publication.version == 1 and not publication.is_late and publication.deadline == D(2018, 2, 13)
    with publication.public_pack.open("rb") as fh:
        public = " ".join(text_of(fh.read()))
    assert "SECRET-ASSESSMENT" not in public and "Forthcoming key decisions" in public
    with publication.part2_pack.open("rb") as fh:
        assert "SECRET-ASSESSMENT" in " ".join(text_of(fh.read()))
    assert all("SECRET" not in str(entry) for entry in publication.agenda)


def test_after_the_deadline_publishing_needs_the_reason_for_urgency(meeting):
    with pytest.raises(
        ValidationError,
        match="The last lawful day to publish the agenda for Wednesday 21 February 2018 was Tuesday 13 February 2018",
    ):
        meeting_publish_agenda(meeting=meeting, now=at(D(2018, 2, 14)))
    assert not AgendaPublication.objects.exists()
    publication = meeting_publish_agenda(
        meeting=meeting,
        now=at(D(2018, 2, 14)),
        urgency_reason="the Strategic Assessment was agreed by the CSP on 13 February",
    )
    assert publication.is_late and publication.late_as_a_whole
    # Late as a whole: the reason is the agenda's, printed once at its head, not on every item.
    assert not any(item.is_supplementary for item in AgendaItem.internal.filter(meeting=meeting))
    statement = late_agenda_statement("the Strategic Assessment was agreed by the CSP on 13 February")
    with publication.public_pack.open("rb") as fh:
        text = " ".join(" ".join(text_of(fh.read())).split())
    assert text.count(statement) == 1 and "Supplementary item" not in text
    page = Client().get(reverse("meeting", args=[meeting.pk])).content.decode()
    assert page.count(statement) == 1 and "Supplementary item" not in page
    word = Word(io.BytesIO(Client().get(reverse("agenda_word", args=[meeting.pk])).content))
    assert [p.text for p in word.paragraphs].count(statement) == 1


def test_publishing_with_a_missing_report_is_refused_naming_the_item(meeting):
    late = meetings.agenda_item_add(
        meeting=meeting, title="Review of Dartford's Safer Streets Policy", today=D(2018, 1, 10)
    )
    with pytest.raises(ValidationError) as exc:
        meeting_publish_agenda(meeting=meeting, now=at(D(2018, 2, 1)))
    assert (
        f"Item {late.number} (“Review of Dartford's Safer Streets Policy”) expects a report and has none."
        in exc.value.messages
    )
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SCHEDULED and not AgendaPublication.objects.exists()


def test_republishing_keeps_earlier_versions_and_late_additions_are_supplementary(meeting):
    first = meeting_publish_agenda(meeting=meeting, now=at(D(2018, 2, 12)))
    added = meetings.agenda_item_add(
        meeting=meeting,
        title="Knife crime update",
        paper="none",
        urgency_reason="a serious incident on 15 February",
        today=D(2018, 2, 16),
    )
    second = meeting_publish_agenda(
        meeting=meeting, now=at(D(2018, 2, 16)), urgency_reason="a serious incident on 15 February"
    )
    assert [p.version for p in meeting.publications.order_by("version")] == [1, 2]
    assert first.public_pack.name != second.public_pack.name
    added.refresh_from_db()
    assert added.is_supplementary
    assert not AgendaItem.internal.get(
        meeting=meeting, role="apologies"
    ).is_supplementary  # published on time
    assert "Knife crime update" not in str(first.agenda) and "Knife crime update" in str(second.agenda)


def test_the_public_sees_the_agenda_as_published_not_the_working_copy(client, meeting, officer):
    meeting_publish_agenda(meeting=meeting, now=at(D(2018, 2, 12)))
    item = AgendaItem.internal.get(meeting=meeting, title="CSP Strategic Assessment 2017", is_exempt=False)
    AgendaItem.internal.filter(pk=item.pk).update(purpose="UNPUBLISHED-EDIT")
    paper = document_add(
        item=item, title="Unpublished appendix", kind="appendix", file_name="x.pdf", data=make_pdf(1)
    )
    page = client.get(reverse("meeting", args=[meeting.pk])).content.decode()
    assert "UNPUBLISHED-EDIT" not in page and "Unpublished appendix" not in page
    assert client.get(reverse("document", args=[paper.pk])).status_code == 404
    client.force_login(officer)
    assert "UNPUBLISHED-EDIT" in client.get(reverse("meeting", args=[meeting.pk])).content.decode()


@pytest.mark.parametrize("who", ["anonymous", "stranger"])
def test_the_part_2_pack_answers_as_if_absent_to_those_not_entitled(client, meeting, who):
    meeting_publish_agenda(meeting=meeting, now=at(D(2018, 2, 12)))
    if who == "stranger":
        client.force_login(UserFactory())
    for url in (
        reverse("part2_pack", args=[meeting.pk]),
        reverse("part2_pack_version", args=[meeting.pk, 1]),
        reverse("draft_pack", args=[meeting.pk, "part2"]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403, 404)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"SECRET" not in body
    page = client.get(reverse("meeting", args=[meeting.pk])).content.decode()
    assert "Part 2 pack" not in page
    public = client.get(reverse("agenda_pack", args=[meeting.pk]))
    assert public.status_code == 200 and b"SECRET" not in b"".join(public.streaming_content)


def test_officers_get_the_part_2_pack(client, meeting, officer):
    meeting_publish_agenda(meeting=meeting, now=at(D(2018, 2, 12)))
    client.force_login(officer)
    response = client.get(reverse("part2_pack", args=[meeting.pk]))
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert "SECRET-ASSESSMENT" in " ".join(text_of(b"".join(response.streaming_content)))


def test_the_officers_publish_screen_explains_a_late_refusal(client, meeting, officer):
    client.force_login(officer)
    response = client.post(reverse("meeting_publish", args=[meeting.pk]), {"urgency_reason": ""})
    assert response.status_code == 400
    assert "The last lawful day to publish" in response.content.decode()
    response = client.post(
        reverse("meeting_publish", args=[meeting.pk]), {"urgency_reason": "Test of late publication"}
    )
    assert response.status_code == 302
    assert AgendaPublication.objects.get().is_late


def test_calendars(client, meeting):
    meeting.start_time = dt.time(19, 0)
    meeting.venue = "Council Chamber, Civic Centre, Home Gardens, Dartford"
    meeting.save()
    ics = client.get(reverse("meeting_ics", args=[meeting.pk])).content.decode()
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and ics.endswith("END:VCALENDAR\r\n")
    assert "DTSTART;TZID=Europe/London:20180221T190000" in ics
    assert "LOCATION:Council Chamber\\, Civic Centre\\, Home Gardens\\, Dartford" in ics
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))
    feed = client.get(reverse("committee_ics", args=[meeting.committee.slug])).content.decode()
    assert feed.count("BEGIN:VEVENT") == 1 and re.search(r"UID:meeting-\d+@", feed)


def _pack_files(tmp_path) -> list[str]:
    root = tmp_path / "media"  # tests/conftest.py
    folder = root / "packs"
    return sorted(str(p.relative_to(root)) for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


@pytest.mark.django_db(transaction=True)
def test_the_packs_are_rendered_outside_any_transaction(meeting, monkeypatch):
    from scrutiny.publishing import pack
    from tests.transactions import in_transaction_when_called

    seen = in_transaction_when_called(monkeypatch, pack, "html_to_pdf")
    publication = meeting_publish_agenda(meeting=meeting, now=at(D(2018, 2, 12)))
    # the front sheets of both packs and the stamp pages at least, none inside a transaction
    assert len(seen) >= 3 and not any(seen)
    assert AgendaPublication.objects.get().pk == publication.pk


def test_a_publication_that_fails_after_its_files_were_written_leaves_none(meeting, tmp_path, monkeypatch):
    from django.db import IntegrityError

    written = []

    def failing_save(self, *args, **kwargs):
        written.extend(_pack_files(tmp_path))  # the packs are stored by now
        raise IntegrityError("the database refused the row")

    monkeypatch.setattr(AgendaPublication, "save", failing_save)
    with pytest.raises(IntegrityError):
        meeting_publish_agenda(meeting=meeting, now=at(D(2018, 2, 12)))
    assert written == [
        f"packs/{meeting.pk}/v1-agenda-pack.pdf",
        f"packs/{meeting.pk}/v1-part-2-not-for-publication.pdf",
    ]
    assert _pack_files(tmp_path) == []
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SCHEDULED


def test_a_refusal_under_the_lock_leaves_no_file(meeting, tmp_path, monkeypatch):
    from scrutiny.meetings.models import Meeting
    from scrutiny.publishing import services

    real = services.render_packs

    def cancelled_meanwhile(sources):
        packs = real(sources)
        Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.CANCELLED)
        return packs

    monkeypatch.setattr(services, "render_packs", cancelled_meanwhile)
    with pytest.raises(ValidationError, match="is cancelled: its agenda cannot be published"):
        meeting_publish_agenda(meeting=meeting, now=at(D(2018, 2, 12)))
    assert _pack_files(tmp_path) == [] and not AgendaPublication.objects.exists()


def test_an_agenda_changed_while_its_packs_rendered_is_rendered_again(meeting, tmp_path, monkeypatch):
    from scrutiny.publishing import services

    item = AgendaItem.internal.get(meeting=meeting, title="CSP Strategic Assessment 2017", is_exempt=False)
    real = services.render_packs
    calls = []

    def edited_during_the_first(sources):
        calls.append(sources.fingerprint)
        packs = real(sources)
        if len(calls) == 1:
            AgendaItem.internal.filter(pk=item.pk).update(purpose="EDITED-WHILE-RENDERING")
        return packs

    monkeypatch.setattr(services, "render_packs", edited_during_the_first)
    publication = meeting_publish_agenda(meeting=meeting, now=at(D(2018, 2, 12)))
    assert len(calls) == 2 and calls[0] != calls[1]
    assert "EDITED-WHILE-RENDERING" in str(publication.agenda)
    with publication.public_pack.open("rb") as fh:
        assert "EDITED-WHILE-RENDERING" in " ".join(text_of(fh.read()))
    assert _pack_files(tmp_path) == sorted([publication.public_pack.name, publication.part2_pack.name])


def test_an_agenda_that_keeps_changing_is_not_published(meeting, tmp_path, monkeypatch):
    from scrutiny.publishing import services

    item = AgendaItem.internal.get(meeting=meeting, title="CSP Strategic Assessment 2017", is_exempt=False)
    real = services.render_packs
    calls = []

    def edited_every_time(sources):
        calls.append(1)
        packs = real(sources)
        AgendaItem.internal.filter(pk=item.pk).update(purpose=f"EDIT {len(calls)}")
        return packs

    monkeypatch.setattr(services, "render_packs", edited_every_time)
    with pytest.raises(ValidationError, match="kept changing while its packs were being made"):
        meeting_publish_agenda(meeting=meeting, now=at(D(2018, 2, 12)))
    assert len(calls) == services.RENDER_ATTEMPTS
    assert not AgendaPublication.objects.exists() and _pack_files(tmp_path) == []


def test_the_fingerprint_follows_what_the_packs_print(meeting):
    from scrutiny.documents.models import Document
    from scrutiny.documents.services import document_attach_file
    from scrutiny.publishing.pack import pack_sources

    first = pack_sources(meeting).fingerprint
    assert pack_sources(meeting).fingerprint == first  # read again, unchanged
    notice = Document.internal.get(agenda_item__meeting=meeting, title="Regulation 9 Notice")
    document_attach_file(document=notice, name="reg9.pdf", data=make_pdf(4, "Forthcoming key decisions, revised"))
    replaced = pack_sources(meeting).fingerprint
    assert replaced != first
    secret = AgendaItem.internal.get(meeting=meeting, is_exempt=True)
    AgendaItem.internal.filter(pk=secret.pk).update(exemption_ground="para3")  # the Part 2 mark changes
    assert pack_sources(meeting).fingerprint != replaced
    assert pack_sources(meeting, urgent={secret.pk: "a reason"}).fingerprint != pack_sources(meeting).fingerprint
