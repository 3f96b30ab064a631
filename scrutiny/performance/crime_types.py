"""The crime types police.uk publishes in its street-level files (since May 2013).

Older files used categories that were later split ("Violent crime", "Public disorder and
weapons"); the importer treats any name not listed here as unknown and reports it.
"""

from __future__ import annotations

ANTI_SOCIAL_BEHAVIOUR = "Anti-social behaviour"

CRIME_TYPES: tuple[str, ...] = (
    ANTI_SOCIAL_BEHAVIOUR,
    "Bicycle theft",
    "Burglary",
    "Criminal damage and arson",
    "Drugs",
    "Other crime",
    "Other theft",
    "Possession of weapons",
    "Public order",
    "Robbery",
    "Shoplifting",
    "Theft from the person",
    "Vehicle crime",
    "Violence and sexual offences",
)

#: Recorded crime: every type but anti-social behaviour, which is an incident, not a crime.
RECORDED_CRIME_TYPES: tuple[str, ...] = tuple(t for t in CRIME_TYPES if t != ANTI_SOCIAL_BEHAVIOUR)

#: The columns of a police.uk street-level file, in order.
STREET_COLUMNS: tuple[str, ...] = (
    "Crime ID",
    "Month",
    "Reported by",
    "Falls within",
    "Longitude",
    "Latitude",
    "Location",
    "LSOA code",
    "LSOA name",
    "Crime type",
    "Last outcome category",
    "Context",
)
