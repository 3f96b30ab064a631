"""Performance pages and reports; partner figures given in confidence reach only those entitled."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from scrutiny.governance.models import MembershipRole
from scrutiny.performance.models import PartnerFigure, PartnerIndicator
from scrutiny.performance.services import partner_figures_upload
from tests.access.viewers import officer_of
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

SECRET_NAME = "Offenders managed under IOM reoffending"
SECRET_VALUE = "987654"
QUERY = "?from=2022-01&to=2022-03&compare=last-year"


@pytest.fixture
def partners(world):
    home, *_rest, group = world
    committee = group.committee
    fire = OrganisationFactory(name="Kent Fire and Rescue Service", short_name="KFRS")
    probation = OrganisationFactory(name="Kent Probation", short_name="Probation")
    open_indicator = PartnerIndicator.internal.create(
        committee=committee, organisation=fire, name="Deliberate fires", slug="deliberate-fires"
    )
    secret = PartnerIndicator.internal.create(
        committee=committee, organisation=probation, name=SECRET_NAME, slug="iom",
        is_exempt=True, exemption_ground="confidence",
    )
    PartnerFigure.internal.create(indicator=open_indicator, period_start=dt.date(2022, 1, 1),
                                  period_end=dt.date(2022, 3, 31), value=Decimal(12))
    PartnerFigure.internal.create(indicator=open_indicator, period_start=dt.date(2021, 1, 1),
                                  period_end=dt.date(2021, 3, 31), value=Decimal(16))
    PartnerFigure.internal.create(indicator=secret, period_start=dt.date(2022, 1, 1),
                                  period_end=dt.date(2022, 3, 31), value=Decimal(SECRET_VALUE))
    return home, committee


def pdf_text(response) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    return " ".join(text.split())  # table cells wrap lines


def officer_client(client, committee):
    client.force_login(officer_of(committee.council, username="csm"))
    return client


def test_public_page_shows_figures_charts_and_open_partner_data_only(client, partners):
    home, _ = partners
    response = client.get(f"/performance/{home.code}/{QUERY}")
    assert response.status_code == 200
    html = response.content.decode()
    assert ("Total recorded crime fell 9.1% compared with the same quarter last year (33 to 30), "
            "and was unchanged compared with the previous quarter (30).") in html
    assert html.count("<svg") == 3
    # both comparisons side by side: Q4 2021 (30, unchanged) and Q1 2021 (33, -3, -9.1%)
    assert "Same period last year (2021-01 to 2021-03)" in html and "Previous period (2021-10 to 2021-12)" in html
    assert "−3 (−9.1%)" in html and "0 (0.0%)" in html
    assert "Deliberate fires" in html and "−25.0%" in html  # 12 against 16
    assert "Quarterly figures" in html  # partners report at their own frequency
    assert "quarterly figure</span>" in html  # and say how the period's figure was made
    assert SECRET_NAME not in html and SECRET_VALUE not in html and "987,654" not in html
    assert "report-confidential.pdf" not in html


@pytest.mark.parametrize("who", ["anonymous", "stranger", "former_member", "invitee"])
def test_confidential_figures_reach_no_one_not_entitled(client, partners, who):
    home, committee = partners
    if who != "anonymous":
        user = UserFactory(username=who)
        person = PersonFactory(user=user)
        if who == "former_member":
            MembershipFactory(organisation=committee, person=person, role=MembershipRole.MEMBER,
                              starts_on=dt.date(2010, 5, 1), ends_on=dt.date(2011, 5, 1))
        if who == "invitee":
            MembershipFactory(organisation=committee, person=person, role=MembershipRole.STANDING_INVITEE,
                              starts_on=dt.date(2020, 5, 1))
        client.force_login(user)
    page = client.get(f"/performance/{home.code}/{QUERY}").content.decode()
    assert SECRET_NAME not in page and "987,654" not in page
    public_pdf = client.get(f"/performance/{home.code}/report.pdf{QUERY}")
    assert public_pdf.status_code == 200
    text = pdf_text(public_pdf)
    assert "Deliberate fires" in text and SECRET_NAME not in text and "987,654" not in text
    refused = client.get(f"/performance/{home.code}/report-confidential.pdf{QUERY}")
    assert refused.status_code == 404
    assert SECRET_NAME.encode() not in refused.content
    # a report for an area that does not exist gives the same answer
    assert client.get(f"/performance/E07999999/report-confidential.pdf{QUERY}").status_code == 404


def test_officer_and_member_get_the_exempt_report_marked(client, partners):
    home, committee = partners
    page = officer_client(client, partners[1]).get(f"/performance/{home.code}/{QUERY}")
    assert SECRET_NAME in page.content.decode() and page["Cache-Control"] == "private, no-store"
    response = client.get(f"/performance/{home.code}/report-confidential.pdf{QUERY}")
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    text = pdf_text(response)
    assert "NOT FOR PUBLICATION" in text and SECRET_NAME in text and "987,654" in text
    assert all("NOT FOR PUBLICATION" in page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)

    member = UserFactory(username="member")
    MembershipFactory(organisation=committee, person=PersonFactory(user=member), role=MembershipRole.MEMBER,
                      starts_on=dt.date(2020, 5, 1))
    client.force_login(member)
    assert client.get(f"/performance/{home.code}/report-confidential.pdf{QUERY}").status_code == 200


def test_public_report_has_the_tables_charts_and_statements(client, partners):
    home, _ = partners
    response = client.get(f"/performance/{home.code}/report.pdf{QUERY}")
    text = pdf_text(response)
    assert "Total recorded crime fell 9.1% compared with the same quarter last year" in text
    assert "Same period last year (2021-01 to 2021-03)" in text and "Previous period (2021-10 to 2021-12)" in text
    assert "−3 (−9.1%)" in text
    assert "NOT FOR PUBLICATION" not in text
    reader = PdfReader(io.BytesIO(response.content))
    # the charts are drawn as vectors: no picture is embedded anywhere
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        assert all(xobjects[name].get_object().get("/Subtype") != "/Image" for name in xobjects)


def test_bad_period_is_explained_on_the_page(client, partners):
    home, _ = partners
    response = client.get(f"/performance/{home.code}/?from=2022-13&to=2022-03")
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html and "write it as YYYY-MM" in html


def test_import_history_is_for_officers(client, partners):
    assert client.get("/performance/imports/").status_code in (302, 403, 404)
    response = officer_client(client, partners[1]).get("/performance/imports/")
    assert response.status_code == 200 and "police.uk street-level crime" in response.content.decode()


def test_partner_sheet_upload_all_or_nothing(partners):
    _, committee = partners
    indicator = PartnerIndicator.internal.get(slug="deliberate-fires")
    good = b"Period,Value,Note\n2022-Q2,14,\n2022-01,5,monthly\n"
    run = partner_figures_upload(indicator=indicator, name="fires.csv", content=good, by=None)
    assert run.status == "completed" and run.rows_loaded == 2
    assert PartnerFigure.internal.get(indicator=indicator, period_start=dt.date(2022, 4, 1)).period_end == dt.date(2022, 6, 30)
    from scrutiny.performance.partner import PartnerSheetError

    bad = b"Period start,Period end,Value\n01/07/2022,30/09/2022,20\n2022-10-01,2022-09-30,3\n01/01/2023,31/03/2023,lots\n"
    before = PartnerFigure.internal.count()
    with pytest.raises(PartnerSheetError) as caught:
        partner_figures_upload(indicator=indicator, name="fires.csv", content=bad, by=None)
    assert caught.value.problems == [
        "row 3: the period ends (30/09/2022) before it starts (01/10/2022)",
        "row 4: the value 'lots' is not a number",
    ]
    assert PartnerFigure.internal.count() == before  # the good first row was not stored either


def test_partner_sheet_from_excel(partners):
    import openpyxl

    indicator = PartnerIndicator.internal.get(slug="iom")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Period start", "Period end", "Value"])
    sheet.append([dt.datetime(2022, 4, 1), dt.datetime(2022, 6, 30), 41.5])  # noqa: DTZ001 (Excel dates are naive)
    buffer = io.BytesIO()
    book.save(buffer)
    partner_figures_upload(indicator=indicator, name="iom.xlsx", content=buffer.getvalue(), by=None)
    assert PartnerFigure.internal.get(indicator=indicator, period_start=dt.date(2022, 4, 1)).value == Decimal("41.5")
    assert not PartnerFigure.public.filter(indicator=indicator).exists()


def test_admin_gives_staff_not_superusers_nothing_of_the_partner_data(client, partners):
    from django.contrib.auth.models import Permission
    from django.urls import reverse

    clerk = UserFactory(username="clerk", is_staff=True)
    clerk.user_permissions.add(*Permission.objects.filter(content_type__app_label="performance"))
    client.force_login(clerk)
    secret = PartnerIndicator.internal.get(slug="iom")
    listing = reverse("admin:performance_partnerindicator_changelist")
    for query in ("", "?q=IOM", "?is_exempt__exact=1"):
        response = client.get(listing + query, follow=True)
        assert response.status_code == 200 and SECRET_NAME.encode() not in response.content
    for url in (
        reverse("admin:performance_partnerindicator_change", args=[secret.pk]),
        reverse("admin:performance_partnerindicator_history", args=[secret.pk]),
    ):
        response = client.get(url, follow=True)
        assert SECRET_NAME.encode() not in response.content and SECRET_VALUE.encode() not in response.content
    opened = client.get(reverse("admin:performance_partnerindicator_change", args=[PartnerIndicator.internal.get(slug="deliberate-fires").pk]))
    assert opened.status_code == 302  # not even the open indicators: the admin is the superusers'

    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    assert SECRET_NAME.encode() in client.get(listing).content


def test_officer_uploads_a_partner_sheet_and_a_bad_one_is_explained(client, partners):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    indicator = PartnerIndicator.internal.get(slug="deliberate-fires")
    url = reverse("partner_figures_upload", args=[indicator.pk])
    assert client.get(url).status_code in (302, 403, 404)  # not for the public
    officer_client(client, partners[1])
    bad = SimpleUploadedFile("fires.csv", b"Period,Value\n2022-Q3,many\n", content_type="text/csv")
    response = client.post(url, {"file": bad})
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page and "Nothing was stored." in page and "row 2: the value" in page
    good = SimpleUploadedFile("fires.csv", b"Period,Value\n2022-Q3,17\n", content_type="text/csv")
    response = client.post(url, {"file": good})
    assert response.status_code == 302
    assert PartnerFigure.internal.get(indicator=indicator, period_start=dt.date(2022, 7, 1)).value == 17
    wrong = SimpleUploadedFile("fires.pdf", b"%PDF", content_type="application/pdf")
    assert "must be a CSV file or an Excel" in client.post(url, {"file": wrong}).content.decode()


def test_officer_puts_both_versions_of_the_report_on_an_agenda_item(client, partners):
    from django.urls import reverse

    from scrutiny.documents.models import Document
    from scrutiny.meetings.models import MeetingStatus
    from tests.factories import AgendaItemFactory, MeetingFactory

    home, committee = partners
    item = AgendaItemFactory(meeting=MeetingFactory(committee=committee, status=MeetingStatus.SCHEDULED,
                                                    date=dt.date(2022, 6, 1)), title="CSP Performance Report")
    url = reverse("performance_report_attach", args=[home.code]) + QUERY
    assert client.post(url, {"item": item.pk, "version": "public"}).status_code in (302, 403, 404)
    assert not Document.internal.exists()  # the public cannot

    officer_client(client, partners[1])
    page = client.get(f"/performance/{home.code}/{QUERY}").content.decode()
    assert "Put this report on an agenda" in page and "CSP Performance Report" in page
    assert client.post(url, {"item": item.pk, "version": "public"}).status_code == 302
    assert client.post(url, {"item": item.pk, "version": "confidential"}).status_code == 302
    public, exempt = Document.internal.filter(agenda_item=item).order_by("position")
    assert not public.is_exempt and public.page_count >= 1 and public.title.startswith("CSP performance: Dartford")
    assert exempt.is_exempt and exempt.exemption_ground == "confidence"
    assert list(Document.public.filter(agenda_item=item)) == []  # not yet published: officers only
    text = " ".join(PdfReader(exempt.file.open("rb")).pages[0].extract_text().split())
    assert "NOT FOR PUBLICATION" in text


def test_report_as_word_public_and_exempt(client, partners):
    from docx import Document as WordDocument

    home, _ = partners

    def words(response) -> str:
        document = WordDocument(io.BytesIO(response.content))
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        header = [p.text for s in document.sections for p in s.header.paragraphs]
        return " ".join([p.text for p in document.paragraphs] + cells + header)

    public = client.get(f"/performance/{home.code}/report.docx{QUERY}")
    text = words(public)
    assert "Total recorded crime fell 9.1%" in text and "Deliberate fires" in text
    assert "Previous period (2021-10 to 2021-12)" in text and "−3 (−9.1%)" in text
    assert SECRET_NAME not in text and "987,654" not in text and "NOT FOR PUBLICATION" not in text
    assert client.get(f"/performance/{home.code}/report-confidential.docx{QUERY}").status_code == 404
    officer_client(client, partners[1])
    exempt = client.get(f"/performance/{home.code}/report-confidential.docx{QUERY}")
    text = words(exempt)
    assert SECRET_NAME in text and "987,654" in text and "NOT FOR PUBLICATION" in text
    assert exempt["Cache-Control"] == "private, no-store"


def test_upload_to_a_confidential_indicator_is_hidden_from_staff_not_entitled(client, partners):
    """The run of an upload names its indicator: the name of one given in confidence must not
    reach staff without the exempt permission through the import history, nor through the
    admin's delete-confirmation pages of the organisation or committee (protected rows)."""
    from django.contrib.auth.models import Permission
    from django.urls import reverse

    from scrutiny.performance.models import ImportRun

    _, committee = partners
    secret = PartnerIndicator.internal.get(slug="iom")
    run = partner_figures_upload(indicator=secret, name="iom-q2.csv", content=b"Period,Value\n2022-Q2,5\n", by=None)
    open_run = partner_figures_upload(indicator=PartnerIndicator.internal.get(slug="deliberate-fires"),
                                      name="fires.csv", content=b"Period,Value\n2022-Q2,5\n", by=None)
    assert run.confidential and run.partner_indicator == secret and SECRET_NAME in run.source
    assert list(ImportRun.public.filter(kind="partner")) == [open_run]
    # the figures' own names never name a confidential indicator (they show on delete pages)
    assert SECRET_NAME not in str(secret) and SECRET_VALUE not in str(secret.figures.first())

    clerk = UserFactory(username="clerk", is_staff=True)
    clerk.user_permissions.add(*Permission.objects.filter(content_type__app_label__in=["performance", "governance"]))
    client.force_login(clerk)
    changelist = reverse("admin:performance_importrun_changelist")
    for url in (changelist, changelist + "?q=IOM", changelist + "?q=iom-q2", changelist + "?kind__exact=partner",
                reverse("admin:performance_importrun_change", args=[run.pk]),
                reverse("admin:performance_importrun_history", args=[run.pk]),
                reverse("admin:governance_organisation_delete", args=[secret.organisation_id]),
                reverse("admin:governance_committee_delete", args=[committee.pk]),
                "/performance/imports/"):
        response = client.get(url, follow=True)
        assert SECRET_NAME.encode() not in response.content, url
        assert b"iom-q2.csv" not in response.content, url
    assert client.get(changelist).status_code == 302  # the admin is the superusers'

    officer_client(client, partners[1])
    imports = client.get("/performance/imports/").content.decode()
    assert SECRET_NAME in imports and "Deliberate fires" in imports
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    assert SECRET_NAME.encode() in client.get(changelist + "?q=IOM").content
    assert SECRET_NAME.encode() in client.get(reverse("admin:performance_importrun_change", args=[run.pk])).content


