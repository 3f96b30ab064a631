"""The performance demo: works without ../shared, and loads again without doubling anything."""

import pytest

from scrutiny.demo.performance import performance_demo_load
from scrutiny.performance.models import (
    Area,
    AreaLsoa,
    ComparisonGroup,
    CrimeCount,
    IndicatorGroup,
    Population,
)
from scrutiny.performance.periods import Period
from scrutiny.performance.selectors import performance_report
from tests.performance.factories import count_total

pytestmark = pytest.mark.django_db


def test_demo_performance_loads_and_reloads(demo):
    performance_demo_load(months=3)
    dartford = Area.objects.get(code="E07000107")
    assert AreaLsoa.objects.filter(area=dartford).count() == 58
    assert Population.objects.get(area=dartford, year=2020).population == 114_051
    assert IndicatorGroup.objects.count() == 4
    group = ComparisonGroup.objects.get()
    assert group.members.count() == 12 and group.county.code == "E10000016"
    counts = (CrimeCount.objects.count(), count_total())
    performance_demo_load(months=3)
    assert (CrimeCount.objects.count(), count_total()) == counts
    report = performance_report(area=dartford, period=Period.parse("2022-01", "2022-03"), include_confidential=True)
    total = report.indicator("total-recorded-crime")
    assert total.count > 1000 and total.rank is not None and total.county_rate is not None
    assert [row.indicator.slug for row in report.partner_rows] == ["deliberate-fires", "iom-reoffending"]
    public = performance_report(area=dartford, period=Period.parse("2022-01", "2022-03"))
    assert [row.indicator.slug for row in public.partner_rows] == ["deliberate-fires"]


def test_demo_report_renders_as_pdf_with_its_statements(demo):
    from scrutiny.performance.report import report_pdf
    from tests.pdfs import text_of

    performance_demo_load(months=15)
    dartford = Area.objects.get(code="E07000107")
    period = Period.parse("2022-01", "2022-03")
    group = ComparisonGroup.objects.get()
    report = performance_report(area=dartford, period=period)
    total = report.indicator("total-recorded-crime")
    assert total.last_year is not None and total.previous is not None  # 15 months: both comparisons
    public = " ".join(" ".join(text_of(report_pdf(area=dartford, period=period, compare="last-year", group=group,
                                                  confidential=False))).split())
    verb = "rose" if total.last_year.change > 0 else "fell" if total.last_year.change < 0 else "was unchanged"
    assert f"Total recorded crime {verb}" in public and "compared with the same quarter last year" in public
    assert f"{total.count:,}" in public and "Deliberate fires in Dartford" in public
    assert "Integrated offender management" not in public and "NOT FOR PUBLICATION" not in public
    exempt = " ".join(" ".join(text_of(report_pdf(area=dartford, period=period, compare="last-year", group=group,
                                                  confidential=True))).split())
    assert "NOT FOR PUBLICATION" in exempt and "Integrated offender management" in exempt
