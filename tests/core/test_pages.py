"""The public pages, read as a resident would, against the Dartford demo."""

import datetime as dt

import pytest
from django.urls import reverse

from scrutiny.meetings.models import Meeting
from scrutiny.minutes.models import Minute

pytestmark = pytest.mark.django_db


def _meeting(day):
    return Meeting.objects.get(date=dt.date.fromisoformat(day))


def test_home_lists_the_committees(client, demo):
    page = client.get("/").content.decode()
    assert "Crime and Disorder (Overview and Scrutiny) Committee" in page
    assert "Dartford Borough Council" in page


def test_committee_page_shows_membership_partners_and_meetings_by_year(client, demo):
    page = client.get(
        reverse("committee", args=["dartford-crime-and-disorder"]) + "?year=2017"
    ).content.decode()
    assert "Membership in 2017-18" in page
    assert "Councillor R J Wells" in page and "Chairman" in page
    assert "Councillor A S Sandhu, MBE" in page and "Vice-Chairman" in page
    assert "Dartford and Gravesham Community Safety Partnership" in page
    assert "Kent, Surrey and Sussex Community Rehabilitation Company" in page
    assert "Succeeded by <strong>Dartford Community Safety Partnership</strong>" in page
    assert "Municipal year 2017-18" in page and "Municipal year 2016-17" in page
    assert "Wednesday 26 July 2017" in page


def test_committee_page_shows_the_standing_invitations_of_2016_17(client, demo):
    page = client.get(
        reverse("committee", args=["dartford-crime-and-disorder"]) + "?year=2016"
    ).content.decode()
    assert "Councillor Mrs A D Allen, MBE" in page
    assert "The Strategic Director (External Services)" in page
    assert "Councillor R J Wells" not in page


def test_meeting_page_shows_agenda_papers_and_resolutions(client, demo):
    page = client.get(reverse("meeting", args=[_meeting("2018-02-21").pk])).content.decode()
    assert "Regulation 9 Notice" in page
    assert "To note the contents of the Regulation 9 Notice for the period 15" in page
    assert "CSP Strategic Assessment 2017" in page  # exempt item: its existence and reason
    assert "supplied to the Council in confidence" in page
    july = client.get(reverse("meeting", args=[_meeting("2017-07-26").pk])).content.decode()
    assert "RESOLVED:" in july
    assert "be confirmed as an accurate record of those proceedings." in july
    assert "The meeting closed at 9.25 p.m." in july or "closed at 9.25" in july


def test_the_minutes_read_in_order(client, demo):
    meeting = _meeting("2017-07-26")
    page = client.get(reverse("meeting_minutes", args=[meeting.pk])).content.decode()
    positions = [page.index(f"{n}. ") for n in (1, 2, 3)]
    assert positions == sorted(positions)
    assert "There were no declarations of interest." in page
    minute = Minute.internal.get(meeting=meeting, number=10)
    one = client.get(reverse("minute", args=[minute.pk])).content.decode()
    assert "Minute 10" in one and "Officers undertook to respond to Members on both points." in one


def test_a_summary_is_not_passed_off_as_minutes(client, demo):
    page = client.get(reverse("meeting_minutes", args=[_meeting("2016-07-27").pk])).content.decode()
    assert "Summary of the proceedings" in page
    assert "These are not the formal minutes" in page


def test_a_meeting_known_by_month_says_so(client, demo):
    page = client.get(reverse("meeting", args=[_meeting("2019-07-01").pk])).content.decode()
    assert "July 2019" in page and "the day is not recorded" in page
    assert "Community Safety Strategy 2019-2022" in page


def test_work_programme_page(client, demo):
    page = client.get(reverse("work_programme", args=["dartford-crime-and-disorder"])).content.decode()
    assert "Summer 2016 (July)" in page and "Winter 2018 (February)" in page
    assert "b/f to February 2017" in page


@pytest.mark.parametrize(
    "url",
    ["/meetings/999999/", "/minutes/999999/", "/documents/999999/", "/committees/nowhere/", "/no-such-page/"],
)
def test_unknown_records_get_a_clear_404_without_a_stack_trace(client, db, url):
    response = client.get(url)
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page
    assert "Traceback" not in page and "DoesNotExist" not in page


