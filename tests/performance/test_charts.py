"""The SVG charts: valid standalone XML, geometry that matches the data, accessible, and vectors in a PDF."""

import datetime
import io
import math
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from scrutiny.performance.charts import (
    WIDTH,
    Bar,
    Change,
    Reference,
    change_chart,
    format_number,
    format_signed,
    nice_ticks,
    ranked_bar_chart,
    text_width,
    trend_chart,
)

SVG = "{http://www.w3.org/2000/svg}"
MINUS = "\u2212"


# --- Helpers ----------------------------------------------------------------------------------------------


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output


def with_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [el for el in root.iter() if name in (el.get("class") or "").split()]


def texts(root: ET.Element, name: str) -> list[str]:
    return [el.text or "" for el in with_class(root, name)]


def number(el: ET.Element, attribute: str) -> float:
    return float(el.get(attribute))


def months(count: int, year: int = 2022, month: int = 1) -> list[datetime.date]:
    out = []
    for _ in range(count):
        out.append(datetime.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_with_white(colour: str) -> float:
    return 1.05 / (luminance(colour) + 0.05)


def a_trend(**overrides) -> str:
    arguments = {
        "title": "All crime in Dartford",
        "months": months(12),
        "current": [120, 131, None, 140, 150, 149, 160, 171, 150, 139, 128, 117],
        "previous": [110, 100, 105, 120, 125, 130, None, 140, 135, 128, 119, 111],
        "current_label": "2022",
        "previous_label": "2021",
        "description": "Recorded crime.",
    }
    return trend_chart(**{**arguments, **overrides})


MSG = [
    Bar("Sevenoaks", 31.2),
    Bar("Thanet", 120.3),
    Bar("Swale", None),
    Bar("Dartford", 80.0, highlight=True),
    Bar("Gravesham", 92.5),
    Bar("Ashford", 64.9),
    Bar("Dover", 80.0),
]
KENT = Reference("Kent average", 75.0)

CHANGES = [
    Change("Shoplifting", 12.5, 30),
    Change("Burglary", -3.1, -4),
    Change("Bicycle theft", None, 5),
    Change("Possession of weapons", None, 0),
    Change("Vehicle crime", 0.0, 0),
    Change("Drugs", -40.0, -12),
]


def a_ranked(**overrides) -> str:
    arguments = {"title": "Most similar group: all crime", "bars": MSG, "reference": KENT}
    return ranked_bar_chart(**{**arguments, **overrides})


def a_change(**overrides) -> str:
    arguments = {"title": "Change by crime category", "rows": CHANGES}
    return change_chart(**{**arguments, **overrides})


ALL = [a_trend, a_ranked, a_change]


# --- Every chart ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("make", ALL)
def test_standalone_accessible_svg(make):
    svg = make()
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert root.get("width") == "100%"
    assert root.get("role") == "img"
    x, y, width, height = (float(v) for v in root.get("viewBox").split())
    assert (x, y, width) == (0, 0, WIDTH) and height > 100
    ident = root.get("id")
    assert root.get("aria-labelledby") == f"{ident}-title {ident}-desc"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.get("id") == f"{ident}-title" and title.text
    assert desc.get("id") == f"{ident}-desc" and desc.text
    assert list(root)[:2] == [title, desc]  # first, as screen readers and validators expect
    assert "Arial" in root.get("font-family")


@pytest.mark.parametrize("make", ALL)
def test_nothing_weasyprint_or_a_content_security_policy_would_refuse(make):
    root = parse(make())
    tags = {el.tag.removeprefix(SVG) for el in root.iter()}
    assert not tags & {"script", "style", "foreignObject", "image", "a", "use"}
    for el in root.iter():
        assert "style" not in el.attrib
        assert not any(name.startswith("on") for name in el.attrib)
        assert not any("href" in name for name in el.attrib)
        for value in el.attrib.values():
            assert "http" not in value or value == "http://www.w3.org/2000/svg"


@pytest.mark.parametrize("make", ALL)
def test_text_is_at_least_12px_at_960_wide(make):
    root = parse(make())
    sizes = [float(el.get("font-size")) for el in root.iter(f"{SVG}text")]
    assert sizes and min(sizes) * 960 / WIDTH >= 12


@pytest.mark.parametrize("make", ALL)
def test_colours_of_lines_bars_and_markers_have_3_to_1_contrast(make):
    root = parse(make())
    decorative = {"#ffffff", "#f3f2f1", "#b1b4b6", "none"}  # backgrounds, shading, gridlines
    seen = set()
    for el in root.iter():
        for attribute in ("fill", "stroke"):
            value = el.get(attribute)
            if value and not value.startswith("url(") and value not in decorative:
                seen.add(value)
    assert seen
    for colour in seen:
        assert contrast_with_white(colour) >= 3, colour


@pytest.mark.parametrize("make", ALL)
def test_deterministic(make):
    assert make() == make()


@pytest.mark.parametrize("make", ALL)
def test_every_reference_resolves_inside_the_chart(make):
    root = parse(make())
    ids = {el.get("id") for el in root.iter() if el.get("id")}
    for el in root.iter():
        for value in el.attrib.values():
            for target in re.findall(r"url\(#([^)]+)\)", value):
                assert target in ids
    assert set(root.get("aria-labelledby").split()) <= ids


def test_ids_differ_between_two_charts_on_one_page():
    one = parse(a_ranked())
    two = parse(a_ranked(title="Most similar group: violence", bars=[Bar("Dartford", 12.0, True)]))
    three = parse(a_change())
    four = parse(a_change(rows=CHANGES[:2]))  # same title, other data
    ids = [el.get("id") for root in (one, two, three, four) for el in root.iter() if el.get("id")]
    assert len(ids) == len(set(ids))
    assert one.get("id").startswith("chart-most-similar-group-all-crime-")
    assert re.fullmatch(r"chart-[a-z0-9-]+-[0-9a-f]{8}", three.get("id"))


def test_text_is_escaped():
    evil = "<script>alert('x')</script> & co"
    for svg in (
        a_ranked(title=evil, bars=[Bar(evil, 1.0, True)], reference=Reference(evil, 0.5), description=evil),
        a_change(title=evil, rows=[Change(evil, 5.0, 1)], description=evil),
        a_trend(title=evil, current_label=evil, previous_label=evil, description=evil),
    ):
        assert "<script>" not in svg
        root = parse(svg)
        assert not list(root.iter(f"{SVG}script"))
        assert root.find(f"{SVG}title").text == evil
        assert evil in root.find(f"{SVG}desc").text
        assert any((el.text or "").endswith(evil) for el in root.iter(f"{SVG}text"))


def test_characters_xml_does_not_allow_are_dropped():
    root = parse(a_ranked(bars=[Bar("Dart\x00ford\x0b", 1.0)], title="T\x1b"))
    assert "1. Dartford" in texts(root, "chart-label")


# --- Numbers ----------------------------------------------------------------------------------------------


def test_numbers_uk_style_with_a_real_minus_sign():
    assert format_number(1234567) == "1,234,567"
    assert format_number(1234.56, 1) == "1,234.6"
    assert format_number(-1234.5) == f"{MINUS}1,234.5"
    assert format_number(-0.04, 1) == "0.0"
    assert format_signed(12.5, 1) == "+12.5"
    assert format_signed(-3.1, 1) == f"{MINUS}3.1"
    assert format_signed(0) == "0"


@pytest.mark.parametrize(
    ("low", "high", "integer", "expected"),
    [
        (0, 120.3, False, ["0", "25", "50", "75", "100", "125"]),
        (0, 7, True, ["0", "2", "4", "6", "8"]),
        (0, 0, True, ["0", "1"]),
        (0, 0.9, False, ["0", "0.2", "0.4", "0.6", "0.8", "1"]),
        (0, 1800, True, ["0", "500", "1000", "1500", "2000"]),
        (-35, 60, False, ["-40", "-20", "0", "20", "40", "60"]),
    ],
)
def test_nice_ticks(low, high, integer, expected):
    assert nice_ticks(low, high, integer=integer) == [Decimal(v) for v in expected]


# --- Trend chart ------------------------------------------------------------------------------------------


def is_nice(step: float) -> bool:
    mantissa = step / 10 ** math.floor(math.log10(step))
    return any(abs(mantissa - m) < 1e-9 for m in (1, 2, 2.5, 5))


def y_ticks(root) -> list[tuple[float, float]]:
    """(value, y) of each y-axis label."""
    return [
        (float((el.text or "").replace(",", "")), float(el.get("y")))
        for el in with_class(root, "chart-ytick")
    ]


def test_trend_y_axis_starts_at_0_with_nice_ticks_and_gridlines():
    root = parse(
        a_trend(current=[1200, 1310, 1490, 1875], previous=[1100, None, 1300, 1250], months=months(4))
    )
    ticks = y_ticks(root)
    values = [v for v, _ in ticks]
    assert values[0] == 0
    steps = {b - a for a, b in zip(values, values[1:], strict=False)}
    assert len(steps) == 1 and is_nice(steps.pop())
    assert values[-1] >= 1875
    assert 4 <= len(values) <= 8
    assert [y for _, y in ticks] == sorted((y for _, y in ticks), reverse=True)  # up the page
    assert "1,500" in texts(root, "chart-ytick") or "2,000" in texts(root, "chart-ytick")
    gridlines = [el for el in root.iter(f"{SVG}line") if el.get("stroke") == "#b1b4b6"]
    assert len(gridlines) == len(values) - 1  # one per tick but the 0 line, which is the axis


def test_trend_points_sit_on_the_scale():
    root = parse(a_trend())
    ticks = y_ticks(root)
    (v0, y0), (v1, y1) = ticks[0], ticks[-1]
    per_unit = (y0 - y1) / (v1 - v0)
    current = [120, 131, None, 140, 150, 149, 160, 171, 150, 139, 128, 117]
    points = with_class(root, "chart-point")
    assert len(points) == sum(v is not None for v in current)
    baseline = y0 - 13 * 0.35  # the labels' baseline is centred on the tick
    for point, value in zip(points, [v for v in current if v is not None], strict=True):
        assert number(point, "cy") == pytest.approx(baseline - value * per_unit, abs=0.02)
    xs = [number(p, "cx") for p in points]
    assert xs == sorted(xs)


def test_trend_previous_year_dashed_current_solid_and_none_breaks_the_line():
    root = parse(a_trend())
    current = with_class(root, "chart-line-current")
    previous = with_class(root, "chart-line-previous")
    # current: months 1-2, then 4-12 (March missing); previous: 1-6, then 8-12 (July missing)
    assert len(current) == 2 and len(previous) == 2
    assert all(el.get("stroke-dasharray") is None for el in current)
    assert all(el.get("stroke-dasharray") for el in previous)
    assert {el.get("stroke") for el in current}.isdisjoint({el.get("stroke") for el in previous})
    assert [el.get("d").count("L") + 1 for el in current] == [2, 9]
    assert [el.get("d").count("L") + 1 for el in previous] == [6, 5]
    # the legend shows the same difference, not by colour alone
    legend_lines = [el for el in root.iter(f"{SVG}line") if el.get("x2") == "28"]
    assert [el.get("stroke-dasharray") for el in legend_lines] == [None, "8 5"]
    assert texts(root, "chart-legend") == ["2022", "2021"]


def test_trend_without_previous_year_has_no_second_line_or_legend_entry():
    root = parse(a_trend(previous=None))
    assert not with_class(root, "chart-line-previous")
    assert texts(root, "chart-legend") == ["2022"]


@pytest.mark.parametrize(("count", "most_labels"), [(12, 12), (24, 12), (36, 12), (60, 12)])
def test_trend_month_labels_thinned_with_the_year_under_the_first_and_each_january(count, most_labels):
    start = months(count, 2021, 4)
    root = parse(a_trend(months=start, current=[10] * count, previous=[9] * count))
    labels = with_class(root, "chart-xtick")
    assert 4 <= len(labels) <= most_labels
    xs = [number(el, "x") for el in labels]
    gaps = [b - a for a, b in zip(xs, xs[1:], strict=False)]
    assert max(gaps) - min(gaps) < 0.05 and min(gaps) >= 40  # evenly spaced, room between them
    years = texts(root, "chart-xyear")
    assert years[0] == "2021"
    assert years == sorted(set(years))
    assert len(years) == len({d.year for d in start if d.month == 1}) + 1
    # each year sits under a month label
    assert {number(el, "x") for el in with_class(root, "chart-xyear")} <= set(xs)
    # a tick for every month
    ticks = [
        el for el in root.iter(f"{SVG}line") if el.get("y2") != el.get("y1") and el.get("stroke") == "#0b0c0c"
    ]
    assert len(ticks) == count


def test_trend_months_labelled_in_english_whatever_the_locale():
    root = parse(a_trend())
    assert texts(root, "chart-xtick")[:3] == ["Jan", "Feb", "Mar"]


def test_trend_one_month():
    root = parse(a_trend(months=months(1, 2023, 5), current=[7], previous=[5]))
    assert len(with_class(root, "chart-point")) == 1
    assert not with_class(root, "chart-line-current")  # a single point is a marker, not a line
    assert len(with_class(root, "chart-line-previous")) == 1  # a short dash, still visible
    assert texts(root, "chart-xtick") == ["May"]
    assert texts(root, "chart-xyear") == ["2023"]
    assert "May 2023" in root.find(f"{SVG}desc").text


def test_trend_all_zeros():
    root = parse(a_trend(months=months(6), current=[0] * 6, previous=[0] * 6))
    assert [v for v, _ in y_ticks(root)] == [0, 1]
    assert len(with_class(root, "chart-point")) == 6


def test_trend_all_none():
    svg = a_trend(months=months(6), current=[None] * 6, previous=[None] * 6)
    root = parse(svg)
    assert not with_class(root, "chart-point")
    assert not with_class(root, "chart-line-current") and not with_class(root, "chart-line-previous")
    assert "No data for these months" in svg
    assert [v for v, _ in y_ticks(root)][0] == 0


def test_trend_no_months_at_all():
    root = parse(a_trend(months=[], current=[], previous=[]))
    assert "No data" in "".join(root.itertext())


def test_trend_lengths_must_agree():
    with pytest.raises(ValueError, match="same length"):
        a_trend(months=months(3), current=[1, 2], previous=None)
    with pytest.raises(ValueError, match="same length"):
        a_trend(months=months(2), current=[1, 2], previous=[1])


def test_trend_description_summarises_and_keeps_the_callers_words():
    desc = parse(a_trend()).find(f"{SVG}desc").text
    assert "Jan 2022 to Dec 2022" in desc
    assert "Latest month, Dec 2022: 2022 117; 2021 111." in desc
    assert "Highest: 171 in Aug 2022" in desc
    assert "No data for Mar 2022." in desc
    assert desc.endswith("Recorded crime.")


def test_trend_large_counts_have_thousands_separators():
    root = parse(a_trend(months=months(2), current=[12000, 15000], previous=None))
    assert "15,000" in texts(root, "chart-ytick")
    assert "Latest month, Feb 2022: 2022 15,000" in root.find(f"{SVG}desc").text


# --- Ranked bar chart -------------------------------------------------------------------------------------


def label_order(root) -> list[str]:
    labels = with_class(root, "chart-label")
    return [el.text for el in sorted(labels, key=lambda el: number(el, "y"))]


def test_ranked_highest_first_ties_in_input_order_sharing_a_rank_and_no_data_last():
    root = parse(a_ranked())
    assert label_order(root) == [
        "1. Thanet",
        "2. Gravesham",
        "3. Dartford",
        "3. Dover",
        "5. Ashford",
        "6. Sevenoaks",
        "Swale",
    ]


def test_ranked_bar_widths_proportional_to_values():
    root = parse(a_ranked())
    bars = sorted(with_class(root, "chart-bar"), key=lambda el: number(el, "y"))
    values = [120.3, 92.5, 80.0, 80.0, 64.9, 31.2]
    assert len(bars) == len(values)  # no bar for Swale
    starts = {number(el, "x") for el in bars}
    assert len(starts) == 1  # all from zero
    ratios = [number(el, "width") / value for el, value in zip(bars, values, strict=True)]
    assert max(ratios) - min(ratios) < 0.01
    heights = {el.get("height") for el in bars}
    assert len(heights) == 1


def test_ranked_values_at_the_bar_ends_to_one_decimal():
    root = parse(a_ranked())
    values = sorted(with_class(root, "chart-value"), key=lambda el: number(el, "y"))
    assert [el.text for el in values] == ["120.3", "92.5", "80.0", "80.0", "64.9", "31.2"]
    bars = sorted(with_class(root, "chart-bar"), key=lambda el: number(el, "y"))
    for bar, value in zip(bars, values, strict=True):
        end = number(bar, "x") + number(bar, "width")
        assert end < number(value, "x") < end + 10
        assert number(bar, "y") < number(value, "y") < number(bar, "y") + number(bar, "height") + 4


def test_ranked_highlight_distinguishable_without_colour():
    root = parse(a_ranked())
    bars = with_class(root, "chart-bar")
    highlighted = with_class(root, "chart-bar-highlight")
    assert len(highlighted) == 1
    others = {el.get("fill") for el in bars if el not in highlighted}
    assert highlighted[0].get("fill") not in others  # a different colour...
    assert highlighted[0].get("stroke")  # ...with an outline...
    labels = {el.text: el for el in with_class(root, "chart-label")}
    assert labels["3. Dartford"].get("font-weight") == "bold"  # ...a bold label...
    assert all(el.get("font-weight") is None for text, el in labels.items() if "Dartford" not in text)
    markers = with_class(root, "chart-marker")  # ...a marker in the same row...
    assert len(markers) == 1
    marker_ys = [float(p.split(",")[1]) for p in markers[0].get("points").split()]
    bar_y = number(highlighted[0], "y")
    assert bar_y <= sum(marker_ys) / 3 <= bar_y + number(highlighted[0], "height")
    (row,) = with_class(root, "chart-row-highlight")  # ...and a shaded row
    assert number(row, "y") <= bar_y and number(row, "width") == WIDTH
    value = [el for el in with_class(root, "chart-value") if el.text == "80.0" and el.get("font-weight")]
    assert len(value) == 1


def test_ranked_reference_line_at_its_value():
    root = parse(a_ranked())
    (line,) = with_class(root, "chart-reference")
    assert line.get("stroke-dasharray")
    assert line.get("x1") == line.get("x2")
    bars = with_class(root, "chart-bar")
    zero = number(bars[0], "x")
    per_unit = number(bars[0], "width") / 120.3
    assert number(line, "x1") == pytest.approx(zero + 75.0 * per_unit, abs=0.05)
    assert texts(root, "chart-reference-label") == ["Kent average: 75.0"]
    # the line spans every row
    ys = [number(b, "y") for b in bars]
    assert number(line, "y1") < min(ys) and number(line, "y2") > max(ys)


def test_ranked_reference_beyond_every_bar_is_inside_the_axis():
    root = parse(a_ranked(reference=Reference("England and Wales", 250.0)))
    (line,) = with_class(root, "chart-reference")
    ticks = with_class(root, "chart-xtick")
    assert float(ticks[-1].text.replace(",", "")) >= 250
    assert number(line, "x1") <= number(ticks[-1], "x") + 0.01
    (label,) = with_class(root, "chart-reference-label")
    assert 0 <= number(label, "x") <= WIDTH - 100


def test_ranked_no_data_listed_last_without_a_bar():
    root = parse(a_ranked())
    assert texts(root, "chart-nodata") == ["no data"]
    (nodata,) = with_class(root, "chart-nodata")
    swale = next(el for el in with_class(root, "chart-label") if el.text == "Swale")
    assert abs(number(nodata, "y") - number(swale, "y")) < 2
    assert number(swale, "y") == max(number(el, "y") for el in with_class(root, "chart-label"))
    assert "No data: Swale." in root.find(f"{SVG}desc").text


def test_ranked_description():
    desc = parse(a_ranked(description="Source: police.uk, year to March 2024.")).find(f"{SVG}desc").text
    assert desc.startswith("Highest: Thanet 120.3; lowest: Sevenoaks 31.2.")
    assert "Dartford ranks joint 3rd of 6 (80.0)." in desc
    assert "Kent average: 75.0." in desc
    assert desc.endswith("Source: police.uk, year to March 2024.")


def test_ranked_twenty_bars_fit_legibly():
    names = [f"Community Safety Partnership {n}" for n in range(1, 21)]
    bars = [Bar(name, 10.0 + 7.3 * i, highlight=i == 4) for i, name in enumerate(names)]
    root = parse(ranked_bar_chart(title="Twenty", bars=bars, reference=Reference("Average", 80)))
    labels = with_class(root, "chart-label")
    ys = sorted(number(el, "y") for el in labels)
    assert len(ys) == 20
    assert min(b - a for a, b in zip(ys, ys[1:], strict=False)) >= 14 * 1.5  # a line and a half apart
    assert all(number(el, "x") > 0 for el in labels)
    _, _, _, height = (float(v) for v in root.get("viewBox").split())
    assert height < 800  # fits on an A4 page with its heading
    # values stay inside the canvas
    for el in with_class(root, "chart-value"):
        assert number(el, "x") + 40 <= WIDTH


def test_ranked_long_labels_are_cut_short():
    root = parse(a_ranked(bars=[Bar("A" * 200, 5.0), Bar("B", 3.0)]))
    label = label_order(root)[0]
    assert label.startswith("1. AAA") and label.endswith("\u2026") and len(label) < 60
    assert "A" * 200 in root.find(f"{SVG}desc").text


def test_ranked_edge_cases():
    parse(ranked_bar_chart(title="Empty", bars=[]))
    root = parse(ranked_bar_chart(title="Nothing", bars=[Bar("A", None), Bar("B", None, True)]))
    assert texts(root, "chart-nodata") == ["no data", "no data"]
    root = parse(ranked_bar_chart(title="Zeros", bars=[Bar("A", 0.0), Bar("B", 0.0, True)]))
    assert label_order(root) == ["1. A", "1. B"]
    root = parse(ranked_bar_chart(title="Negative", bars=[Bar("A", 5.0), Bar("B", -2.5, True)]))
    bars = sorted(with_class(root, "chart-bar"), key=lambda el: number(el, "y"))
    assert number(bars[1], "x") + number(bars[1], "width") == pytest.approx(number(bars[0], "x"))


def test_ranked_value_label_is_the_caller_s():
    root = parse(a_ranked(value_label="Incidents per 1,000 households"))
    assert "Incidents per 1,000 households" in "".join(root.itertext())


# --- Change chart -----------------------------------------------------------------------------------------


def test_change_labels_with_real_minus_sign():
    root = parse(a_change())
    values = texts(root, "chart-value")
    assert "+12.5% (+30)" in values
    assert f"{MINUS}3.1% ({MINUS}4)" in values
    assert f"{MINUS}40.0% ({MINUS}12)" in values
    assert "0.0% (0)" in values
    assert not any("-" in v for v in values)  # no hyphen-minus anywhere
    assert not any("-" in t for t in texts(root, "chart-xtick"))


def test_change_bars_diverge_from_zero_in_proportion():
    root = parse(a_change())
    increases = with_class(root, "chart-increase")
    decreases = sorted(with_class(root, "chart-decrease"), key=lambda el: number(el, "y"))
    assert len(increases) == 1 and len(decreases) == 2
    zero = number(increases[0], "x")
    for el in decreases:
        assert number(el, "x") + number(el, "width") == pytest.approx(zero, abs=0.02)
    per_point = number(increases[0], "width") / 12.5
    assert number(decreases[0], "width") / 3.1 == pytest.approx(per_point, rel=0.01)
    assert number(decreases[1], "width") / 40.0 == pytest.approx(per_point, rel=0.01)


def test_change_increase_and_decrease_differ_by_more_than_colour():
    root = parse(a_change())
    increase = with_class(root, "chart-increase")[0]
    decrease = with_class(root, "chart-decrease")[0]
    assert increase.get("fill") != decrease.get("fill")
    assert decrease.get("fill").startswith("url(#")  # hatched
    pattern = root.find(f".//{SVG}pattern")
    assert pattern.get("id") == decrease.get("fill")[5:-1]
    legend = texts(root, "chart-legend")
    assert legend == ["Increase", "Decrease"]


def test_change_axis_symmetric_and_nice():
    root = parse(a_change())
    ticks = texts(root, "chart-xtick")
    assert ticks == [f"{MINUS}40%", f"{MINUS}20%", "0%", "+20%", "+40%"]
    xs = [number(el, "x") for el in with_class(root, "chart-xtick")]
    assert xs[2] - xs[0] == pytest.approx(xs[4] - xs[2])
    zero = number(with_class(root, "chart-increase")[0], "x")
    assert xs[2] == pytest.approx(zero)


def test_change_no_previous_count_is_text_without_a_bar():
    root = parse(a_change())
    assert texts(root, "chart-nodata") == ["new (+5)", "n/a"]
    assert len(with_class(root, "chart-bar")) == 3  # 12.5, -3.1, -40; 0.0 has none either
    desc = root.find(f"{SVG}desc").text
    assert "1 up, 2 down, 1 unchanged." in desc
    assert f"Largest decrease: Drugs {MINUS}40.0% ({MINUS}12)." in desc
    assert "New (none the year before): Bicycle theft." in desc


def test_change_labels_stay_inside_the_canvas_and_off_the_category_names():
    rows = [
        Change("Violence and sexual offences", 250.0, 1234),
        Change("Anti-social behaviour", -99.9, -1500),
    ]
    root = parse(change_chart(title="Extremes", rows=rows))
    names_end = max(number(el, "x") for el in with_class(root, "chart-label"))  # right-aligned at x
    for el in with_class(root, "chart-value"):
        width = text_width(el.text, 13)
        if el.get("text-anchor") == "end":
            assert number(el, "x") - width > names_end
        else:
            assert number(el, "x") + width <= WIDTH
    assert "+1,234" in "".join(texts(root, "chart-value"))


def test_change_nothing_to_show():
    root = parse(change_chart(title="Empty", rows=[]))
    assert texts(root, "chart-xtick")[0].endswith("%")
    root = parse(change_chart(title="Flat", rows=[Change("A", 0.0, 0), Change("B", None, None)]))
    assert texts(root, "chart-nodata") == ["n/a"]


# --- In a PDF ---------------------------------------------------------------------------------------------


def _image_xobjects(resources) -> int:
    """Image XObjects reachable from a resource dictionary, through nested forms and patterns."""
    count = 0
    if resources is None:
        return 0
    resources = resources.get_object()
    for key in ("/XObject", "/Pattern"):
        if key not in resources:
            continue
        for item in resources[key].get_object().values():
            item = item.get_object()
            if item.get("/Subtype") == "/Image":
                count += 1
            count += _image_xobjects(item.get("/Resources"))
    return count


def test_weasyprint_draws_the_charts_as_vectors_with_real_text():
    import weasyprint
    from pypdf import PdfReader

    svgs = [a_trend(), a_ranked(), a_change()]
    html = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><style>"
        "@page { size: A4; margin: 20mm } figure { margin: 0 0 10mm; break-inside: avoid }"
        "</style></head><body>" + "".join(f"<figure>{svg}</figure>" for svg in svgs) + "</body></html>"
    )
    pdf = weasyprint.HTML(string=html).write_pdf()
    reader = PdfReader(io.BytesIO(pdf))
    text = "".join(page.extract_text() for page in reader.pages)
    for page in reader.pages:
        assert _image_xobjects(page.get("/Resources")) == 0
        assert not page.images
    assert "3. Dartford" in text
    assert "Kent average: 75.0" in text
    assert f"{MINUS}3.1% ({MINUS}4)" in text
    assert "Shoplifting" in text and "Jan" in text and "2022" in text
