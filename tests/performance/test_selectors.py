"""The arithmetic of every comparison, against values worked out by hand in the comments."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrutiny.performance.models import ComparisonGroup
from scrutiny.performance.periods import Period
from scrutiny.performance.selectors import competition_ranks, performance_report
from scrutiny.performance.statements import statements
from tests.performance.factories import area_with_lsoas, counts

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
    # the previous quarter leads, and the same quarter last year follows
    assert statements(report)[0] == (
        "Total recorded crime was unchanged compared with the previous quarter (30), "
        "and fell 9.1% compared with the same quarter last year (33 to 30)."
    )


def test_statements_of_fact(world):
    report = performance_report(area=world[0], period=Q1_2022, compare="last-year")
    lines = statements(report)
    assert lines[0] == (
        "Total recorded crime fell 9.1% compared with the same quarter last year (33 to 30), "
        "and was unchanged compared with the previous quarter (30)."
    )
    # ASB: 4 in Q1 2022, none in Q1 2021 nor in Q4 2021
    assert (
        "Anti-social behaviour rose from none to 4 compared with the same quarter last year, "
        "and rose from none to 4 compared with the previous quarter." in lines
    )
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


@settings(suppress_health_check=[HealthCheck.too_slow])  # parallel test runs on two cores
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


def test_previous_quarter_with_a_change_a_priority_and_the_earlier_rate(world):
    home = world[0]
    counts([("2021-11", "L1", "Drugs", 10)])
    report = performance_report(area=home, period=Q1_2022, compare="previous")
    total = report.indicator("total-recorded-crime")
    # Q4 2021: burglary 12 + violence 18 + drugs 10 = 40; Q1 2022: 30 -> -10, -25.0%
    assert (total.count, total.before, total.change) == (30, 40, -10)
    assert total.change_percent == pytest.approx(-25.0)
    # Q4 2021's middle month is November 2021: the 2020 and 2022 estimates are as near, 2020 (9,000) is used
    assert total.before_rate == pytest.approx(40 * 1000 / 9_000)  # 4.444
    assert total.rate == pytest.approx(3.0)  # 30 / 10,000 (the mid-2022 estimate)
    violent = report.indicator("group-violent")
    # violence 18 + drugs 10 = 28 in Q4 2021; violence 20 in Q1 2022 -> -8, -28.571%
    assert (violent.count, violent.before, violent.change) == (20, 28, -8)
    assert violent.change_percent == pytest.approx(-8 * 100 / 28)
    assert violent.before_rate == pytest.approx(28 * 1000 / 9_000)
    burglary = report.indicator("burglary")
    assert (burglary.before, burglary.change, burglary.change_percent) == (12, -2, pytest.approx(-2 * 100 / 12))
    assert statements(report)[0] == (
        "Total recorded crime fell 25.0% compared with the previous quarter (40 to 30), "
        "and fell 9.1% compared with the same quarter last year (33 to 30)."
    )


def test_equal_rates_share_a_rank(world):
    """Standard competition ranking: 1 + the number of areas with a strictly higher rate."""
    committee = world[4].committee
    home = area_with_lsoas("Home", ["T1"], population={2022: 1_000})
    six = area_with_lsoas("Six", ["T2"], population={2022: 1_000})
    three = area_with_lsoas("Three", ["T3"], population={2022: 2_000})
    one = area_with_lsoas("One", ["T4"], population={2022: 3_000})
    group = ComparisonGroup.objects.create(committee=committee, name="Tied group", area=home)
    group.members.set([six, three, one])
    # rates: Home 3 / 1,000 = 3.0, Six 6 / 1,000 = 6.0, Three 6 / 2,000 = 3.0, One 3 / 3,000 = 1.0
    counts([("2022-01", "T1", "Burglary", 3), ("2022-01", "T2", "Burglary", 6), ("2022-02", "T3", "Burglary", 6),
            ("2022-03", "T4", "Burglary", 3)])
    total = performance_report(area=home, period=Q1_2022, group=group).indicator("total-recorded-crime")
    assert {g.area.name: g.rate for g in total.group} == {"Home": 3.0, "Six": 6.0, "Three": 3.0, "One": 1.0}
    assert (total.rank, total.rank_of) == (2, 4)
    assert competition_ranks({"six": 6.0, "home": 3.0, "three": 3.0, "one": 1.0}) == {
        "six": 1, "home": 2, "three": 2, "one": 4,
    }
    assert competition_ranks({"a": 6.0, "b": 3.0, "c": 3.0}) == {"a": 1, "b": 2, "c": 2}


def test_real_dartford_first_quarter_of_2022(shared_data):
    """Dartford's Q1 2022 from the real files, counted independently with the csv module:
    recorded crime 1,033 + 993 + 1,084 = 3,110 and ASB 149 + 139 + 162 = 450 in the 58 LSOAs
    whose LAD17CD is E07000107; the rate uses the mid-2020 estimate (114,051), the nearest
    loaded to 2022: 3,110 / 114,051 x 1,000 = 27.27."""
    from scrutiny.performance.areas import areas_import, population_import
    from scrutiny.performance.models import Area
    from scrutiny.performance.services import police_import

    areas_import(source=shared_data / "ons" / "LSOA11_WD17_LAD17_EW_lookup.csv")
    population_import(source=shared_data / "ons" / "population_mid2019_LAD.csv")
    population_import(source=shared_data / "ons" / "population_mid2020_LAD.csv")
    police_import(sources=[shared_data / "police-uk"])
    dartford = Area.objects.get(code="E07000107")
    report = performance_report(area=dartford, period=Q1_2022)
    total, asb = report.indicator("total-recorded-crime"), report.indicator("anti-social-behaviour")
    assert (total.count, asb.count) == (3_110, 450)
    assert (report.population.year, report.population.population) == (2020, 114_051)
    assert round(total.rate, 2) == 27.27 and total.rate == pytest.approx(3_110 * 1000 / 114_051)
    assert asb.rate == pytest.approx(450 * 1000 / 114_051)  # 3.95
    assert [p.count for p in report.series["total-recorded-crime"][-3:]] == [1_033, 993, 1_084]
    assert [p.count for p in report.series["anti-social-behaviour"][-3:]] == [149, 139, 162]
    assert total.before is None  # 2021 is not in the files: no comparison is invented
    assert any("mid-2020 population estimate (114,051)" in n for n in report.notes)


def test_missing_shared_data_skips_or_fails_as_told(monkeypatch, tmp_path):
    from tests.performance import conftest

    monkeypatch.setattr(conftest, "SHARED_DATA", tmp_path / "nowhere")
    monkeypatch.delenv("SCRUTINY_REQUIRE_SHARED_DATA", raising=False)
    with pytest.raises(pytest.skip.Exception):
        conftest.shared_data_path()
    monkeypatch.setenv("SCRUTINY_REQUIRE_SHARED_DATA", "1")
    with pytest.raises(pytest.fail.Exception, match="SCRUTINY_REQUIRE_SHARED_DATA=1"):
        conftest.shared_data_path()


def test_both_comparisons_side_by_side(world):
    """Q1 2022 against Q4 2021 and against Q1 2021, in one report, whichever leads."""
    home = world[0]
    counts([("2021-11", "L1", "Drugs", 10)])
    for compare in ("last-year", "previous"):
        report = performance_report(area=home, period=Q1_2022, compare=compare)
        assert (report.previous_period, report.last_year_period) == (
            Period.parse("2021-10", "2021-12"), Period.parse("2021-01", "2021-03"))
        total = report.indicator("total-recorded-crime")
        # previous: 40 -> 30 is -10, -25.0%; last year: 33 -> 30 is -3, -9.09%
        assert (total.previous.before, total.previous.change) == (40, -10)
        assert total.previous.change_percent == pytest.approx(-25.0)
        assert (total.last_year.before, total.last_year.change) == (33, -3)
        assert total.last_year.change_percent == pytest.approx(-300 / 33)
        # both earlier rates use the 2020 estimate (9,000): 2021 is as near to 2020 as to 2022
        assert total.previous.before_rate == pytest.approx(40 * 1000 / 9_000)
        assert total.last_year.before_rate == pytest.approx(33 * 1000 / 9_000)
        lead = total.previous if compare == "previous" else total.last_year
        assert (total.before, total.change, total.change_percent) == (lead.before, lead.change, lead.change_percent)
        violent = report.indicator("group-violent")
        # violence + drugs: Q4 2021 18 + 10 = 28, Q1 2021 25, Q1 2022 20
        assert (violent.previous.change, violent.last_year.change) == (-8, -5)
        assert violent.last_year.change_percent == pytest.approx(-20.0)
    lines = statements(performance_report(area=home, period=Q1_2022))
    assert lines[0] == (
        "Total recorded crime fell 9.1% compared with the same quarter last year (33 to 30), "
        "and fell 25.0% compared with the previous quarter (40 to 30)."
    )


def test_a_comparison_not_loaded_is_left_out_not_zero(world):
    home = world[0]
    # Q4 2021 is loaded, Q1 2021 is too; for Q2 2021, the previous quarter is Q1 2021 and a year before is Q2 2020
    report = performance_report(area=home, period=Period.parse("2021-04", "2021-06"))
    total = report.indicator("total-recorded-crime")
    assert total.last_year is None and total.previous is not None and total.previous.before == 33
    assert total.before is None  # the leading comparison (last year) cannot be made
    assert any("April to June 2020, so there is no comparison" in n for n in report.notes)
    assert statements(report)[0] == "Total recorded crime fell 100.0% compared with the previous quarter (33 to 0)."


def test_county_without_lsoas_gives_no_average_and_says_why(world):
    home, a, b, kent, group = world
    empty_kent = area_with_lsoas("Kent", [], population={2022: 1_500_000}, level="county", code="E10000016")
    group.county = empty_kent
    group.save()
    report = performance_report(area=home, period=Q1_2022)
    total = report.indicator("total-recorded-crime")
    assert total.county_rate is None and all(v.county_rate is None for v in report.indicators)
    assert any("No Kent average is given: Kent has no LSOAs in the area lookups loaded" in n for n in report.notes)
    lines = statements(report)
    assert not any("average" in line for line in lines)
    assert "Dartford recorded total crime of 3.0 per 1,000 population, and ranked 2nd highest of 3 in the " \
           "Most Similar Group." in lines


def test_comparison_area_without_lsoas_or_counts_is_not_ranked(world):
    home, a, b, kent, group = world
    hollow = area_with_lsoas("Hollow", [], population={2022: 7_000})
    elsewhere = area_with_lsoas("Elsewhere", ["Z1"], population={2022: 9_000})  # its force is not loaded
    group.members.add(hollow, elsewhere)
    report = performance_report(area=home, period=Q1_2022)
    total = report.indicator("total-recorded-crime")
    rates = {g.area.name: g.rate for g in total.group}
    assert rates["Hollow"] is None and rates["Elsewhere"] is None  # not 0.0
    assert (total.rank, total.rank_of) == (2, 3)  # Alpha 6.0, Dartford 3.0, Beta 2.0, as before
    note = next(n for n in report.notes if n.startswith("Not ranked"))
    assert "Hollow (Hollow has no LSOAs" in note and "no crime is recorded in Elsewhere's LSOAs" in note


def test_indicators_command_with_both_comparisons(world):
    import csv as csv_module
    import io
    import json

    from django.core.management import call_command

    home = world[0]
    counts([("2021-11", "L1", "Drugs", 10)])

    def run(fmt):
        out = io.StringIO()
        call_command("indicators", "--area", home.code, "--from", "2022-01", "--to", "2022-03", "--compare", "both",
                     "--format", fmt, stdout=out)
        return out.getvalue()

    data = json.loads(run("json"))
    assert data["previous_period"] == {"from": "2021-10", "to": "2021-12"}
    assert data["last_year_period"] == {"from": "2021-01", "to": "2021-03"}
    total = data["indicators"][0]
    assert {k: total[k] for k in ("count", "previous", "previous_change", "previous_change_percent", "last_year",
                                  "last_year_change", "last_year_change_percent")} == {
        "count": 30, "previous": 40, "previous_change": -10, "previous_change_percent": -25.0,
        "last_year": 33, "last_year_change": -3, "last_year_change_percent": -9.1,
    }
    rows = list(csv_module.DictReader(io.StringIO(run("csv"))))
    assert (rows[0]["previous_change"], rows[0]["last_year_change"]) == ("-10", "-3")
    table = run("table")
    assert "Previous" in table and "Last year" in table
    total_line = next(line for line in table.splitlines() if line.startswith("Total recorded crime"))
    assert total_line.split()[-10:] == ["30", "40", "-10", "-25.0", "33", "-3", "-9.1", "3.00", "2/3", "2.20"]
