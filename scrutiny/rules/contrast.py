"""Colour contrast a council's branding must keep (WCAG 2.2, a legal duty for councils under
the Public Sector Bodies (Websites and Mobile Applications) Accessibility Regulations 2018).

- SC 1.4.3 Contrast (Minimum): text at least 4.5:1 against its background. The header's
  text (the council's name, the links) is white on the council's header colour.
- SC 1.4.11 Non-text Contrast: a graphical object needed to understand the page at least
  3:1 against adjacent colours. The accent bar under the header sits on the white page.

Contrast ratio and relative luminance are as WCAG 2.2 defines them (its "Definitions").
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

CITATION = "WCAG 2.2 success criteria 1.4.3 and 1.4.11"
WHITE = "#ffffff"
TEXT_MINIMUM = 4.5  # SC 1.4.3
NON_TEXT_MINIMUM = 3.0  # SC 1.4.11

HEX_COLOUR = re.compile(r"^#[0-9a-f]{6}$")


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_ratio(first: str, second: str) -> float:
    """From 1 (the same) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def normalise(colour: str) -> str:
    """'#00626E', '00626e' or '#06e' as '#00626e'; a message otherwise."""
    text = colour.strip().lower()
    text = text if text.startswith("#") else f"#{text}"
    if re.fullmatch(r"#[0-9a-f]{3}", text):
        text = "#" + "".join(ch * 2 for ch in text[1:])
    if not HEX_COLOUR.match(text):
        raise ValidationError(f"“{colour}” is not a colour: write it as six hexadecimal digits, like #00626e.")
    return text


def check_header_colour(colour: str) -> None:
    ratio = contrast_ratio(colour, WHITE)
    if ratio < TEXT_MINIMUM:
        raise ValidationError(
            f"White text on {colour} has a contrast of {ratio:.2f}:1; it needs at least {TEXT_MINIMUM}:1 "
            f"(WCAG 2.2 SC 1.4.3). Choose a darker header colour."
        )


def check_accent_colour(colour: str) -> None:
    ratio = contrast_ratio(colour, WHITE)
    if ratio < NON_TEXT_MINIMUM:
        raise ValidationError(
            f"The accent {colour} on the white page has a contrast of {ratio:.2f}:1; it needs at least "
            f"{NON_TEXT_MINIMUM}:1 (WCAG 2.2 SC 1.4.11). Choose a darker accent colour."
        )
