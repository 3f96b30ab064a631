"""Reading the ONS files a council downloads: area lookups and mid-year population estimates.

Pure parsing: nothing here touches the database. Each reader takes a path or a binary file-like
object (an upload), works out what it holds from its content (a CSV in any usual encoding, an
Excel 97 `.xls` workbook, or an `.xlsx` workbook), and returns frozen rows with a data-quality
report. A bad row becomes an issue in the report, never an exception; only a file that is not
the expected kind at all raises `OnsFormatError`, naming the file and what was expected.

The mess handled, all of it found in the published files:

- encodings: UTF-8 with or without a byte-order mark, Windows-1252, UTF-16 (Excel's "Unicode
  text"); Welsh ward names double-encoded as UTF-8 ("Yr HÃ´b" for "Yr Hôb", in the 2017 LSOA
  lookup) are repaired and counted (`repaired_text`);
- the header is not always the first row: title and "ALL PERSONS" rows come first in the
  workbooks, so it is found by scanning the first 20 rows; header names are matched by pattern,
  case- and space-insensitively, in any order and any vintage (LSOA11CD or LSOA21CD, WD17CD or
  WD22CD, LAD17CD or LAD22CD; "Code", "CODE" or "Area code"; "All ages" or "ALL AGES");
  "Geography1" (2019) and "Geography" (2020) are the same column, and a Welsh-name column
  (WD17NMW) is never taken for the English one;
- numbers written "66,796,807" in quotes, whole numbers stored as floats by Excel, ":" for
  "data not available" (Northern Ireland in the 2015 workbook), negative or blank figures;
- trailing empty columns (the 2019 and 2020 CSVs have 256 fields a line), blank lines,
  footnotes below the data ("1. Further information...", ": Data not available") and repeated
  header lines, which are recorded as notes, not rows;
- names with stray spaces, including a trailing non-breaking space ("West Northamptonshire");
- no Geography column at all (the 2015 workbook): the level is taken from the code's prefix;
- codes that are blank or malformed (not `^[EWSNK]\\d{8}$`), and duplicates: the first is kept
  and the others reported, saying whether they agree (the December 2019 district lookup lists
  East Suffolk and Bournemouth, Christchurch and Poole once per community safety partnership);
- the year of a population file comes from the caller, else the file name ("mid2019",
  "mid-2019", "mid_2015"), else the title rows ("..., mid-2015"); a long-form file with a Year
  column holds several years.

The small Kent files shipped in `data/kent/` are cut from the published ones by
`scrutiny.dev.kent_fixtures`.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import io
import operator
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Generic, Protocol, TypeVar, cast

from scrutiny.performance.archives import ArchiveRefused, workbook_check
from scrutiny.performance.limits import POPULATION_FIRST_YEAR, POPULATION_LAST_YEAR, POPULATION_MAX

CODE_RE = re.compile(r"^[EWSNK]\d{8}$")
HEADER_SCAN_ROWS = 20
EXAMPLES_PER_KIND = 5

#: What each kind of issue means, and whether the row is dropped for it.
ISSUE_KINDS: dict[str, tuple[str, bool]] = {
    "blank_code": ("blank code", True),
    "malformed_code": ("malformed code", True),
    "duplicate_code": ("duplicate code (the first was kept)", True),
    "non_numeric_population": ("non-numeric population", True),
    "negative_population": ("negative population", True),
    "population_out_of_range": ("population nought or beyond any area's", True),
    "bad_year": ("year not readable", True),
    "unreadable": ("line the CSV parser could not read", True),
    "missing_name": ("missing name (row kept)", False),
    "repaired_text": ("double-encoded text repaired (row kept)", False),
}

#: The geography level for each code prefix, as the population CSVs name them.
GEOGRAPHY_BY_PREFIX: dict[str, str] = {
    "K02": "Country",  # United Kingdom
    "K03": "Country",  # Great Britain
    "K04": "Country",  # England and Wales
    "E92": "Country",
    "W92": "Country",
    "S92": "Country",
    "N92": "Country",
    "E12": "Region",
    "E13": "Inner and Outer London",
    "E10": "County",
    "E11": "Metropolitan County",
    "E06": "Unitary Authority",
    "W06": "Unitary Authority",
    "E07": "Non-metropolitan District",
    "E08": "Metropolitan District",
    "E09": "London Borough",
    "S12": "Council Area",
    "N09": "Local Government District",
}

#: The Kent Police area: the 12 districts of Kent County Council and Medway (2019 names).
KENT_DISTRICTS: dict[str, str] = {
    "E07000105": "Ashford",
    "E07000106": "Canterbury",
    "E07000107": "Dartford",
    "E07000108": "Dover",
    "E07000109": "Gravesham",
    "E07000110": "Maidstone",
    "E07000111": "Sevenoaks",
    "E07000112": "Folkestone and Hythe",  # "Shepway" until April 2018
    "E07000113": "Swale",
    "E07000114": "Thanet",
    "E07000115": "Tonbridge and Malling",
    "E07000116": "Tunbridge Wells",
    "E06000035": "Medway",
}
KENT_COUNTY = "E10000016"
ENGLAND = "E92000001"
KENT_FIXTURES_DIR = Path(__file__).resolve().parent / "data" / "kent"

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_YEAR_IN_TEXT = (
    re.compile(r"mid[\s_-]*((?:19|20)\d{2})(?!\d)", re.IGNORECASE),
    re.compile(r"mid[\s_-]*year\b\D{0,40}?((?:19|20)\d{2})(?!\d)", re.IGNORECASE),
)
_YEAR_CELL = re.compile(r"^(?:mid[\s_-]*)?((?:19|20)\d{2})$", re.IGNORECASE)
_LOOKUP_COLUMN = re.compile(r"^(?P<entity>[A-Z]+?)(?P<yy>\d{2})(?P<part>CD|NMW|NM)$")
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u2013-\u203a\u20ac\u2122]"
)
_INVISIBLE = "\ufeff\u200b"


class OnsFormatError(ValueError):
    """A file that is not the kind of ONS file expected at all."""


class BinaryReadable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


Source = str | os.PathLike[str] | BinaryReadable
Cell = object  # str, int, float, bool, None or a date, as the file holds it


# --- reports -------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Issue:
    kind: str
    line: int  # the line of a CSV, or the row of a worksheet, counting from 1
    detail: str


@dataclasses.dataclass(frozen=True)
class IssueGroup:
    kind: str
    count: int
    examples: tuple[Issue, ...]  # the first few, in file order

    @property
    def label(self) -> str:
        return ISSUE_KINDS.get(self.kind, (self.kind, True))[0]

    @property
    def rejects(self) -> bool:
        return ISSUE_KINDS.get(self.kind, (self.kind, True))[1]


@dataclasses.dataclass(frozen=True)
class ReadReport:
    """How a file was read: its format, header, rows read and kept, issues and notes."""

    source: str
    format: str  # e.g. "csv (utf-8-sig)" or "xls, sheet 'UK persons'"
    header_line: int
    columns: Mapping[str, str]  # field -> the header it was read from
    rows_read: int  # data rows, not counting blank lines, notes and the header
    rows_kept: int
    issues: tuple[IssueGroup, ...]
    rows_skipped: int = 0  # left out on purpose (another year than the one asked for)
    blank_lines: int = 0
    notes: tuple[str, ...] = ()  # footnotes and remarks on how the file was read

    @property
    def rows_rejected(self) -> int:
        return sum(g.count for g in self.issues if g.rejects)

    @property
    def clean(self) -> bool:
        return not self.issues

    def count(self, kind: str) -> int:
        return next((g.count for g in self.issues if g.kind == kind), 0)

    def group(self, kind: str) -> IssueGroup | None:
        return next((g for g in self.issues if g.kind == kind), None)

    def summary(self) -> str:
        lines = [
            f"{self.source} ({self.format}, header on line {self.header_line}): {self.rows_read} rows read, "
            f"{self.rows_kept} kept, {self.rows_rejected} rejected"
            + (f", {self.rows_skipped} skipped" if self.rows_skipped else "")
            + (f", {self.blank_lines} blank lines" if self.blank_lines else "")
            + "."
        ]
        if not self.issues:
            lines.append("No issues.")
        for group in self.issues:
            lines.append(f"- {group.label}: {group.count}")
            lines.extend(f"    line {i.line}: {i.detail}" for i in group.examples)
            if group.count > len(group.examples):
                lines.append(f"    ... and {group.count - len(group.examples)} more")
        lines.extend(f"Note: {note}" for note in self.notes)
        return "\n".join(lines)


class _ReportBuilder:
    def __init__(self, source: str, fmt: str, header_line: int, columns: Mapping[str, str]) -> None:
        self.source, self.format, self.header_line, self.columns = source, fmt, header_line, dict(columns)
        self.rows_read = self.rows_kept = self.rows_skipped = self.blank_lines = 0
        self.counts: Counter[str] = Counter()
        self.examples: dict[str, list[Issue]] = {}
        self.notes: list[str] = []

    def issue(self, kind: str, line: int, detail: str) -> None:
        self.counts[kind] += 1
        examples = self.examples.setdefault(kind, [])
        if len(examples) < EXAMPLES_PER_KIND:
            examples.append(Issue(kind, line, detail))

    def build(self) -> ReadReport:
        order = list(ISSUE_KINDS)
        kinds = sorted(self.counts, key=lambda k: order.index(k) if k in order else len(order))
        return ReadReport(
            source=self.source,
            format=self.format,
            header_line=self.header_line,
            columns=self.columns,
            rows_read=self.rows_read,
            rows_kept=self.rows_kept,
            issues=tuple(IssueGroup(k, self.counts[k], tuple(self.examples[k])) for k in kinds),
            rows_skipped=self.rows_skipped,
            blank_lines=self.blank_lines,
            notes=tuple(self.notes),
        )


# --- rows and results ----------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class LsoaRow:
    lsoa_code: str
    lsoa_name: str
    ward_code: str
    ward_name: str
    district_code: str
    district_name: str
    ward_name_welsh: str = ""  # WDyyNMW, for Welsh wards; blank in England


@dataclasses.dataclass(frozen=True)
class DistrictRow:
    district_code: str
    district_name: str
    csp_code: str  # community safety partnership
    csp_name: str
    force_code: str  # police force area
    force_name: str


RowT = TypeVar("RowT", LsoaRow, DistrictRow)


@dataclasses.dataclass(frozen=True)
class LookupRead(Generic[RowT]):
    source: str
    kind: str  # "lsoa" or "district"
    rows: tuple[RowT, ...]
    vintages: Mapping[str, str]  # e.g. {"lsoa": "2011", "ward": "2017", "district": "2017"}
    report: ReadReport

    def summary(self) -> str:
        vintages = ", ".join(f"{entity} {year}" for entity, year in self.vintages.items())
        what = "LSOA to ward to district" if self.kind == "lsoa" else "district to CSP to police force area"
        return f"{what} lookup ({vintages}): {len(self.rows)} rows.\n{self.report.summary()}"


@dataclasses.dataclass(frozen=True)
class PopulationRow:
    code: str
    name: str
    geography: str  # "Country", "Region", "County", "Non-metropolitan District", ...
    population: int  # all ages, persons
    year: int  # the mid-year of the estimate


@dataclasses.dataclass(frozen=True)
class PopulationRead:
    source: str
    year: int | None  # None when a long-form file holds several years
    rows: tuple[PopulationRow, ...]
    report: ReadReport

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({row.year for row in self.rows}))

    def get(self, code: str, year: int | None = None) -> PopulationRow | None:
        return next((r for r in self.rows if r.code == code and (year is None or r.year == year)), None)

    def summary(self) -> str:
        levels = Counter(row.geography or "unknown" for row in self.rows)
        years = ", ".join(f"mid-{y}" for y in self.years) or "no year"
        by_level = ", ".join(f"{level} {n}" for level, n in levels.most_common())
        return f"Population estimates, {years}: {len(self.rows)} areas ({by_level}).\n{self.report.summary()}"


# --- loading any table ---------------------------------------------------------------------


Rows = Iterator[tuple[int, list[Cell]]]


@dataclasses.dataclass(frozen=True)
class _Table:
    """A file opened as tables: one for a CSV, one per worksheet for a workbook."""

    name: str
    kind: str  # "csv", "xls" or "xlsx"
    encoding: str
    sheet_names: tuple[str, ...]
    open_sheet: Callable[[str], Rows]

    def format(self, sheet: str) -> str:
        return f"csv ({self.encoding})" if self.kind == "csv" else f"{self.kind}, sheet '{sheet}'"


def _read_source(source: Source) -> tuple[bytes, str]:
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        return path.read_bytes(), path.name
    seek = getattr(source, "seek", None)
    if callable(seek):  # the whole upload, even if something read it before (another reader tried it)
        with contextlib.suppress(OSError, ValueError):
            seek(0)
    data = source.read()
    if isinstance(data, str):  # a file opened in text mode: forgive it
        data = data.encode("utf-8")
    name = getattr(source, "name", None)
    return bytes(data), re.split(r"[\\/]", str(name))[-1] if name else "<upload>"  # a Windows path too


def _open_table(data: bytes, name: str) -> _Table:
    if not data.strip():
        raise OnsFormatError(f"{name}: the file is empty.")
    if data.startswith(_OLE2_MAGIC):
        return _open_xls(data, name)
    if data.startswith(_ZIP_MAGIC):
        return _open_xlsx(data, name)
    return _open_csv(data, name)


def _decode(data: bytes, name: str) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data[:4096]:
        raise OnsFormatError(f"{name}: not a CSV or Excel file (it holds binary data).")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8-sig" and not data.startswith(b"\xef\xbb\xbf"):
            encoding = "utf-8"
        return text, encoding
    return data.decode("latin-1"), "latin-1"


def _open_csv(data: bytes, name: str) -> _Table:
    text, encoding = _decode(data, name)
    text = text.replace("\ufeff", "").replace("\u200b", "")  # stray marks, as when files are joined
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(",\t;", key=first.count)

    def rows(_sheet: str) -> Rows:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield reader.line_num, [_Unreadable(str(exc))]
                continue
            yield reader.line_num, [cell.strip() for cell in cells]

    return _Table(name, "csv", encoding, ("",), rows)


@dataclasses.dataclass(frozen=True)
class _Unreadable:
    reason: str


def _open_xls(data: bytes, name: str) -> _Table:
    import xlrd  # heavy: loaded when an ONS .xls workbook is read, not with the app

    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True)
    except Exception as exc:  # xlrd raises many kinds on a damaged file
        raise OnsFormatError(f"{name}: cannot be opened as an Excel 97 (.xls) workbook: {exc}") from exc

    def rows(sheet_name: str) -> Rows:
        sheet = book.sheet_by_name(sheet_name)
        for index in range(sheet.nrows):
            types, values = sheet.row_types(index), sheet.row_values(index)
            yield (
                index + 1,
                [
                    f"#ERROR{v}" if t == xlrd.XL_CELL_ERROR else bool(v) if t == xlrd.XL_CELL_BOOLEAN else v
                    for t, v in zip(types, values, strict=True)
                ],
            )

    return _Table(name, "xls", book.encoding or "", tuple(book.sheet_names()), rows)


def _open_xlsx(data: bytes, name: str) -> _Table:
    import openpyxl  # heavy: loaded when an ONS .xlsx workbook is read, not with the app

    try:
        workbook_check(data, name=name)  # a workbook is a zip: checked before openpyxl unpacks it
    except ArchiveRefused as exc:
        raise OnsFormatError(str(exc)) from None
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a zip that is not a workbook
        raise OnsFormatError(f"{name}: a zip archive, but not an Excel (.xlsx) workbook: {exc}") from exc

    def rows(sheet_name: str) -> Rows:
        sheet = book[sheet_name]
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()  # some writers record wrong dimensions; read to the real end
        for index, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield index, list(values)

    return _Table(name, "xlsx", "", tuple(book.sheetnames), rows)


# --- cells ---------------------------------------------------------------------------------


def _text(cell: Cell) -> str:
    """A cell as trimmed text: spaces, non-breaking spaces and stray byte-order marks removed."""
    if isinstance(cell, str):
        text = cell.strip()
    elif cell is None or isinstance(cell, _Unreadable):
        return ""
    elif isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    else:
        text = str(cell).strip()
    if text and (text[0] in _INVISIBLE or text[-1] in _INVISIBLE):
        text = text.strip(_INVISIBLE).strip()
    return text


def _key(text: str) -> str:
    """A header as compared: lower case, without spaces, underscores or hyphens."""
    return re.sub(r"[\s_\-]+", "", text.lower().strip(_INVISIBLE))


def _repair(text: str) -> str:
    """Undo UTF-8 read as Windows-1252 and written again as UTF-8 ("MÃ´n" -> "Môn")."""
    if text.isascii() or not _MOJIBAKE_HINT.search(text):
        return text
    for encoding in ("cp1252", "latin-1"):
        try:
            return text.encode(encoding).decode("utf-8")
        except UnicodeError:
            continue
    return text


def geography_for_code(code: str) -> str:
    """The geography level a GSS code's prefix stands for ("E07" -> "Non-metropolitan District")."""
    return GEOGRAPHY_BY_PREFIX.get(code[:3], "")


