"""Small, dependency-free SVG charts for the performance pages and the PDF reports.

Each chart is a pure function that returns one standalone ``<svg>`` element as a string: the same arguments
always give the same bytes. The canvas is 760 units wide (``viewBox="0 0 760 H"``, H depends on the chart)
and the element has ``width="100%"`` and no height, so it scales to its container and keeps its shape.
Text is 13-14 units: 16-18px when the chart is 960px wide, 12px at 700px, and about 8pt (11px) across the
text width of an A4 page with 20mm margins.

Accessibility (WCAG 2.2 AA) and print:

* ``role="img"`` with ``aria-labelledby`` pointing at a ``<title>`` and a ``<desc>``; the desc opens with a
  summary made from the data (highest, lowest, where the highlighted area ranks, the latest month...)
  followed by the caller's own description. The numbers themselves belong in a table beside the chart.
* Every colour used for a line, bar or marker has at least 3:1 contrast against white, and nothing relies on
  colour alone: the previous year is dashed and has no markers, decreases are hatched, the highlighted area
  has a bold label, a marker and a shaded row. So the charts also read printed in black and white.
* Only presentation attributes (no ``<style>``, no classes that need a stylesheet, no script, no
  ``foreignObject``, no external resources), so that WeasyPrint 70 draws them as vectors with real,
  selectable text. The ``class`` attributes are hooks for tests and for optional page CSS only.
"""

from __future__ import annotations

import datetime
import hashlib
import html
import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

__all__ = [
    "Bar",
    "Change",
    "Reference",
    "change_chart",
    "change_label",
    "chart_id",
    "format_number",
    "format_signed",
    "nice_ticks",
    "ranked_bar_chart",
    "text_width",
    "trend_chart",
]

# --- Look -------------------------------------------------------------------------------------------------

WIDTH = 760  # the viewBox width; everything below is in these units
FONT = "Arial, Helvetica, sans-serif"
TICK_SIZE = 13
LABEL_SIZE = 14

# GOV.UK Frontend colours; the contrast against white is in brackets.
BLACK = "#0b0c0c"  # (19.4:1) axes, text, reference line
DARK_GREY = "#505a5f"  # (7.0:1) secondary text, previous-year line
GRID = "#b1b4b6"  # gridlines: decoration only, every value is also given as text
LIGHT_GREY = "#f3f2f1"  # shading of the highlighted row
BLUE = "#1d70b2"  # (5.2:1) current year, decreases
LIGHT_BLUE = "#5694ca"  # (3.2:1) the other bars of a ranked chart
RED = "#d4351c"  # (4.5:1) increases
BRAND = "#00626e"  # (7.1:1) the council's colour: the highlighted bar
WHITE = "#ffffff"

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MINUS = "\u2212"
ELLIPSIS = "\u2026"


def _widths(numbers: str) -> tuple[int, ...]:
    return tuple(int(number) for number in numbers.split())


# Advance widths (per 1,000 em) of Liberation Sans, which has Arial's metrics, for " " to "~".
_WIDTHS_REGULAR = _widths(
    "278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 556 "
    "556 556 278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 500 667 556 833 722 778 "
    "667 778 722 667 611 722 667 944 667 667 611 278 278 278 469 556 333 556 556 500 556 556 278 556 "
    "556 222 222 500 222 833 556 556 556 556 333 500 278 556 500 722 500 500 500 334 260 334 584"
)
_WIDTHS_BOLD = _widths(
    "278 333 474 556 556 889 722 238 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 556 "
    "556 556 333 333 584 584 584 611 975 722 722 722 722 667 611 778 722 278 556 722 611 833 722 778 "
    "667 778 722 667 611 722 667 944 667 667 611 333 278 333 584 556 333 556 611 556 611 556 333 611 "
    "611 278 278 556 278 889 611 611 611 611 389 556 333 611 556 778 556 556 500 389 280 389 584"
)
_WIDTHS_OTHER = {MINUS: 584, ELLIPSIS: 1000, "\u2019": 250, "\u2013": 556, "\u2014": 1000, "\u00a0": 278}


# --- Data -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    """One area in a ranked bar chart; ``value`` None is shown as "no data" at the bottom."""

    label: str
    value: float | None
    highlight: bool = False


@dataclass(frozen=True)
class Reference:
    """A value to compare every bar with, such as the county average, drawn as a dashed line."""

    label: str
    value: float