def test_indicators_command_prints_open_partner_figures_never_confidential_ones(partners):
    import csv as csv_module
    import json

    from django.core.management import call_command

    home, _ = partners
    partner_figures_upload(indicator=PartnerIndicator.internal.get(slug="iom"), name="iom.csv",
                           content=b"Period,Value\n2021-Q1,5\n", by=None)

    def run(fmt: str) -> str:
        out = io.StringIO()
        call_command("indicators", "--area", home.code, "--from", "2022-01", "--to", "2022-03", "--format", fmt,
                     stdout=out)
        return out.getvalue()

    table, as_csv, as_json = run("table"), run("csv"), run("json")
    for text in (table, as_csv, as_json):
        assert SECRET_NAME not in text and SECRET_VALUE not in text and "987,654" not in text and "Probation" not in text
    # Deliberate fires: 12 in Q1 2022 against 16 in Q1 2021, -4, -25.0%
    assert "Deliberate fires (KFRS), 2022-01-01 to 2022-03-31: 12 (a year before 16, -25.0%)" in table
    rows = {r["indicator"]: r for r in csv_module.DictReader(io.StringIO(as_csv))}
    fires = rows["Deliberate fires"]
    assert (fires["count"], fires["compared"], fires["change"], fires["change_percent"], fires["source"]) == (
        "12", "16", "-4", "-25.0", "KFRS")
    assert rows["Burglary"]["source"] == "police.uk"
    data = json.loads(as_json)
    assert [p["indicator"] for p in data["partner_indicators"]] == ["Deliberate fires"]
    assert data["partner_indicators"][0]["count"] == 12 and data["partner_indicators"][0]["frequency"] == "quarterly"


