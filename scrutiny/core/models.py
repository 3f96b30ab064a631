"""Building blocks shared by the domain apps."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from scrutiny.rules.exempt_information import ExemptionGround, describe


class BusinessKind(models.TextChoices):
    """The kind of business an agenda or work-programme item is (seeds 001 and 003)."""

    PROCEDURAL = "procedural", "Procedural"
    STATUTORY = "statutory", "Statutory"
    STANDARD = "standard", "Standard"
    DISCRETIONARY = "discretionary", "Discretionary"
    DRAW_DOWN = "draw_down", "Draw-down"


class Exemptible(models.Model):
    """Fields of anything that may be withheld from the public.

    Invariants (database constraints, see `exemption_constraints`):
    - an exempt record names its ground (a Schedule 12A paragraph or an obligation of
      confidence); an open record names none;
    - a public title (shown in place of a title that is itself sensitive) only exists on an
      exempt record.
    Who may see the content is decided by scrutiny.access.policy, nowhere else.
    """

    is_exempt = models.BooleanField(
        "exempt", default=False, help_text="Withheld from the public (Part 2 business)."
    )
    exemption_ground = models.CharField(
        max_length=16,
        choices=ExemptionGround.choices,
        blank=True,
        help_text="Required when exempt: the Schedule 12A paragraph or the obligation of confidence.",
    )
    exemption_note = models.TextField(
        blank=True, help_text="Why, in the words of the report (for officers and members)."
    )
    public_title = models.CharField(
        max_length=300,
        blank=True,
        help_text="Only when the title itself would disclose exempt information: the title the public sees instead.",
    )

    class Meta:
        abstract = True

    @property
    def exemption_statement(self) -> str:
        return describe(self.exemption_ground) if self.is_exempt else ""

    @classmethod
    def exemption_constraints(cls, prefix: str) -> list[models.BaseConstraint]:
        return [
            models.CheckConstraint(
                condition=(Q(is_exempt=True) & ~Q(exemption_ground=""))
                | (Q(is_exempt=False) & Q(exemption_ground="")),
                name=f"{prefix}_exempt_has_ground",
                violation_error_message="An exempt record needs its reason (a Schedule 12A paragraph "
                "or the obligation of confidence); an open record has none.",
            ),
            models.CheckConstraint(
                condition=Q(exemption_ground__in=[""] + list(ExemptionGround.values)),
                name=f"{prefix}_exemption_ground_valid",
            ),
            models.CheckConstraint(
                condition=Q(public_title="") | Q(is_exempt=True),
                name=f"{prefix}_public_title_only_if_exempt",
                violation_error_message="A public title replaces a sensitive title, so only an exempt record has one.",
            ),
        ]