@dataclass(frozen=True)
class Change:
    """One crime category's change on the previous year; ``percent`` None when the previous count was 0."""

    label: str
    percent: float | None
    difference: int | float | None


# --- Text and numbers -------------------------------------------------------------------------------------

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _esc(text: object) -> str:
    """Text made safe for an XML text node or a double-quoted attribute."""
    return html.escape(_NOT_XML.sub("", str(text)), quote=True)


def _n(x: float) -> str:
    """A coordinate, rounded to 0.01 with no trailing zeros: deterministic and short."""
    out = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if out in ("-0", "") else out


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """An estimate of the width of ``text`` in Arial at ``size``."""
    table = _WIDTHS_BOLD if bold else _WIDTHS_REGULAR
    total = 0
    for char in text:
        code = ord(char)
        if 32 <= code <= 126:
            total += table[code - 32]
        else:
            total += _WIDTHS_OTHER.get(char, 600)
    return total * size / 1000


def _fit(text: str, max_width: float, size: float, *, bold: bool = False) -> str:
    """``text`` cut short with an ellipsis so that it is no wider than ``max_width``."""
    if text_width(text, size, bold=bold) <= max_width:
        return text
    while text and text_width(text + ELLIPSIS, size, bold=bold) > max_width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


def format_number(value: float, decimals: int | None = None) -> str:
    """UK style: thousands separated by commas, a real minus sign; whole numbers without decimals unless
    ``decimals`` is given."""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 1
    out = f"{abs(value):,.{decimals}f}"
    if value < 0 and out.strip("0.,") != "":
        out = MINUS + out
    return out


def format_signed(value: float, decimals: int | None = None) -> str:
    """``+12.5`` / ``−3.1`` / ``0``: a sign on every value that does not round to zero."""
    out = format_number(value, decimals)
    if value > 0 and out.strip("0.,") != "":
        out = "+" + out
    return out


def _month(day: datetime.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# --- Scales -----------------------------------------------------------------------------------------------


def nice_ticks(low: float, high: float, *, target: int = 5, integer: bool = False) -> list[Decimal]:
    """Evenly spaced ticks covering ``low``-``high`` whose step is 1, 2, 2.5 or 5 × 10^n (about ``target``
    steps); ``integer`` keeps the step a whole number (for counts). Always at least two ticks."""
    low_d, high_d = Decimal(repr(float(low))), Decimal(repr(float(high)))
    if high_d <= low_d:
        high_d = low_d + 1
    raw = (high_d - low_d) / target
    exponent = math.floor(math.log10(raw))
    magnitude = Decimal(1).scaleb(exponent)
    step = magnitude * 10
    for multiple in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5)):
        candidate = multiple * magnitude
        if integer and candidate != candidate.to_integral_value():
            continue
        if candidate >= raw:
            step = candidate
            break
    if integer and step < 1:
        step = Decimal(1)
    first = (low_d / step).to_integral_value(rounding="ROUND_FLOOR") * step
    last = (high_d / step).to_integral_value(rounding="ROUND_CEILING") * step
    count = int((last - first) / step)
    return [(first + i * step).normalize() + 0 for i in range(max(count, 1) + 1)]


def _tick_text(tick: Decimal, step: Decimal, suffix: str = "", signed: bool = False) -> str:
    exponent = step.normalize().as_tuple().exponent  # a letter only for NaN and infinities, never a step
    decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    return (format_signed if signed else format_number)(float(tick), decimals) + suffix


# --- SVG --------------------------------------------------------------------------------------------------


