"""Synthetic police.uk street-level crime files: small fixtures for tests, national scale for the benchmark.

The output is laid out and formatted as police.uk publishes it (checked against Kent's 2022 files):
`OUT/YYYY-MM/YYYY-MM-<force>-street.csv`, the twelve STREET_COLUMNS, comma separated, fields quoted
only when needed, CRLF line endings, no byte order mark, no blank line at the end. Optionally a zip
archive of the same files with the top-level YYYY-MM folders, as a police.uk download holds them,
and ONS-style lookups and populations for the synthetic geography.

Realism:

- Forces are the 43 territorial forces of England and Wales, with police.uk's slugs and names
  ("kent", "Kent Police"), centred roughly where they are, sized by their population.
- Synthetic geography: LSOAs grouped in wards (~6 LSOAs) and districts (~110 LSOAs, so ~300
  nationally), each district its own community safety partnership. Codes cannot clash with real
  ones: they are numbered from 900000 (`E01900000`, `E05…`, `E07…`, `E22…`, `E23…`; the four
  Welsh forces get the Welsh prefixes `W01`, `W05`, `W06`, `W22`, `W15`). Names read like ONS
  names ("Bramblewick 004B").
- Crime types in national proportions (anti-social behaviour ~26%, violence and sexual offences
  ~30%), with a seasonal swing (more in summer, anti-social behaviour most of all; fewer days in
  February). Counts per LSOA are skewed: every district has a town centre and a few other hot
  spots get many times the average, with more shoplifting and theft there.
- Each LSOA has a handful of snap points ("On or near High Street", "On or near Supermarket") at
  fixed coordinates near its centroid, as police.uk anonymises locations; apostrophes come out as
  police.uk writes them ("St Mary'S Close"). Rows are in LSOA name order, rows with no location
  last, as in the real files. Anti-social behaviour has no Crime ID and no outcome; crimes have a
  64-hex Crime ID and an outcome from police.uk's vocabulary. Context is always empty.
- About 1% of rows with an LSOA (`cross_border_rate`) fall in an LSOA of another force, mostly a
  neighbouring one, as forces record crimes just over their border.

Messy cases (only with `messy=True`), each at a small configurable rate and at least MIN_PER_FILE
times in every file big enough to hold them, each row with at most one problem:

- `no_lsoa`: "No Location", no coordinates, no LSOA (about 1% of real rows; a few keep their
  coordinates, like Kent's "On or near Ferry Terminal");
- `malformed_month`: "2022-13", "", "Jan-22", "2022/01", "2022-1";
- `other_month`: a well-formed month, the one before the file's;
- `malformed_lsoa`: a damaged LSOA code ("E0190001", "EO1900012", lower case);
- `unknown_crime_type`: "Violent crime", "Public disorder and weapons", "Burglry", …;
- `bad_coordinates`: the LSOA is there but a coordinate is "abc", "n/a", blank or 999.0 — the row is
  still valid (the LSOA places it): importers count it and only warn;
- `quoted_location`: not a problem at all, a Location with commas and quotes that must be quoted.
  (The real Kent files have none; they exercise the CSV reader.)

Which problem a row has is decided when it is made, so the ground truth needs no precedence; an
importer that checks in the order of `scrutiny.performance.police` (malformed month, other
month, no LSOA, malformed LSOA, unknown crime type; coordinates only a warning) classifies every
generated row as it was made. The manifest that `generate` returns says exactly what each file
holds, and (with `want_counts`) the counts per LSOA, month and crime type of its valid rows.
"""

from __future__ import annotations

import bisect
import csv
import itertools
import math
import random
import re
import shutil
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from scrutiny.performance.crime_types import ANTI_SOCIAL_BEHAVIOUR, CRIME_TYPES, STREET_COLUMNS

# --- What the generator knows ------------------------------------------------------------------


@dataclass(frozen=True)
class _ForceSpec:
    slug: str
    name: str  # as police.uk writes it in "Reported by" and "Falls within"
    pfa_name: str  # as the ONS names the police force area
    lat: float
    lon: float
    radius: float  # degrees: how far its districts spread
    population: float  # millions, roughly: how many LSOAs it gets
    intensity: float = 1.0  # crime per LSOA against the average
    welsh: bool = False


