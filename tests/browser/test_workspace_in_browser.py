"""The officers', administrators' and partners' screens in a real browser: no axe violation
(WCAG 2.2 AA), and each reflows to 320 CSS pixels without scrolling sideways."""


import pytest

from scrutiny.access.models import Role, RoleKind
from scrutiny.governance.models import Organisation
from scrutiny.meetings.models import Meeting
from tests.browser.conftest import axe_violations
from tests.browser.test_work_programme_in_browser import SLUG, _sign_in
from tests.factories import UserFactory

SCREENS = [
    "/officer/",
    f"/committees/{SLUG}/settings/",
    f"/committees/{SLUG}/membership/",
    f"/committees/{SLUG}/membership/add/",
    f"/committees/{SLUG}/people/add/",
    f"/committees/{SLUG}/rename/",
    "/councils/dartford-bc/accounts/",
    "/councils/dartford-bc/accounts/invite/",
    "/councils/dartford-bc/branding/",
    f"/committees/{SLUG}/meetings/add/",
    f"/committees/{SLUG}/partners/",
    f"/committees/{SLUG}/partners/add/",
    f"/committees/{SLUG}/successions/add/",
    f"/committees/{SLUG}/posts/add/",
]


def _published(slug: str) -> Meeting:
    """A meeting of the committee whose agenda the demo publishes (version 1 standing)."""
    from scrutiny.demo.loader import publish_demo_agendas

    publish_demo_agendas()
    return Meeting.objects.filter(committee__slug=slug, publications__version=1,
                                  publications__withdrawn_at__isnull=True).first()


@pytest.mark.parametrize("width", [1200, 320])
def test_the_workspace_screens_pass_axe_and_reflow(page, site, width):
    meeting = Meeting.objects.filter(committee__slug=SLUG).order_by("-date").first()
    screens = SCREENS + [f"/meetings/{meeting.pk}/edit/", f"/meetings/{meeting.pk}/attendance/",
                         f"/meetings/{meeting.pk}/postpone/",
                         f"/agenda-items/{meeting.agenda_items.first().pk}/co-opted-votes/",
                         f"/meetings/{_published(SLUG).pk}/agenda/v1/withdraw/"]
    _sign_in(page, site)
    page.set_viewport_size({"width": width, "height": 900})
    for path in screens:
        page.goto(site + path)
        assert page.locator("h1").count() == 1, path
        assert axe_violations(page) == [], path
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"


def test_the_partner_page_passes_axe(page, site):
    contact = UserFactory(username="police-contact", password="a-long-pass-phrase-9")
    Role.objects.create(user=contact, council=Organisation.objects.get(slug="dartford-bc"),
                        kind=RoleKind.PARTNER_CONTACT, partner=Organisation.objects.get(slug="kent-police"))
    page.goto(site + "/accounts/sign-in/")
    page.get_by_label("Username").fill("police-contact")
    page.get_by_label("Password").fill("a-long-pass-phrase-9")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Your partner's business").click()
    assert page.get_by_role("heading", name="Kent Police").count() == 1
    assert axe_violations(page) == []


@pytest.mark.parametrize("width", [1200, 320])
def test_a_branded_councils_page_passes_axe_and_reflows(page, site, width):
    from scrutiny.governance.branding import council_branding_update
    from tests.governance.test_branding import picture

    council_branding_update(council=Organisation.objects.get(slug="dartford-bc"), header_colour="#1d4f91",
                            accent_colour="#b10e1e", logo=picture(), logo_alt="The council's crest")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site + f"/committees/{SLUG}/")
    assert page.locator(".scrutiny-header__logo").count() == 1
    assert page.evaluate("getComputedStyle(document.querySelector('.scrutiny-header')).backgroundColor") == \
        "rgb(29, 79, 145)"
    assert axe_violations(page) == []
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the branded page scrolls sideways by {overflow}px at {width}px"


