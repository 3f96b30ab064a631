"""Every opening of a meeting's exempt business is recorded (who, what, when, from where), by
every surface that serves it; nothing is recorded when nothing exempt is served; and if the
record cannot be written, the content is not sent."""

import pytest
from django.db import DatabaseError
from django.urls import reverse

from scrutiny.audit.models import Capacity, ExemptOpening
from scrutiny.core.openings import OpeningFormat, OpeningKind
from scrutiny.documents.models import CoveringReport
from scrutiny.minutes.models import Minute
from tests.access import test_policy
from tests.access.test_downloads import _publish
from tests.access.test_policy import _body, _client
from tests.access.viewers import ENTITLED, NOT_ENTITLED

scene = test_policy.scene  # the leak tests' meeting: exempt papers, items and minutes

pytestmark = pytest.mark.django_db


def _exempt_surfaces(scene):
    """(address, kind, format, paper) for each way the meeting's exempt business is opened."""
    meeting, exempt_doc, appendix = scene["meeting"], scene["exempt_doc"], scene["appendix"]
    paper, minutes = OpeningKind.PAPER, OpeningKind.EXEMPT_MINUTES
    return [
        (reverse("document", args=[exempt_doc.pk]), paper, OpeningFormat.PAGE, exempt_doc),
        (reverse("document_file", args=[exempt_doc.pk]), paper, OpeningFormat.PDF, exempt_doc),
        (reverse("report_word", args=[exempt_doc.pk]), paper, OpeningFormat.WORD, exempt_doc),
        (reverse("document", args=[appendix.pk]), paper, OpeningFormat.PAGE, appendix),
        (reverse("document_file", args=[appendix.pk]), paper, OpeningFormat.PDF, appendix),
        (reverse("agenda_word", args=[meeting.pk]), OpeningKind.PART2_AGENDA, OpeningFormat.WORD, None),
        (reverse("meeting_minutes", args=[meeting.pk]), minutes, OpeningFormat.PAGE, None),
        (reverse("minute", args=[scene["exempt_minute"].pk]), minutes, OpeningFormat.PAGE, None),
        (reverse("minutes_pdf", args=[meeting.pk]), minutes, OpeningFormat.PDF, None),
        (reverse("minutes_word", args=[meeting.pk]), minutes, OpeningFormat.WORD, None),
        (reverse("part2_pack", args=[meeting.pk]), OpeningKind.PART2_PACK, OpeningFormat.PDF, None),
        (reverse("part2_pack_version", args=[meeting.pk, 1]), OpeningKind.PART2_PACK, OpeningFormat.PDF, None),
    ]


def _ready(scene):
    _publish(scene["meeting"], document_ids=[scene["open_doc"].pk])
    CoveringReport.objects.create(document=scene["exempt_doc"], heading="SECRET heading", summary="s",
                                  recommendations="r")


@pytest.mark.parametrize("who", ENTITLED)
def test_each_opening_by_those_entitled_is_recorded_with_who_what_when_and_where(client, scene, who):
    _ready(scene)
    user = scene["users"][who]
    client = _client(client, scene, who)
    for url, kind, format, paper in _exempt_surfaces(scene):
        before = ExemptOpening.objects.count()
        response = client.get(url)
        assert response.status_code == 200, url
        assert ExemptOpening.objects.count() == before + 1, f"{url}: not recorded"
        opening = ExemptOpening.objects.order_by("-pk").first()
        assert (opening.kind, opening.format, opening.path) == (kind, format, url)
        assert opening.user == user and opening.username == user.username and opening.who
        assert opening.capacity == (Capacity.OFFICER if who == "officer" else Capacity.MEMBER)
        assert opening.committee == scene["committee"] and opening.meeting == scene["meeting"]
        assert opening.document == paper
        assert opening.address == "127.0.0.1"  # the test client's own
        assert opening.what


