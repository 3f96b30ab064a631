"""Reads for CSP performance: the indicators of an area for a period, and their comparisons.

The arithmetic, stated once:
- count: crimes (or ASB incidents) recorded in the area's LSOAs in the period's months;
- change: count minus the comparison period's count; change %: change / comparison x 100,
  none when the comparison count is 0 (a rise from nothing has no percentage);
- rate per 1,000: count / population x 1,000, with the ONS mid-year estimate of the year
  of the period's middle month, or the nearest year loaded, the earlier of two as near
  (said in the notes);
- rank: 1 is the highest rate in the comparison group (the area included); equal rates
  share a rank (1, 2, 2, 4); areas without a population are not ranked;
- county average: the county's own rate (all its crimes over all its people), which is the
  population-weighted average of its districts' rates;
- both comparisons are always worked out: against the previous period of the same length and
  against the same period a year earlier; `compare` only says which one leads (statements,
  the change chart, the command's columns);
- an area compared with (a group member, the county) that has no LSOAs, or no crime at all
  recorded in its LSOAs in the period, has no data: it gets no rate (not 0.0), is not ranked,
  and a note says why; likewise the area itself without LSOAs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from django.db import connection
from django.db.models import Q

from scrutiny.governance.models import Committee
from scrutiny.performance.crime_types import (
    ANTI_SOCIAL_BEHAVIOUR,
    COUNT_FIELDS,
    CRIME_TYPES,
    RECORDED_CRIME_TYPES,
)
from scrutiny.performance.limits import FIGURE_MAX
from scrutiny.performance.models import (
    Area,
    AreaLevel,
    AreaLsoa,
    Combination,
    ComparisonGroup,
    CrimeCount,
    Frequency,
    ImportRun,
    IndicatorGroup,
    PartnerFigure,
    PartnerIndicator,
    PoliceMonth,
    Population,
)
from scrutiny.performance.periods import Period, month_add

TOTAL = "total-recorded-crime"
ASB = "anti-social-behaviour"


IndicatorKind = Literal["total", "asb", "priority", "type"]


@dataclass(frozen=True)
class IndicatorDef:
    key: str
    label: str
    kind: IndicatorKind
    crime_types: tuple[str, ...]


def indicator_definitions(committee: Committee | None = None) -> list[IndicatorDef]:
    """Total recorded crime, ASB, the partnership's priorities, then every crime type."""
    defs = [
        IndicatorDef(TOTAL, "Total recorded crime (excluding anti-social behaviour)", "total", RECORDED_CRIME_TYPES),
        IndicatorDef(ASB, "Anti-social behaviour", "asb", (ANTI_SOCIAL_BEHAVIOUR,)),
    ]
    if committee is not None:
        for group in IndicatorGroup.objects.filter(committee=committee).prefetch_related("types"):
            types = tuple(sorted(t.crime_type for t in group.types.all()))
            defs.append(IndicatorDef(f"group-{group.slug}", group.name, "priority", types))
    defs += [
        IndicatorDef(_slug(t), t, "type", (t,)) for t in CRIME_TYPES if t != ANTI_SOCIAL_BEHAVIOUR
    ]
    return defs


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-").replace("--", "-")


# --- counting -------------------------------------------------------------------------------------

Counts = dict[tuple[int, str, dt.date], int]  # (area id, crime type, month) -> n


def area_counts(*, area_ids: Iterable[int], first: dt.date, last: dt.date) -> Counts:
    """Counts per area, crime type and month: one query, whatever the number of areas."""
    ids = sorted(set(area_ids))
    if not ids:
        return {}
    placeholders = ", ".join(["%s"] * len(ids))
    sums = ", ".join(f"SUM(cc.{name})" for name in COUNT_FIELDS.values())
    sql = (
        f"SELECT al.area_id, cc.month, {sums} "  # noqa: S608 (table and column names only)
        f"FROM {CrimeCount._meta.db_table} cc JOIN {AreaLsoa._meta.db_table} al ON al.lsoa_code = cc.lsoa_code "
        f"WHERE al.area_id IN ({placeholders}) AND cc.month >= %s AND cc.month <= %s "
        f"GROUP BY al.area_id, cc.month"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*ids, first, last])
        rows = cursor.fetchall()
    counts: Counts = {}
    for area_id, month, *by_type in rows:
        month = _as_date(month)
        for crime_type, n in zip(CRIME_TYPES, by_type, strict=True):
            if n:
                counts[(area_id, crime_type, month)] = int(n)
    return counts


