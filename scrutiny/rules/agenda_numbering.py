"""How an agenda numbers its items: the council's own style, not the law's.

The law asks only that the public can tell which business they may stay for: items during
which the press and public are likely to be excluded are marked as such (Local Government
Act 1972 s100A(4), s100B(2)). Councils print that in one of two ways:

- numbered (Dartford): open items 1, 2, 3...; after the exclusion resolution, the exempt
  items lettered A, B, C...;
- sections (Kent County Council and others): "A. Unrestricted items" and "B. Exempt items",
  the items numbered 1, 2, 3... through both, and a line saying so when a section is empty.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.db import models

CITATION = "Local Government Act 1972 s100A(4) and s100B(2); the council's practice"


class NumberingStyle(models.TextChoices):
    NUMBERED = "numbered", "Open items numbered 1, 2, 3; exempt (Part 2) items lettered A, B, C"
    SECTIONS = "sections", "Sections “A. Unrestricted items” and “B. Exempt items”, items numbered through both"


class Slot(models.TextChoices):
    """Where an item stands on the agenda."""

    OPEN = "open"
    EXCLUSION = "exclusion"  # the resolution to exclude the press and public: never numbered
    EXEMPT = "exempt"


SECTION_HEADINGS = ("A. Unrestricted items", "B. Exempt items")
EMPTY_SECTION_LINES = (
    "There are no unrestricted items.",
    "At the time the agenda was prepared there were no items during which the press and public "
    "are likely to be excluded.",
)


def item_numbers(style: str, slots: Sequence[str]) -> list[str]:
    """The printed number of each item, in agenda order ("" for the exclusion resolution)."""
    numbers: list[str] = []
    count = lettered = 0
    for slot in slots:
        if slot == Slot.EXCLUSION:
            numbers.append("")
        elif slot == Slot.EXEMPT and style == NumberingStyle.NUMBERED:
            numbers.append(_letters(lettered))
            lettered += 1
        else:
            count += 1
            numbers.append(str(count))
    return numbers


def _letters(index: int) -> str:
    """A, B, ... Z, then AA, AB, ...: as a spreadsheet names its columns."""
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = string.ascii_uppercase[rest] + text
    return text


T = TypeVar("T")


@dataclass(frozen=True)
class Section(Generic[T]):
    heading: str  # "" in the numbered style: the agenda is one run of items
    entries: tuple[T, ...]
    empty_line: str = ""  # printed instead of the entries when there are none


def sections(style: str, entries: Sequence[T], *, in_part_2: Callable[[T], bool]) -> list[Section[T]]:
    """The agenda's entries under its headings. Part 2 begins at the first entry for which
    `in_part_2` holds (the exclusion resolution or the first exempt item)."""
    if style != NumberingStyle.SECTIONS:
        return [Section("", tuple(entries))]
    split = next((i for i, entry in enumerate(entries) if in_part_2(entry)), len(entries))
    parts = (tuple(entries[:split]), tuple(entries[split:]))
    return [
        Section(heading, part, "" if part else empty)
        for heading, part, empty in zip(SECTION_HEADINGS, parts, EMPTY_SECTION_LINES, strict=True)
    ]
