"""The names a council gives the seasons of its meetings: Dartford heads the rows of its
Work Plan "Summer 2017 (July)" and "Winter 2018 (February)". Council practice, not law;
each committee sets its own, written as "Summer: April, Winter: October" (each season and
the month it begins)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError

DEFAULT = "Summer: April, Winter: October"

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9  # as often written

Seasons = Sequence[tuple[str, int]]


def parse(text: str) -> list[tuple[str, int]]:
    """("Summer", 4), ("Winter", 10) from "Summer: April, Winter: October"; a message that
    says what is wrong otherwise."""
    seasons: list[tuple[str, int]] = []
    for part in (p.strip() for p in text.replace(";", ",").split(",")):
        if not part:
            continue
        name, colon, month = (s.strip() for s in part.partition(":"))
        if not colon or not name or not month:
            raise ValidationError(
                f"Write “{part}” as a season's name and the month it begins, for example “Summer: April”."
            )
        if month.lower() not in _MONTHS:
            raise ValidationError(f"“{month}” is not the name of a month.")
        seasons.append((name, _MONTHS[month.lower()]))
    if not seasons:
        raise ValidationError("Name at least one season and the month it begins, for example “Summer: April”.")
    starts = [month for _, month in seasons]
    if len(set(starts)) != len(starts):
        raise ValidationError("Two seasons begin in the same month.")
    if len({name.lower() for name, _ in seasons}) != len(seasons):
        raise ValidationError("Two seasons have the same name.")
    return seasons


def validate(text: str) -> None:
    parse(text)


def season_of(day: dt.date, seasons: Seasons) -> str:
    """The season `day` falls in: the one begun most recently, counting back over the new year."""
    begun = [(month, name) for name, month in seasons if month <= day.month]
    if begun:
        return max(begun)[1]
    return max((month, name) for name, month in seasons)[1]


def label(day: dt.date, seasons: Seasons) -> str:
    """'Summer 2017 (July)', as the council heads its plan's rows."""
    return f"{season_of(day, seasons)} {day.year} ({day:%B})"
