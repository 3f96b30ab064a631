import os
from pathlib import Path

import pytest

from scrutiny.performance.models import ComparisonGroup, IndicatorGroup, IndicatorGroupType
from tests.factories import CommitteeFactory
from tests.performance.factories import area_with_lsoas, counts, months_loaded

#: The real published files (../shared/data beside the checkout), read in place, never copied.
SHARED_DATA = Path(os.environ.get("SCRUTINY_SHARED_DATA", Path(__file__).resolve().parents[2].parent / "shared" / "data"))


def shared_data_required() -> bool:
    """CI sets SCRUTINY_REQUIRE_SHARED_DATA=1: there, missing files fail the tests, never skip them."""
    return os.environ.get("SCRUTINY_REQUIRE_SHARED_DATA", "").strip() == "1"


def shared_data_path() -> Path:
    if not (SHARED_DATA / "police-uk").is_dir() or not (SHARED_DATA / "ons").is_dir():
        message = f"the real published files are not at {SHARED_DATA} (set SCRUTINY_SHARED_DATA)"
        if shared_data_required():
            pytest.fail(f"SCRUTINY_REQUIRE_SHARED_DATA=1 but {message}", pytrace=False)
        pytest.skip(message)
    return SHARED_DATA


@pytest.fixture
def officer(officer):
    """The police and ONS figures are the installation's, imported by any council's officer:
    here, the officer of a council of its own."""
    from tests.factories import CouncilFactory

    CouncilFactory()
    return officer


@pytest.fixture
def shared_data() -> Path:
    return shared_data_path()


B, V, ASB, D = "Burglary", "Violence and sexual offences", "Anti-social behaviour", "Drugs"


@pytest.fixture
def world():
    """Home D (LSOAs L1, L2; 10,000 people), members A (L3; 5,000) and B (L4; 20,000), county K (all + L5; 50,000)."""
    kent = area_with_lsoas("Kent", ["L1", "L2", "L3", "L4", "L5"], population={2022: 50_000}, level="county")
    home = area_with_lsoas("Dartford", ["L1", "L2"], population={2022: 10_000, 2020: 9_000}, parent=kent)
    a = area_with_lsoas("Alpha", ["L3"], population={2022: 5_000})
    b = area_with_lsoas("Beta", ["L4"], population={2020: 20_000})
    committee = CommitteeFactory()
    group = ComparisonGroup.objects.create(committee=committee, name="Most Similar Group", area=home, county=kent)
    group.members.set([a, b])
    violent = IndicatorGroup.objects.create(committee=committee, name="Violent crime and drugs", slug="violent")
    IndicatorGroupType.objects.create(group=violent, crime_type=V)
    IndicatorGroupType.objects.create(group=violent, crime_type=D)
    counts(
        [
            # Q1 2022, Dartford: burglary 3 + 2 + 5 = 10, violence 20, ASB 4 -> recorded 30
            ("2022-01", "L1", B, 3), ("2022-02", "L2", B, 2), ("2022-03", "L1", B, 5),
            ("2022-03", "L2", V, 20), ("2022-01", "L1", ASB, 4),
            # Q1 2021: burglary 8, violence 25 -> 33; ASB none
            ("2021-01", "L1", B, 8), ("2021-02", "L2", V, 25),
            # Q4 2021: burglary 12, violence 18 -> 30
            ("2021-10", "L1", B, 12), ("2021-12", "L2", V, 18),
            # the others in Q1 2022: Alpha 30, Beta 40, the rest of Kent 10
            ("2022-02", "L3", V, 30), ("2022-02", "L4", B, 40), ("2022-02", "L5", D, 10),
        ]
    )
    months_loaded([f"2021-{m:02d}" for m in range(1, 13)] + ["2022-01", "2022-02", "2022-03"])
    return home, a, b, kent, group