def test_county_without_lsoas_is_explained_on_the_page_and_in_the_report(client, partners):
    from tests.performance.factories import area_with_lsoas

    home, committee = partners
    group = home.home_of_groups.get()
    group.county = area_with_lsoas("Kent", [], population={2022: 1_500_000}, level="county", code="E10000016")
    group.save()
    html = client.get(f"/performance/{home.code}/{QUERY}").content.decode()
    text = pdf_text(client.get(f"/performance/{home.code}/report.pdf{QUERY}"))
    for shown in (html, text):
        assert "No Kent average is given: Kent has no LSOAs in the area lookups loaded" in shown
        assert "Kent average of" not in shown and "below the Kent" not in shown
    assert "Dartford recorded total crime of 3.0 per 1,000 population, and ranked 2nd highest of 3" in html


def test_indicators_csv_leaves_partner_comparison_empty_against_the_previous_period(partners):
    """Partner figures are compared with a year before only: against the previous period their
    comparison columns stay empty rather than hold the year before's figure."""
    import csv as csv_module

    from django.core.management import call_command

    home, _ = partners
    out = io.StringIO()
    call_command("indicators", "--area", home.code, "--from", "2022-01", "--to", "2022-03", "--compare", "previous",
                 "--format", "csv", stdout=out)
    fires = {r["indicator"]: r for r in csv_module.DictReader(io.StringIO(out.getvalue()))}["Deliberate fires"]
    assert (fires["count"], fires["compared"], fires["change"], fires["change_percent"]) == ("12", "", "", "")


