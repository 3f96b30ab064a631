"""How agendas are numbered in each council's style (rules.agenda_numbering)."""

from hypothesis import given
from hypothesis import strategies as st

from scrutiny.rules.agenda_numbering import (
    EMPTY_SECTION_LINES,
    SECTION_HEADINGS,
    NumberingStyle,
    Slot,
    item_numbers,
    sections,
)

OPEN, X, E = Slot.OPEN, Slot.EXCLUSION, Slot.EXEMPT


def test_dartford_numbers_open_items_and_letters_exempt_ones():
    # the agenda of 21 February 2018 (seed 004): eleven open items, the exclusion, one exempt
    assert item_numbers(NumberingStyle.NUMBERED, [OPEN] * 11 + [X, E]) == [str(n) for n in range(1, 12)] + ["", "A"]


def test_the_sections_style_numbers_through_both_parts():
    assert item_numbers(NumberingStyle.SECTIONS, [OPEN, OPEN, X, E, E]) == ["1", "2", "", "3", "4"]


def test_letters_go_on_past_z():
    assert item_numbers(NumberingStyle.NUMBERED, [E] * 28)[-3:] == ["Z", "AA", "AB"]


agendas = st.lists(st.just(OPEN), max_size=30).flatmap(
    lambda open_items: st.lists(st.just(E), max_size=40).map(
        lambda exempt: open_items + ([X] if exempt else []) + exempt
    )
)


@given(agendas, st.sampled_from(NumberingStyle.values))
def test_every_item_but_the_exclusion_has_its_own_number(slots, style):
    numbers = item_numbers(style, slots)
    assert len(numbers) == len(slots)
    printed = [n for n, slot in zip(numbers, slots, strict=True) if slot != X]
    assert all(printed) and len(set(printed)) == len(printed)
    assert all(n == "" for n, slot in zip(numbers, slots, strict=True) if slot == X)


@given(agendas)
def test_open_items_are_numbered_alike_in_both_styles(slots):
    numbered = item_numbers(NumberingStyle.NUMBERED, slots)
    by_section = item_numbers(NumberingStyle.SECTIONS, slots)
    opens = [i for i, slot in enumerate(slots) if slot == OPEN]
    assert [numbered[i] for i in opens] == [by_section[i] for i in opens] == [str(n + 1) for n in range(len(opens))]


def test_sections_split_at_part_2_and_say_when_one_is_empty():
    only_open = sections(NumberingStyle.SECTIONS, ["1", "2"], in_part_2=lambda e: e == "X")
    assert [s.heading for s in only_open] == list(SECTION_HEADINGS)
    assert only_open[0].entries == ("1", "2") and not only_open[0].empty_line
    assert only_open[1].entries == () and only_open[1].empty_line == EMPTY_SECTION_LINES[1]
    split = sections(NumberingStyle.SECTIONS, ["1", "X", "3"], in_part_2=lambda e: e == "X")
    assert [s.entries for s in split] == [("1",), ("X", "3")]


def test_the_numbered_style_is_one_run_without_headings():
    (whole,) = sections(NumberingStyle.NUMBERED, ["1", "X", "A"], in_part_2=lambda e: e == "X")
    assert whole.heading == "" and whole.entries == ("1", "X", "A")