FORCE_SPECS: tuple[_ForceSpec, ...] = (
    _ForceSpec(
        "avon-and-somerset", "Avon and Somerset Constabulary", "Avon and Somerset", 51.30, -2.70, 0.35, 1.72
    ),
    _ForceSpec("bedfordshire", "Bedfordshire Police", "Bedfordshire", 52.05, -0.45, 0.15, 0.68),
    _ForceSpec("cambridgeshire", "Cambridgeshire Constabulary", "Cambridgeshire", 52.40, 0.00, 0.30, 0.86),
    _ForceSpec("cheshire", "Cheshire Constabulary", "Cheshire", 53.18, -2.55, 0.22, 1.07),
    _ForceSpec("city-of-london", "City of London Police", "London, City of", 51.515, -0.092, 0.012, 0.01, 6),
    _ForceSpec("cleveland", "Cleveland Police", "Cleveland", 54.57, -1.20, 0.12, 0.57, 1.3),
    _ForceSpec("cumbria", "Cumbria Constabulary", "Cumbria", 54.55, -3.00, 0.45, 0.50, 0.8),
    _ForceSpec("derbyshire", "Derbyshire Constabulary", "Derbyshire", 53.05, -1.60, 0.28, 1.06),
    _ForceSpec(
        "devon-and-cornwall", "Devon & Cornwall Police", "Devon & Cornwall", 50.55, -4.20, 0.75, 1.78, 0.8
    ),
    _ForceSpec("dorset", "Dorset Police", "Dorset", 50.78, -2.25, 0.30, 0.77),
    _ForceSpec("durham", "Durham Constabulary", "Durham", 54.68, -1.75, 0.20, 0.64),
    _ForceSpec("dyfed-powys", "Dyfed-Powys Police", "Dyfed-Powys", 52.10, -3.90, 0.55, 0.52, 0.7, True),
    _ForceSpec("essex", "Essex Police", "Essex", 51.78, 0.55, 0.30, 1.86),
    _ForceSpec("gloucestershire", "Gloucestershire Constabulary", "Gloucestershire", 51.85, -2.2, 0.25, 0.64),
    _ForceSpec(
        "greater-manchester", "Greater Manchester Police", "Greater Manchester", 53.50, -2.25, 0.18, 2.85, 1.2
    ),
    _ForceSpec("gwent", "Gwent Police", "Gwent", 51.70, -3.00, 0.15, 0.60, 1.0, True),
    _ForceSpec("hampshire", "Hampshire Constabulary", "Hampshire", 51.00, -1.30, 0.35, 2.01),
    _ForceSpec("hertfordshire", "Hertfordshire Constabulary", "Hertfordshire", 51.82, -0.25, 0.20, 1.19),
    _ForceSpec("humberside", "Humberside Police", "Humberside", 53.72, -0.50, 0.30, 0.93),
    _ForceSpec("kent", "Kent Police", "Kent", 51.22, 0.75, 0.35, 1.86),
    _ForceSpec("lancashire", "Lancashire Constabulary", "Lancashire", 53.85, -2.60, 0.30, 1.51),
    _ForceSpec("leicestershire", "Leicestershire Police", "Leicestershire", 52.65, -1.10, 0.25, 1.10),
    _ForceSpec("lincolnshire", "Lincolnshire Police", "Lincolnshire", 53.10, -0.25, 0.45, 0.77, 0.8),
    _ForceSpec("merseyside", "Merseyside Police", "Merseyside", 53.42, -2.95, 0.12, 1.43, 1.2),
    _ForceSpec(
        "metropolitan", "Metropolitan Police Service", "Metropolitan Police", 51.50, -0.12, 0.20, 8.90, 1.3
    ),
    _ForceSpec("norfolk", "Norfolk Constabulary", "Norfolk", 52.65, 0.95, 0.35, 0.91, 0.8),
    _ForceSpec("north-wales", "North Wales Police", "North Wales", 53.05, -3.60, 0.40, 0.70, 0.9, True),
    _ForceSpec("north-yorkshire", "North Yorkshire Police", "North Yorkshire", 54.10, -1.40, 0.50, 0.83, 0.7),
    _ForceSpec("northamptonshire", "Northamptonshire Police", "Northamptonshire", 52.30, -0.90, 0.25, 0.75),
    _ForceSpec("northumbria", "Northumbria Police", "Northumbria", 55.05, -1.80, 0.35, 1.46, 1.1),
    _ForceSpec("nottinghamshire", "Nottinghamshire Police", "Nottinghamshire", 53.10, -1.05, 0.25, 1.16),
    _ForceSpec("south-wales", "South Wales Police", "South Wales", 51.60, -3.50, 0.25, 1.33, 1.1, True),
    _ForceSpec("south-yorkshire", "South Yorkshire Police", "South Yorkshire", 53.48, -1.35, 0.20, 1.41, 1.2),
    _ForceSpec("staffordshire", "Staffordshire Police", "Staffordshire", 52.80, -2.00, 0.28, 1.13),
    _ForceSpec("suffolk", "Suffolk Constabulary", "Suffolk", 52.20, 1.00, 0.30, 0.76, 0.8),
    _ForceSpec("surrey", "Surrey Police", "Surrey", 51.25, -0.40, 0.20, 1.20, 0.8),
    _ForceSpec("sussex", "Sussex Police", "Sussex", 50.95, -0.30, 0.35, 1.71),
    _ForceSpec("thames-valley", "Thames Valley Police", "Thames Valley", 51.65, -1.00, 0.40, 2.43),
    _ForceSpec("warwickshire", "Warwickshire Police", "Warwickshire", 52.28, -1.55, 0.20, 0.58),
    _ForceSpec("west-mercia", "West Mercia Police", "West Mercia", 52.45, -2.65, 0.45, 1.30, 0.9),
    _ForceSpec("west-midlands", "West Midlands Police", "West Midlands", 52.48, -1.90, 0.15, 2.93, 1.2),
    _ForceSpec("west-yorkshire", "West Yorkshire Police", "West Yorkshire", 53.78, -1.65, 0.20, 2.33, 1.3),
    _ForceSpec("wiltshire", "Wiltshire Police", "Wiltshire", 51.32, -1.90, 0.28, 0.72, 0.9),
)
FORCE_SLUGS: tuple[str, ...] = tuple(f.slug for f in FORCE_SPECS)

#: Share of all rows, nationally, before seasonality and town centres shift it a little.
CRIME_TYPE_SHARES: dict[str, float] = {
    ANTI_SOCIAL_BEHAVIOUR: 0.26,
    "Violence and sexual offences": 0.30,
    "Criminal damage and arson": 0.083,
    "Other theft": 0.07,
    "Public order": 0.065,
    "Vehicle crime": 0.055,
    "Shoplifting": 0.045,
    "Burglary": 0.045,
    "Drugs": 0.02,
    "Other crime": 0.018,
    "Robbery": 0.011,
    "Bicycle theft": 0.011,
    "Theft from the person": 0.01,
    "Possession of weapons": 0.007,
}
#: How much more (or less) of a type a town centre sees.
TOWN_CENTRE_FACTORS: dict[str, float] = {
    "Shoplifting": 4.0,
    "Theft from the person": 4.0,
    "Robbery": 2.0,
    "Other theft": 1.5,
    "Bicycle theft": 1.5,
    "Drugs": 1.5,
    "Public order": 1.5,
    "Violence and sexual offences": 1.1,
    "Burglary": 0.4,
    "Vehicle crime": 0.6,
}
#: Seasonal amplitude by type (peak in July, trough in January); the total swings by SEASON_TOTAL.
SEASON_TOTAL = 0.06
SEASON_BY_TYPE: dict[str, float] = {
    ANTI_SOCIAL_BEHAVIOUR: 0.2,
    "Burglary": -0.1,
    "Violence and sexual offences": 0.05,
}
#: Rows with no location are mostly violence and sexual offences (~70% in Kent's files), never ASB.
NO_LOCATION_SHARES: dict[str, float] = {
    "Violence and sexual offences": 0.70,
    "Other theft": 0.08,
    "Other crime": 0.06,
    "Public order": 0.05,
    "Criminal damage and arson": 0.04,
    "Drugs": 0.03,
    "Vehicle crime": 0.02,
    "Burglary": 0.01,
    "Robbery": 0.01,
}

