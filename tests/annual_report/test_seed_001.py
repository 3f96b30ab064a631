"""The demo's 2016-17 report, composed from the demo's record, against Dartford's own report of
that year (seed 001), section by section: each fact the composed report prints is found in the
seed, where the seed prints it."""

import re

import pytest

from scrutiny.annual_report import selectors
from scrutiny.annual_report.models import AnnualReport
from scrutiny.governance.models import Committee
from tests.performance.conftest import SHARED_DATA, shared_data_required

pytestmark = pytest.mark.django_db


def _flat(text: str) -> str:
    """Whitespace, bullets and quotes as plain text, so that the PDF's line breaks do not count."""
    text = text.replace("\uf0b7", " ").replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture
def seed() -> str:
    found = sorted((SHARED_DATA.parent / "seeds").glob("001_*.txt"))
    if not found:
        message = f"seed 001 is not at {SHARED_DATA.parent / 'seeds'}"
        if shared_data_required():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return found[0].read_text(encoding="utf-8")


@pytest.fixture
def report(demo) -> dict:
    committee = Committee.objects.get(slug="dartford-crime-and-disorder")
    return selectors.compose(report=AnnualReport.internal.get(committee=committee, start_year=2016))


def _seed_items(seed: str) -> dict[str, list[str]]:
    """The seed's 'Item n: title' headings under each meeting's date (a heading runs to the blank line)."""
    body = seed.split("WORK PLAN ITEMS completed in the 2016-17 MUNICIPAL YEAR", 1)[1]
    meetings: dict[str, list[str]] = {}
    current = None
    lines = body.splitlines()
    for i, line in enumerate(lines):
        if re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}\s*", line):
            current = line.strip()
            meetings[current] = []
        elif current and line.startswith("Item "):
            heading = [line]
            for following in lines[i + 1:]:
                if not following.strip():
                    break
                heading.append(following)
            meetings[current].append(_flat(" ".join(heading)).split(": ", 1)[1])
    return meetings


def test_the_sections_are_the_seeds_in_the_seeds_order(report, seed):
    composed = [report["sections"][key] for key in ("introduction", "previous", "standing", "programme", "items")]
    where = [_flat(seed).lower().find(heading.lower()) for heading in composed]
    assert -1 not in where, dict(zip(composed, where, strict=True))
    assert where == sorted(where)
    assert composed == ["Introduction and Background", "Annual Report 2015-16", "Standing Invitations",
                        "Work Programme", "Work Plan items completed in the 2016-17 municipal year"]


def test_introduction_the_appointment_and_the_partnership_with_its_responsible_authorities(report, seed):
    flat = _flat(seed)
    assert "appointed the Crime and Disorder (Overview & Scrutiny) Committee in October 2009" in report["introduction"]["text"]
    assert "section 17 of the Crime and Disorder Act 1998" in report["introduction"]["text"]
    (partnership,) = report["partnerships"]
    assert partnership["name"] == "Dartford and Gravesham Community Safety Partnership"
    assert len(partnership["members"]) == 7
    for member in partnership["members"]:
        assert member in flat, member
    assert "Office of the Police and Crime Commissioner" not in " ".join(partnership["members"])  # not statutory
    assert report["protocol"] == ["Committee Protocol & Lead Member Participation: considered at the meeting held on "
                                  "27 July 2016."]


def test_work_programme_the_years_items_by_kind(report):
    groups = {g["heading"]: g["items"] for g in report["programme_items"]}
    assert list(groups) == ["Statutory items", "Standard items", "Discretionary reviews"]
    assert "CSP Community Safety Strategy 2016 to 2019 (27 July 2016)" in groups["Statutory items"]
    assert "CSP Strategic Assessment 2016 (15 February 2017)" in groups["Statutory items"]
    assert "Update on implementation of new ASB Powers (15 February 2017)" in groups["Discretionary reviews"]
    assert not any("Presentation by PCC" in i for items in groups.values() for i in items)  # cancelled


def test_the_last_years_report_and_its_submission(report, seed):
    (previous,) = report["previous_report"]
    assert previous["held"] == "27 July 2016"
    assert _flat(previous["text"]) in _flat(seed)
    assert "General Assembly of the Council" in previous["to"][0]


