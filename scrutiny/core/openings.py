"""What a response opens when it holds exempt or confidential content, so that the opening is
recorded (the audit: `audit/middleware.py`).

A view that serves exempt content marks its response `Visibility.EXEMPT`
(`core/downloads.py` `mark_visibility`), and that mark requires an `Opening`: no exempt
response can leave without saying what it opens. The audit's middleware records it, with
who, when and from where, before the response is sent; if it cannot, the response is not sent.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models


class OpeningKind(models.TextChoices):
    PAPER = "paper", "Exempt paper"
    PART2_PACK = "part2_pack", "Part 2 pack"
    DRAFT_PART2_PACK = "draft_part2_pack", "Draft Part 2 pack"
    PART2_AGENDA = "part2_agenda", "Agenda with its exempt items"
    EXEMPT_MINUTES = "exempt_minutes", "Exempt minutes"
    CONFIDENTIAL_FIGURES = "confidential_figures", "Partners' figures given in confidence"
    ANNUAL_REPORT = "annual_report", "Annual report with its business in private"


class OpeningFormat(models.TextChoices):
    PAGE = "page", "Web page"
    PDF = "pdf", "PDF"
    WORD = "word", "Word"


@dataclass(frozen=True)
class Opening:
    """One opening of exempt content: of what kind, in which format, of which committee's
    business (and which meeting's and paper's, where it has one), described for the list."""

    kind: OpeningKind
    format: OpeningFormat
    committee_id: int
    what: str
    meeting_id: int | None = None
    document_id: int | None = None


#: The attribute of a response that carries its `Opening`.
OPENING_ATTRIBUTE = "exempt_opening"
