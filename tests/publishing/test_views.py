"""The packs: one view for the public pack and the Part 2 pack, with the pack's visibility
as a keyword, under the addresses published in the outside world; and the draft packs."""

import datetime as dt

import pytest
from django.urls import reverse

from scrutiny.audit.models import ExemptOpening
from scrutiny.core.openings import OpeningKind
from scrutiny.publishing.services import meeting_publish_agenda
from tests.pdfs import text_of
from tests.publishing.test_services import at

pytestmark = pytest.mark.django_db
D = dt.date


def _text(response) -> str:
    return " ".join(text_of(b"".join(response.streaming_content)))


def test_the_public_pack_and_the_part_2_pack_by_their_addresses(client, meeting, officer):
    meeting_publish_agenda(meeting=meeting, now=at(D(2018, 2, 13)))
    public = client.get(f"/meetings/{meeting.pk}/agenda-pack.pdf")
    assert public.status_code == 200 and "SECRET-ASSESSMENT" not in _text(public)
    assert public["Content-Disposition"] == 'inline; filename="agenda-pack-2018-02-21-v1.pdf"'
    assert public["Cache-Control"] == "public, max-age=300"
    assert client.get(f"/meetings/{meeting.pk}/agenda-pack/v1.pdf").status_code == 200
    for address in (f"/meetings/{meeting.pk}/part-2-pack.pdf", f"/meetings/{meeting.pk}/part-2-pack/v1.pdf"):
        assert client.get(address).status_code == 404
    client.force_login(officer)
    part2 = client.get(f"/meetings/{meeting.pk}/part-2-pack.pdf")
    assert part2.status_code == 200 and "SECRET-ASSESSMENT" in _text(part2)
    assert part2["Content-Disposition"] == 'inline; filename="part-2-not-for-publication-2018-02-21.pdf"'
    assert part2["Cache-Control"] == "private, no-store" and part2["X-Robots-Tag"] == "noindex"
    assert client.get(f"/meetings/{meeting.pk}/part-2-pack/v1.pdf").status_code == 200
    assert client.get(f"/meetings/{meeting.pk}/part-2-pack/v2.pdf").status_code == 404  # no such version


def test_a_pack_not_yet_published_is_not_found(client, meeting, officer):
    client.force_login(officer)
    for name in ("agenda_pack", "part2_pack"):
        assert client.get(reverse(name, args=[meeting.pk])).status_code == 404


def test_the_draft_packs_are_the_officers_and_never_cached_publicly(client, meeting, officer):
    assert client.get(reverse("draft_pack", args=[meeting.pk, "public"])).status_code == 302  # to sign in
    client.force_login(officer)
    public = client.get(reverse("draft_pack", args=[meeting.pk, "public"]))
    assert public.status_code == 200 and "SECRET-ASSESSMENT" not in " ".join(text_of(public.content))
    part2 = client.get(reverse("draft_pack", args=[meeting.pk, "part2"]))
    assert part2.status_code == 200 and "SECRET-ASSESSMENT" in " ".join(text_of(part2.content))
    for response in (public, part2):
        assert response["Cache-Control"] == "private, no-store" and response["X-Robots-Tag"] == "noindex"
    assert client.get(f"/meetings/{meeting.pk}/draft-pack/other.pdf").status_code == 404
    # The draft Part 2 pack is exempt business opened: recorded; the public draft is not.
    opened = [(o.kind, o.what, o.user) for o in ExemptOpening.objects.all()]
    assert opened == [(OpeningKind.DRAFT_PART2_PACK, "Draft Part 2 pack", officer)]


def test_the_meeting_page_in_the_sections_style_says_there_is_no_exempt_business(client, officer):
    from scrutiny.meetings import services as meetings
    from scrutiny.publishing.services import agenda_build
    from scrutiny.rules.agenda_numbering import EMPTY_SECTION_LINES
    from tests.factories import CommitteeFactory

    meeting = meetings.meeting_create(
        committee=CommitteeFactory(agenda_numbering="sections"), date=D(2018, 2, 21)
    )
    agenda_build(meeting=meeting)
    client.force_login(officer)
    page = " ".join(client.get(reverse("meeting", args=[meeting.pk])).content.decode().split())
    assert page.index("A. Unrestricted items") < page.index("Apologies") < page.index("B. Exempt items")
    assert EMPTY_SECTION_LINES[1] in page