def test_standing_invitations(report, seed):
    flat = _flat(seed)
    invited = " ".join(report["standing_invitations"])
    for capacity in ("Cabinet Portfolio Holder for Community Development",
                     "Deputy Leader and Dartford representative on the Kent and Medway Police and Crime Panel"):
        assert capacity in invited and capacity in flat
    for name in ("Allen", "Shippam", "Strategic Director (External Services)", "District Commander"):
        assert name in invited and name in flat


def test_work_programme_the_plan_table_as_approved(report, seed):
    flat = _flat(seed)
    assert report["met"] == "The Committee met twice during the 2016-17 municipal year."
    assert "met twice during the 2016-17 municipal cycle" in flat
    plan = report["plan"]
    assert plan["title"] == "Initial Rolling Work Plan 2016-17 and Beyond" and plan["title"] in flat
    assert plan["approved"] == "approved by the Committee at its meeting held on 27 July 2016"
    assert [row["label"] for row in plan["rows"]] == ["Summer 2016 (July)", "Winter 2017 (February)",
                                                      "Summer 2017 (July)", "Winter 2018 (February)"]
    assert [len(row["items"]) for row in plan["rows"]] == [7, 4, 8, 4]
    for row in plan["rows"]:
        assert _flat(row["label"]) in flat
        for cell in row["items"]:
            assert _flat(cell) in flat, cell


def test_the_amendments_of_the_year_numbered_as_the_seed_numbers_them(report, seed):
    flat = _flat(seed)
    amendments = report["amendments"]
    assert [a["numeral"] for a in amendments] == ["(i)", "(ii)", "(iii)", "(iv)", "(v)"]
    for a in amendments:
        assert f"{a['numeral']} {_flat(a['wording'])}" in flat, a
    assert report["draw_downs"] == ["No draw-down requests were made during the 2016-17 municipal year."]


def test_the_items_at_each_meeting_are_the_seeds_with_what_was_resolved(report, seed):
    flat = _flat(seed)
    expected = _seed_items(seed)
    assert [m["held"] for m in report["meetings"]] == list(expected) == ["27 July 2016", "15 February 2017"]
    for meeting in report["meetings"]:
        assert [_flat(i["title"]) for i in meeting["items"]] == expected[meeting["held"]]
        assert [i["number"] for i in meeting["items"]] == list(range(1, len(meeting["items"]) + 1))
        for item in meeting["items"]:
            first_paragraph = item["summary"]["text"].split("\n\n")[0]
            assert _flat(first_paragraph) in flat, item["title"]
            for resolution in item["resolutions"]:
                assert _flat(resolution) in flat, resolution
            assert item["minute"] == ""  # the demo's minutes of 2016-17 have no numbers (the seed gives none)
    july = report["meetings"][0]["items"]
    assert july[0]["resolutions"] == ["The Committee resolved to note the report from the Head of Legal Services and "
                                      "adopt the revised Protocol as attached at Appendix B to the report."]


def test_the_2017_18_report_is_composed_too(demo):
    committee = Committee.objects.get(slug="dartford-crime-and-disorder")
    report = selectors.compose(report=AnnualReport.internal.get(committee=committee, start_year=2017))
    assert report["title"] == "Crime and Disorder (Overview and Scrutiny) Committee: Annual Report 2017-18"
    assert [m["held"] for m in report["meetings"]] == ["26 July 2017"]
    titles = [i["title"] for i in report["meetings"][0]["items"]]
    assert "APOLOGIES FOR ABSENCE" not in titles and "EXCLUSION OF THE PRESS AND PUBLIC" not in titles
    assert "KENT POLICE AND CRIME PANEL (PCP) - UPDATE" in titles
    assert report["meetings"][0]["items"][titles.index("KENT POLICE AND CRIME PANEL (PCP) - UPDATE")]["minute"] == \
        "[Min. No. 7 refers]"
    (previous,) = report["previous_report"]  # the 2016-17 report, considered on 26 July 2017
    assert previous["minute"] == "[Min. No. 16 refers]"
    assert report["plan"]["in_year"] is False  # no plan approved in 2017-18: the plan in force
    assert any(a["minute"] == "[Min. No. 15 refers]" for a in report["amendments"])
