import datetime as dt
import shutil

import pytest
import yaml
from django.apps import apps

from scrutiny.demo.loader import DATA_DIR, DemoDataError, DirectorySource, load_demo
from scrutiny.documents.models import Document
from scrutiny.governance.models import Committee, Membership, Organisation
from scrutiny.meetings.models import AgendaItem, Meeting
from scrutiny.minutes.models import Minute
from scrutiny.programme.models import WorkProgrammeItem

pytestmark = pytest.mark.django_db


def _snapshot():
    """Every row of every model of the project (history tables included)."""
    rows = {}
    for model in apps.get_models():
        if model._meta.app_label in {"governance", "meetings", "documents", "minutes", "programme"}:
            rows[model._meta.label] = sorted(
                tuple(sorted((k, str(v)) for k, v in r.items() if k != "recorded_at"))
                for r in model._default_manager.values()
            )
    return rows


def test_the_dartford_committee_and_its_meetings_are_loaded(demo):
    committee = Committee.objects.get(slug="dartford-crime-and-disorder")
    assert committee.council.name == "Dartford Borough Council"
    dates = list(Meeting.objects.filter(committee=committee).values_list("date", flat=True))
    for day in ("2016-07-27", "2017-02-15", "2017-07-26", "2018-02-21", "2019-07-01"):
        assert dt.date.fromisoformat(day) in dates
    assert Meeting.objects.get(date=dt.date(2019, 7, 1)).date_display == "July 2019"


def test_the_minutes_of_26_july_2017_are_all_there(demo):
    meeting = Meeting.objects.get(date=dt.date(2017, 7, 26))
    numbers = list(Minute.internal.filter(meeting=meeting).values_list("number", flat=True))
    assert numbers == list(range(1, 17))
    assert meeting.closed_at == dt.time(21, 25)
    confirm = Minute.internal.get(meeting=meeting, number=3)
    assert confirm.resolutions.get().text.startswith("That the Minutes of the Committee")
    # resolutions per minute, counted by hand from seed 003
    per_minute = {3: 1, 6: 1, 7: 2, 9: 3, 10: 1, 13: 2, 14: 1, 15: 1, 16: 1}
    for number in range(1, 17):
        minute = Minute.internal.get(meeting=meeting, number=number)
        assert minute.resolutions.count() == per_minute.get(number, 0), number


def test_exempt_business_is_marked_with_its_reason(demo):
    july = AgendaItem.internal.get(meeting__date=dt.date(2017, 7, 26), number="A")
    assert july.is_exempt and july.exemption_ground == "confidence"
    assert not Document.public.filter(agenda_item=july).exists()  # Item A's paper stays exempt
    # ...but the council published its minute in full (seed 003, minute 13), and so does the demo
    minute_13 = Minute.internal.get(agenda_item=july)
    assert minute_13.number == 13 and minute_13.is_public_summary and not minute_13.is_withheld_from_public
    assert set(Minute.public.not_withheld().filter(agenda_item=july)) == {minute_13}
    february = AgendaItem.internal.get(meeting__date=dt.date(2018, 2, 21), number="A")
    assert february.is_exempt and "Strategic Assessment 2017" in february.title
    assert Document.internal.filter(agenda_item=february).exists()
    assert not Document.public.filter(agenda_item=february).exists()


def test_membership_2017_18_from_the_minutes(demo):
    chairman = Membership.objects.get(organisation__slug="dartford-crime-and-disorder", role="chairman")
    assert chairman.person.formal_name == "Councillor R J Wells"
    assert chairman.municipal_year.label == "2017-18"


def test_csp_succession_and_partners(demo):
    joint = Organisation.objects.get(slug="dg-csp")
    assert joint.successors.get().slug == "dartford-csp"
    assert joint.partners.count() == 8
    assert Organisation.objects.get(slug="kent-probation").successors.get().slug == "kss-crc"


def test_work_programme_with_its_amendments(demo):
    da = WorkProgrammeItem.objects.get(key="da-framework")
    assert da.target_meeting.date == dt.date(2017, 7, 26)
    move = da.changes.get()
    assert move.from_meeting.date == dt.date(2016, 7, 27)
    assert move.wording.startswith("Review of Kent's Domestic Abuse (DA) Framework")
    assert WorkProgrammeItem.objects.get(key="pcc-presentation-2017").status == "cancelled"
    assert WorkProgrammeItem.objects.get(key="crime-data").changes.get().decided_by == "committee"


def test_a_second_load_changes_nothing(demo):
    before = _snapshot()
    report = load_demo()
    assert report.changed == 0
    assert _snapshot() == before


def test_a_dry_run_saves_nothing(db):
    report = load_demo(dry_run=True)
    assert report.changed > 100
    assert not Meeting.objects.exists()


@pytest.fixture
def broken_copy(tmp_path):
    root = tmp_path / "data"
    shutil.copytree(DATA_DIR, root)
    return root


def _edit(path, change):
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def test_bad_data_is_refused_with_its_place_and_nothing_is_stored(broken_copy):
    def exempt_without_reason(data):
        data["items"][-1]["exempt"] = {"note": "no ground"}

    _edit(broken_copy / "meetings" / "2018-02-21.yaml", exempt_without_reason)
    with pytest.raises(
        DemoDataError, match=r"meetings/2018-02-21.yaml: items\[\d+\]\.exempt: missing ground"
    ):
        load_demo(source=DirectorySource(broken_copy))
    assert not Meeting.objects.exists() and not Organisation.objects.exists()


def test_a_model_rule_broken_in_the_data_names_the_field(broken_copy):
    def bad_kind(data):
        data["items"][0]["kind"] = "urgent"

    _edit(broken_copy / "meetings" / "2017-07-26.yaml", bad_kind)
    with pytest.raises(
        DemoDataError, match=r"2017-07-26.yaml: items\[0\]: kind: Value 'urgent' is not a valid choice"
    ):
        load_demo(source=DirectorySource(broken_copy))


def test_unknown_fields_are_refused_not_ignored(broken_copy):
    _edit(broken_copy / "people.yaml", lambda d: d["people"][0].update(nickname="Bob"))
    with pytest.raises(DemoDataError, match=r"people.yaml: people\[0\]: unknown field\(s\) nickname"):
        load_demo(source=DirectorySource(broken_copy))


def test_recorded_work_programme_changes_are_append_only(demo, broken_copy):
    def reword(data):
        item = next(i for i in data["items"] if i["key"] == "da-framework")
        item["changes"][0]["wording"] = "Something else"

    _edit(broken_copy / "work_programme.yaml", reword)
    with pytest.raises(DemoDataError, match="append-only"):
        load_demo(source=DirectorySource(broken_copy))


def test_the_work_programme_changes_of_26_july_2017_are_linked_to_their_resolutions(demo):
    from scrutiny.programme.models import WorkProgrammeChange

    july = Meeting.objects.get(date=dt.date(2017, 7, 26))
    linked = sorted(
        (c.item.key, c.kind, c.resolution.minute.number, c.resolution.number)
        for c in WorkProgrammeChange.objects.filter(resolution__minute__meeting=july).select_related(
            "item", "resolution__minute"
        )
    )
    assert linked == [
        ("crime-data", "added", 13, 2),
        ("pcc-2018", "added", 15, 1),
        ("safer-streets", "added", 15, 1),
        ("trading-standards", "moved", 15, 1),
    ]