#: "Last outcome category" of a crime, with Kent 2022's proportions (anti-social behaviour has none).
OUTCOME_SHARES: dict[str, float] = {
    "Unable to prosecute suspect": 0.45,
    "Investigation complete; no suspect identified": 0.31,
    "Court result unavailable": 0.046,
    "Status update unavailable": 0.039,
    "Under investigation": 0.03,
    "Action to be taken by another organisation": 0.028,
    "Further investigation is not in the public interest": 0.024,
    "Awaiting court outcome": 0.018,
    "Local resolution": 0.0136,
    "Offender given a caution": 0.011,
    "Suspect charged as part of another case": 0.003,
    "Formal action is not in the public interest": 0.002,
    "Further action is not in the public interest": 0.0017,
    "Offender given a drugs possession warning": 0.001,
    "Offender given penalty notice": 0.0003,
}
_NO_SUSPECT = "Investigation complete; no suspect identified"
_UNABLE = "Unable to prosecute suspect"
OUTCOME_FACTORS: dict[str, dict[str, float]] = {
    "Drugs": {
        "Local resolution": 15,
        "Offender given a drugs possession warning": 150,
        "Awaiting court outcome": 5,
        "Offender given a caution": 6,
        _NO_SUSPECT: 0.05,
    },
    "Shoplifting": {"Court result unavailable": 3, "Awaiting court outcome": 4, "Local resolution": 3},
    "Possession of weapons": {"Awaiting court outcome": 6, "Court result unavailable": 4},
    "Violence and sexual offences": {_UNABLE: 1.5, _NO_SUSPECT: 0.5},
    "Burglary": {_NO_SUSPECT: 2.2, _UNABLE: 0.4},
    "Vehicle crime": {_NO_SUSPECT: 2.5, _UNABLE: 0.2},
    "Bicycle theft": {_NO_SUSPECT: 2.5, _UNABLE: 0.2},
    "Theft from the person": {_NO_SUSPECT: 2.5, _UNABLE: 0.3},
}

STREET_FIRST = (
    "High", "Station", "Church", "London", "Mill", "Park", "Victoria", "Queen'S", "King'S", "St Mary'S",
    "Manor", "Green", "School", "North", "South", "West", "New", "Chapel", "Oak", "Elm", "Meadow",
    "Windsor", "Albert", "York", "George", "Castle", "Orchard", "Springfield", "Bridge", "Grange",
    "Cooper'S", "St John'S", "Market", "Woodland", "Beech", "Willow", "Cedar", "Priory", "Abbey", "Tower",
)
# Made-up street names from two parts ("Cobbcroft Lane"): police.uk files have thousands of names.
STREET_ROOTS = (
    "Ash", "Bag", "Birch", "Brook", "Cobb", "Cran", "Dean", "Elder", "Fair", "Fox", "Gold", "Hawk",
    "Holly", "Kings", "Lark", "Long", "Maple", "Mead", "Nut", "Pear", "Rad", "Rose", "Sand", "Shep",
    "Stone", "Thorn", "Wal", "Wel", "Whit", "Wood",
)
STREET_ENDINGS = (
    "ham", "croft", "field", "hurst", "well", "den", "ley", "mere", "wood", "gate", "stone", "bury",
)
STREET_KIND = (
    "Street", "Road", "Lane", "Close", "Avenue", "Drive", "Way", "Gardens", "Crescent", "Place",
    "Terrace", "Walk", "Mews", "Court", "Hill", "Grove", "View", "Rise",
)
PLACE_TYPES = (
    "Supermarket", "Parking Area", "Shopping Area", "Petrol Station", "Sports/Recreation Area",
    "Nightclub", "Hospital", "Police Station", "Park/Open Space", "Theatre/Concert Hall",
    "Pedestrian Subway", "Further/Higher Educational Building", "Conference/Exhibition Centre",
)
EXTRA_STREETS = ("The Street", "A2", "B2175", "Bus/Coach Station")
QUOTED_LOCATIONS = (
    'On or near "The Parade"',
    "On or near Station Road, Car Park",
    'On or near Bishop\'S Walk, "Old Market"',
    "On or near Unit 3, Riverside Retail Park",
    'On or near "Kings Arms", High Street',
)
DISTRICT_FIRST = (
    "Synth", "Quill", "Vesper", "Marrow", "Thistle", "Bramble", "Cinder", "Dapple", "Ember", "Fallow",
    "Gorse", "Heron", "Juniper", "Kestrel", "Linnet", "Moss", "Nettle", "Otter", "Pebble", "Quarry",
    "Rush", "Sorrel", "Teasel", "Umber", "Vetch", "Willow", "Yarrow", "Zephyr", "Alder", "Bittern",
)
DISTRICT_LAST = (
    "dale", "ford", "ham", "ton", "bury", "field", "wick", "mouth", "ley", "worth", "stead", "by", "combe",
    "holt",
)
DISTRICT_PREFIXES = ("", "North ", "South ", "East ", "West ", "Upper ", "Lower ")
WARD_WORDS = (
    "Abbey", "Castle", "Central", "Riverside", "Park", "Hill", "Marsh", "Green", "Heath", "Priory",
    "Town", "Harbour", "Moor", "Vale", "Forest", "Brook", "Common", "Downs", "Meadows", "Church",
    "Northfield", "Westgate", "Eastcliff", "Southmead", "Oakwood", "Ashgrove", "Millbrook", "Fairfield",
)
WARD_SUFFIXES = ("", " North", " South", " East", " West", " Central", " Rural", " Village")

#: Kinds of row made on purpose, in the order `scrutiny.performance.police` checks them.
REJECT_KINDS: tuple[str, ...] = (
    "malformed_month", "other_month", "no_lsoa", "malformed_lsoa", "unknown_crime_type",
)
WARNING_KINDS: tuple[str, ...] = ("bad_coordinates",)
QUIRK_KINDS: tuple[str, ...] = ("quoted_location",)
MESS_KINDS: tuple[str, ...] = REJECT_KINDS + WARNING_KINDS + QUIRK_KINDS
#: In every file big enough, at least this many rows of each messy kind (when messy).
MIN_PER_FILE = 2

UNKNOWN_CRIME_TYPES = (
    "Violent crime", "Public disorder and weapons", "Burglry", "Anti social behaviour", "Theft",
)
MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
LSOAS_PER_DISTRICT = 110
LSOAS_PER_WARD = 6
CODE_BASE = 900000  # synthetic codes start here; real ones are far below
# Snap points of an LSOA: how often each is used (the first is the busiest).
SLOT_WEIGHTS = (8, 6, 5, 4, 3, 3, 2, 2, 1, 1)
SLOT_SPREAD = (0.0025, 0.0016)  # degrees lon, lat: about 170 m, as measured in Kent's files
GB_BOX = (50.0, 55.8, -5.6, 1.7)  # lat min, lat max, lon min, lon max: inside the importer's bounds
ZIP_NAME = "police-uk.zip"
LOOKUP_NAMES = {
    "lsoa_ward_district": "LSOA11_WD17_LAD17_EW_lookup.csv",
    "district_csp_force": "LAD19_CSP19_PFA19_EW_lookup.csv",
    "population": "population_mid2021_LAD.csv",
}
MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


# --- Geography -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Force:
    slug: str
    name: str
    code: str
    pfa_name: str
    country: str  # "E" or "W"
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class District:
    code: str
    name: str
    force: str  # slug
    csp_code: str
    csp_name: str
    population: int
    geography: str  # as in the ONS population file: "Non-metropolitan District", "Unitary Authority"


