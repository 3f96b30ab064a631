"""Dartford and the invented Example District Council in one installation, as `make demo`
loads them: each council's officer (`officer`, `officer2`) reads their own council's exempt
business and, on every surface of the other council, only what the public reads."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document as WordDocument
from pypdf import PdfReader

from scrutiny.annual_report.models import AnnualReport
from scrutiny.demo.accounts import OFFICER, OFFICER2, demo_accounts_ensure
from scrutiny.demo.loader import EXAMPLE_DIR, DirectorySource, load_demo, publish_demo_agendas
from scrutiny.documents.models import Document
from scrutiny.governance.models import Committee
from scrutiny.meetings.models import AgendaItem, Meeting
from scrutiny.minutes.models import Minute
from tests.access.signing_in import sign_in

pytestmark = pytest.mark.django_db

COMMITTEES = {OFFICER.username: "dartford-crime-and-disorder", OFFICER2.username: "example-community-safety"}


@pytest.fixture
def installation():
    load_demo()
    load_demo(source=DirectorySource(EXAMPLE_DIR))
    publish_demo_agendas()
    demo_accounts_ensure()
    return {slug: Committee.objects.get(slug=slug) for slug in COMMITTEES.values()}


def _secrets(committee: Committee) -> list[str]:
    """What of the committee's exempt business the public never reads: the purposes, the
    titles hidden behind a public title, the papers' descriptions, the minutes' words."""
    found = []
    for item in AgendaItem.internal.filter(meeting__committee=committee, is_exempt=True):
        found += [item.purpose] + ([item.title] if item.public_title else [])
    for doc in Document.internal.filter(agenda_item__meeting__committee=committee):
        if doc.is_exempt or doc.agenda_item.is_exempt:
            found += [doc.description] + ([doc.title] if doc.public_title else [])
    for minute in Minute.internal.filter(meeting__committee=committee):
        if minute.is_withheld_from_public:
            found += [minute.narrative[:60]]
    return [s.strip() for s in found if s and len(s.strip()) > 12]


def _surfaces(committee: Committee) -> list[str]:
    urls = [reverse(name, args=[committee.slug]) for name in ("committee", "work_programme", "tracker", "draw_downs")]
    for meeting in Meeting.objects.filter(committee=committee):
        urls += [reverse(name, args=[meeting.pk]) for name in ("meeting", "meeting_minutes", "decisions", "agenda_word",
                                                                "agenda_pack", "part2_pack", "meeting_attendance")]
        urls += [reverse("draft_pack", args=[meeting.pk, part]) for part in ("public", "part2")]
        if AgendaItem.internal.filter(meeting=meeting, is_exempt=True).exists():
            urls += [reverse("minutes_pdf", args=[meeting.pk]), reverse("minutes_word", args=[meeting.pk])]
    for doc in Document.internal.filter(agenda_item__meeting__committee=committee):
        urls += [reverse("document", args=[doc.pk]), reverse("document_file", args=[doc.pk])]
        if hasattr(doc, "covering_report"):
            urls.append(reverse("report_word", args=[doc.pk]))
    urls += [reverse("minute", args=[m.pk]) for m in Minute.internal.filter(meeting__committee=committee)]
    urls += [reverse("annual_reports", args=[committee.slug]), reverse("committee_feed", args=[committee.slug])]
    for report in AnnualReport.internal.filter(committee=committee):
        urls += [reverse(name, args=[report.pk]) for name in ("annual_report", "annual_report_members", "annual_report_draft")]
        urls += [reverse(name, args=[report.pk, fmt]) for name in ("annual_report_file", "annual_report_members_file")
                 for fmt in ("pdf", "docx")]
        urls.append(reverse("annual_report_text", args=[report.pk, "introduction"]))
    return urls + [reverse("dashboard")]


def _text(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body.startswith(b"%PDF"):
        text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)
    elif body.startswith(b"PK"):
        document = WordDocument(io.BytesIO(body))
        text = "\n".join([p.text for p in document.paragraphs]
                         + [c.text for t in document.tables for r in t.rows for c in r.cells])
    else:
        text = body.decode("utf-8", "replace").replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&")
    return " ".join(text.split())


@pytest.mark.parametrize(("who", "other"), [(OFFICER, OFFICER2), (OFFICER2, OFFICER)], ids=["officer", "officer2"])
def test_each_councils_officer_sees_only_their_own_councils_exempt_business(client, installation, who, other):
    own, theirs = installation[COMMITTEES[who.username]], installation[COMMITTEES[other.username]]
    sign_in(client, who.username, who.password)
    their_secrets, own_secrets = _secrets(theirs), _secrets(own)
    assert their_secrets and own_secrets
    for url in _surfaces(theirs):
        response = client.get(url)
        assert response.status_code in (200, 302, 403, 404), (url, response.status_code)
        text = _text(response)
        for secret in their_secrets:
            assert " ".join(secret.split()) not in text, f"{who.username} read {secret!r} at {url}"
    seen = " ".join(_text(client.get(url)) for url in _surfaces(own) if "/file/" not in url and ".pdf" not in url)
    missing = [secret for secret in own_secrets if " ".join(secret.split()) not in seen]
    assert not missing, f"{who.username} does not see their own council's exempt business: {missing}"
    dashboard = _text(client.get(reverse("dashboard")))
    assert own.name in dashboard and theirs.name not in dashboard
