"""Numbers as the council's reports print them: 1,234; +12 / −3 (a real minus sign); +9.1%."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from django import template

register = template.Library()

MINUS = "\u2212"


@register.filter
def num(value: float | Decimal | Literal[""] | None) -> str:
    # "" is what a template gives for a variable it cannot resolve.
    if value is None or value == "":
        return "–"
    return f"{value:,.0f}" if float(value) == int(float(value)) else f"{float(value):,.2f}".rstrip("0").rstrip(".")


@register.filter
def signed(value: int | None) -> str:
    if value is None:
        return "–"
    return "0" if value == 0 else f"+{value:,}" if value > 0 else f"{MINUS}{abs(value):,}"


@register.filter
def pct(value: float | None) -> str:
    if value is None:
        return "n/a"
    return "0.0%" if round(value, 1) == 0 else f"+{value:.1f}%" if value > 0 else f"{MINUS}{abs(value):.1f}%"


@register.filter
def rate(value: float | None) -> str:
    return "–" if value is None else f"{value:,.2f}"


@register.filter
def reason(value: str) -> str:
    """A reject reason or warning kind as words: no_lsoa -> no LSOA, unknown_crime_type -> unknown crime type."""
    return str(value).replace("_", " ").replace("lsoa", "LSOA")