def _code_problem(code: str, label: str) -> dict[str, str]:
    """The issue for a code that does not match CODE_RE."""
    if not code:
        return {"kind": "blank_code", "detail": f"{label} is blank"}
    return {
        "kind": "malformed_code",
        "detail": f"{label} {code!r} is not a GSS code (a letter E, W, S, N or K and 8 digits)",
    }


# --- finding the header and the data rows ---------------------------------------------------


@dataclasses.dataclass(frozen=True)
class _Header:
    sheet: str
    line: int
    cells: tuple[str, ...]
    preamble: tuple[str, ...]  # the non-blank text above the header (titles)
    rest: Rows
    plain: bool  # the cells are trimmed text already (a CSV)


def _find_header(table: _Table, sheets: Sequence[str], match: Callable[[list[str]], bool]) -> _Header | None:
    for sheet in sheets:
        rows = table.open_sheet(sheet)
        preamble: list[str] = []
        for _ in range(HEADER_SCAN_ROWS):
            try:
                line, cells = next(rows)
            except StopIteration:
                break
            texts = [_text(c) for c in cells]
            if match(texts):
                return _Header(sheet, line, tuple(texts), tuple(preamble), rows, table.kind == "csv")
            preamble.extend(t for t in texts if t)
    return None


def _data_rows(
    header: _Header, report: _ReportBuilder, code_index: int
) -> Iterator[tuple[int, list[str], list[Cell]]]:
    """The data rows below the header, as text and as read; blank lines and notes are counted aside."""
    width = len(header.cells)
    for line, cells in header.rest:
        if cells and isinstance(cells[0], _Unreadable):
            report.rows_read += 1
            report.issue("unreadable", line, cells[0].reason)
            continue
        if len(cells) < width:
            cells = [*cells, *[""] * (width - len(cells))]
        texts = cast(list[str], cells) if header.plain else [_text(c) for c in cells]
        if CODE_RE.match(texts[code_index]):  # the usual case, quickly
            report.rows_read += 1
            yield line, texts, cells
            continue
        filled = [t for t in texts if t]
        if not filled:
            report.blank_lines += 1
        elif tuple(texts[:width]) == header.cells:
            report.notes.append(f"line {line}: the header repeated (skipped)")
        elif len(filled) == 1:
            report.notes.append(f"line {line}: {_shorten(filled[0])}")
        else:
            report.rows_read += 1
            yield line, texts, cells