def _as_date(value: object) -> dt.date:
    # PostgreSQL's driver gives a date, SQLite's the ISO text.
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _total(counts: Counts, area_id: int, types: Sequence[str], months: Iterable[dt.date]) -> int:
    return sum(counts.get((area_id, t, m), 0) for t in types for m in months)


def loaded_months(first: dt.date, last: dt.date) -> set[dt.date]:
    return set(PoliceMonth.objects.filter(month__gte=first, month__lte=last).values_list("month", flat=True))


# --- populations ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PopulationUsed:
    year: int
    population: int
    wanted_year: int

    @property
    def is_exact(self) -> bool:
        return self.year == self.wanted_year


def population_for(area: Area, period: Period) -> PopulationUsed | None:
    """The estimate for the year of the period's middle month, else the nearest year loaded.

    Between two as near, the earlier: it is the one published by the time of the period.
    """
    wanted = period.middle.year
    rows = list(Population.objects.filter(area=area).values_list("year", "population"))
    if not rows:
        return None
    year, population = min(rows, key=lambda r: (abs(r[0] - wanted), r[0]))
    return PopulationUsed(year=year, population=population, wanted_year=wanted)


def rate_per_1000(count: int, population: PopulationUsed | None) -> float | None:
    return None if population is None else count * 1000 / population.population


def percent_change(count: int, before: int | None) -> float | None:
    if before is None or before == 0:
        return None
    return (count - before) * 100 / before


def competition_ranks(values: dict[int, float]) -> dict[int, int]:
    """Standard competition ranking ("1224"): rank 1 is the highest value, and a value's rank is
    1 + the number of values strictly higher, so equal values share the better rank and the
    next one skips (rates 6, 3, 3, 1 rank 1, 2, 2, 4), as iQuanta and league tables do.

    Rates are compared exactly: count x 1,000 / population is one correctly rounded division,
    so equal fractions give equal floats.
    """
    ordered = sorted(values.values(), reverse=True)
    return {key: ordered.index(value) + 1 for key, value in values.items()}


# --- the report -----------------------------------------------------------------------------------


@dataclass
class GroupRate:
    area: Area
    count: int
    rate: float | None
    is_home: bool


COMPARISONS = ("previous", "last-year")


@dataclass(frozen=True)
class Comparison:
    """The count of a comparison period and the change from it to the period reported."""

    kind: str  # one of COMPARISONS
    period: Period
    before: int
    change: int
    change_percent: float | None
    before_rate: float | None


@dataclass
class IndicatorValue:
    """An indicator for the period. `before`, `change`, `change_percent` and `before_rate` are
    those of the leading comparison (the report's `compare`); `previous` and `last_year` hold
    both, None when the comparison period is not wholly loaded."""

    definition: IndicatorDef
    count: int
    before: int | None
    change: int | None
    change_percent: float | None
    rate: float | None
    before_rate: float | None
    rank: int | None = None
    rank_of: int | None = None
    county_rate: float | None = None
    group: list[GroupRate] = field(default_factory=list)
    previous: Comparison | None = None
    last_year: Comparison | None = None

    def comparison(self, kind: str) -> Comparison | None:
        return self.previous if kind == "previous" else self.last_year


@dataclass
class SeriesPoint:
    month: dt.date
    count: int | None
    year_before: int | None


@dataclass
class PartnerRow:
    """A partner's indicator for a period: its figures there, made one (`indicator.combine`).

    `supplied` is how many figures fall within the period, `expected` how many of its
    frequency fall wholly within it. A total or an average of fewer is `incomplete`. The year
    before is compared only when each figure compared has its own a year earlier (like with like).
    """

    indicator: PartnerIndicator
    figures: list[PartnerFigure]
    value: Decimal | None
    year_before: Decimal | None
    supplied: int = 0
    expected: int = 0

    @property
    def combine(self) -> Combination:
        return Combination(self.indicator.combine)

    @property
    def incomplete(self) -> bool:
        return self.combine != Combination.LATEST and 0 < self.supplied < self.expected

    @property
    def how(self) -> str:
        """How the figure was made, in words: 'total of 4 quarterly figures', 'only 1 of 4 quarterly figures'."""
        if not self.supplied:
            return ""
        frequency = self.indicator.get_frequency_display().lower()
        kind = {Combination.LATEST: "latest", Combination.TOTAL: "total", Combination.AVERAGE: "average"}[self.combine]
        if self.incomplete:
            if self.supplied == 1:
                return f"only 1 of {self.expected} {frequency} figures"
            return f"{kind} of {self.supplied} of {self.expected} {frequency} figures"
        if self.supplied == 1:
            return f"{frequency} figure"
        return f"{kind} of {self.supplied} {frequency} figures"

    @property
    def span(self) -> tuple[dt.date, dt.date] | None:
        """The days the figure covers: the latest figure's, or from the first figure's to the last's."""
        if not self.figures:
            return None
        first = self.figures[-1] if self.combine == Combination.LATEST else self.figures[0]
        return first.period_start, self.figures[-1].period_end

    @property
    def change_percent(self) -> float | None:
        if self.value is None or not self.year_before:
            return None
        return float((self.value - self.year_before) * 100 / self.year_before)


