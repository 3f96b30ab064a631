"""The demo's forward plan: the Regulation 9 notice of seed 003 (published 15 January 2018,
noted on 21 February 2018), printed from its key decisions; and the Example council's own."""

import datetime as dt

import pytest

from scrutiny.demo.loader import EXAMPLE_DIR, DirectorySource, load_demo
from scrutiny.forward_plan.models import ForwardPlanNotice, KeyDecision, KeyDecisionStatus

pytestmark = pytest.mark.django_db


def test_dartfords_notice_lists_the_four_decisions_of_seed_003():
    load_demo()
    notice = ForwardPlanNotice.objects.get(council__slug="dartford-bc")
    assert (notice.published_on, notice.covers_to) == (dt.date(2018, 1, 15), dt.date(2018, 5, 31))
    assert "All decisions are made by Cabinet collectively." in notice.statement
    by_title = {e["title"]: e for e in notice.entries}
    assert list(by_title) == ["Revenue and Capital Budgets 2018/19", "Homeless Strategy 2018",
                              "Stone Lodge - Appropriation for Planning Purposes",
                              "Write-off of National Non-Domestic Rates"]
    assert by_title["Revenue and Capital Budgets 2018/19"]["when"] == "26 February 2018"
    assert by_title["Revenue and Capital Budgets 2018/19"]["decision_maker"] == "General Assembly of the Council (Budget)"
    assert by_title["Write-off of National Non-Domestic Rates"]["open_or_closed"].startswith("CLOSED: If reference")
    assert all(e["open_or_closed"] == "OPEN" for t, e in by_title.items() if not t.startswith("Write-off"))
    assert set(KeyDecision.internal.filter(council__slug="dartford-bc").values_list("status", "notified_on")) == {
        (KeyDecisionStatus.NOTIFIED, dt.date(2018, 1, 15))}


def test_a_second_load_changes_nothing_and_each_council_keeps_its_own_plan():
    load_demo()
    load_demo(source=DirectorySource(EXAMPLE_DIR))
    again = load_demo()
    lines = "\n".join(again.lines())
    assert "key decisions: 0 created, 0 updated, 4 unchanged" in lines
    assert "forward plan notices: 0 created, 0 updated, 1 unchanged" in lines
    example = ForwardPlanNotice.objects.get(council__slug="example-dc")
    assert [e["title"] for e in example.entries] == ["Community Safety CCTV replacement contract"]
    assert ForwardPlanNotice.objects.count() == 2
