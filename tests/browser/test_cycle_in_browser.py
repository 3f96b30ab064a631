"""The whole committee cycle, as a committee officer does it, never opening /admin/: set up
a meeting, build and change the agenda, add a paper, publish, record attendance and a
declaration, draft, publish, confirm and sign the minutes, and follow up with an action."""

import datetime as dt

from django.utils import timezone

from scrutiny.meetings.models import Meeting
from scrutiny.minutes.models import Action, MinutesRecord
from tests.browser.conftest import axe_violations
from tests.browser.test_work_programme_in_browser import _sign_in
from tests.pdfs import make_pdf


def _fill_date(page, prefix: str, day: dt.date) -> None:
    page.locator(f"#id_{prefix}_0").fill(str(day.day))
    page.locator(f"#id_{prefix}_1").fill(str(day.month))
    page.locator(f"#id_{prefix}_2").fill(str(day.year))


def _banner(page) -> str:
    return page.locator(".govuk-notification-banner").inner_text()


def _schedule(page, day: dt.date) -> None:
    page.get_by_role("link", name="Your committees").click()
    page.get_by_role("link", name="Schedule a meeting").click()
    _fill_date(page, "date", day)
    page.get_by_label("Start time").fill("7pm")
    page.get_by_label("Venue").fill("Council Chamber, Civic Centre")
    page.get_by_role("button", name="Schedule meeting").click()


def test_an_officer_runs_the_whole_cycle_without_the_admin(page, site, tmp_path):
    visited: list[str] = []
    page.on("request", lambda request: visited.append(request.url))
    today = timezone.localdate()
    _sign_in(page, site)
    page.get_by_role("link", name="Your committees").click()
    assert page.get_by_role("heading", name="Your committees").count() == 1
    assert axe_violations(page) == []

    _schedule(page, today + dt.timedelta(days=30))
    assert "scheduled" in _banner(page)
    meeting = Meeting.objects.get(date=today + dt.timedelta(days=30))
    page.get_by_role("button", name="Build the draft agenda").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Change Regulation 9 Notice").click()
    assert axe_violations(page) == []
    page.get_by_label("Title", exact=True).fill("Regulation 9 Notice: forthcoming key decisions")
    page.get_by_role("button", name="Save item").click()
    assert "Regulation 9 Notice: forthcoming key decisions" in _banner(page)
    page.get_by_role("link", name="Add paper to Regulation 9 Notice: forthcoming key decisions").click()
    page.get_by_label("Title", exact=True).fill("Regulation 9 Notice")
    page.get_by_label("Kind of paper").select_option(label="Notice")
    pdf = tmp_path / "reg9.pdf"
    pdf.write_bytes(make_pdf(2, "Forthcoming key decisions"))
    page.get_by_label("File (PDF or Word)").set_input_files(str(pdf))
    page.get_by_role("button", name="Upload paper").click()
    assert "(2 pages)" in _banner(page)
    page.get_by_role("link", name="Publish the agenda").click()
    page.get_by_role("button", name="Publish agenda").click()
    assert "Agenda published (version 1)" in _banner(page)

    with page.expect_navigation():
        page.get_by_role("link", name="Attendance and declarations").click()
    assert axe_violations(page) == []
    page.locator("#id_attendance-person").select_option(label="Councillor R J Wells")
    page.locator("#id_attendance-capacity").fill("(Chairman)")
    page.get_by_role("button", name="Record attendance").click()
    assert "Councillor R J Wells recorded." in _banner(page)
    page.locator("#id_declaration-agenda_item").select_option(index=1)
    page.locator("#id_declaration-person").select_option(label="Councillor R J Wells")
    page.locator("#id_declaration-description").fill("A governor of a school named in the report.")
    page.get_by_role("button", name="Record declaration").click()
    assert "interest in item" in _banner(page)

    # the next meeting, at which the minutes are confirmed; then the day of the first passes
    _schedule(page, today + dt.timedelta(days=120))
    Meeting.objects.filter(pk=meeting.pk).update(date=today - dt.timedelta(days=1))
    page.goto(f"{site}/meetings/{meeting.pk}/")
    page.get_by_role("button", name="Draft the minutes").click()
    assert "Draft minutes started" in _banner(page)
    page.get_by_role("button", name="Publish as unconfirmed draft").click()
    page.get_by_label("Publish them as they are").check()  # the draft still has prompts: asked first
    with page.expect_navigation():
        page.get_by_role("button", name="Publish").click()
    # the next meeting's day comes: it is recorded as held, and confirms the minutes
    following = Meeting.objects.get(date=today + dt.timedelta(days=120))
    Meeting.objects.filter(pk=following.pk).update(date=today)
    page.goto(f"{site}/meetings/{following.pk}/")
    page.get_by_role("button", name="Record the meeting as held").click()
    assert "recorded as held" in _banner(page)
    page.goto(f"{site}/meetings/{meeting.pk}/minutes/")
    page.get_by_role("link", name="Record confirmation").click()
    page.get_by_role("button", name="Record confirmation").click()
    page.get_by_role("link", name="Record the Chairman's signature").click()
    page.get_by_label("Chairman").select_option(label="Councillor R J Wells")
    _fill_date(page, "signed_on", today)
    with page.expect_navigation():
        page.get_by_role("button").filter(has_text="Record").first.click()
    assert MinutesRecord.objects.get(meeting=meeting).status == "signed"

    page.get_by_role("link", name="Add an action").first.click()
    page.get_by_label("What is to be done").fill("Circulate the CSP's night-time economy figures.")
    page.get_by_label("Owner, as the minute names them").fill("Officers")
    with page.expect_navigation():
        page.get_by_role("button").filter(has_text="Record").first.click()
    assert Action.objects.filter(minute__meeting=meeting, owner_note="Officers").exists()
    assert not [url for url in visited if "/admin/" in url], "the officer opened the admin"
