"""The annual report's life and its officers' text, on the demo's record and its real dates."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from scrutiny.annual_report import selectors, services
from scrutiny.annual_report.models import AnnualReport, AnnualReportEvent, NarrativeText, ReportStatus
from scrutiny.core.history import save_with_history
from scrutiny.governance.models import Committee
from scrutiny.meetings.models import Meeting
from scrutiny.minutes.models import Minute
from tests.factories import CommitteeFactory

pytestmark = pytest.mark.django_db

JULY_2016 = dt.date(2016, 7, 27)
JULY_2017 = dt.date(2017, 7, 26)


@pytest.fixture
def committee(demo):
    return Committee.objects.get(slug="dartford-crime-and-disorder")


@pytest.fixture
def draft(committee):
    return AnnualReport.internal.get(committee=committee, start_year=2017)


def _item(report, title_start):
    composed = selectors.compose(report=report)
    return next(i for m in composed["meetings"] for i in m["items"] if i["title"].startswith(title_start))


def test_a_report_is_started_once_and_only_for_a_year_the_committee_met(committee):
    with pytest.raises(ValidationError, match="already has a report for 2016-17"):
        services.annual_report_start(committee=committee, start_year=2016)
    with pytest.raises(ValidationError, match="held no meeting in 2030-31"):
        services.annual_report_start(committee=committee, start_year=2030)
    with pytest.raises(ValidationError, match="held no meeting"):
        services.annual_report_start(committee=CommitteeFactory(), start_year=2016)


def test_the_officers_text_is_versioned_and_survives_the_record_changing(draft):
    item = _item(draft, "KENT POLICE AND CRIME PANEL")
    assert item["summary"]["written"] is False
    first = services.narrative_write(report=draft, part=item["part"], text="The Chairman reported on the Panel.")
    second = services.narrative_write(report=draft, part=item["part"], text="The Chairman, newly appointed, reported.")
    assert (first.version, second.version) == (1, 2)
    assert NarrativeText.objects.filter(report=draft, part=item["part"]).count() == 2  # both kept
    now = _item(draft, "KENT POLICE AND CRIME PANEL")["summary"]
    assert (now["text"], now["written"], now["changed"]) == ("The Chairman, newly appointed, reported.", True, False)
    minute = Minute.internal.get(pk=int(item["part"].split("-")[1]))
    minute.narrative += "\n\nA correction agreed at the next meeting."
    save_with_history(minute, by=None)
    regenerated = _item(draft, "KENT POLICE AND CRIME PANEL")["summary"]
    assert regenerated["text"] == "The Chairman, newly appointed, reported."  # the officer's text kept
    assert regenerated["changed"] is True  # and the report says the record changed since
    services.narrative_write(report=draft, part=item["part"], text="")
    back = _item(draft, "KENT POLICE AND CRIME PANEL")["summary"]
    assert back["written"] is False and back["text"].endswith("A correction agreed at the next meeting.")


def test_a_part_the_report_does_not_have_is_refused(draft):
    with pytest.raises(ValidationError, match="no such part"):
        services.narrative_write(report=draft, part="minute-999999", text="Words.")
    with pytest.raises(ValidationError, match="no such part"):
        services.narrative_write(report=draft, part="appendix", text="Words.")


def test_considered_submitted_published_in_order_with_their_history(committee):
    report = AnnualReport.internal.get(committee=committee, start_year=2016)
    assert report.status == ReportStatus.CONSIDERED  # the demo: 26 July 2017, Minute 16
    assert report.considered_at.date == JULY_2017
    assert "General Assembly of the Council" in report.considered_resolution
    with pytest.raises(ValidationError, match="cannot be published"):
        services.annual_report_publish(report=report, published_on=dt.date(2017, 9, 20))
    with pytest.raises(ValidationError, match="it is submitted after"):
        services.annual_report_submit(report=report, submitted_to="the General Assembly of the Council",
                                      submitted_on=dt.date(2017, 7, 1))
    with pytest.raises(ValidationError, match="still to come"):
        services.annual_report_submit(report=report, submitted_to="the General Assembly", submitted_on=dt.date(2099, 1, 1))
    report = services.annual_report_submit(report=report, submitted_to="the General Assembly of the Council",
                                           submitted_on=dt.date(2017, 9, 18))
    with pytest.raises(ValidationError, match="it is published after"):
        services.annual_report_publish(report=report, published_on=dt.date(2017, 9, 1))
    report = services.annual_report_publish(report=report, published_on=dt.date(2017, 9, 19))
    assert report.status == ReportStatus.PUBLISHED
    steps = list(AnnualReportEvent.objects.filter(report=report).values_list("step", "on"))
    assert steps == [("consider", JULY_2017), ("submit", dt.date(2017, 9, 18)), ("publish", dt.date(2017, 9, 19))]
    with pytest.raises(ValidationError, match="cannot be considered again"):
        services.annual_report_consider(report=report, meeting=report.considered_at, resolution="Again.")


def test_a_published_report_is_frozen_as_published(committee):
    report = AnnualReport.internal.get(committee=committee, start_year=2016)
    report = services.annual_report_submit(report=report, submitted_to="the General Assembly of the Council",
                                           submitted_on=dt.date(2017, 9, 18))
    report = services.annual_report_publish(report=report, published_on=dt.date(2017, 9, 19))
    frozen = report.published_content
    assert frozen["status"] == "Published" and frozen["published_on"] == "19 September 2017"
    minute = Minute.internal.filter(meeting__date=JULY_2016, title__startswith="Committee Protocol").get()
    minute.narrative = "Rewritten after publication."
    save_with_history(minute, by=None)
    report.refresh_from_db()
    assert report.published_content == frozen
    assert "Rewritten after publication." in selectors.compose(report=report)["meetings"][0]["items"][0]["summary"]["text"]
    with pytest.raises(ValidationError, match="is published"):
        services.narrative_write(report=report, part="introduction", text="Too late.")


def test_consideration_is_at_a_held_meeting_of_the_same_committee(draft, committee):
    other = Meeting.objects.exclude(committee=committee).filter(status="held").first()
    if other is not None:
        with pytest.raises(ValidationError, match="its own Committee"):
            services.annual_report_consider(report=draft, meeting=other, resolution="Noted.")
    to_come = Meeting.objects.filter(committee=committee).exclude(status="held").first()
    with pytest.raises(ValidationError, match="not recorded as held"):
        services.annual_report_consider(report=draft, meeting=to_come, resolution="Noted.")
    held = Meeting.objects.get(committee=committee, date=JULY_2017)
    with pytest.raises(ValidationError, match="Give what the Committee resolved"):
        services.annual_report_consider(report=draft, meeting=held, resolution="  ")
    assert AnnualReport.internal.get(pk=draft.pk).status == ReportStatus.DRAFT