@dataclass
class PerformanceReport:
    area: Area
    period: Period
    compare: str
    compared_with: Period
    population: PopulationUsed | None
    county: Area | None
    group: ComparisonGroup | None
    indicators: list[IndicatorValue]
    series: dict[str, list[SeriesPoint]]
    partner_rows: list[PartnerRow]
    notes: list[str]
    includes_confidential: bool
    previous_period: Period
    last_year_period: Period

    def indicator(self, key: str) -> IndicatorValue:
        return next(i for i in self.indicators if i.definition.key == key)

    @property
    def shows_confidential(self) -> bool:
        """Whether it shows a partner's indicator given in confidence."""
        return self.includes_confidential and any(row.indicator.is_exempt for row in self.partner_rows)

    @property
    def comparisons(self) -> list[tuple[str, Period]]:
        """Both comparisons, the leading one first."""
        both = [("previous", self.previous_period), ("last-year", self.last_year_period)]
        return sorted(both, key=lambda pair: pair[0] != self.compare)


def comparison_group_for(area: Area) -> ComparisonGroup | None:
    return ComparisonGroup.objects.filter(area=area).select_related("committee", "county").first()


def performance_report(
    *,
    area: Area,
    period: Period,
    compare: str = "last-year",
    group: ComparisonGroup | None = None,
    include_confidential: bool = False,
) -> PerformanceReport:
    """Everything the performance page, the command and the report show, for one area and period.

    `include_confidential` adds partner figures given in confidence: the caller decides it
    from the access policy, never from a request parameter.
    """
    if compare not in COMPARISONS:
        raise ValueError(f"compare is one of {', '.join(COMPARISONS)}, not {compare!r}.")
    compared_with = period.compared(compare)
    periods = {kind: period.compared(kind) for kind in COMPARISONS}
    group = group if group is not None else comparison_group_for(area)
    committee = group.committee if group else None
    members = list(group.members.all()) if group else []
    county = (group.county if group else None) or _county_of(area)
    areas = {a.pk: a for a in [area, *members, *([county] if county else [])]}
    window_first = min(*(p.first for p in periods.values()), month_add(period.last, -23))
    counts = area_counts(area_ids=areas, first=window_first, last=period.last)
    populations = {pk: population_for(a, period) for pk, a in areas.items()}
    before_populations = {
        kind: {pk: population_for(a, p) for pk, a in areas.items()} for kind, p in periods.items()
    }
    loaded = loaded_months(window_first, period.last)
    notes = _notes(area, period, [periods[k] for k in sorted(COMPARISONS, key=lambda k: k != compare)],
                   populations[area.pk], loaded)
    comparable = {kind: all(m in loaded for m in p.months) for kind, p in periods.items()}
    no_data = _areas_without_data(areas, area, period, counts)
    notes += _no_data_notes(area, members, county, no_data, period)
    # An area without data gets no rate: a rate of 0.0 would rank it and be stated as a fact.
    rated_populations = {pk: (None if pk in no_data else pop) for pk, pop in populations.items()}

    indicators = []
    for definition in indicator_definitions(committee):
        indicators.append(
            _indicator(
                definition, area=area, members=members, county=county, period=period, compare=compare,
                periods={kind: p for kind, p in periods.items() if comparable[kind]}, counts=counts,
                populations=rated_populations, before_populations=before_populations,
            )
        )
    series = {
        d.key: _series(d, area=area, period=period, counts=counts, loaded=loaded)
        for d in indicator_definitions(committee)
    }
    return PerformanceReport(
        area=area, period=period, compare=compare, compared_with=compared_with,
        population=populations[area.pk], county=county, group=group, indicators=indicators,
        series=series, partner_rows=_partner_rows(committee, period, include_confidential),
        notes=notes, includes_confidential=include_confidential,
        previous_period=periods["previous"], last_year_period=periods["last-year"],
    )