@dataclass(frozen=True, slots=True)
class Ward:
    code: str
    name: str
    name_welsh: str
    district: str  # code


@dataclass(frozen=True, slots=True)
class Lsoa:
    code: str
    name: str
    ward: str  # code
    district: str  # code
    force: str  # slug
    lat: float  # centroid
    lon: float
    population: int
    hot_spot: bool  # a town centre or the like: many times the average crime
    weight: float  # relative crime volume, within its force
    street_base: int  # where its snap points start in the street pool


@dataclass
class Geography:
    forces: list[Force]
    districts: list[District]
    wards: list[Ward]
    lsoas: list[Lsoa]
    force_ranges: dict[str, range] = field(default_factory=dict)  # slug -> indices into lsoas
    neighbours: dict[str, list[str]] = field(default_factory=dict)  # slug -> nearest forces, nearest first
    name_rank: list[int] = field(default_factory=list)  # LSOA index -> place in name order

    def force(self, slug: str) -> Force:
        return next(f for f in self.forces if f.slug == slug)

    def lsoas_of(self, slug: str) -> list[Lsoa]:
        return [self.lsoas[i] for i in self.force_ranges[slug]]

    @property
    def district_populations(self) -> dict[str, int]:
        return {d.code: d.population for d in self.districts}


def _code(prefix: str, country: str, number: int) -> str:
    return f"{country}{prefix}{CODE_BASE + number:06d}"


