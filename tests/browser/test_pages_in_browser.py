"""The public site and sign-in, as residents, councillors and officers use them."""

import datetime as dt

import pytest

from scrutiny.demo.accounts import MEMBER
from scrutiny.meetings.models import Meeting
from scrutiny.minutes.models import Minute
from tests.browser.conftest import SHOTS, axe_violations
from tests.minutes.scenes import SECRET, exempt_minute_on

# Minute 13 of 26 July 2017 was taken in private (exempt Item A) yet published in full.
MINUTE_13_WORDS = "iQuanta Bar Chart"


@pytest.fixture
def ids(site):
    """The demo's pages, with an exempt minute added to 26 July 2017 (the demo has none)."""
    july = Meeting.objects.get(date=dt.date(2017, 7, 26))
    return {
        "july": july.pk,
        "february": Meeting.objects.get(date=dt.date(2018, 2, 21)).pk,
        "exempt_minute": exempt_minute_on(july).pk,
        "open_minute": Minute.internal.get(meeting=july, number=10).pk,
        "minute_13": Minute.internal.get(meeting=july, number=13).pk,
    }


def test_a_resident_finds_a_meeting_and_never_sees_exempt_content(page, site, ids):
    page.goto(site + "/")
    page.get_by_role("link", name="Crime and Disorder (Overview and Scrutiny) Committee").click()
    page.get_by_role("link", name="Wednesday 21 February 2018").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Wednesday 21 February 2018"
    body = page.locator("main").inner_text()
    assert "Regulation 9 Notice" in body
    assert "CSP Strategic Assessment 2017" in body and "supplied to the Council in confidence" in body
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "meeting-2018-02-21-public.png"), full_page=True)
    page.goto(f"{site}/meetings/{ids['july']}/minutes/")
    minutes = page.locator("main").inner_text()
    assert "DECLARATIONS OF INTEREST" in minutes
    assert SECRET not in minutes
    assert "considered in private" in minutes
    assert MINUTE_13_WORDS in minutes  # published by the council although Item A is exempt


def test_a_councillor_signs_in_with_the_keyboard_and_reads_the_exempt_minute(page, site, ids):
    page.goto(f"{site}/minutes/{ids['exempt_minute']}/")
    assert SECRET not in page.locator("main").inner_text()
    page.goto(f"{site}/accounts/sign-in/?next=/minutes/{ids['exempt_minute']}/")
    page.keyboard.press("Tab")  # the skip link is the first stop
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    page.get_by_label("Username").focus()
    page.keyboard.type(MEMBER.username)
    page.keyboard.press("Tab")
    page.keyboard.type(MEMBER.password)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site}/minutes/{ids['exempt_minute']}/")
    main = page.locator("main").inner_text()
    assert f"{SECRET} narrative" in main
    assert "NOT FOR PUBLICATION" in main


def test_a_wrong_password_is_explained_and_focus_goes_to_the_summary(page, site):
    page.goto(site + "/accounts/sign-in/")
    page.get_by_label("Username").fill("member")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Sign in").click()
    summary = page.locator(".govuk-error-summary")
    assert "Enter a correct username and password" in summary.inner_text()
    page.wait_for_function(
        "document.activeElement && document.activeElement.classList.contains('govuk-error-summary')"
    )


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/committees/dartford-crime-and-disorder/",
        "/committees/dartford-crime-and-disorder/work-programme/",
        "/meetings/{february}/",
        "/meetings/{july}/",
        "/meetings/{july}/minutes/",
        "/minutes/{open_minute}/",
        "/minutes/{exempt_minute}/",
        "/minutes/{minute_13}/",
        "/accounts/sign-in/",
        "/meetings/{july}/decisions/",
        "/committees/dartford-crime-and-disorder/follow-up/",
        "/committees/dartford-crime-and-disorder/work-programme/versions/",
        "/no-such-page/",
    ],
)
def test_pages_meet_wcag_2_2_aa_as_axe_checks_it(page, site, ids, path):
    page.goto(site + path.format(**ids))
    assert axe_violations(page) == []


@pytest.mark.parametrize("width", [1280, 320])
def test_a_withdrawn_version_is_explained_passes_axe_and_reflows(page, site, ids, width):
    from scrutiny.demo.loader import publish_demo_agendas
    from scrutiny.publishing.models import AgendaPublication
    from scrutiny.publishing.services import publication_withdraw

    publish_demo_agendas()
    reason = "An item was made exempt after publication; a corrected agenda follows."
    publication_withdraw(publication=AgendaPublication.objects.get(meeting_id=ids["february"], version=1), reason=reason)
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(site + f"/meetings/{ids['february']}/agenda-pack/v1.pdf")
    assert response.status == 410
    assert page.get_by_role("heading", level=1).inner_text() == "This version of the agenda was withdrawn"
    assert reason in page.locator("main").inner_text()
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0


