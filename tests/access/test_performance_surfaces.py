"""The access policy, tried on every surface of CSP performance.

A partner indicator given in confidence carries a sentinel name and figure. Whatever the
surface (page, reports in PDF and Word, the papers put on an agenda, the admin, the import
history, the indicators command, error pages), a viewer not entitled must never receive a
response whose TEXT holds either; an officer or member of the committee gets them where they
belong. PDFs and Word files are read as text (a byte search on compressed files always passes).
"""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from docx import Document as WordDocument
from pypdf import PdfReader

from scrutiny.meetings.models import MeetingStatus
from scrutiny.performance.models import ComparisonGroup, PartnerFigure, PartnerIndicator
from scrutiny.performance.periods import Period
from scrutiny.performance.report import report_attach
from scrutiny.performance.services import partner_figures_upload
from tests.access.viewers import NOT_ENTITLED, viewers
from tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    MeetingFactory,
    OrganisationFactory,
)
from tests.pdfs import docx_every_part
from tests.performance.factories import area_with_lsoas, counts, months_loaded

pytestmark = pytest.mark.django_db

# One word with no hyphen, so a line wrapped in a PDF table cannot split it.
SENTINEL = "Zanzibarquux"
SENTINEL_NAME = f"{SENTINEL} reoffending cohort"
SENTINEL_FIGURES = ("424242", "424,242")
OPEN_NAME = "Deliberate fires"
QUERY = "?from=2022-01&to=2022-03"


@pytest.fixture
def scene(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }
    kent = area_with_lsoas("Kent", ["L1", "L2", "L3"], population={2022: 30_000}, level="county")
    home = area_with_lsoas("Dartford", ["L1", "L2"], population={2022: 10_000}, parent=kent, code="E07000107")
    other = area_with_lsoas("Gravesham", ["L3"], population={2022: 8_000})
    committee = CommitteeFactory()
    group = ComparisonGroup.objects.create(committee=committee, area=home, county=kent)
    group.members.set([other])
    counts([("2022-01", "L1", "Burglary", 7), ("2022-02", "L3", "Burglary", 4), ("2021-01", "L1", "Burglary", 9)])
    months_loaded([f"2021-{m:02d}" for m in range(1, 13)] + ["2022-01", "2022-02", "2022-03"])

    fire = OrganisationFactory(name="Kent Fire and Rescue Service", short_name="KFRS")
    probation = OrganisationFactory(name="Kent Probation", short_name="Probation")
    open_indicator = PartnerIndicator.internal.create(committee=committee, organisation=fire, name=OPEN_NAME,
                                                      slug="fires")
    secret = PartnerIndicator.internal.create(committee=committee, organisation=probation, name=SENTINEL_NAME,
                                              slug="cohort", is_exempt=True, exemption_ground="confidence")
    PartnerFigure.internal.create(indicator=open_indicator, period_start=dt.date(2022, 1, 1),
                                  period_end=dt.date(2022, 3, 31), value=12)
    upload = partner_figures_upload(indicator=secret, name=f"{SENTINEL}.csv",
                                    content=b"Period,Value\n2022-Q1,424242\n", by=None)

    users = viewers(committee, current={"starts_on": dt.date(2021, 5, 1)}, substitute=False,
                    clerk_apps=["performance", "governance", "meetings", "documents"])
    officer = users["officer"]
    meeting = MeetingFactory(committee=committee, date=dt.date(2022, 6, 1), status=MeetingStatus.HELD)
    item = AgendaItemFactory(meeting=meeting, title="CSP Performance Report")
    period = Period.parse("2022-01", "2022-03")
    public_paper = report_attach(item=item, area=home, period=period, compare="last-year", confidential=False,
                                 by=officer)
    exempt_paper = report_attach(item=item, area=home, period=period, compare="last-year", confidential=True,
                                 by=officer)
    return {
        "home": home,
        "committee": committee,
        "meeting": meeting,
        "secret": secret,
        "upload": upload,
        "public_paper": public_paper,
        "exempt_paper": exempt_paper,
        "users": users,
    }




def _login(client, scene, who):
    user = scene["users"].get(who)
    if user is not None and user.is_active:  # an inactive account cannot sign in: it stays anonymous
        client.force_login(user)
    return client


