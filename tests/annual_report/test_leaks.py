"""No exempt text reaches the public version of the annual report on any surface (page, PDF,
Word, the command), for every kind of viewer, the officers and members of another council
included; the members' version reaches those entitled, and each opening is recorded."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse

from scrutiny.annual_report import services
from scrutiny.audit.models import ExemptOpening
from scrutiny.core.openings import OpeningKind
from tests.access import test_policy
from tests.access.test_policy import _body, _client
from tests.access.viewers import ENTITLED, NOT_ENTITLED
from tests.pdfs import docx_every_part, text_of

scene = test_policy.scene  # 26 July 2017: an open minute, an exempt one (confidence), a sensitive one (para 1)

pytestmark = pytest.mark.django_db

SECRET = "SECRET"


@pytest.fixture
def report(scene):
    report = services.annual_report_start(committee=scene["committee"], start_year=2017)
    exempt_part = f"minute-{scene['exempt_minute'].pk}"
    services.narrative_write(report=report, part=exempt_part, text="SECRET-OFFICER-SUMMARY of the figures.")
    services.narrative_write(report=report, part="introduction", text="Our year, in our words.")
    return report


def _publish(report, meeting):
    report = services.annual_report_consider(report=report, meeting=meeting, resolution="That it be submitted.")
    report = services.annual_report_submit(report=report, submitted_to="the General Assembly of the Council",
                                           submitted_on=dt.date(2018, 9, 17))
    return services.annual_report_publish(report=report, published_on=dt.date(2018, 9, 18))


def _text(response) -> str:
    body = _body(response)
    if body.startswith(b"%PDF"):
        text = " ".join(text_of(body))
    elif body.startswith(b"PK"):
        text = docx_every_part(body)
    else:
        text = body.decode()
    return " ".join(text.split())


def _public_surfaces(report):
    return [reverse("annual_report", args=[report.pk]), reverse("annual_report_file", args=[report.pk, "pdf"]),
            reverse("annual_report_file", args=[report.pk, "docx"]),
            reverse("annual_reports", args=[report.committee.slug])]


def _members_surfaces(report):
    return [reverse("annual_report_members", args=[report.pk]),
            reverse("annual_report_members_file", args=[report.pk, "pdf"]),
            reverse("annual_report_members_file", args=[report.pk, "docx"])]


def _officer_surfaces(report, scene):
    return [reverse("annual_report_draft", args=[report.pk]),
            reverse("annual_report_text", args=[report.pk, f"minute-{scene['exempt_minute'].pk}"])]


@pytest.mark.parametrize("who", ENTITLED + NOT_ENTITLED)
def test_the_published_report_is_the_public_version_for_everyone(client, scene, report, who):
    _publish(report, scene["meeting"])
    client = _client(client, scene, who)
    for url in _public_surfaces(report):
        response = client.get(url)
        assert response.status_code == 200, url
        text = _text(response)
        assert SECRET not in text, f"{who} read exempt text at {url}"
        if "annual-reports/" in url and not url.endswith("annual-reports/"):
            assert "This item was considered in private" in text
            assert "supplied to the Council in confidence" in text
            assert "Exempt staffing matter" in text  # the public title, never the sensitive one
            assert "Our year, in our words." in text  # the officer's introduction, published
    assert not ExemptOpening.objects.exists()


@pytest.mark.parametrize("who", NOT_ENTITLED)
def test_the_members_version_and_the_officers_copy_are_not_found_by_those_not_entitled(client, scene, report, who):
    _publish(report, scene["meeting"])
    client = _client(client, scene, who)
    for url in _members_surfaces(report) + _officer_surfaces(report, scene):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), f"{who}: {url} answered {response.status_code}"
        assert SECRET.encode() not in _body(response), f"{who} read exempt text at {url}"
    assert not ExemptOpening.objects.exists()


@pytest.mark.parametrize("who", ENTITLED)
def test_those_entitled_read_the_members_version_marked_and_each_opening_is_recorded(client, scene, report, who):
    _publish(report, scene["meeting"])
    client = _client(client, scene, who)
    for url in _members_surfaces(report):
        before = ExemptOpening.objects.count()
        response = client.get(url)
        assert response.status_code == 200, url
        text = _text(response)
        assert "SECRET-NARRATIVE" in text and "SECRET-RESOLUTION one" in text, url
        assert "NOT FOR PUBLICATION" in text, url
        assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]
        assert ExemptOpening.objects.count() == before + 1, f"{url}: not recorded"
        assert ExemptOpening.objects.order_by("-pk").first().kind == OpeningKind.ANNUAL_REPORT


def test_an_unpublished_report_is_no_ones_but_the_committees(client, scene, report):
    for who in NOT_ENTITLED:
        response = _client(client, scene, who).get(reverse("annual_report", args=[report.pk]))
        assert response.status_code == 404, who
        assert SECRET.encode() not in _body(response)
        client.logout()
    officer = _client(client, scene, "officer")
    assert officer.get(reverse("annual_report", args=[report.pk])).url == reverse("annual_report_draft", args=[report.pk])
    draft = officer.get(reverse("annual_report_draft", args=[report.pk]))
    assert "SECRET-OFFICER-SUMMARY" in draft.content.decode()  # the officer's own words for the exempt item
    assert ExemptOpening.objects.filter(kind=OpeningKind.ANNUAL_REPORT).count() == 1


def test_the_public_list_shows_only_published_reports(client, scene, report):
    listing = reverse("annual_reports", args=[report.committee.slug])
    assert str(report) not in client.get(listing).content.decode()
    _publish(report, scene["meeting"])
    assert str(report) in client.get(listing).content.decode().replace("&#x27;", "'")


def test_the_command_writes_the_public_version_unless_members_is_asked(scene, report, tmp_path, capsys):
    slug = scene["committee"].slug
    for fmt in ("html", "pdf", "docx"):
        out = tmp_path / f"public.{fmt}"
        call_command("annual-report", slug, "2017-18", "--format", fmt, "--out", str(out))
        data = out.read_bytes()
        text = " ".join(text_of(data)) if fmt == "pdf" else docx_every_part(data) if fmt == "docx" else data.decode()
        assert SECRET not in text, fmt
        assert "This item was considered in private" in text
    assert SECRET not in capsys.readouterr().out
    members = tmp_path / "members.html"
    call_command("annual-report", slug, "2017-18", "--format", "html", "--out", str(members), "--members")
    assert "SECRET-NARRATIVE" in members.read_text() and "NOT FOR PUBLICATION" in members.read_text()
    assert "members' version, NOT FOR PUBLICATION" in capsys.readouterr().out