def _shorten(text: str, limit: int = 100) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


# --- lookups -------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class _LookupSpec(Generic[RowT]):
    kind: str
    description: str
    entities: tuple[tuple[str, frozenset[str]], ...]  # (field prefix, header prefixes)
    example: str
    row_type: type[RowT]


_LSOA_SPEC: _LookupSpec[LsoaRow] = _LookupSpec(
    kind="lsoa",
    description="an ONS LSOA to ward to local authority district lookup",
    entities=(
        ("lsoa", frozenset({"LSOA"})),
        ("ward", frozenset({"WD"})),
        ("district", frozenset({"LAD", "LTLA"})),
    ),
    example="LSOA11CD, LSOA11NM, WD17CD, WD17NM, LAD17CD, LAD17NM",
    row_type=LsoaRow,
)
_DISTRICT_SPEC: _LookupSpec[DistrictRow] = _LookupSpec(
    kind="district",
    description="an ONS local authority district to community safety partnership to police force area lookup",
    entities=(
        ("district", frozenset({"LAD", "LTLA"})),
        ("csp", frozenset({"CSP"})),
        ("force", frozenset({"PFA"})),
    ),
    example="LAD19CD, LAD19NM, CSP19CD, CSP19NM, PFA19CD, PFA19NM",
    row_type=DistrictRow,
)


