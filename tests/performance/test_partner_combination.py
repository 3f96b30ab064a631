"""A partner's figures within a period made one: the latest, their total or their average.

Every expected value is worked out by hand in the comments.
"""

import datetime as dt
from decimal import Decimal

import pytest

from scrutiny.performance.models import Combination, ComparisonGroup, PartnerFigure, PartnerIndicator
from scrutiny.performance.periods import Period
from scrutiny.performance.selectors import performance_report
from tests.factories import CommitteeFactory, OrganisationFactory
from tests.performance.factories import area_with_lsoas

pytestmark = pytest.mark.django_db

YEAR_2022 = Period.parse("2022-01", "2022-12")
QUARTERS = [(dt.date(y, m, 1), dt.date(y, m + 2, 30 if m + 2 in (6, 9) else 31)) for y in (2021, 2022) for m in (1, 4, 7, 10)]


def _indicator(committee, *, combine: str, frequency: str, figures: dict[tuple[dt.date, dt.date], str], unit="count"):
    indicator = PartnerIndicator.internal.create(
        committee=committee, organisation=OrganisationFactory(), name=f"{combine} {frequency}", slug=f"{combine}-{frequency}",
        frequency=frequency, combine=combine, unit=unit,
    )
    for (start, end), value in figures.items():
        PartnerFigure.internal.create(indicator=indicator, period_start=start, period_end=end, value=Decimal(value))
    return indicator


def _row(committee, period: Period):
    home = area_with_lsoas("Dartford", ["L1"], population={2022: 10_000})
    group, _ = ComparisonGroup.objects.update_or_create(committee=committee, defaults={"area": home})  # its partners come with it
    report = performance_report(area=home, period=period, compare="last-year", group=group)
    (row,) = report.partner_rows
    return row


def test_a_count_is_totalled_over_the_year_and_set_against_the_year_before():
    committee = CommitteeFactory()
    # 2021: 9 + 11 + 7 + 6 = 33; 2022: 10 + 12 + 8 + 5 = 35
    _indicator(committee, combine=Combination.TOTAL, frequency="quarterly",
               figures=dict(zip(QUARTERS, ["9", "11", "7", "6", "10", "12", "8", "5"], strict=True)))
    row = _row(committee, YEAR_2022)
    assert (row.value, row.year_before, row.supplied, row.expected, row.incomplete) == (35, 33, 4, 4, False)
    assert row.change_percent == pytest.approx(2 * 100 / 33)  # +6.06%
    assert row.span == (dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    assert row.how == "total of 4 quarterly figures"


def test_a_total_short_of_figures_says_so_and_is_compared_quarter_for_quarter():
    committee = CommitteeFactory()
    # 2022 lacks its last quarter: 10 + 12 + 8 = 30, three of four, against 2021's same three: 9 + 11 + 7 = 27
    figures = dict(zip(QUARTERS[:7], ["9", "11", "7", "6", "10", "12", "8"], strict=True))
    _indicator(committee, combine=Combination.TOTAL, frequency="quarterly", figures=figures)
    row = _row(committee, YEAR_2022)
    assert (row.value, row.year_before) == (30, 27)
    assert row.change_percent == pytest.approx(3 * 100 / 27)  # +11.1%
    assert row.incomplete and row.how == "total of 3 of 4 quarterly figures"


def test_no_comparison_when_a_figure_has_no_counterpart_a_year_before():
    committee = CommitteeFactory()
    # 2022: January to September (30); 2021: April to December only (24). Not like with like.
    figures = dict(zip(QUARTERS[1:7], ["11", "7", "6", "10", "12", "8"], strict=True))
    _indicator(committee, combine=Combination.TOTAL, frequency="quarterly", figures=figures)
    row = _row(committee, YEAR_2022)
    assert (row.value, row.year_before, row.change_percent) == (30, None, None)


def test_the_figures_expected_are_those_wholly_within_the_period():
    committee = CommitteeFactory()
    _indicator(committee, combine=Combination.TOTAL, frequency="quarterly",
               figures=dict(zip(QUARTERS[5:], ["12", "8", "5"], strict=True)))  # April to December 2022
    # February 2022 to January 2023 holds three whole quarters, all supplied: 12 + 8 + 5 = 25
    row = _row(committee, Period.parse("2022-02", "2023-01"))
    assert (row.value, row.supplied, row.expected, row.incomplete) == (25, 3, 3, False)
    assert row.how == "total of 3 quarterly figures"
    row = _row(committee, Period.parse("2022-02", "2022-08"))  # one whole quarter: April to June
    assert (row.value, row.expected, row.how) == (12, 1, "quarterly figure")


def test_a_partners_financial_years_are_counted_from_april():
    committee = CommitteeFactory()
    _indicator(committee, combine=Combination.TOTAL, frequency="annual",
               figures={(dt.date(2021, 4, 1), dt.date(2022, 3, 31)): "40", (dt.date(2020, 4, 1), dt.date(2021, 3, 31)): "50"})
    row = _row(committee, Period.parse("2021-04", "2022-03"))
    assert (row.value, row.year_before, row.expected, row.how) == (40, 50, 1, "annual figure")
    assert row.change_percent == pytest.approx(-20.0)


def test_a_rate_is_averaged_over_the_quarter():
    committee = CommitteeFactory()
    months = {(dt.date(y, m, 1), dt.date(y, m, 28)): v for y, values in ((2021, ("5", "10", "15")), (2022, ("10", "20", "30")))
              for m, v in zip((1, 2, 3), values, strict=True)}
    _indicator(committee, combine=Combination.AVERAGE, frequency="monthly", figures=months, unit="%")
    row = _row(committee, Period.parse("2022-01", "2022-03"))
    # (10 + 20 + 30) / 3 = 20 against (5 + 10 + 15) / 3 = 10: +100%
    assert (row.value, row.year_before, row.change_percent) == (20, 10, 100.0)
    assert row.how == "average of 3 monthly figures" and not row.incomplete


def test_the_latest_figure_is_the_last_in_the_period_against_its_own_a_year_before():
    committee = CommitteeFactory()
    _indicator(committee, combine=Combination.LATEST, frequency="quarterly",
               figures=dict(zip(QUARTERS, ["9", "11", "7", "6", "10", "12", "8", "5"], strict=True)))
    row = _row(committee, YEAR_2022)
    # October to December 2022: 5, against October to December 2021: 6
    assert (row.value, row.year_before, row.supplied) == (5, 6, 4)
    assert row.span == (dt.date(2022, 10, 1), dt.date(2022, 12, 31))
    assert row.how == "latest of 4 quarterly figures" and not row.incomplete


def test_no_figure_in_the_period_is_no_figure_whatever_the_combination():
    committee = CommitteeFactory()
    _indicator(committee, combine=Combination.TOTAL, frequency="annual", figures={(dt.date(2020, 4, 1), dt.date(2021, 3, 31)): "7"})
    row = _row(committee, YEAR_2022)
    # and a calendar year holds no whole financial year (April to March), the public sector's default
    assert (row.value, row.year_before, row.supplied, row.expected, row.how, row.span) == (None, None, 0, 0, "", None)


def test_one_figure_is_named_as_itself_and_a_lone_one_of_several_says_so():
    committee = CommitteeFactory()
    _indicator(committee, combine=Combination.TOTAL, frequency="quarterly", figures={QUARTERS[4]: "10"})
    assert _row(committee, Period.parse("2022-01", "2022-03")).how == "quarterly figure"  # one of one
    row = _row(committee, YEAR_2022)
    assert (row.value, row.incomplete, row.how) == (10, True, "only 1 of 4 quarterly figures")
