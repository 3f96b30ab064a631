"""No file with exempt content, nor one seen only by officers, may be kept by a shared cache
(a council's proxy, a CDN): it would hand it to the next visitor. Each kind of file the site
serves, tried as those entitled receive it."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from scrutiny.documents.models import CoveringReport
from scrutiny.meetings.models import MeetingStatus
from scrutiny.publishing.models import AgendaPublication
from tests.access import test_policy
from tests.access.test_policy import _body, _client
from tests.factories import AgendaItemFactory, DocumentFactory, MeetingFactory

scene = test_policy.scene  # the leak tests' fixture

pytestmark = pytest.mark.django_db
PRIVATE = "private, no-store"


def _publish(meeting, *, document_ids):
    return AgendaPublication.objects.create(
        meeting=meeting,
        version=1,
        published_at=timezone.now(),
        deadline=meeting.date - dt.timedelta(days=8),
        public_pack=ContentFile(b"%PDF public pack", name="public.pdf"),
        part2_pack=ContentFile(b"%PDF SECRET part 2 pack", name="part2.pdf"),
        public_pages=1,
        agenda=[],
        document_ids=document_ids,
    )


def _exempt_files(scene):
    meeting, exempt_doc = scene["meeting"], scene["exempt_doc"]
    return {
        "exempt paper": reverse("document_file", args=[exempt_doc.pk]),
        "exempt appendix": reverse("document_file", args=[scene["appendix"].pk]),
        "exempt report as Word": reverse("report_word", args=[exempt_doc.pk]),
        "agenda as Word with Part 2": reverse("agenda_word", args=[meeting.pk]),
        "minutes as PDF with exempt minutes": reverse("minutes_pdf", args=[meeting.pk]),
        "minutes as Word with exempt minutes": reverse("minutes_word", args=[meeting.pk]),
        "Part 2 pack": reverse("part2_pack", args=[meeting.pk]),
        "Part 2 pack, version 1": reverse("part2_pack_version", args=[meeting.pk, 1]),
    }


@pytest.mark.parametrize("who", ["officer", "member"])
def test_exempt_files_are_never_cached_publicly_nor_indexed(client, scene, who):
    _publish(scene["meeting"], document_ids=[scene["open_doc"].pk])
    CoveringReport.objects.create(document=scene["exempt_doc"], heading="SECRET heading", summary="s", recommendations="r")
    client = _client(client, scene, who)
    for name, url in _exempt_files(scene).items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert response["Cache-Control"] == PRIVATE, name
        assert response["X-Robots-Tag"] == "noindex", name


def test_the_same_files_as_the_public_gets_them_are_cached_publicly(client, scene):
    meeting, open_doc = scene["meeting"], scene["open_doc"]
    _publish(meeting, document_ids=[open_doc.pk])
    for url in (
        reverse("document_file", args=[open_doc.pk]),
        reverse("agenda_word", args=[meeting.pk]),
        reverse("minutes_pdf", args=[meeting.pk]),
        reverse("minutes_word", args=[meeting.pk]),
        reverse("agenda_pack", args=[meeting.pk]),
        reverse("agenda_pack_version", args=[meeting.pk, 1]),
        reverse("meeting_ics", args=[meeting.pk]),
        reverse("committee_ics", args=[scene["committee"].slug]),
        reverse("work_programme_pdf", args=[scene["committee"].slug]),
        reverse("work_programme_docx", args=[scene["committee"].slug]),
        reverse("tracker_report_pdf", args=[scene["committee"].slug]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"SECRET" not in _body(response), url
        assert response["Cache-Control"] == "public, max-age=300", url
        assert "X-Robots-Tag" not in response, url


def test_a_paper_officers_see_before_the_public_does_is_not_cached_publicly(client, scene):
    """An open paper of an agenda not yet published, or added after the agenda was: only the
    officers see it, so its answer to them must not reach a shared cache."""
    draft = MeetingFactory(committee=scene["committee"], date=dt.date(2018, 2, 21), status=MeetingStatus.SCHEDULED)
    unpublished = DocumentFactory(agenda_item=AgendaItemFactory(meeting=draft, title="Draft item"))
    unpublished.file.save("draft.pdf", ContentFile(b"%PDF-1.7 draft paper"))
    _publish(scene["meeting"], document_ids=[scene["open_doc"].pk])
    late = DocumentFactory(agenda_item=scene["open_doc"].agenda_item, title="Added since")
    late.file.save("late.pdf", ContentFile(b"%PDF-1.7 late paper"))
    for document in (unpublished, late):
        url = reverse("document_file", args=[document.pk])
        assert client.get(url).status_code == 404  # the public: not yet
        client.force_login(scene["users"]["officer"])
        response = client.get(url)
        assert response.status_code == 200 and response["Cache-Control"] == PRIVATE
        assert response["X-Robots-Tag"] == "noindex"
        client.logout()