def test_server_errors_show_a_friendly_page(client, db, monkeypatch):
    from scrutiny.publishing import views

    def broken(*args, **kwargs):
        raise RuntimeError("boom: internal detail")

    monkeypatch.setattr(views.governance_selectors, "committees", broken)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    assert b"Sorry, there is a problem with the service" in response.content
    assert b"internal detail" not in response.content


def test_a_host_not_ours_gets_the_bad_request_page_not_a_crash(client, db):
    # Refused before sign-in is looked at: the error page is drawn for an anonymous viewer.
    response = client.get("/", HTTP_HOST="scrutiny.attacker.example")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Sorry, there is a problem with your request" in page
    assert "Sign out" not in page and "Traceback" not in page and "attacker" not in page


def test_sign_in_errors_are_friendly_and_labelled(client, db):
    response = client.post(reverse("login"), {"username": "", "password": ""})
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Enter your username" in page and "Enter your password" in page
    assert '<label class="govuk-label" for="id_username">' in page
    response = client.post(reverse("login"), {"username": "nobody", "password": "wrong"})
    assert "Enter a correct username and password" in response.content.decode()


def test_several_councils_and_committees_live_side_by_side(client, demo):
    from tests.factories import CommitteeFactory, CouncilFactory, MeetingFactory

    county = CouncilFactory(name="Kent County Council Test", slug="kcc-test")
    other = CommitteeFactory(
        name="Scrutiny Committee (crime and disorder)", slug="kcc-scrutiny", council=county
    )
    MeetingFactory(committee=other, date=dt.date(2017, 7, 26))
    home = client.get("/").content.decode()
    assert "Scrutiny Committee (crime and disorder)" in home and "Kent County Council Test" in home
    dartford = client.get(reverse("committee", args=["dartford-crime-and-disorder"])).content.decode()
    other_page = client.get(reverse("committee", args=["kcc-scrutiny"])).content.decode()
    meetings_listed = dartford.split('id="meetings"')[1].split("<h2")[0]
    assert meetings_listed.count("Wednesday 26 July 2017") == 1  # its own meeting, not the other council's
    assert "Wednesday 26 July 2017" in other_page and "Councillor R J Wells" not in other_page


def test_committee_page_shows_the_partnerships_it_scrutinises_with_dates_and_no_internal_notes(client, demo):
    from html import escape

    from scrutiny.governance.models import Membership, Organisation, Partnership, Scrutiny
    from tests.factories import OrganisationFactory

    # Dartford is a partner of a county-wide partnership its committee does not scrutinise
    county_csp = OrganisationFactory(name="Kent Community Safety Partnership", slug="kent-csp", kind="csp",
                                     note="INTERNAL-NOTE of the county CSP")
    dartford = Organisation.objects.get(slug="dartford-bc")
    Partnership.objects.create(partnership=county_csp, member=dartford, note="INTERNAL-NOTE of a partnership")
    dg_csp = Organisation.objects.get(slug="dg-csp")
    dg_csp.public_description = "The joint partnership of the two boroughs."
    dg_csp.save()
    page = " ".join(client.get(reverse("committee", args=["dartford-crime-and-disorder"])).content.decode().split())
    assert "Kent Community Safety Partnership" not in page
    assert "The Committee scrutinised this partnership until October 2020." in page
    assert "The Committee scrutinises this partnership from January 2021." in page
    assert page.index("Dartford and Gravesham Community Safety Partnership") < page.index(
        "Dartford Community Safety Partnership</h3>")
    assert "The joint partnership of the two boroughs." in page
    internal = [o.note for o in Organisation.objects.exclude(note="")]
    internal += [p.note for p in Partnership.objects.exclude(note="")]
    internal += [s.note for s in Scrutiny.objects.exclude(note="")]
    assert internal
    for note in internal:
        assert note not in page and escape(note) not in page, note
    for year in ("2016", "2017", "2018", "2019"):
        seats = client.get(reverse("committee", args=["dartford-crime-and-disorder"]) + f"?year={year}").content.decode()
        for note in Membership.objects.exclude(note="").values_list("note", flat=True):
            assert escape(note) not in seats, note
