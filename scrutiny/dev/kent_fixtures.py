"""Cutting the small Kent files shipped in `scrutiny/performance/data/kent/` from the published ONS files.

The test `tests/performance/test_ons.py::test_kent_fixtures_are_reproducible` cuts them again
and checks they are what is shipped.
"""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path

from scrutiny.performance.ons import ENGLAND, KENT_COUNTY, KENT_DISTRICTS, read_population

# The published files the Kent fixtures are cut from, relative to the shared data folder.
LSOA_SOURCE = "ons/LSOA11_WD17_LAD17_EW_lookup.csv"
DISTRICT_SOURCE = "ons/LAD19_CSP19_PFA19_EW_lookup.csv"
POPULATION_SOURCES = (
    "ons/population_mid2015_LAD_MYE2.xls",
    "ons/population_mid2019_LAD.csv",
    "ons/population_mid2020_LAD.csv",
)
_DISTRICT_CODE = re.compile(r"^LAD\d{2}CD$")


def write_kent_fixtures(shared_dir: str | os.PathLike[str], out_dir: str | os.PathLike[str]) -> dict[str, Path]:
    """Cut the Kent files from the published ONS files in `shared_dir` into `out_dir`.

    The lookups keep the ONS header and rows as published (the rows for the 13 districts of the
    Kent Police area); the populations are written in long form, `Code,Name,Geography,Year,All
    ages`, for those districts, Kent County and England, for every year in the source files.
    """
    shared, out = Path(shared_dir), Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = {
        "lsoa": _cut_lookup(shared / LSOA_SOURCE, out / "lsoa_ward_district.csv"),
        "district": _cut_lookup(shared / DISTRICT_SOURCE, out / "district_csp_force.csv"),
    }
    wanted = [ENGLAND, KENT_COUNTY, *sorted(KENT_DISTRICTS)]
    reads = [read_population(shared / path) for path in POPULATION_SOURCES]
    rows = [row for read in sorted(reads, key=lambda r: r.year or 0) for code in wanted if (row := read.get(code))]
    target = out / "population_kent.csv"
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["Code", "Name", "Geography", "Year", "All ages"])
        writer.writerows([r.code, r.name, r.geography, r.year, r.population] for r in rows)
    written["population"] = target
    return written


def _cut_lookup(source: Path, target: Path) -> Path:
    """The header and the rows of the Kent districts, as published (the published lookups are plain UTF-8 CSV)."""
    with source.open(encoding="utf-8", newline="") as handle, target.open("w", encoding="utf-8", newline="") as out:
        rows = csv.reader(handle)
        header = next(rows)
        column = next(i for i, name in enumerate(header) if _DISTRICT_CODE.match(name))
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(row for row in rows if len(row) > column and row[column] in KENT_DISTRICTS)
    return target
