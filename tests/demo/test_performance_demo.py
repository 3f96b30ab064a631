"""The performance demo: works without ../shared, and loads again without doubling anything."""

import pytest
from django.db.models import Sum

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

pytestmark = pytest.mark.django_db


def test_demo_performance_loads_and_reloads(demo):
    performance_demo_load(months=3)
    dartford = Area.objects.get(code="E07000107")
    assert AreaLsoa.objects.filter(area=dartford).count() == 58
    assert Population.objects.get(area=dartford, year=2020).population == 114_051
    assert IndicatorGroup.objects.count() == 4
    group = ComparisonGroup.objects.get()
    assert group.members.count() == 12 and group.county.code == "E10000016"
    counts = (CrimeCount.objects.count(), CrimeCount.objects.aggregate(n=Sum("count"))["n"])
    performance_demo_load(months=3)
    assert (CrimeCount.objects.count(), CrimeCount.objects.aggregate(n=Sum("count"))["n"]) == counts
    report = performance_report(area=dartford, period=Period.parse("2022-01", "2022-03"), include_confidential=True)
    total = report.indicator("total-recorded-crime")
    assert total.count > 1000 and total.rank is not None and total.county_rate is not None
    assert [row.indicator.slug for row in report.partner_rows] == ["deliberate-fires", "iom-reoffending"]
    public = performance_report(area=dartford, period=Period.parse("2022-01", "2022-03"))
    assert [row.indicator.slug for row in public.partner_rows] == ["deliberate-fires"]