def _lookup_columns(cells: Sequence[str], spec: _LookupSpec[RowT]) -> dict[str, dict[str, dict[str, int]]]:
    """entity -> vintage ("17") -> part ("CD", "NM", "NMW") -> column index."""
    found: dict[str, dict[str, dict[str, int]]] = {}
    for index, cell in enumerate(cells):
        match = _LOOKUP_COLUMN.match(cell.strip(_INVISIBLE).strip().upper())
        if not match:
            continue
        for entity, prefixes in spec.entities:
            if match["entity"] in prefixes:
                found.setdefault(entity, {}).setdefault(match["yy"], {}).setdefault(match["part"], index)
    return {e: {yy: parts for yy, parts in v.items() if "CD" in parts} for e, v in found.items()}


def _lookup_read(source: Source, spec: _LookupSpec[RowT]) -> LookupRead[RowT]:
    data, name = _read_source(source)
    table = _open_table(data, name)
    needed = [entity for entity, _ in spec.entities]

    def complete(cells: list[str]) -> bool:
        columns = _lookup_columns(cells, spec)
        return all(columns.get(entity) for entity in needed)

    header = _find_header(table, table.sheet_names, complete)
    if header is None:
        wanted = " / ".join(f"{sorted(prefixes)[0]}yyCD" for _, prefixes in spec.entities)
        raise OnsFormatError(
            f"{name}: no {wanted} columns found in the first {HEADER_SCAN_ROWS} rows; expected {spec.description} "
            f"(columns like {spec.example})."
        )
    columns = _lookup_columns(header.cells, spec)
    notes: list[str] = []
    index: dict[str, int] = {}
    vintages: dict[str, str] = {}
    for entity in needed:
        yy = max(columns[entity])  # the newest vintage, if a file has several
        if len(columns[entity]) > 1:
            notes.append(
                f"{entity} columns for several vintages ({', '.join(sorted(columns[entity]))}); used 20{yy}"
            )
        vintages[entity] = f"20{yy}"
        parts = columns[entity][yy]
        index[f"{entity}_code"] = parts["CD"]
        if "NM" in parts:
            index[f"{entity}_name"] = parts["NM"]
        else:
            notes.append(f"no {entity} name column: names left blank")
        if "NMW" in parts and entity == "ward":
            index["ward_name_welsh"] = parts["NMW"]
    report = _ReportBuilder(
        name, table.format(header.sheet), header.line, {f: header.cells[i] for f, i in index.items()}
    )
    report.notes.extend(notes)
    key = f"{needed[0]}_code"  # the LSOA, or the district: one row each
    rows = _lookup_rows(header, report, index, needed, key, spec)
    report.rows_kept = len(rows)
    return LookupRead(name, spec.kind, tuple(rows), vintages, report.build())


