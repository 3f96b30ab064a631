"""The minutes as people use them: page, PDF, Word and the agenda pack's printed copy."""

import datetime as dt
import html
import io

import pytest
from django.urls import reverse
from django.utils.html import strip_tags
from docx import Document as Word

from scrutiny.meetings.models import Meeting
from scrutiny.minutes.models import Minute, MinutesRecord
from tests.pdfs import text_of

pytestmark = pytest.mark.django_db


def _meeting(day):
    return Meeting.objects.get(date=day)


def _pdf_text(response) -> str:
    return " ".join(" ".join(text_of(response.content)).split())


def _word_text(response) -> list[str]:
    return [p.text for p in Word(io.BytesIO(response.content)).paragraphs]


FEB_2017, JUL_2017 = dt.date(2017, 2, 15), dt.date(2017, 7, 26)


def test_confirmed_minutes_link_to_the_minute_that_confirmed_them_and_back(client, demo):
    february, july = _meeting(FEB_2017), _meeting(JUL_2017)
    minute_3 = Minute.internal.get(meeting=july, number=3)
    record = MinutesRecord.objects.get(meeting=february)
    assert record.confirmed_by_resolution.minute == minute_3
    page = client.get(reverse("meeting_minutes", args=[february.pk])).content.decode()
    assert (
        "Confirmed as a correct record at the meeting of "
        f'<a class="govuk-link" href="/meetings/{july.pk}/minutes/">Wednesday 26 July 2017</a> '
        f'(<a class="govuk-link" href="/minutes/{minute_3.pk}/">Minute 3</a>).'
    ) in page
    july_page = client.get(reverse("meeting_minutes", args=[july.pk])).content.decode()
    assert (
        f'<a class="govuk-link" href="/meetings/{february.pk}/minutes/">'
        "Confirms the minutes of Wednesday 15 February 2017</a>"
    ) in july_page
    detail = client.get(reverse("minute", args=[minute_3.pk])).content.decode()
    assert "Confirms the minutes of Wednesday 15 February 2017" in detail
    for response in (
        client.get(reverse("minutes_pdf", args=[february.pk])),
        client.get(reverse("minutes_word", args=[february.pk])),
    ):
        text = (
            _pdf_text(response)
            if response["Content-Type"] == "application/pdf"
            else " ".join(_word_text(response))
        )
        assert "Confirmed as a correct record at the meeting of Wednesday 26 July 2017 (Minute 3)." in text


def test_no_link_to_the_confirming_minutes_before_they_are_published(client, demo):
    february, july = _meeting(FEB_2017), _meeting(JUL_2017)
    MinutesRecord.objects.filter(meeting=july).update(status="draft")
    page = client.get(reverse("meeting_minutes", args=[february.pk])).content.decode()
    assert "Confirmed as a correct record at the meeting of Wednesday 26 July 2017 (Minute 3)." in page
    assert f"/meetings/{july.pk}/minutes/" not in page


def test_the_confirmation_item_links_its_minutes_paper_when_the_resolution_is_not_recorded(client, demo):
    february, july = _meeting(FEB_2017), _meeting(JUL_2017)
    MinutesRecord.objects.filter(meeting=february).update(confirmed_by_resolution=None)
    page = client.get(reverse("meeting_minutes", args=[july.pk])).content.decode()
    assert (
        f'href="/meetings/{february.pk}/minutes/">Confirms the minutes of Wednesday 15 February 2017' in page
    )
    assert (
        "Confirms the minutes of"
        not in client.get(
            reverse("minute", args=[Minute.internal.get(meeting=july, number=6).pk])
        ).content.decode()
    )


def test_a_resolution_shows_the_work_programme_changes_it_made(client, demo):
    from scrutiny.programme.models import WorkProgrammeItem

    july = _meeting(JUL_2017)
    minute_15 = Minute.internal.get(meeting=july, number=15)
    page = client.get(reverse("minute", args=[minute_15.pk])).content.decode()
    assert "Work programme changes made:" in page
    trading = WorkProgrammeItem.objects.get(key="trading-standards")
    assert (
        f'Resolution 1: <a class="govuk-link" href="/work-programme/items/{trading.pk}/">'
        "Moved to another meeting: Presentation by Kent County Council (KCC) Trading Standards"
    ) in page
    item_page = client.get(reverse("work_programme_item", args=[trading.pk])).content.decode()
    assert (
        f'By resolution: <a class="govuk-link" href="/minutes/{minute_15.pk}/">'
        "Minute 15, resolution 1 (26 July 2017)</a>"
    ) in item_page


