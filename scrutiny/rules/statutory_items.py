"""What the committee must consider each municipal year.

The CSP prepares a strategic assessment during each year (Crime and Disorder (Formulation
and Implementation of Strategy) Regulations 2007, SI 2007/1830, regs 5-7) and revises its
partnership plan, the Community Safety Strategy, before each 1 April (regs 10-11). The
committee reviews and scrutinises them under the Police and Justice Act 2006 s19, and its
protocol makes both a statutory item of every municipal year (seeds 001 and 003: "On a
statutory basis to: consider the CSP's annual Strategic Assessment (SA) document; consider
the CSP's Community Safety Strategy and annual Refresh documents").
"""

from __future__ import annotations

from collections.abc import Mapping, Set

from django.db import models


class StatutorySubject(models.TextChoices):
    STRATEGIC_ASSESSMENT = "strategic_assessment", "CSP Strategic Assessment"
    STRATEGY = "strategy", "Community Safety Strategy"
    STRATEGY_REFRESH = "strategy_refresh", "Community Safety Strategy annual Refresh"


# Each requirement is met by any one of its subjects.
REQUIRED_EACH_YEAR: Mapping[str, tuple[StatutorySubject, ...]] = {
    "the CSP's Strategic Assessment": (StatutorySubject.STRATEGIC_ASSESSMENT,),
    "the Community Safety Strategy or its annual Refresh": (
        StatutorySubject.STRATEGY,
        StatutorySubject.STRATEGY_REFRESH,
    ),
}

CITATION = "Police and Justice Act 2006 s19; SI 2007/1830 regs 5-7 and 10-11; the committee's protocol"


def missing(subjects_in_year: Set[str]) -> list[str]:
    """The requirements a municipal year's items leave unmet, by name."""
    return [name for name, meets in REQUIRED_EACH_YEAR.items() if not subjects_in_year & set(meets)]
