"""The committee officer builds and publishes an agenda in a real browser; residents read it."""

import datetime as dt

from django.utils import timezone

from scrutiny.governance.models import Committee
from scrutiny.meetings.models import Meeting
from tests.browser.conftest import SHOTS, axe_violations
from tests.browser.test_work_programme_in_browser import SLUG, _sign_in
from tests.pdfs import make_pdf


def test_build_upload_and_publish_an_agenda(page, site, tmp_path):
    committee = Committee.objects.get(slug=SLUG)
    meeting = Meeting.objects.create(
        committee=committee, date=timezone.localdate() + dt.timedelta(days=40), status="scheduled"
    )
    _sign_in(page, site)
    page.goto(f"{site}/meetings/{meeting.pk}/")
    page.get_by_role("button", name="Build the draft agenda").click()
    assert "Draft agenda built" in page.locator(".govuk-notification-banner").inner_text()
    manage = page.locator("#manage").inner_text()
    assert "Regulation 9 Notice" in manage and "expects a report and has none" in manage
    assert axe_violations(page) == []
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "agenda-officer.png"), full_page=True)
    page.get_by_role("link", name="Add paper to Regulation 9 Notice").click()
    page.get_by_label("Title", exact=True).fill("Regulation 9 Notice")
    page.get_by_label("Kind of paper").select_option(label="Notice")
    pdf = tmp_path / "reg9.pdf"
    pdf.write_bytes(make_pdf(4, "Forthcoming key decisions"))
    page.get_by_label("File (PDF or Word)").set_input_files(str(pdf))
    page.get_by_role("button", name="Upload paper").click()
    assert "(4 pages)" in page.locator(".govuk-notification-banner").inner_text()
    page.get_by_role("link", name="Publish the agenda").click()
    page.get_by_role("button", name="Publish agenda").click()
    assert "Agenda published (version 1)" in page.locator(".govuk-notification-banner").inner_text()
    # a resident sees the published agenda and its pack
    resident = page.context.browser.new_page()
    resident.goto(f"{site}/meetings/{meeting.pk}/")
    assert resident.get_by_role("link", name="Agenda pack (PDF").count() == 1
    assert "Run this agenda" not in resident.locator("main").inner_text()
    assert axe_violations(resident) == []
    resident.close()


def test_a_bad_upload_is_explained_on_the_form(page, site, tmp_path):
    committee = Committee.objects.get(slug=SLUG)
    meeting = Meeting.objects.create(
        committee=committee, date=timezone.localdate() + dt.timedelta(days=40), status="scheduled"
    )
    _sign_in(page, site)
    page.goto(f"{site}/meetings/{meeting.pk}/")
    page.get_by_role("button", name="Build the draft agenda").click()
    page.get_by_role("link", name="Add paper to Regulation 9 Notice").click()
    page.get_by_label("Title", exact=True).fill("Regulation 9 Notice")
    bad = tmp_path / "notice.png"
    bad.write_bytes(b"\x89PNG not a paper")
    page.get_by_label("File (PDF or Word)").set_input_files(str(bad))
    page.get_by_role("button", name="Upload paper").click()
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "“Regulation 9 Notice” (item 6): upload a PDF or a Word document" in summary
    assert axe_violations(page) == []