def test_a_correction_to_confirmed_minutes_is_shown_to_the_public(client, demo):
    from django.utils import timezone

    from scrutiny.minutes import services

    july, february_2018 = _meeting(JUL_2017), _meeting(dt.date(2018, 2, 21))
    Meeting.objects.filter(pk=february_2018.pk).update(status="held")
    february_2018.refresh_from_db()
    services.minutes_confirm(meeting=july, at_meeting=february_2018)
    minute = Minute.internal.get(meeting=july, number=4)
    services.minute_amend(
        minute=minute,
        field="narrative",
        text="The Chairman confirmed that there were no urgent items.",
        reason="Wording agreed by the Committee",
        expected_revision=minute.revision,
        agreed_at=february_2018,
    )
    today = timezone.localdate()
    expected = (
        f"Corrected on {today.day} {today:%B %Y}, as agreed at the meeting of Wednesday 21 February 2018: "
        "the minute now reads:"
    )
    markup = client.get(reverse("minute", args=[minute.pk])).content.decode()
    page = " ".join(html.unescape(strip_tags(markup)).split())  # the words as read
    assert (
        f"{expected} The Chairman confirmed that there were no urgent items. "
        "Reason: Wording agreed by the Committee"
    ) in page
    assert f"<strong>Corrected on {today.day} {today:%B %Y}</strong>" in markup  # the date stands out
    pdf = _pdf_text(client.get(reverse("minutes_pdf", args=[july.pk])))
    assert f"{expected} “The Chairman confirmed that there were no urgent items.”" in pdf
    assert "Reason: Wording agreed by the Committee" in pdf
    word = " ".join(_word_text(client.get(reverse("minutes_word", args=[july.pk]))))
    assert expected in word and "Reason: Wording agreed by the Committee" in word


def test_the_agenda_packs_copy_of_the_minutes_is_laid_out_like_the_original(demo):
    from scrutiny.documents.models import Document
    from scrutiny.publishing.pack import render_document

    february_2018 = _meeting(dt.date(2018, 2, 21))
    paper = Document.internal.get(agenda_item__meeting=february_2018, minutes_of__date=JUL_2017)
    text = " ".join(" ".join(text_of(render_document(paper, february_2018))).split())
    for expected in (
        "MINUTES of the meeting of the Crime and Disorder (Overview and Scrutiny) Committee held on "
        "Wednesday 26 July 2017.",
        "PRESENT: Councillor R J Wells (Chairman) Councillor A S Sandhu, MBE (Vice-Chairman)",
        "ABSENT: Councillor R Lees",
        "Sheri Green – Strategic Director (External Services)",
        "PRESENT TO RESPOND TO ISSUES RAISED BY THE SCRUTINY COMMITTEE: Insp. Gary Woodward",
        "The meeting closed at 9.25 p.m. Councillor R J Wells CHAIRMAN",
    ):
        assert expected in text, expected
    assert "APOLOGIES:" not in text  # the original prints Councillor Lees ABSENT; minute 1 has the apology
    assert "DRAFT" not in text  # a minutes paper is on the agenda to be confirmed


def test_councillor_lees_is_printed_absent_as_in_the_original(client, demo):
    page = " ".join(
        client.get(reverse("meeting_minutes", args=[_meeting(JUL_2017).pk])).content.decode().split()
    )
    assert 'Absent</dt><dd class="govuk-summary-list__value">Councillor R Lees</dd>' in page
    assert "Apologies</dt>" not in page
    assert "An apology for absence had been received from Councillor R Lees." in page


def test_word_prints_the_chairmans_block_only_for_full_minutes(client, demo):
    july = _word_text(client.get(reverse("minutes_word", args=[_meeting(JUL_2017).pk])))
    assert july[-2:] == ["Councillor R J Wells", "CHAIRMAN"]
    assert "DRAFT: NOT YET CONFIRMED" in july
    summary = _word_text(client.get(reverse("minutes_word", args=[_meeting(FEB_2017).pk])))
    assert "CHAIRMAN" not in summary and "RESOLVED:" not in summary
    assert "Confirmed as a correct record at the meeting of Wednesday 26 July 2017 (Minute 3)." in summary
    assert "DRAFT: NOT YET CONFIRMED" not in summary