def _apportion(total: int, weights: Sequence[float], minimum: int = 0) -> list[int]:
    """Split `total` in proportion to `weights` (largest remainder), each part at least `minimum`."""
    spare = total - minimum * len(weights)
    if spare < 0:
        raise ValueError(f"cannot give {len(weights)} parts at least {minimum} each out of {total}")
    whole = sum(weights) or 1.0
    exact = [spare * w / whole for w in weights]
    parts = [int(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (parts[i] - exact[i], i))
    for i in by_remainder[: spare - sum(parts)]:
        parts[i] += 1
    return [p + minimum for p in parts]


def _choose_forces(forces: int | Sequence[str]) -> list[_ForceSpec]:
    if isinstance(forces, int):
        if not 1 <= forces <= len(FORCE_SPECS):
            raise ValueError(f"forces must be between 1 and {len(FORCE_SPECS)}, not {forces}")
        return list(FORCE_SPECS[:forces])
    by_slug = {f.slug: f for f in FORCE_SPECS}
    unknown = [s for s in forces if s not in by_slug]
    if unknown or not forces or len(set(forces)) != len(forces):
        raise ValueError(f"forces must be distinct slugs of {', '.join(FORCE_SLUGS)}; got {list(forces)}")
    return [by_slug[s] for s in forces]


def _district_names(rng: random.Random, count: int) -> list[str]:
    bases = [a + b for a in DISTRICT_FIRST for b in DISTRICT_LAST]
    rng.shuffle(bases)
    names = [p + b for p in DISTRICT_PREFIXES for b in bases]
    if count > len(names):
        raise ValueError(f"at most {len(names)} districts can be named; ask for fewer LSOAs")
    return names[:count]


def _ward_names(rng: random.Random, count: int) -> list[str]:
    words = list(WARD_WORDS)
    rng.shuffle(words)
    names = [w + s for s in WARD_SUFFIXES for w in words][:count]
    for i in range(len(names)):
        if rng.random() < 0.04:  # a joint ward, with a comma, as "Ham, Petersham and Richmond Riverside"
            a, b = rng.sample(WARD_WORDS, 2)
            joint = f"{names[i]}, {a} and {b}"
            if joint not in names:
                names[i] = joint
    return names


def _in_disk(rng: random.Random, lat: float, lon: float, radius: float) -> tuple[float, float]:
    r, a = radius * math.sqrt(rng.random()), rng.random() * 2 * math.pi
    # a degree of longitude is shorter than one of latitude (~0.62 at 52°N)
    return lat + r * math.sin(a) * 0.62, lon + r * math.cos(a)


def _clip(lat: float, lon: float) -> tuple[float, float]:
    return min(max(lat, GB_BOX[0]), GB_BOX[1]), min(max(lon, GB_BOX[2]), GB_BOX[3])


def build_geography(*, forces: int | Sequence[str] = 3, lsoas: int = 300, seed: int = 1) -> Geography:
    """The synthetic LSOAs, wards, districts (one CSP each) and forces; deterministic for a seed."""
    specs = _choose_forces(forces)
    if lsoas < 2 * len(specs):
        raise ValueError(f"at least 2 LSOAs per force are needed: {2 * len(specs)} for {len(specs)} forces")
    if lsoas > 99_999:
        raise ValueError("at most 99,999 LSOAs (the synthetic codes have room for no more)")
    rng = random.Random(f"geography:{seed}:{lsoas}:{','.join(s.slug for s in specs)}")  # noqa: S311
    per_force = _apportion(lsoas, [s.population for s in specs], minimum=2)
    per_district = []
    for n in per_force:
        count = max(1, round(n / LSOAS_PER_DISTRICT))
        if n >= 4:
            count = max(2, count)
        per_district.append(_apportion(n, [rng.lognormvariate(0, 0.35) for _ in range(count)], minimum=1))
    names = iter(_district_names(rng, sum(len(d) for d in per_district)))
    geo = Geography(forces=[], districts=[], wards=[], lsoas=[])
    for spec, sizes in zip(specs, per_district, strict=True):
        country = "W" if spec.welsh else "E"
        number = FORCE_SPECS.index(spec)  # a force's code is the same whichever forces are generated
        geo.forces.append(
            Force(spec.slug, spec.name, _code("23" if country == "E" else "15", country, number),
                  spec.pfa_name, country, spec.lat, spec.lon)
        )
        start = len(geo.lsoas)
        for size in sizes:
            _add_district(geo, rng, spec, country, next(names), size)
        geo.force_ranges[spec.slug] = range(start, len(geo.lsoas))
    for f in geo.forces:
        others = sorted((o for o in geo.forces if o.slug != f.slug), key=lambda o: _distance(f, o))
        geo.neighbours[f.slug] = [o.slug for o in others]
    order = sorted(range(len(geo.lsoas)), key=lambda i: geo.lsoas[i].name)
    geo.name_rank = [0] * len(order)
    for place, index in enumerate(order):
        geo.name_rank[index] = place
    return geo


def _distance(a: Force | Lsoa, b: Force | Lsoa) -> float:
    return math.hypot(a.lat - b.lat, (a.lon - b.lon) * 0.62)


def _add_district(
    geo: Geography, rng: random.Random, spec: _ForceSpec, country: str, name: str, size: int
) -> None:
    number = len(geo.districts)
    code = _code("07" if country == "E" else "06", country, number)
    lat, lon = _in_disk(rng, spec.lat, spec.lon, spec.radius * 0.85)
    spread = max(0.004, spec.radius / 6)
    ward_count = max(1, round(size / LSOAS_PER_WARD))
    ward_sizes = _apportion(size, [rng.uniform(0.6, 1.4) for _ in range(ward_count)], minimum=1)
    wards = []
    for ward_name in _ward_names(rng, len(ward_sizes)):
        welsh = ward_name if country == "W" else ""  # Welsh wards have a Welsh name too, often the same
        ward = Ward(_code("05", country, len(geo.wards)), ward_name, welsh, code)
        geo.wards.append(ward)
        wards.append(ward)
    ward_of = [w.code for w, n in zip(wards, ward_sizes, strict=True) for _ in range(n)]
    # MSOAs of ~5 LSOAs, numbered in no particular order; LSOAs lettered A, B, … within them.
    msoa_sizes: list[int] = []
    while sum(msoa_sizes) < size:
        msoa_sizes.append(min(rng.choice((4, 5, 5, 5, 6, 7)), size - sum(msoa_sizes)))
    msoa_numbers = list(range(1, len(msoa_sizes) + 1))
    rng.shuffle(msoa_numbers)
    centre = rng.randrange(size)  # the town centre
    population = 0
    position = 0
    for msoa, msoa_size in zip(msoa_numbers, msoa_sizes, strict=True):
        for letter in "ABCDEFGHIJK"[:msoa_size]:
            hot = position == centre or rng.random() < 0.006
            weight = rng.lognormvariate(0, 0.7) * spec.intensity * (rng.uniform(4, 10) if hot else 1.0)
            lsoa_lat, lsoa_lon = _clip(lat + rng.gauss(0, spread) * 0.62, lon + rng.gauss(0, spread))
            people = min(max(int(rng.gauss(1700, 280)), 1000), 3200)
            geo.lsoas.append(
                Lsoa(_code("01", country, len(geo.lsoas)), f"{name} {msoa:03d}{letter}", ward_of[position],
                     code, spec.slug, round(lsoa_lat, 6), round(lsoa_lon, 6), people, hot, weight,
                     rng.getrandbits(30))
            )
            population += people
            position += 1
    geography = "Unitary Authority" if country == "W" else "Non-metropolitan District"
    geo.districts.append(
        District(code, name, spec.slug, _code("22", country, number), name, population, geography)
    )


# --- Manifest ------------------------------------------------------------------------------------

CountKey = tuple[str, str, str]  # (LSOA code, month "YYYY-MM", crime type)


@dataclass
class FileManifest:
    """What one generated file holds. Every row is exactly one of: valid (counted), or one reject kind."""

    force: str  # slug
    force_name: str
    month: str  # "YYYY-MM"
    path: Path
    rows: int = 0
    no_lsoa: int = 0
    malformed_month: int = 0
    other_month: int = 0
    malformed_lsoa: int = 0
    unknown_crime_type: int = 0
    bad_coordinates: int = 0  # valid rows (LSOA present) with unusable coordinates: counted, warned
    quoted_location: int = 0  # valid rows whose Location needs quoting
    cross_border: int = 0  # rows placed in an LSOA of another force (whatever else they have)
    anti_social_behaviour: int = 0  # valid ASB rows (no Crime ID)
    counts: dict[CountKey, int] | None = None  # valid rows by (LSOA, month, type); None unless want_counts

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def rejects(self) -> dict[str, int]:
        """The rows an importer must not count, by reason (the importer's names), non-zero only."""
        return {k: getattr(self, k) for k in REJECT_KINDS if getattr(self, k)}

    @property
    def warnings(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in WARNING_KINDS if getattr(self, k)}

    @property
    def rows_rejected(self) -> int:
        return sum(self.rejects.values())

    @property
    def rows_counted(self) -> int:
        return self.rows - self.rows_rejected


@dataclass
class Manifest:
    out_dir: Path
    months: list[str]
    seed: int
    geography: Geography
    files: list[FileManifest]
    rates: dict[str, float]
    cross_border_rate: float
    zip_path: Path | None = None
    lookup_paths: dict[str, Path] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return sum(f.rows for f in self.files)

    @property
    def rows_counted(self) -> int:
        return sum(f.rows_counted for f in self.files)

    def file(self, force: str, month: str) -> FileManifest:
        return next(f for f in self.files if f.force == force and f.month == month)

    @property
    def counts(self) -> dict[CountKey, int] | None:
        """Valid rows by (LSOA, month, crime type), summed over every file (a cross-border LSOA's
        rows in two forces' files add up); None if generated without counts."""
        if any(f.counts is None for f in self.files):
            return None
        total: Counter[CountKey] = Counter()
        for f in self.files:
            total.update(f.counts or {})
        return dict(total)


# --- Rows ----------------------------------------------------------------------------------------


def _cumulative(weights: Iterable[float]) -> list[float]:
    return list(itertools.accumulate(weights))


def _month_parts(month: str) -> tuple[int, int]:
    match = MONTH_RE.match(month)
    if not match:
        raise ValueError(f"months are YYYY-MM, not {month!r}")
    return int(match[1]), int(match[2])


def _previous_month(month: str) -> str:
    year, mon = _month_parts(month)
    return f"{year - 1}-12" if mon == 1 else f"{year}-{mon - 1:02d}"


def _days(year: int, month: int) -> int:
    if month == 2:
        return 29 if (year % 4 == 0 and year % 100 != 0) or year % 400 == 0 else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _season(month: int) -> float:
    return math.cos(2 * math.pi * (month - 7) / 12)  # 1 in July, -1 in January


def _type_weights(month: int, town_centre: bool) -> list[float]:
    s = _season(month)
    return [
        CRIME_TYPE_SHARES[t]
        * (1 + SEASON_BY_TYPE.get(t, 0.0) * s)
        * (TOWN_CENTRE_FACTORS.get(t, 1.0) if town_centre else 1.0)
        for t in CRIME_TYPES
    ]


def _outcome_table() -> dict[str, tuple[list[str], list[float]]]:
    names = list(OUTCOME_SHARES)
    table = {}
    for t in CRIME_TYPES:
        factors = OUTCOME_FACTORS.get(t, {})
        table[t] = (names, _cumulative(OUTCOME_SHARES[n] * factors.get(n, 1.0) for n in names))
    return table


def _street_pool() -> list[str]:
    firsts = list(STREET_FIRST) + [a + b for a in STREET_ROOTS for b in STREET_ENDINGS]
    return [f"{a} {b}" for b in STREET_KIND for a in firsts] + list(EXTRA_STREETS)


def _q(value: str) -> str:
    """A field as csv's QUOTE_MINIMAL (excel dialect) writes it: quoted only if it must be."""
    if "," in value or '"' in value or "\r" in value or "\n" in value:
        return '"' + value.replace('"', '""') + '"'
    return value


def _line(fields: Sequence[str]) -> str:
    return ",".join(_q(f) for f in fields) + "\r\n"


_STREETS = [f"On or near {s}" for s in _street_pool()]
# the first place types are the commonest (supermarkets, car parks: as in Kent's files)
_PLACES = [f"On or near {p}" for i, p in enumerate(PLACE_TYPES) for _ in range(max(1, 5 - i))]
_OFFSET_RNG = random.Random(20220101)  # noqa: S311 (fixed: snap points do not depend on the seed)
_OFFSETS = [
    (_OFFSET_RNG.gauss(0, 1) * SLOT_SPREAD[0], _OFFSET_RNG.gauss(0, 1) * SLOT_SPREAD[1]) for _ in range(1021)
]
_SLOT_CUM = _cumulative(SLOT_WEIGHTS)
if any(_q(x) != x for x in [*_STREETS, *_PLACES, *CRIME_TYPES, *OUTCOME_SHARES]):
    raise RuntimeError("locations, crime types and outcomes are written unquoted: none may need quoting")


def _snap_points(lsoa: Lsoa) -> list[tuple[str, str, str]]:
    """The LSOA's snap points as (Location, Longitude, Latitude) text: the same every month.

    The LSOA's centroid is inside GB_BOX, which leaves a margin (>0.1 degree) to the importer's
    bounds, far more than a snap point's offset: no clipping needed.
    """
    points = []
    base, lat, lon = lsoa.street_base, lsoa.lat, lsoa.lon
    places = 3 if lsoa.hot_spot else 1
    for j in range(len(SLOT_WEIGHTS)):
        if j < places and (base >> j) & 1:
            where = _PLACES[(base + 5 * j) % len(_PLACES)]
        else:
            where = _STREETS[(base + 37 * j) % len(_STREETS)]
        dx, dy = _OFFSETS[(base + 53 * j) % len(_OFFSETS)]
        points.append((where, f"{lon + dx:.6f}", f"{lat + dy:.6f}"))
    return points


def _draw(rng: random.Random, n: int, rate: float) -> int:
    """About n * rate, rounded at random so small files still get some."""
    expected = n * rate
    whole = int(expected)
    return whole + (1 if rng.random() < expected - whole else 0)


@dataclass
class _FilePlan:
    force: Force
    month: str
    rows: int
    no_lsoa: int
    mess: dict[str, int]  # kinds placed on rows with an LSOA
    cross_border: int


def _plan_mess(rng: random.Random, rows: int, rates: Mapping[str, float], messy: bool) -> dict[str, int]:
    if not messy:
        return dict.fromkeys(MESS_KINDS, 0)
    counts = {k: _draw(rng, rows, rates[k]) for k in MESS_KINDS}
    budget = rows // 3  # never more than a third of a file messy
    for k in MESS_KINDS:
        if rates[k] > 0:
            counts[k] = max(counts[k], MIN_PER_FILE)
    while sum(counts.values()) > budget:  # a tiny file: take from the biggest
        biggest = max(MESS_KINDS, key=lambda k: (counts[k], k))
        counts[biggest] -= 1
    return counts


class _FileWriter:
    """Writes one file's rows, LSOA by LSOA in name order, and tallies what it wrote."""

    def __init__(
        self, geo: Geography, plan: _FilePlan, rng: random.Random, manifest: FileManifest, want_counts: bool
    ) -> None:
        self.geo, self.plan, self.rng, self.m = geo, plan, rng, manifest
        year, mon = _month_parts(plan.month)
        self.year, self.mon = year, mon
        self.cum_home = _cumulative(_type_weights(mon, False))
        self.cum_centre = _cumulative(_type_weights(mon, True))
        self.outcomes = _outcome_table()
        self.counts: Counter[CountKey] | None = Counter() if want_counts else None
        self.bad_months = [f"{year}-13", "", f"{MONTH_ABBR[mon - 1]}-{year % 100:02d}", f"{year}/{mon:02d}"]
        if mon < 10:
            self.bad_months.append(f"{year}-{mon}")
        self.other_month = _previous_month(plan.month)
        self.force_field = f"{_q(plan.force.name)},{_q(plan.force.name)}"

    def lsoa_counts(self) -> Counter[int]:
        """How many rows each LSOA (by index) gets: home rows by weight, cross-border in neighbours."""
        rng, geo, plan = self.rng, self.geo, self.plan
        home = geo.force_ranges[plan.force.slug]
        with_lsoa = plan.rows - plan.no_lsoa
        cum = _cumulative(geo.lsoas[i].weight for i in home)
        picks = rng.choices(home, cum_weights=cum, k=with_lsoa - plan.cross_border)
        picks += self._cross_border_picks(plan.cross_border)
        return Counter(picks)

    def _cross_border_picks(self, n: int) -> list[int]:
        rng, geo, slug = self.rng, self.geo, self.plan.force.slug
        if n == 0:
            return []
        me = self.plan.force
        border: list[int] = []
        for other in geo.neighbours[slug][:3]:
            # the other force's LSOAs nearest to this force: the ones just over the border
            near = sorted(geo.force_ranges[other], key=lambda i: _distance(geo.lsoas[i], me))[:6]
            border.extend(near)
        elsewhere = [i for s in geo.neighbours[slug] for i in geo.force_ranges[s]]
        return [rng.choice(border) if rng.random() < 0.8 else rng.choice(elsewhere) for _ in range(n)]

    def write(self, fh: TextIO) -> None:
        """Rows LSOA by LSOA, in LSOA name order as police.uk sorts them, no-location rows last.

        Lines are joined by hand rather than by csv.writer (several times faster); `_q` quotes
        as csv's QUOTE_MINIMAL would, and the tests check the bytes against csv.writer's.
        """
        fh.write(_line(STREET_COLUMNS))
        per_lsoa = self.lsoa_counts()
        mess_rows = sum(self.plan.mess.values())
        positions = self.rng.sample(range(self.plan.rows - self.plan.no_lsoa), mess_rows)
        kinds = [k for k, n in self.plan.mess.items() for _ in range(n)]
        mess_at = dict(zip(positions, kinds, strict=True))
        position = 0
        home = self.geo.force_ranges[self.plan.force.slug]
        for index in sorted(per_lsoa, key=self.geo.name_rank.__getitem__):
            n = per_lsoa[index]
            fh.write(self._lsoa_lines(self.geo.lsoas[index], n, position, mess_at))
            if index not in home:
                self.m.cross_border += n
            position += n
        fh.write("".join(_line(row) for row in self._no_location_rows(self.plan.no_lsoa)))
        if self.counts is not None:
            self.m.counts = dict(self.counts)

    def _crime_id(self) -> str:
        return f"{self.rng.getrandbits(256):064x}"

    def _outcome(self, crime_type: str) -> str:
        names, cum = self.outcomes[crime_type]
        return names[bisect.bisect(cum, self.rng.random() * cum[-1])]

    def _lsoa_lines(self, lsoa: Lsoa, n: int, position: int, mess_at: dict[int, str]) -> str:
        rng, m, month = self.rng, self.m, self.plan.month
        random_, getrandbits, bisect_ = rng.random, rng.getrandbits, bisect.bisect
        outcomes = self.outcomes
        points = _snap_points(lsoa)
        name = self.force_field
        place = f"{_q(lsoa.code)},{_q(lsoa.name)}"
        types = rng.choices(CRIME_TYPES, cum_weights=self.cum_centre if lsoa.hot_spot else self.cum_home, k=n)
        at = rng.choices(points, cum_weights=_SLOT_CUM, k=n)
        lines = []
        tally: Counter[str] = Counter()
        for offset, (crime_type, (where, lon, lat)) in enumerate(zip(types, at, strict=True)):
            if crime_type == ANTI_SOCIAL_BEHAVIOUR:
                crime_id = outcome = ""
            else:
                crime_id = f"{getrandbits(256):064x}"
                names, cum = outcomes[crime_type]
                outcome = names[bisect_(cum, random_() * cum[-1])]
            kind = mess_at.get(position + offset)
            if kind is None:
                lines.append(
                    f"{crime_id},{month},{name},{lon},{lat},{where},{place},{crime_type},{outcome},\r\n"
                )
                tally[crime_type] += 1
                continue
            row = [crime_id, month, self.plan.force.name, self.plan.force.name, lon, lat, where, lsoa.code,
                   lsoa.name, crime_type, outcome, ""]
            self._spoil(row, kind)
            setattr(m, kind, getattr(m, kind) + 1)
            if kind in WARNING_KINDS or kind in QUIRK_KINDS:  # still valid: counted
                tally[crime_type] += 1
            lines.append(_line(row))
        m.anti_social_behaviour += tally[ANTI_SOCIAL_BEHAVIOUR]
        if self.counts is not None:
            for crime_type, count in tally.items():
                self.counts[(lsoa.code, month, crime_type)] += count
        return "".join(lines)

    def _spoil(self, row: list[str], kind: str) -> None:
        """Give a row its one problem (columns: 0 id, 1 month, 4 lon, 5 lat, 6 location, 7 LSOA, 9 type)."""
        rng = self.rng
        if kind == "malformed_month":
            row[1] = rng.choice(self.bad_months)
        elif kind == "other_month":
            row[1] = self.other_month
        elif kind == "malformed_lsoa":
            code = row[7]
            row[7] = rng.choice((code[:-1], code[0] + "O" + code[2:], code.lower()))
        elif kind == "unknown_crime_type":
            row[9] = rng.choice(UNKNOWN_CRIME_TYPES)
            is_asb = row[9] == "Anti social behaviour"
            row[0] = "" if is_asb else (row[0] or self._crime_id())
            row[10] = "" if is_asb else (row[10] or self._outcome("Other crime"))
        elif kind == "bad_coordinates":
            row[4], row[5] = rng.choice((("abc", row[5]), ("", ""), (row[4], "999.0"), (row[4], ""), (row[4], "n/a")))
        elif kind == "quoted_location":
            row[6] = rng.choice(QUOTED_LOCATIONS)

    def _no_location_rows(self, n: int) -> list[list[str]]:
        rng, month, force = self.rng, self.plan.month, self.plan.force
        names = list(NO_LOCATION_SHARES)
        cum = _cumulative(NO_LOCATION_SHARES.values())
        rows = []
        for _ in range(n):
            crime_type = names[bisect.bisect(cum, rng.random() * cum[-1])]
            lon = lat = ""
            where = "No Location"
            if rng.random() < 0.02:  # placed, but in no LSOA: a port, out at sea
                lat_f, lon_f = _clip(force.lat + rng.uniform(-0.1, 0.1), force.lon + rng.uniform(-0.1, 0.1))
                lon, lat, where = f"{lon_f:.6f}", f"{lat_f:.6f}", "On or near Ferry Terminal"
            rows.append([self._crime_id(), month, force.name, force.name, lon, lat, where, "", "", crime_type,
                         self._outcome(crime_type), ""])
        self.m.no_lsoa += n
        return rows


def _plan_files(
    geo: Geography, months: Sequence[str], rows_per_month: int, seed: int, rates: Mapping[str, float],
    messy: bool, cross_border_rate: float,
) -> list[_FilePlan]:
    """Rows per file: exactly rows_per_month * len(months) in all, shared by season and force size."""
    volumes = []
    for month in months:
        year, mon = _month_parts(month)
        volumes.append(_days(year, mon) / 30.44 * (1 + SEASON_TOTAL * _season(mon)))
    month_rows = _apportion(rows_per_month * len(months), volumes)
    weight = {f.slug: sum(geo.lsoas[i].weight for i in geo.force_ranges[f.slug]) for f in geo.forces}
    plans = []
    for month, total in zip(months, month_rows, strict=True):
        rng = random.Random(f"plan:{seed}:{month}")  # noqa: S311
        shares = [weight[f.slug] * rng.lognormvariate(0, 0.03) for f in geo.forces]
        for force, rows in zip(geo.forces, _apportion(total, shares), strict=True):
            frng = random.Random(f"plan:{seed}:{month}:{force.slug}")  # noqa: S311
            mess = _plan_mess(frng, rows, rates, messy)
            no_lsoa = mess.pop("no_lsoa")
            with_lsoa = rows - no_lsoa
            cross = _draw(frng, with_lsoa, cross_border_rate) if len(geo.forces) > 1 else 0
            plans.append(_FilePlan(force, month, rows, no_lsoa, mess, min(cross, with_lsoa)))
    return plans


# --- Lookups -------------------------------------------------------------------------------------

AGES = [str(a) for a in range(90)] + ["90+"]
POPULATION_COLUMNS = 256  # the ONS file pads every row with empty cells to this width


def _age_weights() -> list[float]:
    return [1.0 if a < 60 else 1.0 - (a - 60) * 0.025 for a in range(90)] + [0.7]


def write_lookups(geo: Geography, folder: Path, seed: int = 1) -> dict[str, Path]:
    """ONS-shaped lookups for the synthetic geography; returns their paths by LOOKUP_NAMES key."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {key: folder / name for key, name in LOOKUP_NAMES.items()}
    wards = {w.code: w for w in geo.wards}
    districts = {d.code: d for d in geo.districts}
    forces = {f.slug: f for f in geo.forces}
    with open(paths["lsoa_ward_district"], "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["LSOA11CD", "LSOA11NM", "WD17CD", "WD17NM", "WD17NMW", "LAD17CD", "LAD17NM", "FID"])
        for fid, lsoa in enumerate(sorted(geo.lsoas, key=lambda x: x.code), start=1):
            ward, district = wards[lsoa.ward], districts[lsoa.district]
            row = [lsoa.code, lsoa.name, ward.code, ward.name, ward.name_welsh, district.code, district.name]
            writer.writerow([*row, fid])
    with open(paths["district_csp_force"], "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["FID", "LAD19CD", "LAD19NM", "CSP19CD", "CSP19NM", "PFA19CD", "PFA19NM"])
        for fid, d in enumerate(geo.districts, start=1):
            force = forces[d.force]
            writer.writerow([fid, d.code, d.name, d.csp_code, d.csp_name, force.code, force.pfa_name])
    _write_population(geo, paths["population"], seed)
    return paths


def _write_population(geo: Geography, path: Path, seed: int) -> None:
    """The ONS MYE2 shape: BOM, CRLF, counts with thousands separators, rows padded to 256 cells,
    a country row first and empty rows at the end. Only "All ages" is meaningful."""
    rng = random.Random(f"population:{seed}")  # noqa: S311
    pad = [""] * (POPULATION_COLUMNS - 4 - len(AGES))

    def row(code: str, name: str, geography: str, total: int) -> list[str]:
        ages = _apportion(total, [w * rng.uniform(0.9, 1.1) for w in _age_weights()])
        return [code, name, geography, f"{total:,}", *(f"{n:,}" for n in ages), *pad]

    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Code", "Name", "Geography", "All ages", *AGES, *pad])
        everyone = sum(d.population for d in geo.districts)
        writer.writerow(row(f"K04{CODE_BASE:06d}", "SYNTHETIC ENGLAND AND WALES", "Country", everyone))
        for d in geo.districts:
            writer.writerow(row(d.code, d.name, d.geography, d.population))
        for _ in range(3):
            writer.writerow([""] * POPULATION_COLUMNS)


# --- Writing -------------------------------------------------------------------------------------


def street_path(out_dir: Path, force: str, month: str) -> Path:
    return out_dir / month / f"{month}-{force}-street.csv"


def _clean(out_dir: Path) -> None:
    """Remove what an earlier run wrote (month folders, the zip, our lookups), nothing else."""
    if not out_dir.is_dir():
        return
    for child in out_dir.iterdir():
        if child.is_dir() and MONTH_RE.match(child.name):
            shutil.rmtree(child)
        elif child.name == ZIP_NAME and child.is_file():
            child.unlink()
        elif child.name == "lookups" and child.is_dir():
            for name in LOOKUP_NAMES.values():
                (child / name).unlink(missing_ok=True)
            if not any(child.iterdir()):
                child.rmdir()


def _write_zip(files: Sequence[FileManifest], path: Path) -> None:
    """The files as police.uk's download holds them: YYYY-MM/YYYY-MM-<force>-street.csv."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for f in files:
            year, mon = _month_parts(f.month)
            info = zipfile.ZipInfo(f"{f.month}/{f.name}", date_time=(year, mon, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            with open(f.path, "rb") as src, zf.open(info, "w") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)


def generate(
    *,
    out_dir: Path | str,
    months: Sequence[str],
    forces: int | Sequence[str] = 3,
    lsoas: int = 300,
    rows_per_month: int = 5000,
    seed: int = 1,
    messy: bool = True,
    mess_rate: float = 0.005,
    no_location_rate: float = 0.01,
    mess_rates: Mapping[str, float] | None = None,
    cross_border_rate: float = 0.01,
    zip_archive: bool = False,
    lookups: bool = False,
    want_counts: bool = True,
    clean: bool = False,
    progress: Callable[[FileManifest], None] | None = None,
) -> Manifest:
    """Write police.uk street-level files for `months` and return what was written.

    `rows_per_month` is the national total for a month (all forces, messy rows included); over
    several months the total is exact and shared out by season. `forces` is a count (the first
    ones of FORCE_SLUGS, alphabetical) or a list of slugs. `mess_rate` is the rate of each messy
    kind but no-location rows, which have `no_location_rate` (about 1%, as real files);
    `mess_rates` overrides single kinds (keys of MESS_KINDS). Same arguments, same bytes.
    """
    out_dir = Path(out_dir)
    for month in months:
        _month_parts(month)
    if len(set(months)) != len(months) or not months:
        raise ValueError("months must be distinct, and at least one")
    if rows_per_month < 0:
        raise ValueError("rows_per_month cannot be negative")
    rates = dict.fromkeys(MESS_KINDS, mess_rate) | {"no_lsoa": no_location_rate} | dict(mess_rates or {})
    unknown = set(rates) - set(MESS_KINDS)
    if unknown:
        raise ValueError(f"unknown messy kinds {sorted(unknown)}; the kinds are {', '.join(MESS_KINDS)}")
    geo = build_geography(forces=forces, lsoas=lsoas, seed=seed)
    if clean:
        _clean(out_dir)
    manifest = Manifest(out_dir, list(months), seed, geo, [], rates, cross_border_rate)
    for plan in _plan_files(geo, months, rows_per_month, seed, rates, messy, cross_border_rate):
        path = street_path(out_dir, plan.force.slug, plan.month)
        path.parent.mkdir(parents=True, exist_ok=True)
        fm = FileManifest(plan.force.slug, plan.force.name, plan.month, path, rows=plan.rows)
        rng = random.Random(f"rows:{seed}:{plan.month}:{plan.force.slug}")  # noqa: S311
        with open(path, "w", encoding="utf-8", newline="", buffering=1 << 20) as fh:
            _FileWriter(geo, plan, rng, fm, want_counts).write(fh)
        manifest.files.append(fm)
        if progress:
            progress(fm)
    if zip_archive:
        manifest.zip_path = out_dir / ZIP_NAME
        _write_zip(manifest.files, manifest.zip_path)
    if lookups:
        manifest.lookup_paths = write_lookups(geo, out_dir / "lookups", seed)
    return manifest