def _areas_without_data(areas: dict[int, Area], home: Area, period: Period, counts: Counts) -> set[int]:
    """Areas with no LSOAs, and areas compared with that have not one crime of any type recorded
    in their LSOAs in the period (their force's files are not loaded). The area reported on keeps
    its counts: a nil there is a finding, and the notes already say which months are missing."""
    with_lsoas = set(AreaLsoa.objects.filter(area_id__in=areas).values_list("area_id", flat=True).distinct())
    months = set(period.months)
    with_counts = {pk for (pk, _type, month), n in counts.items() if n and month in months}
    return {pk for pk in areas if pk not in with_lsoas or (pk != home.pk and pk not in with_counts)}


def _no_data_notes(
    area: Area, members: Sequence[Area], county: Area | None, no_data: set[int], period: Period
) -> list[str]:
    notes = []
    if area.pk in no_data and not AreaLsoa.objects.filter(area=area).exists():
        notes.append(f"{area.name} has no LSOAs in the area lookups loaded: it has no counts or rates.")
    if county is not None and county.pk in no_data:
        notes.append(
            f"No {county.name} average is given: {_why_no_data(county, period)}."
        )
    missing = [m for m in members if m.pk in no_data]
    if missing:
        notes.append(
            "Not ranked, for want of data: "
            + "; ".join(f"{m.name} ({_why_no_data(m, period)})" for m in missing) + "."
        )
    return notes


def _why_no_data(area: Area, period: Period) -> str:
    if not AreaLsoa.objects.filter(area=area).exists():
        return f"{area.name} has no LSOAs in the area lookups loaded (its districts are not linked to it)"
    return f"no crime is recorded in {area.name}'s LSOAs for {period.label} (is its force's data loaded?)"


def _county_of(area: Area) -> Area | None:
    node = area.parent
    while node is not None and node.level != AreaLevel.COUNTY:
        node = node.parent
    return node


def _indicator(
    definition: IndicatorDef,
    *,
    area: Area,
    members: Sequence[Area],
    county: Area | None,
    period: Period,
    compare: str,
    periods: Mapping[str, Period],
    counts: Counts,
    populations: Mapping[int, PopulationUsed | None],
    before_populations: Mapping[str, Mapping[int, PopulationUsed | None]],
) -> IndicatorValue:
    types = definition.crime_types
    count = _total(counts, area.pk, types, period.months)
    found: dict[str, Comparison] = {}
    for kind, earlier in periods.items():
        before = _total(counts, area.pk, types, earlier.months)
        found[kind] = Comparison(
            kind=kind, period=earlier, before=before, change=count - before,
            change_percent=percent_change(count, before),
            before_rate=None if populations[area.pk] is None else rate_per_1000(before, before_populations[kind][area.pk]),
        )
    lead = found.get(compare)
    value = IndicatorValue(
        definition=definition,
        count=count,
        before=None if lead is None else lead.before,
        change=None if lead is None else lead.change,
        change_percent=None if lead is None else lead.change_percent,
        rate=rate_per_1000(count, populations[area.pk]),
        before_rate=None if lead is None else lead.before_rate,
        previous=found.get("previous"),
        last_year=found.get("last-year"),
    )
    if county is not None:
        value.county_rate = rate_per_1000(_total(counts, county.pk, types, period.months), populations[county.pk])
    if members:
        value.group = [
            GroupRate(area=a, count=(n := _total(counts, a.pk, types, period.months)), rate=rate_per_1000(n, populations[a.pk]),
                      is_home=a.pk == area.pk)
            for a in [area, *members]
        ]
        rated = {g.area.pk: g.rate for g in value.group if g.rate is not None}
        if area.pk in rated:
            value.rank = competition_ranks(rated)[area.pk]
            value.rank_of = len(rated)
    return value


def _series(
    definition: IndicatorDef, *, area: Area, period: Period, counts: Counts, loaded: set[dt.date]
) -> list[SeriesPoint]:
    """The twelve months to the period's end (or the whole period, if longer), with the year before."""
    months = period.months if period.length >= 12 else [month_add(period.last, -i) for i in range(11, -1, -1)]
    points = []
    for month in months:
        before = month_add(month, -12)
        points.append(
            SeriesPoint(
                month=month,
                count=_total(counts, area.pk, definition.crime_types, [month]) if month in loaded else None,
                year_before=_total(counts, area.pk, definition.crime_types, [before]) if before in loaded else None,
            )
        )
    return points


