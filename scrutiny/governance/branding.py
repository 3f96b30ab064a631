"""Writes to a council's branding. An uploaded logo is decoded and re-encoded as a small PNG
(`logo_png`): the file as uploaded, with whatever else it carries, is never stored or served."""

from __future__ import annotations

import io

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from PIL import Image, UnidentifiedImageError

from scrutiny.core.history import save_with_history
from scrutiny.rules import contrast

from .models import DEFAULT_HEADER_COLOUR, Branding, Organisation, OrganisationKind

MAX_LOGO_BYTES = 2 * 1024 * 1024
MAX_LOGO_PIXELS = 4000 * 4000  # decoded size: refuses a small file that would decode huge
LOGO_BOX = (600, 160)  # the largest it is printed or shown, in pixels


def _complete(data: bytes, image_format: str) -> bool:
    """Whether the file is whole. WeasyPrint sets Pillow's LOAD_TRUNCATED_IMAGES for the whole
    process, so `load()` alone would accept a logo cut short and print it half grey."""
    if image_format == "JPEG":
        return data.rstrip(b"\0").endswith(b"\xff\xd9")
    try:
        with Image.open(io.BytesIO(data)) as whole:
            whole.verify()  # every PNG chunk's checksum, up to the end marker
    except (OSError, SyntaxError):
        return False
    return True


def logo_png(data: bytes) -> bytes:
    """The logo, read from a PNG or JPEG and written afresh as a PNG fitting `LOGO_BOX`."""
    unreadable = ValidationError("The logo could not be read: upload a PNG or JPEG image.")
    if len(data) > MAX_LOGO_BYTES:
        raise ValidationError(f"The logo is larger than {MAX_LOGO_BYTES // (1024 * 1024)} MB: upload a smaller image.")
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in {"PNG", "JPEG"}:
                raise unreadable
            if image.width * image.height > MAX_LOGO_PIXELS:
                raise ValidationError("The logo is more than 4000 by 4000 pixels: upload a smaller image.")
            if not _complete(data, image.format):
                raise unreadable
            image.load()
            picture = image.convert("RGBA")
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as error:
        raise unreadable from error
    picture.thumbnail(LOGO_BOX)
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _colours(header_colour: str, accent_colour: str) -> tuple[str, str]:
    """Both colours, normalised, or every reason they are refused at once."""
    problems: list[str] = []
    colours = []
    for colour, check in ((header_colour, contrast.check_header_colour), (accent_colour, contrast.check_accent_colour)):
        try:
            value = contrast.normalise(colour)
            check(value)
            colours.append(value)
        except ValidationError as refusal:
            problems += refusal.messages
    if problems:
        raise ValidationError(problems)
    return colours[0], colours[1]


@transaction.atomic
def council_branding_update(
    *,
    council: Organisation,
    display_name: str = "",
    header_colour: str = DEFAULT_HEADER_COLOUR,
    accent_colour: str = DEFAULT_HEADER_COLOUR,
    logo: bytes | None = None,
    logo_alt: str = "",
    remove_logo: bool = False,
    by: User | None = None,
) -> Branding:
    """Set the council's name as it styles itself, its colours (refused when white text on the
    header, or the accent on the white page, would fall below WCAG 2.2's contrast) and its logo."""
    if council.kind != OrganisationKind.COUNCIL:
        raise ValidationError("Only a council has branding.")
    header, accent = _colours(header_colour, accent_colour)
    branding = Branding.objects.select_for_update().filter(council=council).first() or Branding(council=council)
    if logo:
        branding.logo = logo_png(logo)
    elif remove_logo:
        branding.logo = b""
    if branding.has_logo and not logo_alt.strip():
        raise ValidationError("Describe the logo for people who cannot see it, for example 'the council's crest'.")
    branding.display_name, branding.logo_alt = display_name.strip(), logo_alt.strip()
    branding.header_colour, branding.accent_colour = header, accent
    if branding.pk:
        branding.version += 1
    save_with_history(branding, by=by)
    return branding
