"""The committee's annual report to the Council: its legal basis and the statutory wording it
prints, each with its citation.

The duty behind the committee is the Crime and Disorder Act 1998 s17 (every council exercises
its functions with due regard to the need to prevent crime and disorder, anti-social and
environmental harm, substance misuse and re-offending in its area; "crime and disorder" as
s17(1) and s6 define it). Its powers are the Police and Justice Act 2006 s19 and the Crime and
Disorder (Overview and Scrutiny) Regulations 2009 (SI 2009/942). The protocol of the committee
(Dartford's, seed 001) asks it to report to the Council each municipal year on the year's
work; the law does not prescribe the report's form. Exempt business is reported only as
considered in private with its ground (Local Government Act 1972 s100A(4), s100C(2), Schedule
12A): the public version never carries its text.
"""

from __future__ import annotations

from scrutiny.rules import municipal_year
from scrutiny.rules.exempt_information import exemption_description

DUTY_CITATION = "Crime and Disorder Act 1998 s17"
POWERS_CITATION = "Police and Justice Act 2006 s19; Crime and Disorder (Overview and Scrutiny) Regulations 2009 (SI 2009/942)"
PRIVATE_CITATION = "Local Government Act 1972 s100A(4) and Schedule 12A"

LEGAL_DUTY = (
    "The Council has a legal duty, under section 17 of the Crime and Disorder Act 1998, to exercise all of its "
    "functions with due regard to the need to prevent crime and disorder in its area, including anti-social "
    "behaviour and other behaviour adversely affecting the local environment, the misuse of drugs, alcohol and "
    "other substances, and re-offending."
)

POWERS = (
    "Section 19 of the Police and Justice Act 2006 and the Crime and Disorder (Overview and Scrutiny) "
    "Regulations 2009 require the Council to have a crime and disorder committee with power to review and "
    "scrutinise the decisions and actions of the responsible authorities, which together form the Community "
    "Safety Partnership, and to make reports and recommendations to the Council on them."
)


def title(committee_name: str, start_year: int) -> str:
    return f"{committee_name}: Annual Report {municipal_year.label(start_year)}"


def purpose(start_year: int) -> str:
    """Why the report is made, and what it draws on."""
    return (
        "The Committee's Protocol requires it to report to the Council each year on the work it has undertaken in "
        f"the preceding municipal year. This report summarises the Committee's work in the "
        f"{municipal_year.label(start_year)} municipal year, drawn from the minutes of its meetings, which are "
        "published in full on the Council's website."
    )


def considered_in_private(ground: str) -> str:
    """What the public version says of an exempt item in place of its text."""
    reason = exemption_description(ground) if ground else "exempt information"
    return (
        "This item was considered in private, the press and public excluded "
        f"({PRIVATE_CITATION}): {reason}. Its discussion and resolutions are not published."
    )


def met(times: int, start_year: int) -> str:
    counted = {1: "once", 2: "twice"}.get(times, f"{times} times")
    return f"The Committee met {counted} during the {municipal_year.label(start_year)} municipal year."


def no_draw_downs(start_year: int) -> str:
    return f"No draw-down requests were made during the {municipal_year.label(start_year)} municipal year."


def numeral(n: int) -> str:
    """Lower-case roman numerals, as the report numbers the year's amendments: (i), (ii)..."""
    if n < 1:
        raise ValueError("Amendments are numbered from 1.")
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                           (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += letters
            n -= value
    return out


def statutory_basis(requirements: list[str]) -> str:
    """The statutory items of the year's work programme (rules.statutory_items names them)."""
    if not requirements:
        return "The Committee's Protocol calls for no statutory item in its work programme."
    listed = requirements[0] if len(requirements) == 1 else ", ".join(requirements[:-1]) + " and " + requirements[-1]
    return (
        "In accordance with its Protocol, the Committee is required on a statutory basis each year to consider "
        f"{listed} (Police and Justice Act 2006 s19; SI 2007/1830)."
    )
