"""A council's branding (governance.branding): colours kept legible, a logo re-encoded."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image, ImageFile, PngImagePlugin

from scrutiny.governance.branding import MAX_LOGO_BYTES, council_branding_update, logo_png
from scrutiny.governance.models import Branding
from tests.factories import CouncilFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def picture(fmt: str = "PNG", size: tuple[int, int] = (1200, 400), **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (0, 98, 110)).save(out, format=fmt, **save)
    return out.getvalue()


def test_a_logo_is_written_afresh_as_a_small_png_without_what_the_upload_carried():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "INTERNAL: draft crest, do not publish")
    for upload in (picture("PNG", pnginfo=info), picture("JPEG", quality=90)):
        png = logo_png(upload)
        with Image.open(io.BytesIO(png)) as image:
            assert image.format == "PNG" and image.size == (480, 160)  # fitted to the 600 by 160 box
            assert "Comment" not in image.info
        assert b"INTERNAL" not in png


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (b"%PDF-1.7 not a picture", "could not be read"),
        (picture("GIF"), "could not be read"),
        (picture("PNG")[:200], "could not be read"),  # cut short
        (picture("JPEG")[:-40], "could not be read"),
        (picture("PNG", size=(5000, 4000)), "more than 4000 by 4000 pixels"),
        (b"\x89PNG" + b"0" * MAX_LOGO_BYTES, "larger than 2 MB"),
    ],
)
def test_anything_but_a_readable_png_or_jpeg_of_sensible_size_is_refused(upload, message, monkeypatch):
    # as once WeasyPrint is imported, which the rest of the process then shares
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    with pytest.raises(ValidationError, match=message):
        logo_png(upload)


def test_colours_below_the_contrast_wcag_requires_are_refused_together_and_nothing_is_saved():
    council = CouncilFactory()
    with pytest.raises(ValidationError) as refused:
        council_branding_update(council=council, header_colour="#ffdd00", accent_colour="#eeeeee")
    assert any("SC 1.4.3" in m for m in refused.value.messages)
    assert any("SC 1.4.11" in m for m in refused.value.messages)
    assert not Branding.objects.exists()


def test_a_logo_needs_its_description_and_each_change_is_a_new_version_with_history():
    council, by = CouncilFactory(name="Dartford Borough Council"), UserFactory()
    with pytest.raises(ValidationError, match="Describe the logo"):
        council_branding_update(council=council, logo=picture())
    branding = council_branding_update(council=council, display_name="Dartford Borough Council",
                                       header_colour="#1D4F91", logo=picture(), logo_alt="The council's crest", by=by)
    assert (branding.header_colour, branding.version, branding.has_logo) == ("#1d4f91", 1, True)
    again = council_branding_update(council=council, header_colour="#1d4f91", remove_logo=True, by=by)
    assert again.pk == branding.pk and again.version == 2 and not again.has_logo
    assert again.name == "Dartford Borough Council"  # the recorded name when none is given
    assert branding.history.count() == 2 and branding.history.latest().history_user == by


def test_only_a_council_has_branding():
    with pytest.raises(ValidationError, match="Only a council"):
        council_branding_update(council=OrganisationFactory(name="Kent Police"))
