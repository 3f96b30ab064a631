"""The committee officer runs the work programme in a real browser."""

import datetime as dt

import pytest
from django.utils import timezone

from scrutiny.demo.accounts import OFFICER
from scrutiny.governance.models import Committee
from scrutiny.meetings.models import MeetingStatus
from scrutiny.programme.models import WorkProgrammeItem
from tests.browser.conftest import SHOTS, axe_violations
from tests.factories import MeetingFactory

SLUG = "dartford-crime-and-disorder"


def _sign_in(page, site):
    """The password, then the code the demo officer's authenticator app shows now."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.access.signing_in import current_code

    page.goto(site + "/accounts/sign-in/")
    page.get_by_label("Username").fill(OFFICER.username)
    page.get_by_label("Password").fill(OFFICER.password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(site + "/accounts/two-factor/**")
    page.get_by_label("Code").fill(current_code(TOTPDevice.objects.get(user__username=OFFICER.username)))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(site + "/")


@pytest.fixture
def next_meeting(site):
    committee = Committee.objects.get(slug=SLUG)
    return MeetingFactory(
        committee=committee, date=timezone.localdate() + dt.timedelta(days=90), status=MeetingStatus.SCHEDULED
    )


def test_the_officer_sees_checks_proposes_recurring_items_and_moves_one(page, site, next_meeting):
    _sign_in(page, site)
    page.goto(f"{site}/committees/{SLUG}/work-programme/")
    checks = page.locator("#checks").inner_text()
    assert "has no item for the CSP's Strategic Assessment" in checks
    page.get_by_role("button", name="Propose recurring items").click()
    assert "recurring item(s) proposed" in page.locator(".govuk-notification-banner").inner_text()
    page.get_by_role("button", name="Accept PCP Update").first.click()
    assert "accepted into the plan" in page.locator(".govuk-notification-banner").inner_text()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "work-programme-officer.png"), full_page=True)
    item = WorkProgrammeItem.objects.get(title="PCP Update", target_meeting=next_meeting)
    page.goto(f"{site}/work-programme/items/{item.pk}/move/")
    assert axe_violations(page) == []
    page.get_by_label("Move to").select_option(label="To be agreed")
    page.get_by_label("Who decided").select_option(label="The Chairman")
    page.get_by_label("Reason").fill("The Panel's meeting moved")
    page.get_by_role("button", name="Move item").click()
    assert "date to be agreed" in page.locator(".govuk-notification-banner").inner_text()
    assert "The Panel's meeting moved" in page.locator("main").inner_text()


def test_a_form_with_errors_says_what_to_fix_and_keeps_what_was_typed(page, site, next_meeting):
    _sign_in(page, site)
    page.goto(f"{site}/committees/{SLUG}/work-programme/add/")
    assert axe_violations(page) == []
    page.get_by_label("Title").fill("Presentation on county lines")
    page.get_by_role("group", name="Date of the decision").get_by_label("Day").fill("31")
    page.get_by_role("group", name="Date of the decision").get_by_label("Month").fill("2")
    page.get_by_role("group", name="Date of the decision").get_by_label("Year").fill("2018")
    page.get_by_role("button", name="Add item").click()
    summary = page.locator(".govuk-error-summary")
    assert "The date must be a real date" in summary.inner_text()
    assert page.get_by_label("Title").input_value() == "Presentation on county lines"
    assert axe_violations(page) == []


@pytest.mark.parametrize(
    "path",
    [
        f"/committees/{SLUG}/draw-downs/new/",
        f"/committees/{SLUG}/work-programme/versions/approve/",
        f"/committees/{SLUG}/work-programme/versions/",
    ],
)
def test_officer_screens_meet_wcag_2_2_aa(page, site, path):
    _sign_in(page, site)
    page.goto(site + path)
    assert axe_violations(page) == []