def _lookup_rows(
    header: _Header,
    report: _ReportBuilder,
    index: dict[str, int],
    needed: list[str],
    key: str,
    spec: _LookupSpec[RowT],
) -> list[RowT]:
    codes = [index[f"{e}_code"] for e in needed]
    all_codes = operator.itemgetter(*codes, -1)  # -1: the "" appended below, so a tuple whatever the count
    names = [(index[f"{e}_name"], index[f"{e}_code"]) for e in needed if f"{e}_name" in index]
    texts_to_repair = [i for f, i in index.items() if not f.endswith("_code")]
    row_values = operator.itemgetter(*[index.get(f.name, -1) for f in dataclasses.fields(spec.row_type)])
    rows: list[RowT] = []
    first: dict[str, tuple[int, list[str]]] = {}
    for line, texts, _cells in _data_rows(header, report, index[key]):
        texts.append("")  # what a column the file lacks reads as
        if not all(map(CODE_RE.match, all_codes(texts)[:-1])):
            bad = next(i for i in codes if not CODE_RE.match(texts[i]))
            report.issue(**_code_problem(texts[bad], header.cells[bad]), line=line)
            continue
        code = texts[index[key]]
        if code in first:
            report.issue("duplicate_code", line, _duplicate_detail(code, texts, *first[code], header, index))
            continue
        first[code] = (line, list(texts))
        for i in texts_to_repair:
            if not texts[i].isascii():
                texts[i] = _repaired(texts[i], line, report)
        for name, code_at in names:
            if not texts[name]:
                report.issue("missing_name", line, f"{header.cells[name]} is blank for {texts[code_at]}")
        rows.append(spec.row_type(*row_values(texts)))
    return rows