def text_of(response) -> str:
    """What a person reads in the response: the text of a PDF or Word file, else the page."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body.startswith(b"%PDF"):
        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)
    if body.startswith(b"PK"):
        document = WordDocument(io.BytesIO(body))
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        header = [p.text for s in document.sections for p in s.header.paragraphs]
        return "\n".join([p.text for p in document.paragraphs] + cells + header + [docx_every_part(body)])
    return body.decode("utf-8", "replace")


def leaks(text: str) -> list[str]:
    squashed = "".join(text.split())  # a word or number broken across lines still counts
    found = [SENTINEL] if SENTINEL in text or SENTINEL in squashed else []
    return found + [f for f in SENTINEL_FIGURES if f in text or f in squashed]


def _surfaces(scene) -> list[str]:
    code = scene["home"].code
    secret, upload = scene["secret"], scene["upload"]
    return [
        f"/performance/{code}/{QUERY}",
        f"/performance/{code}/{QUERY}&compare=previous",
        f"/performance/{code}/report.pdf{QUERY}",
        f"/performance/{code}/report.docx{QUERY}",
        f"/performance/{code}/report-confidential.pdf{QUERY}",
        f"/performance/{code}/report-confidential.docx{QUERY}",
        "/performance/",
        "/performance/imports/",
        f"/performance/partner-indicators/{secret.pk}/upload/",
        # error and not-found bodies
        f"/performance/E07999999/report-confidential.pdf{QUERY}",
        f"/performance/{code}/report-confidential.pdf?from=2022-13",
        f"/performance/{code}/report.pdf",
        # the papers put on the agenda, and the meeting page that lists them
        reverse("meeting", args=[scene["meeting"].pk]),
        reverse("document", args=[scene["public_paper"].pk]),
        reverse("document_file", args=[scene["public_paper"].pk]),
        reverse("document", args=[scene["exempt_paper"].pk]),
        reverse("document_file", args=[scene["exempt_paper"].pk]),
        # the admin
        "/admin/",
        reverse("admin:performance_partnerindicator_changelist"),
        reverse("admin:performance_partnerindicator_changelist") + f"?q={SENTINEL[:8]}",  # a part: the search box repeats the query
        reverse("admin:performance_partnerindicator_changelist") + "?q=42424",
        reverse("admin:performance_partnerindicator_changelist") + "?is_exempt__exact=1",
        reverse("admin:performance_partnerindicator_change", args=[secret.pk]),
        reverse("admin:performance_partnerindicator_history", args=[secret.pk]),
        reverse("admin:performance_partnerindicator_delete", args=[secret.pk]),
        # partner figures have no admin of their own: only the inline of their indicator
        "/admin/performance/partnerfigure/",
        reverse("admin:performance_importrun_changelist"),
        reverse("admin:performance_importrun_changelist") + f"?q={SENTINEL[:8]}",  # a part: the search box repeats the query
        reverse("admin:performance_importrun_changelist") + "?kind__exact=partner",
        reverse("admin:performance_importrun_change", args=[upload.pk]),
        reverse("admin:performance_importrun_history", args=[upload.pk]),
        reverse("admin:governance_organisation_delete", args=[secret.organisation_id]),
        reverse("admin:governance_committee_delete", args=[scene["committee"].pk]),
        reverse("admin:governance_organisation_change", args=[secret.organisation_id]),
    ]


@pytest.mark.parametrize("who", NOT_ENTITLED)
def test_no_performance_surface_gives_confidential_partner_data_to_those_not_entitled(client, scene, who):
    client = _login(client, scene, who)
    seen = {}
    for url in _surfaces(scene):
        response = client.get(url, follow=True)
        text = text_of(response)
        assert not leaks(text), f"{who} read {leaks(text)} at {url}"
        seen[url] = (response.status_code, text)
    code = scene["home"].code
    # the public surfaces did answer, with the open partner figure: the check above was not vacuous
    for url in (f"/performance/{code}/{QUERY}", f"/performance/{code}/report.pdf{QUERY}",
                f"/performance/{code}/report.docx{QUERY}"):
        status, text = seen[url]
        assert status == 200 and OPEN_NAME in text, url
    assert seen[f"/performance/{code}/report-confidential.pdf{QUERY}"][0] == 404
    assert seen[f"/performance/{code}/report-confidential.docx{QUERY}"][0] == 404
    if who == "staff without a role":  # the admin's sign-in page, with its refusal
        status, text = seen[reverse("admin:performance_importrun_changelist") + "?kind__exact=partner"]
        assert status == 200 and "not authorized to access this page" in text


@pytest.mark.parametrize("who", ["officer", "member"])
def test_those_entitled_get_the_confidential_figures_where_they_belong(client, scene, who):
    client = _login(client, scene, who)
    code = scene["home"].code
    wanted = [
        f"/performance/{code}/{QUERY}",
        f"/performance/{code}/report-confidential.pdf{QUERY}",
        f"/performance/{code}/report-confidential.docx{QUERY}",
        reverse("document_file", args=[scene["exempt_paper"].pk]),
    ]
    if who == "officer":
        wanted += [
            "/performance/imports/",
        ]
    for url in wanted:
        response = client.get(url)
        assert response.status_code == 200, url
        assert SENTINEL in text_of(response), url
    for url in (f"/performance/{code}/report-confidential.pdf{QUERY}", reverse("document_file", args=[scene["exempt_paper"].pk])):
        text = " ".join(text_of(client.get(url)).split())
        assert "424,242" in text and "NOT FOR PUBLICATION" in text, url
    # the public versions stay public, whoever downloads them
    for url in (f"/performance/{code}/report.pdf{QUERY}", f"/performance/{code}/report.docx{QUERY}",
                reverse("document_file", args=[scene["public_paper"].pk])):
        assert not leaks(text_of(client.get(url))), url


def test_indicators_command_never_prints_confidential_figures(scene):
    code = scene["home"].code
    for fmt in ("table", "csv", "json"):
        for compare in ("last-year", "previous"):
            out = io.StringIO()
            call_command("indicators", "--area", code, "--from", "2022-01", "--to", "2022-03",
                         "--compare", compare, "--format", fmt, stdout=out)
            text = out.getvalue()
            assert not leaks(text), (fmt, compare)
            assert "Burglary" in text and OPEN_NAME in text  # the partners' open figures are printed
    data = json.loads(text)
    assert data["indicators"][0]["count"] == 7