def test_the_brand_is_the_councils_not_govuk(page, site):
    page.goto(site + "/")
    html = page.content()
    assert "GOV.UK" not in page.locator("header").inner_text()
    assert "govuk-crest" not in html and "GDS Transport" not in html
    font = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert "GDS Transport" not in font and "arial" in font.lower()
    colour = page.evaluate("getComputedStyle(document.querySelector('.scrutiny-header')).backgroundColor")
    assert colour == "rgb(0, 98, 110)"  # the council's brand colour, from the built stylesheet


def test_the_pages_of_signing_in_with_two_factors_meet_wcag_2_2_aa(page, site):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from scrutiny.access.models import Role, RoleKind
    from scrutiny.governance.models import Organisation
    from tests.access.signing_in import current_code
    from tests.factories import UserFactory

    for path in ("/accounts/password-reset/", "/accounts/password-reset/sent/"):
        page.goto(site + path)
        assert axe_violations(page) == [], path
    newcomer = UserFactory(username="new-officer", password="a-long-pass-phrase-9")
    Role.objects.create(user=newcomer, council=Organisation.objects.get(slug="dartford-bc"), kind=RoleKind.OFFICER)
    page.goto(site + "/accounts/sign-in/")
    page.get_by_label("Username").fill("new-officer")
    page.get_by_label("Password").fill("a-long-pass-phrase-9")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(site + "/accounts/two-factor/set-up/**")
    assert page.locator("svg").count() >= 1 and page.locator("#secret").inner_text().strip()
    assert axe_violations(page) == []
    page.get_by_label("Code from your authenticator app").fill(current_code(TOTPDevice.objects.get(user=newcomer)))
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Your recovery codes"
    assert page.locator(".scrutiny-recovery-codes li").count() == 10
    assert axe_violations(page) == []
    page.goto(site + "/accounts/you/")
    assert axe_violations(page) == []
    page.context.clear_cookies()
    page.goto(site + "/accounts/sign-in/")
    page.get_by_label("Username").fill("new-officer")
    page.get_by_label("Password").fill("a-long-pass-phrase-9")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(site + "/accounts/two-factor/?**")
    assert axe_violations(page) == []
    page.get_by_label("Code").fill("000000" if current_code(TOTPDevice.objects.get(user=newcomer)) != "000000" else "111111")
    page.get_by_role("button", name="Continue").click()
    assert "That code is not right" in page.locator(".govuk-error-summary").inner_text()
    assert axe_violations(page) == []


def test_a_locked_sign_in_is_explained_and_passes_axe(page, site):
    from scrutiny.demo.accounts import OFFICER

    for _ in range(10):
        page.goto(site + "/accounts/sign-in/")
        page.get_by_label("Username").fill(OFFICER.username)
        page.get_by_label("Password").fill("wrong")
        page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Username").fill(OFFICER.username)
    page.get_by_label("Password").fill(OFFICER.password)
    page.get_by_role("button", name="Sign in").click()
    assert "Signing in is locked" in page.locator(".govuk-error-summary").inner_text()
    assert axe_violations(page) == []


@pytest.mark.parametrize("width", [1280, 390, 320])
def test_the_front_door_passes_axe_and_reflows(page, site, width):
    from django.utils import timezone

    from scrutiny.governance.models import Committee
    from scrutiny.meetings.services import meeting_create

    committee = Committee.objects.get(slug="dartford-crime-and-disorder")
    meeting_create(committee=committee, date=timezone.localdate() + dt.timedelta(days=30), start_time=dt.time(19),
                   venue="Council Chamber, Civic Centre, Home Gardens, Dartford")
    page.set_viewport_size({"width": width, "height": 900})
    for path in ("/", "/committees/dartford-crime-and-disorder/", "/meetings/calendar/?month=2018-02",
                 "/meetings/calendar/", "/councillors/", "/councillors/r-j-wells/", "/decisions/",
                 "/decisions/?committee=dartford-crime-and-disorder&year=2017&q=noted"):
        page.goto(site + path)
        if path in ("/", "/committees/dartford-crime-and-disorder/"):
            assert page.get_by_text("Council Chamber, Civic Centre, Home Gardens, Dartford").count() >= 1, path
            assert page.get_by_role("heading", name="Latest decisions").count() >= 1, path
        assert axe_violations(page) == [], path
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