def _repaired(text: str, line: int, report: _ReportBuilder) -> str:
    fixed = _repair(text)
    if fixed != text:
        report.issue("repaired_text", line, f"{text!r} read as {fixed!r}")
    return fixed


def _duplicate_detail(
    code: str, texts: list[str], first_line: int, first: list[str], header: _Header, index: dict[str, int]
) -> str:
    differences = [
        f"{header.cells[i]} {texts[i]!r} (was {first[i]!r})" for i in index.values() if texts[i] != first[i]
    ]
    if not differences:
        return f"{code} repeats line {first_line} exactly"
    return f"{code} already on line {first_line}; this line differs: {'; '.join(differences)}"


def read_lsoa_lookup(source: Source) -> LookupRead[LsoaRow]:
    """Rows of an ONS LSOA to ward to district lookup, of any vintage and column order."""
    return _lookup_read(source, _LSOA_SPEC)


def read_district_lookup(source: Source) -> LookupRead[DistrictRow]:
    """Rows of an ONS district to community safety partnership to police force area lookup."""
    return _lookup_read(source, _DISTRICT_SPEC)


# --- population ----------------------------------------------------------------------------


_CODE_HEADERS = {"code", "areacode", "geographycode", "ladcode", "lacode"}
_NAME_HEADERS = {"name", "areaname", "geographyname", "ladname", "laname"}
_GEOGRAPHY_HEADER = re.compile(r"^geography(\d*|type|level)$")
_YEAR_HEADERS = {"year", "midyear"}
_POPULATION_HEADERS = {"allages"}


