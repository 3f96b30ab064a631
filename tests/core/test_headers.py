"""The headers every response carries (scrutiny/core/headers.py): a strict
Content-Security-Policy, and `private, no-store` wherever a shared cache could hand exempt
information or officers' work to the next person who asks."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from scrutiny.core.headers import CONTENT_SECURITY_POLICY, SecurityHeadersMiddleware
from scrutiny.documents.models import Document, DocumentKind
from scrutiny.documents.services import document_add
from scrutiny.meetings import services as meetings
from scrutiny.meetings.models import AgendaItem, ItemRole
from scrutiny.publishing.services import agenda_build, meeting_publish_agenda
from scrutiny.rules.exempt_information import ExemptionGround
from tests.factories import CommitteeFactory
from tests.pdfs import make_pdf
from tests.publishing.test_services import at

pytestmark = pytest.mark.django_db
ON_TIME = at(dt.date(2018, 2, 13))  # the fixture's meeting is on 21 February 2018
TEMPLATES = Path(__file__).resolve().parents[2] / "scrutiny" / "templates"
# Rendered by WeasyPrint into PDFs, never served as pages: their inline styles meet no browser.
PRINT_TEMPLATES = {"_print_base.html", "stamps.html", "front_and_agenda.html", "minutes_print.html",
                   "report_print.html", "work_plan_print.html", "tracker_print.html", "notice_print.html"}


@pytest.fixture
def meeting():
    """A meeting of 21 February 2018 with an open report and an exempt appendix."""
    meeting = meetings.meeting_create(committee=CommitteeFactory(), date=dt.date(2018, 2, 21))
    agenda_build(meeting=meeting)
    reg9 = AgendaItem.internal.get(meeting=meeting, role=ItemRole.REGULATION_9)
    document_add(item=reg9, title="Regulation 9 Notice", kind=DocumentKind.NOTICE, file_name="reg9.pdf",
                 data=make_pdf(4, "Forthcoming key decisions"))
    open_item = meetings.agenda_item_add(meeting=meeting, title="CSP Strategic Assessment 2017", today=dt.date(2018, 1, 10))
    exempt_item = meetings.agenda_item_add(
        meeting=meeting,
        title="CSP Strategic Assessment 2017 (exempt)",
        is_exempt=True,
        exemption_ground=ExemptionGround.CONFIDENCE,
        today=dt.date(2018, 1, 10),
    )
    document_add(item=open_item, title="Covering report", kind=DocumentKind.REPORT, file_name="sa.pdf",
                 data=make_pdf(2, "Covering report"))
    document_add(item=exempt_item, title="Strategic Assessment 2017 SECRET", kind=DocumentKind.APPENDIX,
                 file_name="secret.pdf", data=make_pdf(3, "SECRET-ASSESSMENT"))
    return meeting


def sign_in(client, user):
    """Signed in, with the second step done (a confirmed authenticator, verified in the session)."""
    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return {d.split()[0]: " ".join(d.split()[1:]) for d in policy.split(";") if d.strip()}


@pytest.mark.parametrize("path", ["/", "/performance/", "/accounts/sign-in/", "/no-such-page/"])
def test_every_page_carries_a_strict_content_security_policy(client, path):
    response = client.get(path)
    policy = directives(response)
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
    assert policy["default-src"] == "'self'"
    assert policy["object-src"] == "'none'" and policy["base-uri"] == "'none'"
    assert policy["frame-ancestors"] == "'none'" and policy["form-action"] == "'self'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


def test_a_policy_the_response_already_carries_is_kept():
    own = "default-src 'none'; sandbox"

    def view(request):
        response = HttpResponse(b"%PDF-1.4", content_type="application/pdf")
        response["Content-Security-Policy"] = own
        return response

    request = RequestFactory().get("/documents/1/file/")
    assert SecurityHeadersMiddleware(view)(request)["Content-Security-Policy"] == own
    plain = SecurityHeadersMiddleware(lambda request: HttpResponse("page"))(RequestFactory().get("/"))
    assert plain["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_no_page_template_holds_inline_script_event_handlers_or_inline_style():
    """What the policy would block: every script from a static file, every style from the stylesheet."""
    found = []
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text()
        for script in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in script:
                found.append(f"{template.name}: inline script {script}")
        if re.search(r"\son[a-z]+\s*=", text):
            found.append(f"{template.name}: event handler attribute")
        if "javascript:" in text:
            found.append(f"{template.name}: javascript: URL")
        if template.name not in PRINT_TEMPLATES and (re.search(r"\sstyle\s*=", text) or "<style" in text):
            found.append(f"{template.name}: inline style")
    assert found == []


def test_a_signed_in_officer_s_meeting_page_with_exempt_business_is_never_kept_by_a_shared_cache(
    client, meeting, officer
):
    meeting_publish_agenda(meeting=meeting, now=ON_TIME)
    sign_in(client, officer)
    page = client.get(f"/meetings/{meeting.pk}/")
    assert page.status_code == 200
    assert "Strategic Assessment 2017 SECRET" in page.content.decode()  # the exempt paper, shown to the officer
    assert page["Cache-Control"] == "private, no-store"
    assert "Cookie" in page["Vary"]


def test_a_file_served_to_a_signed_in_officer_is_private_whatever_the_view_said(client, meeting, officer):
    meeting_publish_agenda(meeting=meeting, now=ON_TIME)
    anonymous = client.get(f"/meetings/{meeting.pk}/agenda-pack.pdf")
    assert anonymous.status_code == 200 and anonymous["Cache-Control"] == "public, max-age=300"
    sign_in(client, officer)
    for path in (f"/meetings/{meeting.pk}/agenda-pack.pdf", f"/meetings/{meeting.pk}/part-2-pack.pdf"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["Cache-Control"] == "private, no-store", path
        assert "Cookie" in response["Vary"], path


def test_an_unpublished_paper_s_file_served_to_an_officer_is_private(client, meeting, officer):
    document = Document.internal.filter(agenda_item__meeting=meeting, agenda_item__is_exempt=False).first()
    sign_in(client, officer)
    response = client.get(f"/documents/{document.pk}/file/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_an_anonymous_visitor_s_meeting_page_stays_cacheable(client, meeting):
    meeting_publish_agenda(meeting=meeting, now=ON_TIME)
    page = client.get(f"/meetings/{meeting.pk}/")
    assert page.status_code == 200
    assert "no-store" not in page.get("Cache-Control", "") and "private" not in page.get("Cache-Control", "")


@pytest.mark.parametrize("path", ["/officer/", "/admin/", "/accounts/sign-in/"])
def test_the_officers_maintenance_and_sign_in_addresses_are_private_even_signed_out(client, path):
    response = client.get(path)
    assert response["Cache-Control"] == "private, no-store"
