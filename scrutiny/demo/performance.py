"""The demo's performance data: Kent's real geography and populations, generated monthly counts.

Real (shipped in scrutiny/performance/data/kent, cut from ONS files): the Kent districts and
Medway with their codes, wards and LSOAs, the police force area, and the mid-year population
estimates. Generated (here, deterministically): monthly police.uk-style counts per LSOA and
crime type, scaled to Kent's real monthly volumes by type (January 2022: 16,338 rows), with
seasonality, the spring 2020 lockdown and Dartford's rate the highest in Kent, as the minutes
of 21 February 2018 say. The partner figures are invented for the demonstration and say so.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Iterator
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from scrutiny.governance.models import Committee, Organisation
from scrutiny.performance.areas import area_define, areas_import, population_import
from scrutiny.performance.crime_types import CRIME_TYPES
from scrutiny.performance.models import (
    Area,
    Combination,
    CrimeCount,
    ImportKind,
    ImportRun,
    ImportStatus,
    PartnerFigure,
    PartnerIndicator,
    PoliceMonth,
)
from scrutiny.performance.ons import KENT_FIXTURES_DIR
from scrutiny.performance.periods import month_add
from scrutiny.performance.services import (
    comparison_group_set,
    counts_by_lsoa,
    counts_insert,
    indicator_group_set,
)

DARTFORD = "E07000107"
KENT_COUNTY = "E10000016"
MEDWAY = "E06000035"
LAST_MONTH = dt.date(2022, 3, 1)

# Kent Police's rows in January 2022 by type (the published file), the scale of the counts.
KENT_MONTH = {
    "Violence and sexual offences": 7008, "Anti-social behaviour": 2038, "Criminal damage and arson": 1732,
    "Other theft": 1020, "Public order": 959, "Shoplifting": 943, "Vehicle crime": 841, "Burglary": 597,
    "Other crime": 480, "Drugs": 343, "Possession of weapons": 126, "Robbery": 114,
    "Theft from the person": 69, "Bicycle theft": 68,
}
# Summer peaks in violence and ASB; a lockdown dip in acquisitive crime and a rise in ASB (2020).
SUMMER = {"Anti-social behaviour": 0.25, "Violence and sexual offences": 0.12, "Public order": 0.12}
LOCKDOWN = dict.fromkeys((dt.date(2020, 4, 1), dt.date(2020, 5, 1), dt.date(2020, 6, 1)), 0.6)

# The Community Safety Strategy 2019-2022 (seed 002). The seed names three of its four priorities;
# the fourth's name is not in the seeds, so the demo names it after the gangs and county-lines
# work the seed describes, and says so.
PRIORITIES = [
    ("violent-crime", "Priority 1: Violent crime including domestic abuse", ["Violence and sexual offences"], ""),
    ("asb-environmental", "Priority 2: Persistent anti-social behaviour and environmental crime",
     ["Anti-social behaviour", "Criminal damage and arson"], ""),
    ("offending", "Priority 3: Preventing offending and reducing re-offending",
     ["Burglary", "Robbery", "Vehicle crime", "Shoplifting", "Theft from the person", "Bicycle theft", "Other theft"],
     "Acquisitive crime, the offending that integrated offender management works with."),
    ("gangs", "Priority 4: Gangs, drugs and weapons (demonstration: this priority's name is not in the seeds)",
     ["Drugs", "Possession of weapons"], "Named for the demonstration after the strategy's work on gang culture."),
]


def _poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _lsoa_weights(rng: random.Random, districts: dict[str, list[str]]) -> dict[str, float]:
    weights = {}
    for district, lsoas in districts.items():
        factor = 1.45 if district == DARTFORD else 0.85 + 0.3 * rng.random()
        for index, lsoa in enumerate(sorted(lsoas)):
            hot = 4.0 if index % 29 == 3 else 1.0  # a few town-centre hot spots
            weights[lsoa] = factor * hot * rng.lognormvariate(0, 0.45)
    scale = len(weights) / sum(weights.values())
    return {k: v * scale for k, v in weights.items()}


def _month_factor(month: dt.date, crime_type: str) -> float:
    season = 1 + SUMMER.get(crime_type, 0.05) * math.sin((month.month - 4) / 12 * 2 * math.pi)
    trend = 1 + 0.03 * ((month.year - 2019) * 12 + month.month - 4) / 12  # recorded crime rising slowly
    lockdown = LOCKDOWN.get(month, 1.0)
    if crime_type == "Anti-social behaviour" and month in LOCKDOWN:
        lockdown = 1.9  # lockdown breaches were recorded as ASB
    return season * trend * lockdown


def counts_generate(
    *, lsoas_by_district: dict[str, list[str]], months: list[dt.date], seed: int = 2022
) -> Iterator[tuple[dt.date, str, str, int]]:
    """(month, LSOA code, crime type, count) for every non-zero count, the same for the same seed."""
    rng = random.Random(seed)  # noqa: S311 (demonstration figures, not secrets)
    weights = _lsoa_weights(rng, lsoas_by_district)
    per_lsoa = {t: n / len(weights) for t, n in KENT_MONTH.items()}
    for month in months:
        for lsoa, weight in weights.items():
            for crime_type in CRIME_TYPES:
                n = _poisson(rng, per_lsoa[crime_type] * weight * _month_factor(month, crime_type))
                if n:
                    yield month, lsoa, crime_type, n


@transaction.atomic
def performance_demo_load(*, months: int = 36) -> list[str]:
    """Load (or reload) the performance demo. Idempotent: the generated months are replaced."""
    committee = Committee.objects.get(slug="dartford-crime-and-disorder")
    areas_import(source=KENT_FIXTURES_DIR / "lsoa_ward_district.csv", name="Kent LSOA lookup (demo)")
    areas_import(source=KENT_FIXTURES_DIR / "district_csp_force.csv", name="Kent CSP lookup (demo)")
    population_import(source=KENT_FIXTURES_DIR / "population_kent.csv", name="Kent populations (demo)")
    kent_districts = list(
        Area.objects.filter(level="district").exclude(code=MEDWAY).order_by("name").values_list("code", flat=True)
    )
    county = area_define(code=KENT_COUNTY, name="Kent", parts=kent_districts, level="county",
                         description="Kent County Council's area: the twelve districts (Medway is a unitary authority).")
    Area.objects.filter(code__in=kent_districts).update(parent=county)
    dartford = Area.objects.get(code=DARTFORD)
    lsoas = sorted(dartford.lsoas.values_list("lsoa_code", flat=True))
    area_define(code="DART-TC", name="Dartford town centre (demonstration)", parts=lsoas[:4],
                description="An area the partnership defines as a set of LSOAs.")
    group = comparison_group_set(
        committee=committee, area=dartford, county=county, name="Kent and Medway comparison group",
        members=list(Area.objects.filter(level="district").exclude(code=DARTFORD)),
        note="A demonstration group of the other Kent districts and Medway. Dartford's iQuanta Most Similar "
        "Group of 15 CSPs is not listed in the seeds; an officer keeps the real list.",
    )
    for position, (slug, name, types, description) in enumerate(PRIORITIES, start=1):
        indicator_group_set(committee=committee, name=name, slug=slug, crime_types=types, position=position,
                            description=description)
    month_list = [month_add(LAST_MONTH, -i) for i in range(months - 1, -1, -1)]
    rows = _counts_store(month_list)
    _partners_load(committee, month_list)
    return [
        f"Performance: {Area.objects.filter(level='lsoa').count():,} Kent LSOAs, {len(kent_districts)} Kent districts "
        f"and Medway; {rows:,} generated monthly counts, {month_list[0]:%B %Y} to {month_list[-1]:%B %Y}; "
        f"comparison group of {group.members.count()}; {len(PRIORITIES)} priorities.",
    ]


def _counts_store(month_list: list[dt.date]) -> int:
    lsoas_by_district: dict[str, list[str]] = {}
    for district in Area.objects.filter(level="district"):
        lsoas_by_district[district.code] = list(district.lsoas.values_list("lsoa_code", flat=True))
    now = timezone.now()
    run = ImportRun.internal.create(
        kind=ImportKind.POLICE, source="Generated demonstration counts (scrutiny.demo.performance)",
        started_at=now, finished_at=now, status=ImportStatus.COMPLETED,
        message="Generated for the demonstration, scaled to Kent Police's published volumes.",
    )
    CrimeCount.objects.filter(force="kent", month__in=month_list).delete()
    rows = list(counts_generate(lsoas_by_district=lsoas_by_district, months=month_list))
    by_month: dict[dt.date, list[tuple[str, str, int]]] = {}
    totals: dict[dt.date, int] = {}
    for month, lsoa, crime_type, n in rows:
        by_month.setdefault(month, []).append((lsoa, crime_type, n))
        totals[month] = totals.get(month, 0) + n
    for month, counts in by_month.items():
        counts_insert(force="kent", month=month, lsoa_rows=counts_by_lsoa(counts))
    for month in month_list:
        PoliceMonth.objects.update_or_create(
            force="kent", month=month, defaults={"run": run, "rows_loaded": totals.get(month, 0), "force_name": "Kent Police"}
        )
    run.rows_read = run.rows_loaded = sum(totals.values())
    run.save()
    return len(rows)


def _partners_load(committee: Committee, month_list: list[dt.date]) -> None:
    fire = Organisation.objects.get(slug="kent-fire")
    probation = Organisation.objects.get(slug="kent-probation")
    fires, _ = PartnerIndicator.internal.update_or_create(
        committee=committee, slug="deliberate-fires",
        defaults={"organisation": fire, "name": "Deliberate fires in Dartford", "frequency": "quarterly",
                  "combine": Combination.TOTAL, "higher_is_better": False, "description": "Demonstration figures, not Kent Fire and Rescue Service's."},
    )
    iom, _ = PartnerIndicator.internal.update_or_create(
        committee=committee, slug="iom-reoffending",
        defaults={"organisation": probation, "name": "Integrated offender management cohort: proven reoffending",
                  "unit": "%", "frequency": "quarterly", "combine": Combination.LATEST, "higher_is_better": False,
                  "is_exempt": True,
                  "exemption_ground": "confidence",
                  "exemption_note": "Supplied under the partnership's information-sharing protocol, in confidence.",
                  "description": "Demonstration figures, given in confidence."},
    )
    rng = random.Random(7)  # noqa: S311 (demonstration figures)
    quarters = [m for m in month_list if m.month in (1, 4, 7, 10)]
    for start in quarters:
        end = month_add(start, 3) - dt.timedelta(days=1)
        for indicator, value in ((fires, 30 + rng.randint(-8, 12)), (iom, Decimal(rng.randint(180, 320)) / 10)):
            PartnerFigure.internal.update_or_create(
                indicator=indicator, period_start=start,
                defaults={"period_end": end, "value": Decimal(value), "note": "Demonstration figure"},
            )
