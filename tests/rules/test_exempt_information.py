from hypothesis import given
from hypothesis import strategies as st

from scrutiny.rules.exempt_information import ExemptionGround, describe, exclusion_resolution


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
