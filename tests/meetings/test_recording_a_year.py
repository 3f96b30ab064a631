"""Done when (issue 17): the demo's 2017-18 year recorded from scratch on a fresh database
through the officers' screens in recording mode leaves no false history line, and its plan as
at 21 February 2018 is the demo's January 2018 version."""

import datetime as dt
import re

import pytest
import yaml
from django.urls import reverse

from scrutiny.demo.loader import DATA_DIR
from scrutiny.meetings.models import AgendaItem, Meeting
from scrutiny.meetings.services import RECORDED_AFTER_THE_EVENT
from scrutiny.minutes.models import MinutesRecord
from scrutiny.programme import selectors
from scrutiny.programme.models import WorkProgrammeChange, WorkProgrammeItem
from scrutiny.publishing.models import AgendaPublication
from tests.access.viewers import officer_of
from tests.factories import CommitteeFactory

pytestmark = pytest.mark.django_db

DAYS = [dt.date(2017, 7, 26), dt.date(2018, 2, 21), dt.date(2018, 7, 25), dt.date(2019, 2, 13)]
AS_AT = dt.date(2018, 2, 21)


def _date(prefix: str, day: dt.date) -> dict[str, int]:
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def _ok(response) -> None:
    assert response.status_code == 302, response.content.decode()[:3000]


def _january_2018_version() -> dict[dt.date, list[str]]:
    data = yaml.safe_load((DATA_DIR / "work_programme.yaml").read_text(encoding="utf-8"))
    version = next(v for v in data["versions"] if v["title"].startswith("Updated Work Plan"))
    return {row["meeting"]: [i["title"] for i in row["items"]] for row in version["rows"]}


def test_the_2017_18_year_recorded_from_scratch_on_the_screens(client):
    committee = CommitteeFactory(name="Crime and Disorder (Overview and Scrutiny) Committee")
    client.force_login(officer_of(committee.council))
    for day in DAYS:
        _ok(client.post(reverse("meeting_record_past", args=[committee.slug]),
                        {**_date("date", day), "date_precision": "day", "start_time": "19:00", "venue": "Civic Centre"}))
    meetings = {m.date: m for m in Meeting.objects.filter(committee=committee)}
    july = meetings[DAYS[0]]

    # 26 July 2017: its agenda as published on 18 July 2017, held, its minutes published on 2 August
    for title in ("Kent Police and Crime Panel (PCP) - Update", "Review of Kent's Domestic Abuse (DA) Framework"):
        _ok(client.post(reverse("agenda_item_add", args=[july.pk]), {"title": title, "kind": "standard",
                                                                     "paper": "verbal"}))
    _ok(client.post(reverse("meeting_publish", args=[july.pk]), _date("published_on", dt.date(2017, 7, 18))))
    _ok(client.post(reverse("meeting_hold", args=[july.pk])))
    _ok(client.post(reverse("minutes_draft", args=[july.pk])))
    _ok(client.post(reverse("minutes_publish", args=[july.pk]),
                    {**_date("published_on", dt.date(2017, 8, 2)), "as_they_are": "on"}))

    # the plan: each item of the January 2018 version, as agreed on 26 July 2017; Trading
    # Standards first planned for February 2018, then moved to July 2018 at that meeting
    plan = _january_2018_version()
    for day, titles in plan.items():
        for title in titles:
            first = meetings[AS_AT] if title.startswith("Presentation by Kent County Council") else meetings[day]
            _ok(client.post(reverse("work_programme_add", args=[committee.slug]),
                            {"title": title, "kind": "standard", "target_meeting": first.pk, "decided_by": "committee",
                             **_date("decided_on", dt.date(2017, 2, 15) if first != meetings[day] else DAYS[0])}))
    trading = WorkProgrammeItem.objects.get(committee=committee, title__startswith="Presentation by Kent County Council")
    _ok(client.post(reverse("work_programme_move", args=[trading.pk]),
                    {"to_meeting": meetings[dt.date(2018, 7, 25)].pk, "decided_by": "committee",
                     **_date("decided_on", DAYS[0]), "reason": "Postponed until July 2018 (Minute 15)."}))

    # as published, on its days, nothing late or supplementary that was not
    (publication,) = AgendaPublication.objects.filter(meeting=july)
    assert (publication.version, publication.published_at.date(), publication.is_late) == (1, dt.date(2017, 7, 18), False)
    assert not AgendaItem.internal.filter(meeting=july, is_supplementary=True).exists()
    assert MinutesRecord.objects.get(meeting=july).published_on == dt.date(2017, 8, 2)
    for meeting in meetings.values():
        assert meeting.history.earliest().history_change_reason == RECORDED_AFTER_THE_EVENT

    # no false history line: every change dated when it was decided, naming only real meetings
    for change in WorkProgrammeChange.objects.filter(item__committee=committee):
        assert change.decided_on is not None and change.decided_on <= AS_AT, change.wording
        months = set(re.findall(r"(?:January|February|March|April|May|June|July|August|September|October|November|"
                                r"December) \d{4}", change.wording))
        assert months <= {f"{d:%B %Y}" for d in DAYS}, change.wording

    # the plan as at 21 February 2018 is the January 2018 version
    rows = selectors.plan_rows(committee=committee, as_at=AS_AT)
    shown = {row.meeting.date: sorted(i.title for i in row.items) for row in rows if row.meeting and row.items}
    assert shown == {day: sorted(titles) for day, titles in plan.items()}
    # and as at the day before the July meeting, Trading Standards was still planned for February 2018
    before = selectors.plan_rows(committee=committee, as_at=dt.date(2017, 7, 25))
    feb = next(row for row in before if row.meeting == meetings[AS_AT])
    assert trading in feb.items
