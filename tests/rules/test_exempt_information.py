import pytest
from hypothesis import given
from hypothesis import strategies as st

from scrutiny.rules.exempt_information import (
    ExemptionGround,
    describe,
    exclusion_resolution,
    exemption_description,
    not_for_publication_mark,
    part_2_notice,
)


def test_seven_paragraphs_and_the_obligation_of_confidence():
    assert [g.value for g in ExemptionGround] == [f"para{n}" for n in range(1, 8)] + ["confidence"]


def test_description_names_the_paragraph_of_schedule_12a():
    text = describe("para3")
    assert "paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972" in text
    assert "financial or business affairs" in text
    assert text.startswith("Not for publication")


def test_obligation_of_confidence_is_described_as_such():
    assert "supplied to the Council in confidence" in describe("confidence")


def test_exclusion_resolution_for_confidential_information_reads_as_in_the_seed():
    # seed 003: "...on the grounds that it involves the likely disclosure of information
    # supplied to the Council in confidence."
    text = exclusion_resolution(["confidence"])
    assert text.startswith("That, under Section 100A(4) of the Local Government Act 1972 (as amended)")
    assert text.endswith("the likely disclosure of information supplied to the Council in confidence.")


def test_exclusion_resolution_lists_paragraphs_in_order():
    text = exclusion_resolution(["para7", "para1", "para3"])
    assert "paragraphs 1, 3 and 7 of Part 1 of Schedule 12A" in text


@given(st.lists(st.sampled_from(ExemptionGround.values), min_size=1))
def test_every_combination_of_grounds_is_named_in_the_resolution(grounds):
    text = exclusion_resolution(grounds)
    for g in set(grounds) - {"confidence"}:
        assert g.removeprefix("para") in text
    assert ("in confidence" in text) == ("confidence" in grounds)


@pytest.mark.parametrize("ground", ExemptionGround.values)
def test_the_mark_is_the_statement_in_capitals_with_the_same_description(ground):
    description = exemption_description(ground)
    assert describe(ground) == f"Not for publication: {description}."
    assert not_for_publication_mark(ground) == f"NOT FOR PUBLICATION: {description}."


def test_the_descriptions_name_the_paragraph_or_the_obligation_of_confidence():
    assert exemption_description("para7") == (
        "exempt information as defined in paragraph 7 of Part 1 of Schedule 12A to the Local Government "
        "Act 1972 (information relating to any action taken or to be taken in connection with the "
        "prevention, investigation or prosecution of crime)"
    )
    assert exemption_description("confidence") == (
        "the information was supplied to the Council in confidence (obligation of confidence)"
    )
    with pytest.raises(ValueError):
        exemption_description("para8")


def test_the_bare_mark_and_the_part_2_notice():
    assert not_for_publication_mark() == "NOT FOR PUBLICATION"
    assert part_2_notice().startswith("INCLUDES PART 2: NOT FOR PUBLICATION.")