@pytest.mark.parametrize("width", [1200, 320])
def test_the_lists_of_exempt_openings_pass_axe_and_reflow(page, site, width):
    from django.contrib.auth.models import User

    from scrutiny.audit.services import exempt_opening_record
    from scrutiny.core.openings import Opening, OpeningFormat, OpeningKind
    from tests.browser.test_work_programme_in_browser import OFFICER

    meeting = Meeting.objects.filter(committee__slug=SLUG).order_by("-date").first()
    officer = User.objects.get(username=OFFICER.username)
    for kind, what in ((OpeningKind.PART2_PACK, "Part 2 pack, version 1"),
                       (OpeningKind.PAPER, "A long exempt paper's title, as officers name their reports")):
        exempt_opening_record(
            opening=Opening(kind=kind, format=OpeningFormat.PDF, committee_id=meeting.committee_id,
                            meeting_id=meeting.pk, what=what),
            by=officer, address="2001:db8:85a3::8a2e:370:7334", path=f"/meetings/{meeting.pk}/part-2-pack.pdf",
        )
    _sign_in(page, site)
    page.set_viewport_size({"width": width, "height": 900})
    for path in (f"/meetings/{meeting.pk}/exempt-openings/", f"/committees/{SLUG}/exempt-openings/",
                 f"/committees/{SLUG}/exempt-openings/accounts/{officer.pk}/"):
        page.goto(site + path)
        assert page.locator("h1").count() == 1 and page.locator("tbody tr").count() >= 1, path
        assert axe_violations(page) == [], path
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"


@pytest.mark.parametrize("width", [1200, 320])
def test_the_forward_plan_passes_axe_and_reflows(page, site, width):
    from scrutiny.forward_plan.models import ForwardPlanNotice, KeyDecision

    notice = ForwardPlanNotice.objects.get(council__slug="dartford-bc")
    decision = KeyDecision.internal.filter(council__slug="dartford-bc").first()
    page.set_viewport_size({"width": width, "height": 900})
    for path in ("/councils/dartford-bc/forward-plan/", f"/forward-plan/notices/{notice.pk}/"):
        page.goto(site + path)
        assert page.get_by_text("Write-off of National Non-Domestic Rates").count() >= 1, path
        assert axe_violations(page) == [], path
    _sign_in(page, site)
    for path in ("/councils/dartford-bc/forward-plan/decisions/", "/councils/dartford-bc/forward-plan/decisions/add/",
                 "/councils/dartford-bc/forward-plan/publish/", f"/key-decisions/{decision.pk}/exception/",
                 f"/key-decisions/{decision.pk}/edit/"):
        page.goto(site + path)
        assert page.locator("h1").count() == 1, path
        assert axe_violations(page) == [], path
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"


@pytest.mark.parametrize("width", [1200, 320])
def test_references_and_what_a_minute_did_with_the_plan_pass_axe_and_reflow(page, site, width):
    from scrutiny.minutes.models import Minute, Reference

    reference = Reference.internal.get(minute__meeting__committee__slug=SLUG)
    minute = Minute.internal.filter(meeting__committee__slug=SLUG, meeting__status="held").first()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site + f"/committees/{SLUG}/references/")
    assert page.get_by_text("General Assembly of the Council").count() >= 1
    assert axe_violations(page) == []
    _sign_in(page, site)
    for path in (f"/committees/{SLUG}/references/", f"/minutes/{minute.pk}/references/add/",
                 f"/committees/{SLUG}/outside-bodies/", f"/minutes/{minute.pk}/outside-meetings/add/",
                 f"/references/{reference.pk}/outcome/", f"/minutes/{minute.pk}/work-programme/"):
        page.goto(site + path)
        assert page.locator("h1").count() == 1, path
        assert axe_violations(page) == [], path
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"


@pytest.mark.parametrize("width", [1200, 320])
def test_the_annual_report_passes_axe_and_reflows(page, site, width):
    import datetime as dt

    from scrutiny.annual_report import services
    from scrutiny.annual_report.models import AnnualReport

    considered = AnnualReport.internal.get(committee__slug=SLUG, start_year=2016)
    draft = AnnualReport.internal.get(committee__slug=SLUG, start_year=2017)
    services.annual_report_submit(report=considered, submitted_to="the General Assembly of the Council",
                                  submitted_on=dt.date(2017, 9, 18))
    services.annual_report_publish(report=considered, published_on=dt.date(2017, 9, 19))
    page.set_viewport_size({"width": width, "height": 900})
    for path in (f"/committees/{SLUG}/annual-reports/", f"/annual-reports/{considered.pk}/"):
        page.goto(site + path)
        assert page.get_by_text("Annual Report 2016-17").count() >= 1, path
        assert axe_violations(page) == [], path
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
    _sign_in(page, site)
    for path in (f"/annual-reports/{draft.pk}/draft/", f"/annual-reports/{draft.pk}/text/introduction/",
                 f"/annual-reports/{draft.pk}/consider/", f"/annual-reports/{considered.pk}/members/"):
        page.goto(site + path)
        assert page.locator("h1").count() == 1, path
        assert axe_violations(page) == [], path
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
