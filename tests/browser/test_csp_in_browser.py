"""The Content-Security-Policy, as the browser enforces it: key pages, public and the
officer's, report no violation, and GOV.UK Frontend still starts (from its static files)."""

import datetime as dt

from scrutiny.meetings.models import Meeting
from tests.browser.test_work_programme_in_browser import SLUG, _sign_in

# Recorded before any of the page's own scripts run: every violation the browser reports.
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`);
});
"""


def violations_on(page, url):
    console = []
    page.on("console", lambda message: console.append(message.text) if "Content Security Policy" in message.text else None)
    response = page.goto(url)
    assert response.status == 200, url
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    # GOV.UK Frontend started: the class set by init.js, and a component initialised by start.mjs.
    assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')"), url
    assert page.locator("[data-module='govuk-service-navigation'][data-govuk-service-navigation-init]").count() == 1, url
    return page.evaluate("window.__cspViolations") + console


def test_public_and_officer_pages_break_no_part_of_the_policy(page, site):
    page.context.add_init_script(LISTEN)
    july = Meeting.objects.get(date=dt.date(2017, 7, 26)).pk
    february = Meeting.objects.get(date=dt.date(2018, 2, 21)).pk
    public = ["/", f"/committees/{SLUG}/", f"/meetings/{february}/", f"/meetings/{july}/minutes/",
              "/performance/", f"/committees/{SLUG}/work-programme/", "/accounts/sign-in/"]
    found = {path: violations_on(page, site + path) for path in public}
    _sign_in(page, site)
    officer = ["/officer/", f"/meetings/{february}/", f"/meetings/{february}/edit/", f"/committees/{SLUG}/follow-up/",
               f"/committees/{SLUG}/settings/"]
    found.update({f"officer {path}": violations_on(page, site + path) for path in officer})
    assert {path: seen for path, seen in found.items() if seen} == {}