def test_substitutes_are_printed_with_the_member_they_stand_in_for(client):
    from scrutiny.minutes.models import Attendance
    from tests.factories import MeetingFactory, MinuteFactory, MinutesRecordFactory, PersonFactory

    meeting = MeetingFactory(date=JUL_2017)
    MinutesRecordFactory(meeting=meeting, status="published")
    MinuteFactory(meeting=meeting, number=1, position=1, title="APOLOGIES FOR ABSENCE")
    lees = PersonFactory(family_name="Lees", initials="R")
    kite = PersonFactory(family_name="Kite", initials="P")
    Attendance.objects.create(meeting=meeting, position=1, kind="apologies", person=lees)
    Attendance.objects.create(
        meeting=meeting, position=2, kind="substitute", person=kite, substitute_for=lees
    )
    pdf = _pdf_text(client.get(reverse("minutes_pdf", args=[meeting.pk])))
    assert "Councillor P Kite (substitute for Councillor R Lees)" in pdf
    assert "DRAFT: NOT YET CONFIRMED" in pdf
    word = _word_text(client.get(reverse("minutes_word", args=[meeting.pk])))
    assert "Councillor P Kite (substitute for Councillor R Lees)" in word
    assert "DRAFT: NOT YET CONFIRMED" in word


def test_the_cabinet_member_by_standing_invitation_is_printed_under_cabinet_members_as_in_the_original(
    client, demo
):
    from scrutiny.documents.models import Document
    from scrutiny.publishing.pack import render_document

    july = _meeting(JUL_2017)
    allen = "Councillor Mrs A D Allen, MBE"
    cabinet = f"{allen}, Portfolio Holder for Community Development [by standing invitation]"
    page = " ".join(client.get(reverse("meeting_minutes", args=[july.pk])).content.decode().split())
    assert f"<li>{allen} (Invitee)</li>" in page.split("Present</dt>")[1].split("</dd>")[0]
    block = page.split('Cabinet members</dt><dd class="govuk-summary-list__value">')[1].split("</dd>")[0]
    assert block == f'<ul class="govuk-list"><li>{cabinet}</li></ul>'
    assert page.index("Officers</dt>") < page.index("Cabinet members</dt>") < page.index(
        "Present to respond to issues raised</dt>"
    )

    february_2018 = _meeting(dt.date(2018, 2, 21))
    paper = Document.internal.get(agenda_item__meeting=february_2018, minutes_of__date=JUL_2017)
    for text in (
        _pdf_text(client.get(reverse("minutes_pdf", args=[july.pk]))),
        " ".join(" ".join(text_of(render_document(paper, february_2018))).split()),
    ):
        assert f"{allen} (Invitee) Councillor D A Hammock (Invitee) ABSENT: Councillor R Lees" in text
        assert (
            f"Jade Ransley – Community Safety Officer, CSU CABINET MEMBERS: {cabinet} "
            "PRESENT TO RESPOND TO ISSUES RAISED BY THE SCRUTINY COMMITTEE:"
        ) in text
    word = _word_text(client.get(reverse("minutes_word", args=[july.pk])))
    at = word.index("CABINET MEMBERS:")
    assert word[at - 1] == "Jade Ransley – Community Safety Officer, CSU"
    assert "Dartford Borough Council Officers:" in word and "Insp. Gary Woodward – CSU Inspector, Kent Police" in word
    assert word[at + 1 : at + 3] == [cabinet, "PRESENT TO RESPOND TO ISSUES RAISED BY THE SCRUTINY COMMITTEE:"]
    assert f"{allen} (Invitee)" in word[: word.index("ABSENT:")]


def test_a_committee_that_prints_names_without_councillor_has_them_so_on_page_and_in_word(client, demo):
    july = _meeting(JUL_2017)
    july.committee.names_with_councillor = False
    july.committee.save()
    page = " ".join(client.get(reverse("meeting_minutes", args=[july.pk])).content.decode().split())
    assert 'Absent</dt><dd class="govuk-summary-list__value">R Lees</dd>' in page
    word = _word_text(client.get(reverse("minutes_word", args=[july.pk])))
    attendance = [line for line in word if "R J Wells" in line]
    assert attendance and not any("Councillor R J Wells" in line for line in attendance)