def _notes(
    area: Area,
    period: Period,
    compared_with: Sequence[Period],
    population: PopulationUsed | None,
    loaded: set[dt.date],
) -> list[str]:
    notes = []
    missing = [m for m in period.months if m not in loaded]
    if missing:
        notes.append("No police.uk data is loaded for " + ", ".join(f"{m:%B %Y}" for m in missing) + ".")
    for earlier in compared_with:
        if any(m not in loaded for m in earlier.months):
            notes.append(f"No police.uk data is loaded for {earlier.label}, so there is no comparison with it.")
    if population is None:
        notes.append(f"No population estimate is loaded for {area.name}: rates per 1,000 cannot be given.")
    elif not population.is_exact:
        notes.append(
            f"Rates use the ONS mid-{population.year} population estimate "
            f"({population.population:,}); the mid-{population.wanted_year} estimate is not loaded."
        )
    return notes


def _partner_rows(committee: Committee | None, period: Period, include_confidential: bool) -> list[PartnerRow]:
    if committee is None:
        return []
    indicator_manager = PartnerIndicator.internal if include_confidential else PartnerIndicator.public
    figure_manager = PartnerFigure.internal if include_confidential else PartnerFigure.public
    rows = []
    for indicator in indicator_manager.filter(committee=committee).select_related("organisation"):
        def within(p: Period, indicator: PartnerIndicator = indicator) -> list[PartnerFigure]:
            # Only figures the column can hold: SQLite keeps any number it is given (a figure stored
            # before the sheets were checked, 1e400 or twelve digits) and cannot read it back.
            return list(figure_manager.filter(indicator=indicator, period_start__gte=p.first, period_end__lte=p.end_date,
                                              value__gt=-FIGURE_MAX, value__lt=FIGURE_MAX))

        figures = within(period)
        compared = figures[-1:] if indicator.combine == Combination.LATEST else figures
        # Like with like: each figure compared has its own a year before (the same quarter, the
        # same month), or there is no comparison; a part-year is never set against a whole one.
        held_before = {f.period_start: f for f in within(period.shifted(-12))}
        earlier = [e for f in compared if (e := held_before.get(_year_before(f.period_start))) is not None]
        rows.append(PartnerRow(
            indicator=indicator, figures=figures, value=_combined(indicator.combine, figures),
            year_before=_combined(indicator.combine, earlier) if compared and len(earlier) == len(compared) else None,
            supplied=len(figures), expected=_figures_expected(Frequency(indicator.frequency), period, figures),
        ))
    return rows


def _combined(combine: str, figures: Sequence[PartnerFigure]) -> Decimal | None:
    if not figures:
        return None
    if combine == Combination.TOTAL:
        return sum((f.value for f in figures), Decimal(0))
    if combine == Combination.AVERAGE:
        return sum((f.value for f in figures), Decimal(0)) / len(figures)
    return figures[-1].value


def _figures_expected(frequency: Frequency, period: Period, figures: Sequence[PartnerFigure]) -> int:
    """How many figures of this frequency fall wholly within the period.

    Quarters and years are counted where the partner's own figures start them (a financial
    year starts in April); with no figure to go by, quarters start in January, April, July and
    October, and years in April, as the public sector's do.
    """
    step = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.ANNUAL: 12}[frequency]
    anchor = figures[0].period_start.month if figures else {Frequency.ANNUAL: 4}.get(frequency, 1)
    return sum(1 for m in period.months if (m.month - anchor) % step == 0 and month_add(m, step - 1) <= period.last)


def _year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


# -- Reads for the views and forms ----------------------------------------------------------


def latest_police_month() -> dt.date | None:
    return PoliceMonth.objects.order_by("-month").values_list("month", flat=True).first()


def comparison_groups() -> list[ComparisonGroup]:
    return list(ComparisonGroup.objects.select_related("area", "committee").order_by("area__name"))


@dataclass(frozen=True)
class ImportHistory:
    runs: list[ImportRun]
    months: list[PoliceMonth]
    indicators: list[PartnerIndicator]


def import_history(*, confidential_of: Collection[int] | None) -> ImportHistory:
    """The latest imports, the forces' months as loaded and the partners' indicators. The
    confidential ones only of the committees whose ids are `confidential_of` (those the
    access policy lets the viewer see exempt business of); None: of every committee."""
    runs = ImportRun.internal.all()
    indicators = PartnerIndicator.internal.all()
    if confidential_of is not None:
        runs = runs.filter(
            Q(pk__in=ImportRun.public.values("pk")) | Q(partner_indicator__committee_id__in=confidential_of)
        )
        indicators = indicators.filter(
            Q(pk__in=PartnerIndicator.public.values("pk")) | Q(committee_id__in=confidential_of)
        )
    runs = runs.select_related("by").prefetch_related("police_files")
    indicators = indicators.select_related("organisation")
    return ImportHistory(
        runs=list(runs[:50]),
        months=list(PoliceMonth.objects.select_related("run").order_by("-month", "force")[:200]),
        indicators=list(indicators),
    )