def chart_id(title: str, *content: object) -> str:
    """``chart-<slug of the title>-<hash of the title and content>``: stable, and different for two charts
    with different titles or data on one page."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:40].strip("-") or "chart"
    digest = hashlib.sha256(repr((title, content)).encode()).hexdigest()[:8]
    return f"chart-{slug}-{digest}"


def _attrs(attributes: Mapping[str, object]) -> str:
    out = []
    for key, value in attributes.items():
        if value is None:
            continue
        if isinstance(value, float | int) and not isinstance(value, bool):
            value = _n(value)
        out.append(f' {key.rstrip("_").replace("_", "-")}="{_esc(value)}"')
    return "".join(out)


def _el(tag: str, **attributes: object) -> str:
    return f"<{tag}{_attrs(attributes)}/>"


def _text(
    x: float,
    y: float,
    text: str,
    *,
    size: float = LABEL_SIZE,
    anchor: str = "start",
    bold: bool = False,
    italic: bool = False,
    fill: str = BLACK,
    class_: str | None = None,
) -> str:
    attributes = {
        "x": x,
        "y": y,
        "font_size": size,
        "text_anchor": None if anchor == "start" else anchor,
        "font_weight": "bold" if bold else None,
        "font_style": "italic" if italic else None,
        "fill": fill,
        "class_": class_,
    }
    return f"<text{_attrs(attributes)}>{_esc(text)}</text>"


def _middle(y: float, size: float) -> float:
    """The baseline that centres a line of text of ``size`` on ``y`` (no dominant-baseline in WeasyPrint)."""
    return y + size * 0.35


def _hatch(pattern_id: str, colour: str) -> str:
    return (
        f'<pattern id="{pattern_id}" patternUnits="userSpaceOnUse" width="6" height="6" '
        f'patternTransform="rotate(45)">'
        f"{_el('rect', width=6, height=6, fill=WHITE)}{_el('rect', width=3, height=6, fill=colour)}"
        "</pattern>"
    )


def _svg(ident: str, title: str, description: str, height: float, body: list[str], defs: str = "") -> str:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {_n(math.ceil(height))}" width="100%" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc" font-family="{FONT}" '
        f'class="chart" id="{ident}">'
        f'<title id="{ident}-title">{_esc(title)}</title>'
        f'<desc id="{ident}-desc">{_esc(description)}</desc>'
    )
    if defs:
        head += f"<defs>{defs}</defs>"
    return head + "".join(body) + "</svg>"


def _describe(summary: list[str], description: str) -> str:
    return " ".join([*summary, description.strip()]).strip()


def _legend(items: list[tuple[str, str]], y: float, x: float = 8) -> tuple[list[str], float]:
    """Legend entries (sample SVG drawn at the origin 0-28 wide around y=0, label) flowed into rows from
    ``x``; returns the elements and the y below the legend."""
    out: list[str] = []
    row_height = 24
    cursor = x
    for sample, label in items:
        label = _fit(label, WIDTH - x - 40, LABEL_SIZE)
        width = 36 + text_width(label, LABEL_SIZE) + 24
        if cursor > x and cursor + width > WIDTH:
            cursor = x
            y += row_height
        out.append(f'<g transform="translate({_n(cursor)} {_n(y)})">{sample}</g>')
        out.append(_text(cursor + 36, _middle(y, LABEL_SIZE), label, class_="chart-legend"))
        cursor += width
    return out, y + row_height / 2


# --- Trend chart ------------------------------------------------------------------------------------------


def trend_chart(
    *,
    title: str,
    months: Sequence[datetime.date],
    current: Sequence[int | float | None],
    previous: Sequence[int | float | None] | None,
    current_label: str,
    previous_label: str,
    description: str = "",
) -> str:
    """A monthly line chart of a count with the same months of the year before drawn behind it.

    ``months`` are consecutive months (any day of the month); ``current`` and ``previous`` give a value or
    None (a missing month, which breaks the line) for each. The current year is a solid blue line with a
    marker on every month, the previous year a dashed dark grey line. The y axis starts at 0.
    """
    count = len(months)
    if len(current) != count or (previous is not None and len(previous) != count):
        raise ValueError("months, current and previous must have the same length")
    ident = chart_id(
        title,
        "trend",
        list(months),
        list(current),
        previous and list(previous),
        current_label,
        previous_label,
        description,
    )
    series_previous = list(previous) if previous is not None else [None] * count
    values = [float(v) for v in [*current, *series_previous] if v is not None]
    integer = all(v.is_integer() for v in values)
    ticks = nice_ticks(min([0.0, *values]), max([0.0, *values]), target=5, integer=integer)
    step = ticks[1] - ticks[0]
    tick_labels = [_tick_text(t, step) for t in ticks]

    body: list[str] = []
    # Legend
    current_sample = _el("line", x1=0, y1=0, x2=28, y2=0, stroke=BLUE, stroke_width=3) + _el(
        "circle", cx=14, cy=0, r=4, fill=BLUE, stroke=WHITE, stroke_width=1.5
    )
    previous_sample = _el(
        "line", x1=0, y1=0, x2=28, y2=0, stroke=DARK_GREY, stroke_width=2.5, stroke_dasharray="8 5"
    )
    items = [(current_sample, current_label)]
    if previous is not None:
        items.append((previous_sample, previous_label))
    legend, legend_bottom = _legend(items, y=14)
    body.extend(legend)

    left = max(text_width(label, TICK_SIZE) for label in tick_labels) + 14
    right = WIDTH - 12
    top = legend_bottom + 18
    bottom = top + 250
    height = bottom + 48
    low, high = float(ticks[0]), float(ticks[-1])

    def y_of(value: float) -> float:
        return bottom - (float(value) - low) / (high - low) * (bottom - top)

    slot = (right - left) / max(count, 1)

    def x_of(index: int) -> float:
        return left + (index + 0.5) * slot

    # Gridlines and y ticks
    for tick, label in zip(ticks, tick_labels, strict=True):
        y = y_of(float(tick))
        if tick != 0:
            body.append(_el("line", x1=left, y1=y, x2=right, y2=y, stroke=GRID, stroke_width=1))
        body.append(
            _text(left - 8, _middle(y, TICK_SIZE), label, size=TICK_SIZE, anchor="end", class_="chart-ytick")
        )
    # x axis: a tick each month, labels thinned to fit
    month_width = max(text_width(m, TICK_SIZE) for m in MONTHS)
    year_width = text_width("0000", TICK_SIZE)
    room = max(month_width, year_width) + 16
    every = next((k for k in (1, 2, 3, 4, 6, 12) if k * slot >= room and math.ceil(count / k) <= 12), 12)
    first_label = True
    for index, day in enumerate(months):
        x = x_of(index)
        labelled = (day.month - 1) % every == 0 or count == 1
        body.append(
            _el(
                "line",
                x1=x,
                y1=bottom,
                x2=x,
                y2=bottom + (7 if labelled else 4),
                stroke=BLACK,
                stroke_width=1,
            )
        )
        if not labelled:
            continue
        body.append(
            _text(
                x, bottom + 22, MONTHS[day.month - 1], size=TICK_SIZE, anchor="middle", class_="chart-xtick"
            )
        )
        if first_label or day.month == 1:
            body.append(
                _text(x, bottom + 39, str(day.year), size=TICK_SIZE, anchor="middle", class_="chart-xyear")
            )
            first_label = False
    zero = y_of(0.0)
    body.append(_el("line", x1=left, y1=zero, x2=right, y2=zero, stroke=BLACK, stroke_width=1.5))
    if low < 0:
        body.append(_el("line", x1=left, y1=bottom, x2=right, y2=bottom, stroke=BLACK, stroke_width=1))

    def runs(series: Sequence[int | float | None]) -> list[list[tuple[float, float]]]:
        out: list[list[tuple[float, float]]] = [[]]
        for index, value in enumerate(series):
            if value is None:
                if out[-1]:
                    out.append([])
            else:
                out[-1].append((x_of(index), y_of(float(value))))
        return [run for run in out if run]

    def path(run: list[tuple[float, float]]) -> str:
        return " ".join(f"{'M' if i == 0 else 'L'}{_n(x)} {_n(y)}" for i, (x, y) in enumerate(run))

    # Previous year behind, dashed, no markers; a month on its own is a short solid dash.
    for run in runs(series_previous):
        if len(run) == 1:
            (x, y) = run[0]
            body.append(
                _el(
                    "line",
                    x1=x - 6,
                    y1=y,
                    x2=x + 6,
                    y2=y,
                    stroke=DARK_GREY,
                    stroke_width=2.5,
                    class_="chart-line-previous",
                )
            )
        else:
            body.append(
                _el(
                    "path",
                    d=path(run),
                    fill="none",
                    stroke=DARK_GREY,
                    stroke_width=2.5,
                    stroke_dasharray="8 5",
                    stroke_linejoin="round",
                    class_="chart-line-previous",
                )
            )
    # Current year in front, solid, with a marker on each month.
    for run in runs(current):
        if len(run) > 1:
            body.append(
                _el(
                    "path",
                    d=path(run),
                    fill="none",
                    stroke=BLUE,
                    stroke_width=3,
                    stroke_linejoin="round",
                    class_="chart-line-current",
                )
            )
        for x, y in run:
            body.append(
                _el(
                    "circle", cx=x, cy=y, r=4, fill=BLUE, stroke=WHITE, stroke_width=1.5, class_="chart-point"
                )
            )
    if not values:
        body.append(
            _text(
                (left + right) / 2,
                _middle((top + bottom) / 2, LABEL_SIZE),
                "No data for these months",
                anchor="middle",
                fill=DARK_GREY,
            )
        )

    summary = _trend_summary(months, current, previous, current_label, previous_label)
    return _svg(ident, title, _describe(summary, description), height, body)


def _trend_summary(
    months: Sequence[datetime.date],
    current: Sequence[int | float | None],
    previous: Sequence[int | float | None] | None,
    current_label: str,
    previous_label: str,
) -> list[str]:
    if not months:
        return ["No months to show."]
    out = [f"Monthly figures, {_month(months[0])} to {_month(months[-1])}."]
    known = [(day, v) for day, v in zip(months, current, strict=True) if v is not None]
    if not known:
        return [*out, f"No data for {current_label}."]
    latest_index, latest = [(i, v) for i, v in enumerate(current) if v is not None][-1]
    sentence = f"Latest month, {_month(months[latest_index])}: {current_label} {format_number(latest)}"
    year_before = None if previous is None else previous[latest_index]
    if year_before is not None:
        sentence += f"; {previous_label} {format_number(year_before)}"
    out.append(sentence + ".")
    if len(known) > 1:
        high_day, high = max(known, key=lambda pair: pair[1])  # the first of equal values
        low_day, low = min(known, key=lambda pair: pair[1])
        out.append(
            f"Highest: {format_number(high)} in {_month(high_day)}; "
            f"lowest: {format_number(low)} in {_month(low_day)}."
        )
        total = f"Total {current_label}: {format_number(sum(v for _, v in known))}"
        if previous is not None and any(v is not None for v in previous):
            total += f"; {previous_label}: {format_number(sum(v for v in previous if v is not None))}"
        out.append(total + ".")
    missing = [_month(day) for day, v in zip(months, current, strict=True) if v is None]
    if missing:
        out.append(f"No data for {', '.join(missing)}.")
    return out


# --- Ranked bar chart -------------------------------------------------------------------------------------

ROW = 26  # height of a row in the bar charts
BAR = 18  # thickness of a bar
LABEL_MAX = 280  # widest label before it is cut short


def ranked_bar_chart(
    *,
    title: str,
    bars: Sequence[Bar],
    reference: Reference | None = None,
    value_label: str = "Crimes per 1,000 population",
    description: str = "",
) -> str:
    """Horizontal bars ranked highest first (equal values keep their input order and share a rank), as in
    iQuanta's "Most Similar Group" charts. A highlighted bar (the borough) is in the council's colour with a
    bold label, a marker and a shaded row; ``reference`` (such as the county average) is a dashed line;
    each bar has its value at the end (1 decimal). Bars without a value are listed last as "no data"."""
    ident = chart_id(title, "ranked", list(bars), reference, value_label, description)
    ranked = sorted(((b, float(b.value)) for b in bars if b.value is not None), key=lambda pair: -pair[1])
    missing = [b for b in bars if b.value is None]
    values = [value for _, value in ranked]
    ranks = [1 + sum(1 for other in values if other > value) for value in values]

    rows = [b for b, _ in ranked] + missing
    labels = [f"{rank}. {b.label}" for rank, (b, _) in zip(ranks, ranked, strict=True)] + [
        b.label for b in missing
    ]
    labels = [
        _fit(label, LABEL_MAX, LABEL_SIZE, bold=b.highlight) for label, b in zip(labels, rows, strict=True)
    ]

    extent = [0.0, *values, *([float(reference.value)] if reference else [])]
    ticks = nice_ticks(min(extent), max(extent), target=5)
    step = ticks[1] - ticks[0]
    low, high = float(ticks[0]), float(ticks[-1])

    marker_space = 22 if any(b.highlight for b in rows) else 0
    widths = [text_width(label, LABEL_SIZE, bold=b.highlight) for label, b in zip(labels, rows, strict=True)]
    left = 8 + marker_space + max(widths, default=0) + 10
    value_room = max((text_width(format_number(v, 1), TICK_SIZE, bold=True) for v in values), default=0) + 14
    if low < 0:  # values are also written left of the bars, and "no data" right of zero
        value_room = max(value_room, text_width("no data", TICK_SIZE) + 14)
        left += value_room
    right = WIDTH - 8 - value_room
    top = 44 if reference else 12
    bottom = top + ROW * max(len(rows), 1)
    height = bottom + 56

    def x_of(value: float) -> float:
        return left + (float(value) - low) / (high - low) * (right - left)

    zero = x_of(0.0)
    body: list[str] = []
    # Shade the highlighted rows first, across the whole width.
    for index, bar in enumerate(rows):
        if bar.highlight:
            body.append(
                _el(
                    "rect",
                    x=0,
                    y=top + index * ROW,
                    width=WIDTH,
                    height=ROW,
                    fill=LIGHT_GREY,
                    class_="chart-row-highlight",
                )
            )
    # Gridlines and x ticks
    for tick in ticks:
        x = x_of(float(tick))
        if tick != 0:
            body.append(_el("line", x1=x, y1=top, x2=x, y2=bottom, stroke=GRID, stroke_width=1))
        body.append(
            _text(
                x, bottom + 20, _tick_text(tick, step), size=TICK_SIZE, anchor="middle", class_="chart-xtick"
            )
        )
    body.append(
        _text((left + right) / 2, bottom + 44, value_label, size=TICK_SIZE, anchor="middle", fill=DARK_GREY)
    )
    body.append(_el("line", x1=left, y1=bottom, x2=right, y2=bottom, stroke=BLACK, stroke_width=1))
    # Labels and bars; the values go on top of everything, each on a patch of its row's background.
    values_on_top: list[str] = []
    for index, (bar, label) in enumerate(zip(rows, labels, strict=True)):
        middle = top + index * ROW + ROW / 2
        body.append(
            _text(
                left - 10,
                _middle(middle, LABEL_SIZE),
                label,
                anchor="end",
                bold=bar.highlight,
                class_="chart-label",
            )
        )
        if bar.highlight:
            body.append(
                _el(
                    "polygon",
                    points=f"8,{_n(middle - 7)} 20,{_n(middle)} 8,{_n(middle + 7)}",
                    fill=BLACK,
                    class_="chart-marker",
                )
            )
        if bar.value is None:
            background = LIGHT_GREY if bar.highlight else WHITE
            values_on_top.append(
                _el(
                    "rect",
                    x=zero + 4,
                    y=middle - 9,
                    width=text_width("no data", TICK_SIZE) + 4,
                    height=18,
                    fill=background,
                )
            )
            values_on_top.append(
                _text(
                    zero + 6,
                    _middle(middle, TICK_SIZE),
                    "no data",
                    size=TICK_SIZE,
                    italic=True,
                    fill=DARK_GREY,
                    class_="chart-nodata",
                )
            )
            continue
        value = float(bar.value)
        start, end = sorted((zero, x_of(value)))
        body.append(
            _el(
                "rect",
                x=start,
                y=middle - BAR / 2,
                width=end - start,
                height=BAR,
                fill=BRAND if bar.highlight else LIGHT_BLUE,
                stroke=BLACK if bar.highlight else None,
                stroke_width=1.5 if bar.highlight else None,
                class_="chart-bar chart-bar-highlight" if bar.highlight else "chart-bar",
            )
        )
        text = format_number(value, 1)
        width = text_width(text, TICK_SIZE, bold=bar.highlight)
        x = end + 6 if value >= 0 else start - 6 - width
        values_on_top.append(
            _el(
                "rect",
                x=x - 2,
                y=middle - 9,
                width=width + 4,
                height=18,
                fill=LIGHT_GREY if bar.highlight else WHITE,
            )
            + _text(
                x, _middle(middle, TICK_SIZE), text, size=TICK_SIZE, bold=bar.highlight, class_="chart-value"
            )
        )
    body.append(_el("line", x1=zero, y1=top, x2=zero, y2=bottom, stroke=BLACK, stroke_width=1.5))
    if reference is not None:
        x = x_of(float(reference.value))
        # white in the gaps between the dashes, so that the line shows across a dark bar too
        body.append(_el("line", x1=x, y1=top - 8, x2=x, y2=bottom, stroke=WHITE, stroke_width=2))
        body.append(
            _el(
                "line",
                x1=x,
                y1=top - 8,
                x2=x,
                y2=bottom,
                stroke=BLACK,
                stroke_width=2,
                stroke_dasharray="6 4",
                class_="chart-reference",
            )
        )
        text = _fit(f"{reference.label}: {format_number(reference.value, 1)}", WIDTH - 16, LABEL_SIZE)
        width = text_width(text, LABEL_SIZE)
        start = min(max(x - width / 2, 8), WIDTH - 8 - width)
        body.append(_text(start, top - 16, text, class_="chart-reference-label"))
    body.extend(values_on_top)

    summary = _ranked_summary(ranked, ranks, missing, reference)
    return _svg(ident, title, _describe(summary, description), height, body)


def _ranked_summary(
    ranked: list[tuple[Bar, float]], ranks: list[int], missing: list[Bar], reference: Reference | None
) -> list[str]:
    out = []
    if ranked:
        (first, high), (last, low) = ranked[0], ranked[-1]
        out.append(
            f"Highest: {first.label} {format_number(high, 1)}; lowest: {last.label} {format_number(low, 1)}."
        )
    for rank, (bar, value) in zip(ranks, ranked, strict=True):
        if bar.highlight:
            joint = "joint " if ranks.count(rank) > 1 else ""
            out.append(
                f"{bar.label} ranks {joint}{_ordinal(rank)} of {len(ranked)} ({format_number(value, 1)})."
            )
    if reference is not None:
        out.append(f"{reference.label}: {format_number(reference.value, 1)}.")
    if missing:
        out.append(f"No data: {', '.join(b.label for b in missing)}.")
    if not ranked and not missing:
        out.append("No data.")
    return out


# --- Change chart -----------------------------------------------------------------------------------------


def change_label(change: Change) -> str:
    """``+12.5% (+30)``, ``−3.1% (−4)``; ``new (+5)`` when there were none before; ``n/a`` otherwise."""
    if change.percent is None:
        if change.difference is not None and change.difference > 0:
            return f"new ({format_signed(change.difference)})"
        return "n/a"
    text = f"{format_signed(change.percent, 1)}%"
    if change.difference is not None:
        text += f" ({format_signed(change.difference)})"
    return text


def change_chart(*, title: str, rows: Sequence[Change], description: str = "") -> str:
    """Bars either side of zero for each category's % change on the previous year, in the order given:
    increases solid red to the right, decreases hatched blue to the left, each labelled like
    ``+12.5% (+30)``. A category with no previous count has no bar, only "new" or "n/a"."""
    ident = chart_id(title, "change", list(rows), description)
    hatch_id = f"{ident}-hatch"
    percents = [abs(float(r.percent)) for r in rows if r.percent is not None]
    ticks_half = nice_ticks(0, max(percents) if percents and max(percents) > 0 else 10, target=3)
    step = ticks_half[1] - ticks_half[0]
    limit = float(ticks_half[-1])
    ticks = [-t for t in reversed(ticks_half[1:])] + ticks_half

    labels = [_fit(r.label, LABEL_MAX, LABEL_SIZE) for r in rows]
    value_texts = [change_label(r) for r in rows]
    label_width = max((text_width(label, LABEL_SIZE) for label in labels), default=0)
    plot_left = 8 + label_width + 16
    tick_room = text_width(_tick_text(ticks[-1], step, "%", signed=True), TICK_SIZE) / 2
    left, right = _change_layout(rows, value_texts, limit, plot_left, WIDTH - 8, tick_room)
    top = 48
    bottom = top + ROW * max(len(rows), 1)
    height = bottom + 56

    def x_of(value: float) -> float:
        return left + (float(value) + limit) / (2 * limit) * (right - left)

    def patch(x: float, middle: float, text: str) -> str:
        """A white patch behind a value written from ``x``, so that gridlines do not cross it."""
        return _el(
            "rect", x=x - 2, y=middle - 9, width=text_width(text, TICK_SIZE) + 4, height=18, fill=WHITE
        )

    zero = x_of(0.0)
    body: list[str] = []
    increase_sample = _el("rect", x=4, y=-8, width=20, height=16, fill=RED)
    decrease_sample = _el(
        "rect", x=4, y=-8, width=20, height=16, fill=f"url(#{hatch_id})", stroke=BLUE, stroke_width=1.5
    )
    legend, _ = _legend([(increase_sample, "Increase"), (decrease_sample, "Decrease")], y=14, x=8)
    body.extend(legend)
    for tick in ticks:
        x = x_of(float(tick))
        if tick != 0:
            body.append(_el("line", x1=x, y1=top, x2=x, y2=bottom, stroke=GRID, stroke_width=1))
        body.append(
            _text(
                x,
                bottom + 20,
                _tick_text(tick, step, "%", signed=True),
                size=TICK_SIZE,
                anchor="middle",
                class_="chart-xtick",
            )
        )
    body.append(
        _text(
            zero, bottom + 44, "Change on the previous year", size=TICK_SIZE, anchor="middle", fill=DARK_GREY
        )
    )
    body.append(_el("line", x1=left, y1=bottom, x2=right, y2=bottom, stroke=BLACK, stroke_width=1))
    values_on_top: list[str] = []
    for index, (row, label, text) in enumerate(zip(rows, labels, value_texts, strict=True)):
        middle = top + index * ROW + ROW / 2
        body.append(
            _text(8 + label_width, _middle(middle, LABEL_SIZE), label, anchor="end", class_="chart-label")
        )
        baseline = _middle(middle, TICK_SIZE)
        if row.percent is None:
            values_on_top.append(patch(zero + 6, middle, text))
            values_on_top.append(
                _text(
                    zero + 6,
                    baseline,
                    text,
                    size=TICK_SIZE,
                    italic=True,
                    fill=DARK_GREY,
                    class_="chart-nodata",
                )
            )
            continue
        percent = float(row.percent)
        end = x_of(percent)
        if percent > 0:
            body.append(
                _el(
                    "rect",
                    x=zero,
                    y=middle - BAR / 2,
                    width=end - zero,
                    height=BAR,
                    fill=RED,
                    class_="chart-bar chart-increase",
                )
            )
        elif percent < 0:
            body.append(
                _el(
                    "rect",
                    x=end,
                    y=middle - BAR / 2,
                    width=zero - end,
                    height=BAR,
                    fill=f"url(#{hatch_id})",
                    stroke=BLUE,
                    stroke_width=1.5,
                    class_="chart-bar chart-decrease",
                )
            )
        x = end - 6 - text_width(text, TICK_SIZE) if percent < 0 else end + 6
        values_on_top.append(patch(x, middle, text))
        values_on_top.append(_text(x, baseline, text, size=TICK_SIZE, class_="chart-value"))
    body.append(_el("line", x1=zero, y1=top - 6, x2=zero, y2=bottom, stroke=BLACK, stroke_width=1.5))
    body.extend(values_on_top)

    summary = _change_summary(rows)
    return _svg(ident, title, _describe(summary, description), height, body, _hatch(hatch_id, BLUE))


def _change_layout(
    rows: Sequence[Change], texts: list[str], limit: float, start: float, stop: float, tick_room: float
) -> tuple[float, float]:
    """The left and right ends of the change chart's axis (zero in the middle): as wide as the space from
    ``start`` to ``stop`` allows with every value label beside its bar, and the last tick label (half of it
    is ``tick_room`` wide), inside that space."""
    decreases: list[tuple[float, float]] = []
    increases: list[tuple[float, float]] = []
    for row, text in zip(rows, texts, strict=True):
        width = text_width(text, TICK_SIZE) + 8
        share = 0.0 if row.percent is None else min(abs(float(row.percent)) / limit, 1.0)
        if row.percent is not None and row.percent < 0:
            decreases.append((share, width))
        else:
            increases.append((share, width))

    def margin(half: float) -> float:  # room needed left of the axis
        return max([0.0, *(width - half * (1 - share) for share, width in decreases)])

    def fits(half: float) -> bool:
        reach = max([2 * half + tick_room, *(half * (1 + share) + width for share, width in increases)])
        return start + margin(half) + reach <= stop

    low, high = 0.0, (stop - start) / 2
    for _ in range(40):
        middle = (low + high) / 2
        low, high = (middle, high) if fits(middle) else (low, middle)
    half = math.floor(low)
    left = start + margin(half)
    return left, left + 2 * half


def _change_summary(rows: Sequence[Change]) -> list[str]:
    known = [(r, float(r.percent)) for r in rows if r.percent is not None]
    up = [pair for pair in known if pair[1] > 0]
    down = [pair for pair in known if pair[1] < 0]
    out = [
        f"Change on the previous year: {len(up)} up, {len(down)} down, {len(known) - len(up) - len(down)} unchanged."
    ]
    if up:
        largest = max(up, key=lambda pair: pair[1])[0]
        out.append(f"Largest increase: {largest.label} {change_label(largest)}.")
    if down:
        largest = min(down, key=lambda pair: pair[1])[0]
        out.append(f"Largest decrease: {largest.label} {change_label(largest)}.")
    new = [r.label for r in rows if r.percent is None and change_label(r) != "n/a"]
    if new:
        out.append(f"New (none the year before): {', '.join(new)}.")
    return out
