"""Reading partner figures from the CSV or Excel sheet a partner agency sends.

One row per period: `Period start`, `Period end` (or a single `Period` such as 2022-01,
2022-Q1 or 2021/22), `Value`, and an optional `Note`. Headers are matched without regard to
case or spaces. Dates may be written 2022-01-31 or 31/01/2022 (UK order). Every problem is
reported with its row number; a sheet with any problem is refused whole, so a half-read
sheet never mixes with the figures already held.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from scrutiny.performance.archives import ArchiveRefused, workbook_check
from scrutiny.performance.limits import (
    FIGURE_DIGITS,
    FIGURE_MAX,
    FIGURE_PLACES,
    PERIOD_FIRST_MONTH,
    last_figure_day,
)
from scrutiny.performance.periods import month_add


@dataclass(frozen=True)
class FigureRow:
    line: int
    period_start: dt.date
    period_end: dt.date
    value: Decimal
    note: str


class PartnerSheetError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def _key(header: object) -> str:
    return re.sub(r"[^a-z]", "", str(header or "").lower())


HEADERS = {
    "periodstart": "start", "from": "start", "start": "start", "startdate": "start",
    "periodend": "end", "to": "end", "end": "end", "enddate": "end",
    "period": "period", "month": "period", "quarter": "period",
    "value": "value", "figure": "value", "count": "value",
    "note": "note", "notes": "note", "comment": "note",
}


Row = Sequence[object]  # a sheet's cells as the file holds them: text from a CSV, any value from Excel


def read_sheet(name: str, content: bytes) -> list[FigureRow]:
    rows: Sequence[Row] = _xlsx_rows(content, name) if name.lower().endswith((".xlsx", ".xlsm")) else _csv_rows(content)
    if not rows:
        raise PartnerSheetError([f"{name}: the sheet is empty."])
    columns = {HEADERS[_key(h)]: i for i, h in enumerate(rows[0]) if _key(h) in HEADERS}
    if "value" not in columns or not ({"start", "end"} <= columns.keys() or "period" in columns):
        raise PartnerSheetError(
            [f"{name}: the first row must name the columns: 'Period start', 'Period end' (or 'Period') and 'Value'."]
        )
    figures: list[FigureRow] = []
    problems: list[str] = []
    for line, row in enumerate(rows[1:], start=2):
        if all(str(c or "").strip() == "" for c in row):
            continue
        try:
            figures.append(_figure(line, row, columns))
        except ValueError as exc:
            problems.append(f"row {line}: {exc}")
    seen: dict[dt.date, int] = {}
    for f in figures:
        if f.period_start in seen:
            problems.append(f"row {f.line}: the period starting {f.period_start:%d/%m/%Y} is also on row {seen[f.period_start]}")
        seen.setdefault(f.period_start, f.line)
    if problems:
        raise PartnerSheetError(problems)
    return figures


def _cell(row: Row, columns: Mapping[str, int], key: str) -> object:
    index = columns.get(key)
    return row[index] if index is not None and index < len(row) else None


def _figure(line: int, row: Row, columns: Mapping[str, int]) -> FigureRow:
    if "start" in columns and _cell(row, columns, "start") not in (None, ""):
        start, end = _date(_cell(row, columns, "start")), _date(_cell(row, columns, "end"))
    else:
        start, end = period_parse(str(_cell(row, columns, "period") or ""))
    if end < start:
        raise ValueError(f"the period ends ({end:%d/%m/%Y}) before it starts ({start:%d/%m/%Y})")
    if start < PERIOD_FIRST_MONTH or end > last_figure_day():
        raise ValueError(f"the period {start:%d/%m/%Y} to {end:%d/%m/%Y} is outside the dates a figure may cover "
                         f"({PERIOD_FIRST_MONTH:%d/%m/%Y} to {last_figure_day():%d/%m/%Y})")
    value = _value(_cell(row, columns, "value"))
    return FigureRow(line=line, period_start=start, period_end=end, value=value,
                     note=str(_cell(row, columns, "note") or "").strip()[:300])


def _value(raw: object) -> Decimal:
    """A figure as `PartnerFigure.value` holds it (numeric(14, 3)): finite, less than
    100,000,000,000 either way, rounded to three decimal places."""
    text = str(raw if raw is not None else "").replace(",", "").replace("%", "").strip()
    shown = repr(text) if len(text) <= 20 else f"of {len(text):,} characters ({text[:12]!r}...)"
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"the value {shown} is not a number") from None
    if not value.is_finite():
        raise ValueError(f"the value {shown} is not a number")
    # copy_abs: no context, so no overflow of its own; checked again once rounded (99999999999.9996).
    if value.copy_abs() >= FIGURE_MAX or (
        value := value.quantize(Decimal(1).scaleb(-FIGURE_PLACES), rounding=ROUND_HALF_UP)
    ).copy_abs() >= FIGURE_MAX:
        raise ValueError(f"the value {shown} is too large: a figure must be less than {FIGURE_MAX:,} "
                         f"(at most {FIGURE_DIGITS - FIGURE_PLACES} digits before the decimal point)")
    return value


def _date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"):
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 (a date, not a moment)
        except ValueError:
            continue
    raise ValueError(f"{text!r} is not a date: write 2022-01-31 or 31/01/2022")


def period_parse(text: str) -> tuple[dt.date, dt.date]:
    """2022-01 (a month), 2022-Q1 (a calendar quarter) or 2021/22 (a financial year, April to March)."""
    text = text.strip()
    if (year := re.match(r"\d{4}", text)) and not PERIOD_FIRST_MONTH.year <= int(year[0]) <= last_figure_day().year:
        raise ValueError(f"the period {text!r} is outside the years a figure may cover "
                         f"({PERIOD_FIRST_MONTH.year} to {last_figure_day().year})")
    if m := re.fullmatch(r"(\d{4})-(\d{2})", text):
        start = dt.date(int(m[1]), int(m[2]), 1) if 1 <= int(m[2]) <= 12 else None
        if start:
            return start, month_add(start, 1) - dt.timedelta(days=1)
    if m := re.fullmatch(r"(\d{4})-?Q([1-4])", text, re.IGNORECASE):
        start = dt.date(int(m[1]), 3 * int(m[2]) - 2, 1)
        return start, month_add(start, 3) - dt.timedelta(days=1)
    if (m := re.fullmatch(r"(\d{4})/(\d{2})", text)) and (int(m[1]) + 1) % 100 == int(m[2]):
        return dt.date(int(m[1]), 4, 1), dt.date(int(m[1]) + 1, 3, 31)
    raise ValueError(f"the period {text!r} is not one of 2022-01, 2022-Q1 or 2021/22")


def _csv_rows(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")  # Excel's "CSV" on Windows
    return list(csv.reader(io.StringIO(text)))


def _xlsx_rows(content: bytes, name: str) -> list[list[object]]:
    import openpyxl  # heavy: loaded when a partner's workbook is read, not with the app

    try:
        workbook_check(content, name=name)  # a workbook is a zip: checked before openpyxl unpacks it
    except ArchiveRefused as exc:
        raise PartnerSheetError([str(exc)]) from None
    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise PartnerSheetError([f"the file cannot be read as an Excel workbook ({exc.__class__.__name__})"]) from exc
    sheet = book.worksheets[0]
    return [list(r) for r in sheet.iter_rows(values_only=True)]
