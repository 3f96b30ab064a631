"""Contrast as WCAG 2.2 defines it (rules.contrast), on the figures its own examples give."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from scrutiny.rules.contrast import (
    check_accent_colour,
    check_header_colour,
    contrast_ratio,
    normalise,
)


def test_the_known_ratios():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    # #767676 is the lightest grey that passes 4.5:1 on white; #777777 just fails
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_the_header_colour_must_carry_white_text_and_the_accent_stand_out():
    check_header_colour("#767676")
    with pytest.raises(ValidationError, match=r"contrast of 4\.48:1.*at least 4\.5:1 \(WCAG 2\.2 SC 1\.4\.3\)"):
        check_header_colour("#777777")
    check_accent_colour("#949494")  # 3.03:1
    with pytest.raises(ValidationError, match=r"SC 1\.4\.11"):
        check_accent_colour("#ffdd00")


@pytest.mark.parametrize(("written", "colour"), [("#00626E", "#00626e"), ("00626e", "#00626e"), ("#06e", "#0066ee")])
def test_colours_are_written_in_the_usual_ways(written, colour):
    assert normalise(written) == colour


@pytest.mark.parametrize("written", ["teal", "#12345", "#gggggg", ""])
def test_anything_else_is_refused_with_a_message(written):
    with pytest.raises(ValidationError, match="six hexadecimal digits"):
        normalise(written)


colours = st.integers(0, 0xFFFFFF).map(lambda n: f"#{n:06x}")


@given(colours, colours)
def test_the_ratio_is_symmetric_and_between_1_and_21(first, second):
    ratio = contrast_ratio(first, second)
    assert ratio == pytest.approx(contrast_ratio(second, first))
    assert 1 <= ratio <= 21 + 1e-9
    assert contrast_ratio(first, first) == pytest.approx(1)
