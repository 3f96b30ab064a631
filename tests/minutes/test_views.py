"""The minutes as the public reads them, and the officers' screens."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document as Word

from scrutiny.meetings.models import Meeting
from scrutiny.minutes import services
from scrutiny.minutes.models import Action, Minute
from scrutiny.minutes.selectors import resolution_texts
from tests.minutes.scenes import SECRET, SECRET_TITLE, exempt_minute_on
from tests.minutes.test_services import stored
from tests.pdfs import text_of

pytestmark = pytest.mark.django_db
SLUG = "dartford-crime-and-disorder"


def _july():
    return Meeting.objects.get(date=dt.date(2017, 7, 26))


def test_the_minutes_of_26_july_2017_render_like_the_original(client, demo):
    page = client.get(reverse("meeting_minutes", args=[_july().pk])).content.decode()
    assert "Draft minutes, not yet confirmed by the Committee." in page
    for text in (
        "Councillor R J Wells (Chairman)",
        "Councillor A S Sandhu, MBE (Vice-Chairman)",
        "Councillor R Lees",
        "Sheri Green – Strategic Director (External Services)",
        "Insp. Gary Woodward – CSU Inspector, Kent Police",
        "7 members present; the quorum is 3: quorate",
        "The meeting closed at 9.25 p.m.",
        "CHAIRMAN",
    ):
        assert text in page, text


def test_cross_references_to_minutes_are_links(client, demo):
    meeting = _july()
    minute_13 = Minute.internal.get(meeting=meeting, number=13)
    page = client.get(reverse("meeting_minutes", args=[meeting.pk])).content.decode()
    # minute 11 says "[Min. No. 13 refers]"
    assert f'[<a class="govuk-link" href="/minutes/{minute_13.pk}/">Min. No. 13 refers</a>]' in page


def test_minute_13_is_public_as_the_council_published_it_although_item_a_is_exempt(client, demo):
    july = _july()
    minute_13 = Minute.internal.get(meeting=july, number=13)
    assert minute_13.agenda_item.is_exempt and not minute_13.is_withheld_from_public
    for url in (reverse("meeting_minutes", args=[july.pk]), reverse("minute", args=[minute_13.pk])):
        page = client.get(url).content.decode()
        assert "13. CSP PERFORMANCE REPORT" in page
        assert "The ‘iQuanta Bar Chart MSG (3 months) – Crimes per 1,000 population’" in page
        assert "That a presentation by a KCC or Kent Police crime data expert be added" in page
        assert "NOT FOR PUBLICATION" not in page and "The Committee passed 2 resolutions" not in page
    meeting_page = client.get(reverse("meeting", args=[july.pk])).content.decode()
    assert "That Members note the contents of the Dartford &amp; Gravesham Community Safety" in meeting_page
    assert "The Committee considered this item in private" not in meeting_page


def test_the_decisions_list_gives_resolutions_alone(client, demo, officer):
    july = _july()
    exempt_minute_on(july)
    page = client.get(reverse("decisions", args=[july.pk])).content.decode()
    assert "That the Minutes of the Committee" in page
    assert "That Members note the contents of the Dartford &amp; Gravesham Community Safety" in page  # minute 13
    assert f"{SECRET_TITLE.upper()}</a>" in page
    assert "The Committee passed 2 resolutions on this item, which are withheld under an obligation" in page
    assert SECRET not in page
    assert "Members expressed their concern" not in page  # no narrative
    client.force_login(officer)
    page = client.get(reverse("decisions", args=[july.pk])).content.decode()
    assert f"That {SECRET} resolution 2 be noted." in page and "NOT FOR PUBLICATION" in page
    assert f"{SECRET} narrative" not in page


def test_the_minutes_as_pdf_and_word(client, demo):
    pdf = client.get(reverse("minutes_pdf", args=[_july().pk]))
    text = " ".join(" ".join(text_of(pdf.content)).split())
    assert "DRAFT: NOT YET CONFIRMED" in text and "PRESENT: Councillor R J Wells (Chairman)" in text
    assert "16. CRIME AND DISORDER (O&S) ANNUAL REPORT 2016-17" in text
    assert "13. CSP PERFORMANCE REPORT" in text and "iQuanta Bar Chart" in text  # published in full
    word = Word(io.BytesIO(client.get(reverse("minutes_word", args=[_july().pk])).content))
    paragraphs = [p.text for p in word.paragraphs]
    assert "1. APOLOGIES FOR ABSENCE" in paragraphs and "CHAIRMAN" in paragraphs
    assert "The meeting closed at 9.25 pm" in paragraphs
    assert "13. CSP PERFORMANCE REPORT" in paragraphs and any("iQuanta Bar Chart" in p for p in paragraphs)


def test_an_exempt_minute_in_the_pdf_and_word_is_the_public_record_or_the_marked_copy(client, demo, officer):
    july = _july()
    minute = exempt_minute_on(july)
    heading = f"{minute.number}. {SECRET_TITLE.upper()}"
    notice = "The Committee passed 2 resolutions on this item, which are withheld under an obligation"

    def texts():
        pdf = client.get(reverse("minutes_pdf", args=[july.pk]))
        word = client.get(reverse("minutes_word", args=[july.pk]))
        return (
            " ".join(" ".join(text_of(pdf.content)).split()),
            " ".join(p.text for p in Word(io.BytesIO(word.content)).paragraphs),
        )

    for text in texts():
        assert heading in text and notice in text
        assert SECRET not in text and "NOT FOR PUBLICATION" not in text
        assert "iQuanta Bar Chart" in text  # minute 13 stays public beside it
    client.force_login(officer)
    for text in texts():
        assert f"{SECRET} narrative" in text and f"That {SECRET} resolution 1 be noted." in text
        assert "NOT FOR PUBLICATION: the information was supplied to the Council in confidence" in text


def test_the_tracker_shows_actions_with_their_status_and_flags_overdue_ones(client, demo):
    page = client.get(reverse("tracker", args=[SLUG])).content.decode()
    assert "Respond to Members on both points raised by Councillor Hammock" in page
    assert "Overdue" in page  # due 21 February 2018, still open


def test_follow_up_of_an_exempt_minute_is_not_shown_to_the_public(client, demo, officer):
    exempt = exempt_minute_on(_july())
    services.action_record(
        minute=exempt, description="SECRET follow-up on the confidential figures", owner_note="CSM"
    )
    assert "SECRET" not in client.get(reverse("tracker", args=[SLUG])).content.decode()
    client.force_login(officer)
    assert "SECRET follow-up" in client.get(reverse("tracker", args=[SLUG])).content.decode()


def test_an_officer_edit_on_a_stale_revision_is_refused_and_both_texts_kept(client, demo, officer):
    client.force_login(officer)
    minute = Minute.internal.get(meeting=_july(), number=4)
    url = reverse("minute_edit", args=[minute.pk])
    form = {"title": minute.title, "number": 4, "revision": minute.revision, "resolutions": ""}
    first = client.post(url, {**form, "narrative": "Officer A's text"})
    assert first.status_code == 302
    second = client.post(url, {**form, "narrative": "Officer B's text"})
    assert second.status_code == 400
    page = second.content.decode()
    assert "was changed by someone else while you were editing it" in page
    assert "Officer B&#x27;s text" in page  # the second officer's text is still in the form
    saved_now = page.split('id="saved-now"')[1].split("</div>")[0]
    assert "Officer A&#x27;s text" in saved_now  # and the first officer's, to merge
    minute.refresh_from_db()
    assert minute.narrative == "Officer A's text"
    assert f'type="hidden" name="revision" value="{minute.revision}"' in page
    merged = client.post(
        url, {**form, "revision": minute.revision, "narrative": "Officer A's text. Officer B's text."}
    )
    assert merged.status_code == 302
    minute.refresh_from_db()
    assert minute.narrative == "Officer A's text. Officer B's text."


def test_the_edit_screen_saves_the_minute_and_its_resolutions_together_or_not_at_all(client, demo, officer):
    from scrutiny.minutes.models import Resolution

    client.force_login(officer)
    minute = Minute.internal.get(meeting=_july(), number=15)
    kept = list(Resolution.internal.filter(minute=minute).values_list("pk", flat=True))
    url = reverse("minute_edit", args=[minute.pk])
    form = {"title": minute.title, "number": 15, "revision": minute.revision, "narrative": "New narrative"}
    before = stored()
    clash = client.post(url, {**form, "number": 3, "resolutions": "That the report be noted.\n\nThat X."})
    assert clash.status_code == 400 and "Minute 3 already exists in this municipal year" in clash.content.decode()
    assert stored() == before  # neither the minute nor its resolutions
    response = client.post(url, {**form, "resolutions": "That the report be noted.\n\nThat a presentation be made."})
    assert response.status_code == 302
    minute.refresh_from_db()
    assert minute.narrative == "New narrative" and minute.revision == form["revision"] + 1
    rows = list(Resolution.internal.filter(minute=minute).order_by("number").values_list("pk", "text"))
    assert [t for _, t in rows] == ["That the report be noted.", "That a presentation be made."]
    assert rows[0][0] == kept[0]  # changed in place: its history and the links to it are kept


def test_the_saved_message_names_the_minute_by_its_number_after_the_change(client, demo, officer):
    client.force_login(officer)
    minute = Minute.internal.get(meeting=_july(), number=15)
    free = 99
    assert not Minute.internal.filter(number=free).exists()
    form = {"title": minute.title, "number": free, "revision": minute.revision, "narrative": minute.narrative}
    resolutions = "\n\n".join(resolution_texts(minute=minute))
    response = client.post(reverse("minute_edit", args=[minute.pk]), {**form, "resolutions": resolutions}, follow=True)
    page = response.content.decode()
    assert f"Minute {free} saved." in page and "Minute 15 saved." not in page


def test_confirmed_minutes_are_corrected_by_amendment_not_edited(client, demo, officer):
    client.force_login(officer)
    july = _july()
    february = Meeting.objects.get(date=dt.date(2018, 2, 21))
    february.status = "held"
    february.save()
    services.minutes_confirm(meeting=july, at_meeting=february)
    minute = Minute.internal.get(meeting=july, number=4)
    before = stored()
    response = client.post(
        reverse("minute_edit", args=[minute.pk]),
        {
            "title": minute.title,
            "number": 4,
            "revision": minute.revision,
            "resolutions": "",
            "narrative": "Edited",
        },
    )
    assert response.status_code == 400 and "Record an amendment instead" in response.content.decode()
    assert stored() == before
    url = reverse("minute_amend", args=[minute.pk])
    form = client.get(url).content.decode()
    assert 'name="revision"' in form and 'type="hidden"' in form and "?part=title" in form
    response = client.post(
        url,
        {"part": "narrative", "revision": minute.revision, "text": "Corrected text", "reason": "Agreed correction",
         "agreed_at": february.pk},
    )
    assert response.status_code == 302
    minute.refresh_from_db()
    amendment = minute.amendments.get()
    assert minute.narrative == "Corrected text" and amendment.reason == "Agreed correction"
    assert amendment.agreed_at == february and amendment.by == officer

    stale = client.post(
        url, {"part": "narrative", "revision": minute.revision - 1, "text": "Other text", "reason": "Another"}
    )
    assert stale.status_code == 400
    assert "was corrected or changed by someone else" in stale.content.decode()
    assert "Other text" in stale.content.decode()  # the second officer's text is kept in the form
    minute.refresh_from_db()
    assert minute.narrative == "Corrected text"

    resolution_minute = Minute.internal.get(meeting=july, number=3)
    page = client.get(url.replace(str(minute.pk), str(resolution_minute.pk)) + "?part=resolution-1").content.decode()
    assert "Resolution 1: the text saved now" in page
    response = client.post(
        reverse("minute_amend", args=[resolution_minute.pk]),
        {"part": "resolution-1", "revision": resolution_minute.revision, "text": "That the Minutes be confirmed.",
         "reason": "Wording"},
    )
    assert response.status_code == 302
    assert resolution_minute.resolutions.get(number=1).text == "That the Minutes be confirmed."


def test_an_officer_records_an_action_due_by_default_before_the_next_meeting(client, demo, officer):
    client.force_login(officer)
    minute = Minute.internal.get(meeting=_july(), number=8)
    response = client.post(
        reverse("action_add", args=[minute.pk]),
        {"description": "Send Members the IDAS contract summary", "owner_note": "KCC Commissioning Officer"},
    )
    assert response.status_code == 302
    assert Action.objects.get(description__startswith="Send Members").due_on == dt.date(2018, 2, 21)


def test_unknown_people_cannot_reach_the_officers_minutes_screens(client, demo):
    minute = Minute.internal.get(meeting=_july(), number=4)
    for url in (reverse("minute_edit", args=[minute.pk]), reverse("minutes_confirm", args=[_july().pk])):
        assert client.get(url).status_code == 302


def test_a_recommendation_through_its_steps_on_the_follow_up_page(client, demo, officer):
    from scrutiny.governance.models import Organisation
    from scrutiny.minutes.models import Recommendation

    client.force_login(officer)
    minute = Minute.internal.get(meeting=_july(), number=15)
    police = Organisation.objects.get(slug="kent-police")
    client.post(
        reverse("recommendation_add", args=[minute.pk]),
        {"authority": police.pk, "text": "That Kent Police attend with its crime data expert."},
    )
    rec = Recommendation.objects.get()

    def step(name, data):
        return client.post(reverse("recommendation_step", args=[rec.pk, name]), data)

    before = stored()
    refused = step("response", {"on_day": 1, "on_month": 9, "on_year": 2017, "response": "Yes"})
    assert refused.status_code == 400 and "was never made formally" in refused.content.decode()
    page = client.get(reverse("tracker", args=[SLUG])).content.decode()
    assert reverse("recommendation_step", args=[rec.pk, "make"]) not in page  # the check comes first
    skipped = step("make", {"on_day": 9, "on_month": 8, "on_year": 2017})
    assert skipped.status_code == 400 and "for comment on its factual accuracy first" in skipped.content.decode()
    assert stored() == before
    assert step("send", {"on_day": 1, "on_month": 8, "on_year": 2017}).status_code == 302
    assert step("make", {"on_day": 9, "on_month": 8, "on_year": 2017}).status_code == 302
    page = client.get(reverse("tracker", args=[SLUG])).content.decode()
    assert "6 Sep 2017" in page and "Response overdue" in page
    assert (
        step(
            "response", {"on_day": 1, "on_month": 9, "on_year": 2017, "response": "We will attend."}
        ).status_code
        == 302
    )
    assert step("report", {"meeting": Meeting.objects.get(date=dt.date(2018, 2, 21)).pk}).status_code == 302
    rec.refresh_from_db()
    assert rec.status == "reported" and rec.response == "We will attend."


def test_progress_report_to_the_next_meeting_is_public_whoever_downloads_it(client, demo, officer):
    import io

    from pypdf import PdfReader

    exempt = exempt_minute_on(_july())
    services.action_record(minute=exempt, description="SECRET follow-up on the confidential figures", owner_note="CSM")
    client.force_login(officer)  # even an officer's download is the public paper
    response = client.get(reverse("tracker_report_pdf", args=[SLUG]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages).split())
    assert "ACTIONS AND RECOMMENDATIONS: PROGRESS REPORT" in text
    assert "Respond to Members on both points raised by Councillor Hammock" in text
    assert "OVERDUE" in text
    assert "SECRET" not in text


def test_confirming_on_the_form_links_the_confirmation_item_of_the_later_meeting(client, demo, officer):
    from scrutiny.minutes.models import MinutesRecord

    client.force_login(officer)
    july = _july()
    february = Meeting.objects.get(date=dt.date(2018, 2, 21))
    services.minutes_draft(meeting=february, by=officer, today=dt.date(2018, 2, 22))
    response = client.post(reverse("minutes_confirm", args=[july.pk]), {"at_meeting": february.pk})
    assert response.status_code == 302
    record = MinutesRecord.objects.get(meeting=july)
    assert record.status == "confirmed" and record.confirmed_at == february
    confirming = record.confirmed_by_resolution
    assert confirming.minute.meeting == february
    assert confirming.text.startswith("That the Minutes of the Committee's meeting held on 26 July 2017")


def test_an_officer_closes_reopens_and_reports_actions_from_the_tracker(client, demo, officer):
    action = Action.objects.get(description__startswith="Respond to Members on both points")
    tracker_url = reverse("tracker", args=[SLUG])
    assert reverse("action_close", args=[action.pk]) not in client.get(tracker_url).content.decode()
    assert client.get(reverse("action_close", args=[action.pk])).status_code == 302  # to sign in
    client.force_login(officer)
    page = client.get(tracker_url).content.decode()
    assert reverse("action_close", args=[action.pk]) in page and reverse("actions_report", args=[SLUG]) in page
    form = client.get(reverse("action_close", args=[action.pk])).content.decode()
    assert '<label class="govuk-label govuk-label--s" for="id_outcome">Outcome (optional)</label>' in form

    february = Meeting.objects.get(date=dt.date(2018, 2, 21))
    before = stored()
    refused = client.post(
        reverse("action_close", args=[action.pk]),
        {"result": "done", "closed_on_day": 1, "closed_on_month": 7, "closed_on_year": 2017},
    )
    assert refused.status_code == 400 and "before the meeting it came from" in refused.content.decode()
    assert stored() == before
    response = client.post(
        reverse("action_close", args=[action.pk]),
        {
            "result": "done",
            "closed_on_day": 9,
            "closed_on_month": 2,
            "closed_on_year": 2018,
            "outcome": "Officers replied to Members on 9 February 2018.",
            "reported_at": february.pk,
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "done" and action.reported_at == february
    page = client.get(tracker_url).content.decode()
    assert reverse("action_reopen", args=[action.pk]) in page
    assert "reported to the meeting of" in page

    assert client.post(reverse("action_reopen", args=[action.pk]), {"reason": "Only one point answered"}).status_code == 302
    action.refresh_from_db()
    assert action.status == "open" and action.closed_on is None

    response = client.post(reverse("actions_report", args=[SLUG]), {"meeting": february.pk})
    assert response.status_code == 302
    from scrutiny.minutes.models import ActionReport

    reported = ActionReport.objects.filter(meeting=february)
    assert action.pk in set(reported.values_list("action", flat=True))
    assert not Action.objects.filter(status="open", reported_at__isnull=True, minute__is_exempt=False,
                                     minute__agenda_item__is_exempt=False).exists()


def test_removing_a_resolution_on_the_edit_screen_that_changed_the_plan_is_refused_not_a_500(
    client, demo, officer
):
    from scrutiny.minutes.models import Resolution
    from scrutiny.programme.models import WorkProgrammeChange

    client.force_login(officer)
    minute = Minute.internal.get(meeting=_july(), number=15)
    linked = Resolution.internal.filter(minute=minute, work_programme_changes__isnull=False).first()
    assert linked is not None, "the demo's minute 15 changed the work plan"
    url = reverse("minute_edit", args=[minute.pk])
    form = {"title": minute.title, "number": 15, "revision": minute.revision, "narrative": minute.narrative}
    before, plan_before = stored(), list(WorkProgrammeChange.objects.order_by("pk").values())
    response = client.post(url, {**form, "resolutions": ""})
    assert response.status_code == 400
    page = " ".join(response.content.decode().split())
    assert f"Resolution {linked.number} of Minute 15 of Wednesday 26 July 2017 cannot be removed" in page
    assert stored() == before and list(WorkProgrammeChange.objects.order_by("pk").values()) == plan_before


def test_resolutions_typed_in_a_browser_are_split_on_blank_lines_whatever_the_line_endings(client, demo, officer):
    from scrutiny.minutes.models import Resolution

    client.force_login(officer)
    minute = Minute.internal.get(meeting=_july(), number=4)
    url = reverse("minute_edit", args=[minute.pk])
    form = {"title": minute.title, "number": 4, "revision": minute.revision, "narrative": minute.narrative}
    # browsers submit a textarea's line breaks as CRLF; a blank line may hold spaces
    response = client.post(url, {**form, "resolutions": "That A.\r\n\r\nThat B.\r\n  \r\nThat C,\r\nand D."})
    assert response.status_code == 302
    assert list(Resolution.internal.filter(minute=minute).order_by("number").values_list("text", flat=True)) == [
        "That A.",
        "That B.",
        "That C,\nand D.",
    ]
