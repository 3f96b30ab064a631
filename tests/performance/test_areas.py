"""Loading ONS lookups and populations; areas defined by the partnership."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from scrutiny.performance.areas import AreaRefused, area_define, areas_import, population_import
from scrutiny.performance.models import Area, AreaLsoa, ImportRun, Population

pytestmark = pytest.mark.django_db

KENT = Path(__file__).resolve().parents[2] / "scrutiny" / "performance" / "data" / "kent"


def lsoas(code: str) -> set[str]:
    return set(AreaLsoa.objects.filter(area__code=code).values_list("lsoa_code", flat=True))


def test_kent_fixtures_build_the_hierarchy():
    areas_import(source=KENT / "lsoa_ward_district.csv")
    areas_import(source=KENT / "district_csp_force.csv")
    dartford = Area.objects.get(code="E07000107")
    assert dartford.level == "district" and len(lsoas("E07000107")) == 58
    ward = Area.objects.filter(parent=dartford, level="ward").first()
    assert lsoas(ward.code) and lsoas(ward.code) <= lsoas("E07000107")
    assert Area.objects.get(code=next(iter(lsoas(ward.code)))).parent == ward
    # the police force area covers every Kent LSOA, Medway's included
    force = Area.objects.get(level="force")
    assert lsoas(force.code) == set(AreaLsoa.objects.filter(area__level="district").values_list("lsoa_code", flat=True))
    run = population_import(source=KENT / "population_kent.csv")
    assert Population.objects.get(area=dartford, year=2019).population == 112_606
    assert Population.objects.get(area=dartford, year=2020).population == 114_051
    assert Area.objects.get(code="E10000016").level == "county"
    assert run.status == "completed"


def test_reloading_is_idempotent_and_a_dry_run_stores_nothing():
    areas_import(source=KENT / "lsoa_ward_district.csv")
    before = (Area.objects.count(), AreaLsoa.objects.count())
    areas_import(source=KENT / "lsoa_ward_district.csv")
    assert (Area.objects.count(), AreaLsoa.objects.count()) == before
    run = population_import(source=KENT / "population_kent.csv", dry_run=True)
    assert run.status == "dry_run" and not Population.objects.exists()


def test_partnership_areas_and_a_county_of_districts():
    areas_import(source=KENT / "lsoa_ward_district.csv")
    dartford = sorted(lsoas("E07000107"))
    town = area_define(code="DART-TC", name="Dartford town centre", parts=dartford[:3])
    assert lsoas("DART-TC") == set(dartford[:3])
    districts = list(Area.objects.filter(level="district").exclude(code="E06000035").values_list("code", flat=True))
    kent = area_define(code="E10000016", name="Kent", parts=districts, level="county")
    assert len(districts) == 12 and lsoas(kent.code) >= set(dartford)
    assert not lsoas(kent.code) & lsoas("E06000035")  # Medway is not in Kent County
    with pytest.raises(AreaRefused, match="Unknown areas: E01999999"):
        area_define(code="X", name="Nowhere", parts=["E01999999"])
    assert town.parts.count() == 3


def test_wrong_file_is_refused_with_its_name():
    with pytest.raises(AreaRefused, match="neither an LSOA to ward to district lookup"):
        areas_import(source=io.BytesIO(b"Crime ID,Month\n1,2022-01\n"), name="street.csv")
    assert not Area.objects.exists() and not ImportRun.internal.exists()


def test_commands(tmp_path):
    out = io.StringIO()
    call_command("import-areas", str(KENT / "lsoa_ward_district.csv"), stdout=out)
    assert "LSOAs" in out.getvalue()
    call_command("import-population", str(KENT / "population_kent.csv"), stdout=out)
    assert "estimates for mid-" in out.getvalue()
    call_command("define-area", "DART-TC", "Dartford town centre", sorted(lsoas("E07000107"))[0], stdout=out)
    assert "1 LSOAs" in out.getvalue()
    with pytest.raises(CommandError, match="no such file"):
        call_command("import-areas", str(tmp_path / "missing.csv"))


def test_real_ons_files(shared_data):
    ons = shared_data / "ons"
    run = areas_import(source=ons / "LSOA11_WD17_LAD17_EW_lookup.csv")
    assert len(lsoas("E07000107")) == 58
    assert run.report["vintages"] == {"lsoa": "2011", "ward": "2017", "district": "2017"}
    areas_import(source=ons / "LAD17_CSP17_PFA17_EW_lookup.csv")
    # 2017: Dartford and Gravesham are one CSP
    csp = Area.objects.get(code="E22000352")
    assert lsoas("E22000352") == lsoas("E07000107") | lsoas("E07000109") and csp.level == "csp"
    population_import(source=ons / "population_mid2019_LAD.csv")
    population_import(source=ons / "population_mid2015_LAD_MYE2.xls")
    assert dict(Population.objects.filter(area__code="E07000107").values_list("year", "population")) == {
        2015: 103_892, 2019: 112_606,
    }
