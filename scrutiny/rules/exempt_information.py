"""Why business may be kept from the public.

Local Government Act 1972, Part VA (applied to committees by s100E):
- s100A(4): the public may be excluded by resolution where exempt information, as described
  in Schedule 12A, would be disclosed; s100A(5) the resolution names the description.
- s100B(5): a withheld report is marked "Not for publication" and states the description.
- Schedule 12A Part 1 (England), paragraphs 1 to 7, as substituted by SI 2006/88.
- An obligation of confidence (information supplied to the council in confidence, such as
  partner data under the CSP's information-sharing protocol) is the usual ground in the
  seeds; where the information is "confidential information" within s100A(3) the public
  must be excluded.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models


class ExemptionGround(models.TextChoices):
    """The description of exempt information a withheld item or paper relies on."""

    PARA_1 = "para1", "Paragraph 1: information relating to any individual"
    PARA_2 = "para2", "Paragraph 2: information likely to reveal the identity of an individual"
    PARA_3 = (
        "para3",
        (
            "Paragraph 3: information relating to the financial or business affairs of any "
            "particular person (including the authority holding that information)"
        ),
    )
    PARA_4 = (
        "para4",
        (
            "Paragraph 4: information relating to any consultations or negotiations in connection "
            "with any labour relations matter"
        ),
    )
    PARA_5 = (
        "para5",
        (
            "Paragraph 5: information in respect of which a claim to legal professional privilege "
            "could be maintained in legal proceedings"
        ),
    )
    PARA_6 = (
        "para6",
        (
            "Paragraph 6: information which reveals that the authority proposes to give a notice "
            "imposing requirements on a person, or to make an order or direction"
        ),
    )
    PARA_7 = (
        "para7",
        (
            "Paragraph 7: information relating to any action taken or to be taken in connection "
            "with the prevention, investigation or prosecution of crime"
        ),
    )
    CONFIDENCE = "confidence", "Obligation of confidence: information supplied to the Council in confidence"


SCHEDULE_12A_CITATION = "Local Government Act 1972, Schedule 12A, Part 1"

# s100B(5): the words a withheld report is marked with. Printed in capitals as a mark on a
# paper or copy, in sentence case where the public reads why something is withheld.
NOT_FOR_PUBLICATION = "Not for publication"
NOT_FOR_PUBLICATION_CITATION = "Local Government Act 1972 s100B(5)"

CONFIDENTIAL_INFORMATION = "information supplied to the Council in confidence"


def paragraph_reference(ground: str) -> str:
    """'paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972', for a
    Schedule 12A ground, as every statement of it cites it."""
    ground = ExemptionGround(ground)
    if ground is ExemptionGround.CONFIDENCE:
        raise ValueError("An obligation of confidence is not a paragraph of Schedule 12A.")
    return f"paragraph {ground.value.removeprefix('para')} of Part 1 of Schedule 12A to the Local Government Act 1972"


def exemption_description(ground: str) -> str:
    """The description of the exempt information that s100B(5) requires the mark to state."""
    ground = ExemptionGround(ground)
    if ground is ExemptionGround.CONFIDENCE:
        return "the information was supplied to the Council in confidence (obligation of confidence)"
    return (
        f"exempt information as defined in {paragraph_reference(ground)} "
        f"({ground.label.split(': ', 1)[1]})"
    )


def describe(ground: str) -> str:
    """The public statement of the reason, as s100A(5) and s100B(5) require it to be given:
    'Not for publication: <the description>.'"""
    return f"{NOT_FOR_PUBLICATION}: {exemption_description(ground)}."


def not_for_publication_mark(ground: str = "") -> str:
    """The s100B(5) mark printed on an exempt paper or on a copy that carries exempt text:
    'NOT FOR PUBLICATION: <the description>.' (the statement of `describe`, its words in
    capitals); without a ground, the bare mark, as on a line too short for the description."""
    mark = NOT_FOR_PUBLICATION.upper()
    return f"{mark}: {exemption_description(ground)}." if ground else mark


def part_2_notice() -> str:
    """The notice on the front of an agenda or pack that includes the exempt (Part 2)
    business; each Part 2 item states its own description (s100B(5))."""
    return (
        f"INCLUDES PART 2: {NOT_FOR_PUBLICATION.upper()}. "
        "The description of the exempt information is given at each Part 2 item."
    )


def exclusion_resolution(grounds: Iterable[str]) -> str:
    """The usual wording of the resolution to exclude the press and public (s100A(4)); it
    names the descriptions of exempt information relied on, as s100A(5) requires."""
    chosen = {ExemptionGround(g) for g in grounds}
    paragraphs = sorted(g.value.removeprefix("para") for g in chosen - {ExemptionGround.CONFIDENCE})
    reasons = []
    if paragraphs:
        listed = (
            " and ".join(paragraphs)
            if len(paragraphs) < 3
            else (", ".join(paragraphs[:-1]) + " and " + paragraphs[-1])
        )
        word = "paragraph" if len(paragraphs) == 1 else "paragraphs"
        reasons.append(
            f"the likely disclosure of exempt information as defined in {word} {listed} of "
            "Part 1 of Schedule 12A to the Act"
        )
    if ExemptionGround.CONFIDENCE in chosen:
        reasons.append(f"the likely disclosure of {CONFIDENTIAL_INFORMATION}")
    return (
        "That, under Section 100A(4) of the Local Government Act 1972 (as amended), the press "
        "and public be excluded from the meeting for the following item(s) of business on the "
        "grounds that it involves " + " and ".join(reasons) + "."
    )
