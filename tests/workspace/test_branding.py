"""The branding screen (the council administrator's) and the branding on the council's
pages and papers: its own only, never another council's."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document as Word

from scrutiny.access.models import Role, RoleKind
from scrutiny.governance.branding import council_branding_update
from scrutiny.governance.models import Branding, Organisation
from scrutiny.meetings.models import Meeting
from scrutiny.publishing.pack import pack_sources
from tests.access.viewers import officer_of
from tests.factories import CommitteeFactory, UserFactory
from tests.governance.test_branding import picture

pytestmark = pytest.mark.django_db


def administrator_of(council, username):
    user = UserFactory(username=username)
    Role.objects.create(user=user, council=council, kind=RoleKind.ADMINISTRATOR)
    return user


def test_the_administrator_brands_the_council_and_its_pages_show_it(client, demo):
    dartford = Organisation.objects.get(slug="dartford-bc")
    url = reverse("council_branding", args=[dartford.slug])
    client.force_login(administrator_of(dartford, "dartford-administrator"))
    assert "What the logo shows" in client.get(url).content.decode()
    low = client.post(url, {"header_colour": "#ffdd00", "accent_colour": "#00626e"})
    assert low.status_code == 400 and "SC 1.4.3" in low.content.decode() and not Branding.objects.exists()
    saved = client.post(url, {"display_name": "Dartford Borough Council", "header_colour": "#1d4f91",
                              "accent_colour": "#1d4f91", "logo_alt": "The council's crest",
                              "logo": SimpleUploadedFile("crest.png", picture(), content_type="image/png")})
    assert saved.status_code == 302
    client.logout()
    committee_page = client.get(reverse("committee", args=["dartford-crime-and-disorder"])).content.decode()
    css_url = reverse("council_brand_css", args=[dartford.slug])
    assert f'href="{css_url}?v=1"' in committee_page
    assert f'src="{reverse("council_logo", args=[dartford.slug])}?v=1" alt=""' in committee_page
    css = client.get(css_url)
    assert css["Content-Type"].startswith("text/css") and "background-color:#1d4f91" in css.content.decode()
    logo = client.get(reverse("council_logo", args=[dartford.slug]))
    assert logo["Content-Type"] == "image/png" and logo.content.startswith(b"\x89PNG")


def test_another_councils_pages_and_people_get_none_of_it(client, demo):
    dartford = Organisation.objects.get(slug="dartford-bc")
    council_branding_update(council=dartford, display_name="Dartford Borough Council", header_colour="#1d4f91")
    other = CommitteeFactory(name="Example Committee")
    page = client.get(reverse("committee", args=[other.slug])).content.decode()
    assert "brand.css" not in page and "Dartford Borough Council" not in page
    assert client.get(reverse("council_brand_css", args=[other.council.slug])).status_code == 404
    assert client.get(reverse("council_logo", args=[dartford.slug])).status_code == 404  # no logo set
    url = reverse("council_branding", args=[dartford.slug])
    for user in (administrator_of(other.council, "their-administrator"), officer_of(dartford)):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url, {"header_colour": "#000000", "accent_colour": "#000000"}).status_code == 403
    assert Branding.objects.get().header_colour == "#1d4f91"


def test_the_pack_front_sheet_and_the_word_agenda_carry_the_logo_and_name(client, demo):
    dartford = Organisation.objects.get(slug="dartford-bc")
    council_branding_update(council=dartford, display_name="Dartford Borough Council (branded)",
                            accent_colour="#1d4f91", logo=picture(), logo_alt="The council's crest")
    meeting = Meeting.objects.get(date=dt.date(2018, 2, 21))
    front = pack_sources(meeting).front
    assert front.council == "Dartford Borough Council (branded)" and front.logo_uri.startswith("data:image/png;base64,")
    assert front.logo_alt == "The council's crest" and front.accent_colour == "#1d4f91"
    word = Word(io.BytesIO(client.get(reverse("agenda_word", args=[meeting.pk])).content))
    assert "DARTFORD BOROUGH COUNCIL (BRANDED)" in [p.text for p in word.paragraphs[:3]]
    assert len(word.inline_shapes) == 1
    assert 'descr="The council\'s crest"' in word.element.xml
