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

#: The column of `CrimeCount` that holds each type's count.
COUNT_FIELDS: dict[str, str] = {
    ANTI_SOCIAL_BEHAVIOUR: "anti_social_behaviour",
    "Bicycle theft": "bicycle_theft",
    "Burglary": "burglary",
    "Criminal damage and arson": "criminal_damage_and_arson",
    "Drugs": "drugs",
    "Other crime": "other_crime",
    "Other theft": "other_theft",
    "Possession of weapons": "possession_of_weapons",
    "Public order": "public_order",
    "Robbery": "robbery",
    "Shoplifting": "shoplifting",
    "Theft from the person": "theft_from_the_person",
    "Vehicle crime": "vehicle_crime",
    "Violence and sexual offences": "violence_and_sexual_offences",
}
if tuple(COUNT_FIELDS) != CRIME_TYPES:  # the columns follow the types, in order
    raise ImportError("crime_types: COUNT_FIELDS must list CRIME_TYPES, in order")

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
