"""The arithmetic of every comparison, against values worked out by hand in the comments."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scrutiny.performance.periods import Period
from scrutiny.performance.selectors import competition_ranks, performance_report
from scrutiny.performance.statements import statements
from tests.performance.factories import area_with_lsoas

pytestmark = pytest.mark.django_db

Q1_2022 = Period.parse("2022-01", "2022-03")


def test_counts_changes_rates_ranks_and_county(world):
    home, a, b, kent, group = world
    report = performance_report(area=home, period=Q1_2022, compare="last-year")
    total = report.indicator("total-recorded-crime")
    assert (total.count, total.before, total.change) == (30, 33, -3)
    assert total.change_percent == pytest.approx(-3 * 100 / 33)  # -9.09%
    assert total.rate == pytest.approx(3.0)  # 30 / 10,000 x 1,000
    # 33 / 9,000: for 2021, the 2020 and 2022 estimates are as near, and the earlier is used
    assert total.before_rate == pytest.approx(33 * 1000 / 9_000)
    # Alpha 30 / 5,000 = 6.0; Dartford 3.0; Beta 40 / 20,000 = 2.0 (its 2020 estimate, the nearest)
    assert [(g.area.name, g.rate) for g in total.group] == [("Dartford", 3.0), ("Alpha", 6.0), ("Beta", 2.0)]
    assert (total.rank, total.rank_of) == (2, 3)
    assert total.county_rate == pytest.approx(110 * 1000 / 50_000)  # (30 + 30 + 40 + 10) / 50,000 = 2.2

    asb = report.indicator("anti-social-behaviour")
    assert (asb.count, asb.before, asb.change, asb.change_percent) == (4, 0, 4, None)

    burglary = report.indicator("burglary")
    assert (burglary.count, burglary.before) == (10, 8)
    assert burglary.change_percent == pytest.approx(25.0)
    assert burglary.rank == 2  # Beta 40 / 20,000 = 2.0 > Dartford 1.0 > Alpha 0
    violent = report.indicator("group-violent")
    assert (violent.count, violent.before) == (20, 25)  # violence + drugs
    assert violent.change_percent == pytest.approx(-20.0)


def test_compared_with_previous_quarter(world):
    home = world[0]
    report = performance_report(area=home, period=Q1_2022, compare="previous")
    assert report.compared_with == Period.parse("2021-10", "2021-12")
    total = report.indicator("total-recorded-crime")
    assert (total.count, total.before, total.change, total.change_percent) == (30, 30, 0, 0.0)
    assert "Total recorded crime was unchanged compared with the previous quarter (30)." in statements(report)


def test_statements_of_fact(world):
    report = performance_report(area=world[0], period=Q1_2022, compare="last-year")
    lines = statements(report)
    assert lines[0] == "Total recorded crime fell 9.1% compared with the same quarter last year (33 to 30)."
    assert "Anti-social behaviour rose from none to 4 compared with the same quarter last year." in lines
    assert (
        "Dartford recorded total crime of 3.0 per 1,000 population, above the Kent average of 2.2, "
        "and ranked 2nd highest of 3 in the Most Similar Group." in lines
    )
    assert "Burglary rose 25.0% compared with the same quarter last year (8 to 10)." in lines


def test_monthly_series_with_the_year_before(world):
    report = performance_report(area=world[0], period=Q1_2022)
    series = report.series["total-recorded-crime"]
    assert [p.month for p in series][0] == dt.date(2021, 4, 1) and len(series) == 12
    by_month = {p.month: p for p in series}
    assert by_month[dt.date(2022, 1, 1)].count == 3
    assert by_month[dt.date(2022, 1, 1)].year_before == 8
    assert by_month[dt.date(2022, 3, 1)].count == 25
    assert by_month[dt.date(2021, 10, 1)].year_before is None  # October 2020 is not loaded


def test_missing_months_and_populations_are_said_not_guessed(world):
    home = world[0]
    report = performance_report(area=home, period=Period.parse("2020-01", "2020-03"))
    assert report.indicator("total-recorded-crime").before is None
    assert any("No police.uk data is loaded for January 2020" in n for n in report.notes)
    assert any("so there is no comparison" in n for n in report.notes)
    later = performance_report(area=home, period=Period.parse("2021-01", "2021-03"))
    assert any("mid-2020 population estimate (9,000); the mid-2021 estimate is not loaded" in n for n in later.notes)
    assert later.indicator("total-recorded-crime").rate == pytest.approx(33 * 1000 / 9_000)


def test_area_without_population_has_counts_but_no_rate(world):
    custom = area_with_lsoas("Town centre", ["L1"], level="custom", code="DART-TC")
    report = performance_report(area=custom, period=Q1_2022)
    burglary = report.indicator("burglary")
    assert burglary.count == 8 and burglary.rate is None  # L1: 3 + 5
    assert any("No population estimate" in n for n in report.notes)


@given(st.dictionaries(st.integers(0, 20), st.floats(0, 100, allow_nan=False), min_size=1))
def test_competition_ranks(values):
    ranks = competition_ranks(values)
    best = max(values.values())
    assert all(ranks[k] == 1 for k, v in values.items() if v == best)
    for k, v in values.items():
        assert ranks[k] == 1 + sum(1 for other in values.values() if other > v)


def test_indicators_command_in_three_formats(world):
    import csv as csv_module
    import io
    import json

    from django.core.management import call_command
    from django.core.management.base import CommandError

    home = world[0]
    out = io.StringIO()
    call_command("indicators", "--area", home.code, "--from", "2022-01", "--to", "2022-03", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    total = data["indicators"][0]
    assert total == {
        "indicator": "Total recorded crime (excluding anti-social behaviour)", "count": 30, "compared": 33,
        "change": -3, "change_percent": -9.1, "rate_per_1000": 3.0, "rank": 2, "rank_of": 3, "county_rate": 2.2,
        "source": "police.uk",
    }
    assert data["partner_indicators"] == []
    out = io.StringIO()
    call_command("indicators", "--area", home.code, "--from", "2022-01", "--to", "2022-03", "--compare", "previous",
                 "--format", "csv", stdout=out)
    rows = list(csv_module.DictReader(io.StringIO(out.getvalue())))
    assert rows[0]["compared"] == "30" and rows[0]["change"] == "0"
    out = io.StringIO()
    call_command("indicators", "--area", home.code, "--from", "2022-01", "--to", "2022-03", stdout=out)
    assert "Total recorded crime fell 9.1%" in out.getvalue()
    with pytest.raises(CommandError, match="YYYY-MM"):
        call_command("indicators", "--area", home.code, "--from", "2022-1", "--to", "2022-03")
    with pytest.raises(CommandError, match="No area with the code"):
        call_command("indicators", "--area", "E07999999", "--from", "2022-01", "--to", "2022-03")