def test_one_report_view_by_format_and_visibility_and_only_the_public_one_cached_publicly(client, partners):
    home, _ = partners
    public = {"pdf": client.get(f"/performance/{home.code}/report.pdf{QUERY}"),
              "docx": client.get(f"/performance/{home.code}/report.docx{QUERY}")}
    officer_client(client, partners[1])
    exempt = {"pdf": client.get(f"/performance/{home.code}/report-confidential.pdf{QUERY}"),
              "docx": client.get(f"/performance/{home.code}/report-confidential.docx{QUERY}")}
    name = f"performance-{home.code}-2022-01-2022-03"
    for extension, disposition in (("pdf", "inline"), ("docx", "attachment")):
        assert public[extension]["Content-Disposition"] == f'{disposition}; filename="{name}.{extension}"'
        assert public[extension]["Cache-Control"] == "public, max-age=300"
        assert "X-Robots-Tag" not in public[extension]
        assert exempt[extension]["Content-Disposition"] == f'{disposition}; filename="{name}-confidential.{extension}"'
        assert exempt[extension]["Cache-Control"] == "private, no-store"
        assert exempt[extension]["X-Robots-Tag"] == "noindex"
    assert SECRET_NAME in pdf_text(exempt["pdf"]) and SECRET_NAME not in pdf_text(public["pdf"])
    page = client.get(f"/performance/{home.code}/{QUERY}")
    assert page["X-Robots-Tag"] == "noindex"  # the page with the confidential figures, too
    client.logout()
    assert "Cache-Control" not in client.get(f"/performance/{home.code}/{QUERY}")
