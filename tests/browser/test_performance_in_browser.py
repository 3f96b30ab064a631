"""The performance page in Chromium: charts drawn, WCAG 2.2 AA, the period form by keyboard."""

import pytest

from tests.browser.conftest import SHOTS, axe_violations


@pytest.fixture
def performance_site(site):
    from scrutiny.demo.performance import performance_demo_load

    performance_demo_load(months=3)  # the latest quarter: enough for every chart
    return site


def test_performance_page_draws_charts_and_meets_wcag(page, performance_site):
    page.goto(performance_site + "/performance/")
    page.get_by_role("link", name="Dartford").click()
    assert page.locator("h1").inner_text().startswith("Dartford: January to March 2022")
    charts = page.get_by_role("img")
    assert charts.count() >= 3
    box = page.locator("figure svg").first.bounding_box()
    assert box["width"] > 500 and box["height"] > 150  # drawn, at a readable size
    assert axe_violations(page) == []
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "performance.png"), full_page=True)


def test_choose_a_period_with_the_keyboard_and_see_a_clear_error(page, performance_site):
    page.goto(performance_site + "/performance/E07000107/")
    page.get_by_label("First month").fill("2022-13")
    page.get_by_label("First month").press("Enter")
    summary = page.locator(".govuk-error-summary")
    assert "write it as YYYY-MM" in summary.inner_text()
    page.get_by_label("First month").fill("2022-02")
    page.get_by_label("Last month").fill("2022-03")
    page.get_by_label("Lead with the change against").select_option("previous")
    page.get_by_label("Last month").press("Enter")
    assert "February to March 2022" in page.locator("h1").inner_text()
    content = page.content()
    assert ("Compared with the previous period (December 2021 to January 2022) and the same period last year "
            "(February to March 2021)") in content


def test_officer_uploads_a_police_uk_file_in_the_browser(page, site, tmp_path):
    from tests.browser.test_work_programme_in_browser import _sign_in
    from tests.performance.test_police_import import street_row, write_street

    jan = tmp_path / "2022-01-kent-street.csv"
    write_street(jan, [street_row(), street_row(), street_row(**{"LSOA code": ""})])
    _sign_in(page, site)
    page.goto(site + "/performance/imports/")
    with page.expect_navigation():
        page.get_by_role("link", name="Upload police.uk files").click()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Upload and import").click()  # nothing chosen
    summary = page.locator(".govuk-error-summary")
    assert "Choose the police.uk zip archive or street-level files to upload" in summary.inner_text()
    assert axe_violations(page) == []
    page.get_by_label("police.uk files").set_input_files(str(jan))
    page.get_by_role("button", name="Upload and import").press("Enter")  # by keyboard
    banner = page.locator(".govuk-notification-banner").inner_text()
    assert "1 of 1 files stored. 2 rows counted, 1 not counted" in banner
    assert "Uploaded: 2022-01-kent-street.csv" in page.content()
    page.goto(site + "/performance/imports/ons/")
    assert axe_violations(page) == []