def test_what_is_opened_is_named_for_the_list(client, scene):
    _ready(scene)
    client = _client(client, scene, "member")
    client.get(reverse("document_file", args=[scene["exempt_doc"].pk]))
    client.get(reverse("part2_pack_version", args=[scene["meeting"].pk, 1]))
    client.get(reverse("minute", args=[scene["exempt_minute"].pk]))
    client.get(reverse("meeting_minutes", args=[scene["meeting"].pk]))
    assert [o.what for o in ExemptOpening.objects.order_by("pk")] == [
        "SECRET-DOCTITLE Quarterly Performance Report (item A: CSP Performance Report)",
        "Part 2 pack, version 1",
        "Minute 13 (CSP PERFORMANCE REPORT)",
        "The minutes, with minute 13 (CSP PERFORMANCE REPORT), minute 14 (SECRET-TITLE minute)",
    ]


@pytest.mark.parametrize("who", NOT_ENTITLED)
def test_nothing_is_recorded_for_those_refused(client, scene, who):
    _ready(scene)
    client = _client(client, scene, who)
    for url, *_ in _exempt_surfaces(scene):
        response = client.get(url)
        assert b"SECRET" not in _body(response), url
    assert not ExemptOpening.objects.exists()


@pytest.mark.parametrize("who", ENTITLED)
def test_opening_what_the_public_may_read_is_not_recorded(client, scene, who):
    meeting = scene["meeting"]
    _publish(meeting, document_ids=[scene["open_doc"].pk])
    scene["appendix"].delete()  # the open item's paper then has nothing exempt beside it
    client = _client(client, scene, who)
    for url in (
        reverse("meeting", args=[meeting.pk]),
        reverse("document", args=[scene["open_doc"].pk]),
        reverse("document_file", args=[scene["open_doc"].pk]),
        reverse("agenda_pack", args=[meeting.pk]),
        reverse("minute", args=[Minute.internal.get(meeting=meeting, number=11).pk]),
    ):
        assert client.get(url).status_code == 200, url
    assert not ExemptOpening.objects.exists()


def test_behind_a_trusted_proxy_the_clients_own_address_is_recorded(client, scene, settings):
    settings.TRUSTED_PROXIES = 1
    client = _client(client, scene, "member")
    # The left entry was written by the client, the right one by the proxy: only that is trusted.
    client.get(reverse("document_file", args=[scene["exempt_doc"].pk]),
               HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.9", REMOTE_ADDR="10.0.0.2")
    assert ExemptOpening.objects.get().address == "203.0.113.9"


def test_if_the_opening_cannot_be_recorded_the_content_is_not_sent(client, scene, monkeypatch):
    def fails(**kwargs):
        raise DatabaseError("the disk is full")

    monkeypatch.setattr("scrutiny.audit.middleware.exempt_opening_record", fails)
    client = _client(client, scene, "member")
    for url in (reverse("document_file", args=[scene["exempt_doc"].pk]), reverse("minute", args=[scene["exempt_minute"].pk])):
        response = client.get(url)
        assert response.status_code == 503
        assert b"SECRET" not in _body(response)
        assert b"could not be recorded" in _body(response)
    assert not ExemptOpening.objects.exists()


def test_a_withdrawn_version_opens_nothing_and_records_nothing(client, scene, officer):
    from scrutiny.publishing.services import publication_withdraw

    publication = _publish(scene["meeting"], document_ids=[scene["open_doc"].pk])
    publication.agenda = [{"number": "11", "title": "Performance"}]  # as publishing records it
    publication.save()
    publication_withdraw(publication=publication, reason="An item was made exempt.", by=officer)
    client = _client(client, scene, "member")
    assert client.get(reverse("part2_pack_version", args=[scene["meeting"].pk, 1])).status_code == 410
    assert not ExemptOpening.objects.exists()


def test_the_record_outlives_the_account_that_opened(client, scene):
    client = _client(client, scene, "member")
    client.get(reverse("document_file", args=[scene["exempt_doc"].pk]))
    client.logout()
    user = scene["users"]["member"]
    name = ExemptOpening.objects.get().who
    user.delete()
    opening = ExemptOpening.objects.get()
    assert opening.user is None and opening.who == name and opening.username == user.username