def _population_columns(cells: Sequence[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = _key(cell)
        field_name = (
            "code" if key in _CODE_HEADERS
            else "name" if key in _NAME_HEADERS
            else "geography" if _GEOGRAPHY_HEADER.match(key)
            else "year" if key in _YEAR_HEADERS
            else "population" if key in _POPULATION_HEADERS
            else None
        )  # fmt: skip
        if field_name:
            columns.setdefault(field_name, index)
    return columns


def _population_sheets(table: _Table) -> list[str]:
    """The persons sheet(s) first; never a males or females sheet."""
    persons = [s for s in table.sheet_names if "persons" in s.lower()]
    if persons:
        return persons
    return [s for s in table.sheet_names if not re.search(r"\b(fe)?males?\b", s.lower())] or list(
        table.sheet_names
    )


def year_from_text(text: str) -> int | None:
    """The year in "population_mid2019_LAD.csv", "mid-2019", "Mid_2015" or "mid-year estimates 2019"."""
    for pattern in _YEAR_IN_TEXT:
        match = pattern.search(text)
        if match:
            return int(match[1])
    return None


def _parse_population(cell: Cell, text: str) -> tuple[int | None, str, str]:
    """(value, issue kind, detail); the kind is "" when the value is good."""
    if isinstance(cell, bool):
        return None, "non_numeric_population", f"{text!r} is not a number"
    if isinstance(cell, int | float):
        if isinstance(cell, float) and not cell.is_integer():  # not a number, infinite, or a fraction
            return None, "non_numeric_population", f"{cell!r} is not a whole number"
        value = int(cell)
    else:
        digits = re.sub(r"[,\s'\u00a0\u202f\u2009]", "", text)
        match = re.fullmatch(r"([-\u2212]?)(\d+)(?:\.0+)?", digits)
        if not match:
            return None, "non_numeric_population", f"All ages is {_shown(text)}"
        if len(match[2].lstrip("0")) > len(str(POPULATION_MAX)):  # read as a number only once it could be one
            return None, "population_out_of_range", f"All ages has {len(match[2].lstrip('0')):,} digits, more than {POPULATION_MAX:,}"
        value = int(match[2]) * (-1 if match[1] else 1)
    if value < 0:
        return None, "negative_population", f"All ages is {value}"
    if not 0 < value <= POPULATION_MAX:
        shown = f"{value:,}" if value < 10**30 else f"a number of {len(str(value)):,} digits"
        return None, "population_out_of_range", f"All ages is {shown}: an estimate is from 1 to {POPULATION_MAX:,}"
    return value, "", ""


def _shown(text: str) -> str:
    if not text:
        return "blank"
    return f"{text!r} (ONS marker: data not available)" if text in {":", "x", ".."} else repr(text)


def read_population(source: Source, *, year: int | None = None) -> PopulationRead:
    """The "All ages" persons figure for every area in an ONS mid-year population estimates file.

    `year` is taken from the argument, else the file name, else the title rows; in a long-form
    file with a Year column each row carries its own and `year` selects one of them.
    """
    data, name = _read_source(source)
    table = _open_table(data, name)

    def complete(cells: list[str]) -> bool:
        columns = _population_columns(cells)
        return "code" in columns and "population" in columns

    header = _find_header(table, _population_sheets(table), complete)
    if header is None:
        where = "" if table.kind == "csv" else f" of any sheet ({', '.join(table.sheet_names)})"
        raise OnsFormatError(
            f"{name}: no 'Code' and 'All ages' columns found in the first {HEADER_SCAN_ROWS} rows{where}; "
            "expected ONS mid-year population estimates (MYE2, persons)."
        )
    columns = _population_columns(header.cells)
    report = _ReportBuilder(
        name, table.format(header.sheet), header.line, {f: header.cells[i] for f, i in columns.items()}
    )
    file_year = None if "year" in columns else _file_year(name, header, year, report)
    rows = _population_rows(header, report, columns, file_year, year)
    report.rows_kept = len(rows)
    if "geography" not in columns:
        report.notes.append("no Geography column: the level is taken from each code's prefix")
    years = {row.year for row in rows}
    if file_year is None and year is None:  # a long form: one year, or several
        file_year = years.pop() if len(years) == 1 else None
    return PopulationRead(name, file_year if file_year is not None else year, tuple(rows), report.build())


def _file_year(name: str, header: _Header, year: int | None, report: _ReportBuilder) -> int:
    from_name = year_from_text(name)
    from_title = next((y for text in header.preamble if (y := year_from_text(text))), None)
    if year is not None:
        found = from_name or from_title
        if found and found != year:
            report.notes.append(f"year {year} as asked, though the file says mid-{found}")
        return year
    if from_name is not None:
        return from_name
    if from_title is not None:
        report.notes.append(f"year mid-{from_title} taken from the title")
        return from_title
    raise OnsFormatError(
        f"{name}: cannot tell which year these estimates are for: no 'mid2019'-style year in the file name "
        "or the title rows; give it with --year."
    )


def _population_rows(
    header: _Header,
    report: _ReportBuilder,
    columns: dict[str, int],
    file_year: int | None,
    wanted: int | None,
) -> list[PopulationRow]:
    rows: list[PopulationRow] = []
    first: dict[tuple[str, int], tuple[int, int]] = {}
    for line, texts, cells in _data_rows(header, report, columns["code"]):
        code = texts[columns["code"]]
        if not CODE_RE.match(code):
            report.issue(**_code_problem(code, "Code"), line=line)
            continue
        row_year = file_year
        if row_year is None:
            match = _YEAR_CELL.match(texts[columns["year"]])
            if not match:
                report.issue("bad_year", line, f"Year {texts[columns['year']]!r} for {code} is not a year")
                continue
            row_year = int(match[1])
        if wanted is not None and row_year != wanted:
            report.rows_skipped += 1
            continue
        if not POPULATION_FIRST_YEAR <= row_year <= POPULATION_LAST_YEAR:
            report.issue("bad_year", line, f"mid-{row_year} for {code}: estimates are held for "
                                           f"{POPULATION_FIRST_YEAR} to {POPULATION_LAST_YEAR}")
            continue
        population, kind, detail = _parse_population(
            cells[columns["population"]], texts[columns["population"]]
        )
        if population is None:
            report.issue(kind, line, f"{code}: {detail}")
            continue
        if (code, row_year) in first:
            first_line, first_population = first[code, row_year]
            same = (
                "the same figure"
                if population == first_population
                else f"{population:,} (was {first_population:,})"
            )
            report.issue(
                "duplicate_code", line, f"{code} for mid-{row_year} already on line {first_line}; {same}"
            )
            continue
        first[code, row_year] = (line, population)
        name = _repaired(texts[columns["name"]], line, report) if "name" in columns else ""
        if "name" in columns and not name:
            report.issue("missing_name", line, f"Name is blank for {code}")
        geography = texts[columns["geography"]] if "geography" in columns else ""
        rows.append(PopulationRow(code, name, geography or geography_for_code(code), population, row_year))
    return rows


__all__ = [
    "CODE_RE",
    "ENGLAND",
    "GEOGRAPHY_BY_PREFIX",
    "ISSUE_KINDS",
    "KENT_COUNTY",
    "KENT_DISTRICTS",
    "KENT_FIXTURES_DIR",
    "DistrictRow",
    "Issue",
    "IssueGroup",
    "LookupRead",
    "LsoaRow",
    "OnsFormatError",
    "PopulationRead",
    "PopulationRow",
    "ReadReport",
    "geography_for_code",
    "read_district_lookup",
    "read_lsoa_lookup",
    "read_population",
    "year_from_text",
]
