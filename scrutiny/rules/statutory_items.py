"""What the committee must consider each municipal year: the statutory documents of the
partnership it scrutinises.

A district's (or unitary's) CSP prepares a strategic assessment during each year (Crime and
Disorder (Formulation and Implementation of Strategy) Regulations 2007, SI 2007/1830,
regs 5-7) and revises its partnership plan, the Community Safety Strategy, before each
1 April (regs 10-11). In a two-tier area the county strategy group prepares a community
safety agreement for the county from the districts' assessments (reg 9). The committee
reviews and scrutinises them under the Police and Justice Act 2006 s19; Dartford's protocol
makes the assessment and the strategy a statutory item of every municipal year (seeds 001
and 003: "On a statutory basis to: consider the CSP's annual Strategic Assessment (SA)
document; consider the CSP's Community Safety Strategy and annual Refresh documents"). A
committee whose protocol calls for none of them is warned of none.
"""

from __future__ import annotations

from collections.abc import Mapping, Set

from django.db import models


class StatutorySubject(models.TextChoices):
    STRATEGIC_ASSESSMENT = "strategic_assessment", "CSP Strategic Assessment"
    STRATEGY = "strategy", "Community Safety Strategy"
    STRATEGY_REFRESH = "strategy_refresh", "Community Safety Strategy annual Refresh"
    COMMUNITY_SAFETY_AGREEMENT = "safety_agreement", "County Community Safety Agreement"


class StatutoryDocuments(models.TextChoices):
    """Which of the partnership's documents the committee's protocol asks it to consider
    each municipal year."""

    DISTRICT = "district", "A district or unitary partnership's: the Strategic Assessment and the Community Safety Strategy"
    COUNTY = "county", "A county's: the Community Safety Agreement"
    NONE = "none", "None: the protocol calls for no statutory item"


# Each requirement is met by any one of its subjects.
REQUIRED_EACH_YEAR: Mapping[str, Mapping[str, tuple[StatutorySubject, ...]]] = {
    StatutoryDocuments.DISTRICT: {
        "the CSP's Strategic Assessment": (StatutorySubject.STRATEGIC_ASSESSMENT,),
        "the Community Safety Strategy or its annual Refresh": (
            StatutorySubject.STRATEGY,
            StatutorySubject.STRATEGY_REFRESH,
        ),
    },
    StatutoryDocuments.COUNTY: {
        "the county's Community Safety Agreement": (StatutorySubject.COMMUNITY_SAFETY_AGREEMENT,),
    },
    StatutoryDocuments.NONE: {},
}

CITATION = "Police and Justice Act 2006 s19; SI 2007/1830 regs 5-7, 9 and 10-11; the committee's protocol"


def missing(subjects_in_year: Set[str], documents: str = StatutoryDocuments.DISTRICT) -> list[str]:
    """The requirements a municipal year's items leave unmet, by name."""
    return [
        name for name, meets in REQUIRED_EACH_YEAR[documents].items() if not subjects_in_year & set(meets)
    ]
