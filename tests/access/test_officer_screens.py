"""Every officers' screen refuses the officers of another council, and of another committee
of the same council: found from the URL map, so that a new screen is tried without anyone
remembering to add it here."""

from __future__ import annotations

import re
from html import escape

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from scrutiny.access.decorators import (
    NOT_YOUR_COMMITTEE,
    NOT_YOUR_COUNCIL,
    NOT_YOUR_FORWARD_PLAN,
    NOT_YOUR_PARTNER,
)
from scrutiny.access.models import Role, RoleKind
from scrutiny.annual_report.models import AnnualReport
from scrutiny.documents.models import Document
from scrutiny.forward_plan.models import KeyDecision
from scrutiny.governance.models import Committee, Membership, Organisation, Person
from scrutiny.meetings.models import AgendaItem, Meeting
from scrutiny.minutes.models import (
    Action,
    Attendance,
    Declaration,
    Minute,
    OutsideMeetingNoted,
    Recommendation,
    Reference,
)
from scrutiny.minutes.services import recommendation_draft
from scrutiny.programme.models import DrawDownRequest, WorkPlanVersion, WorkProgrammeItem
from scrutiny.publishing.models import StandardItem
from scrutiny.publishing.services import standard_items_customise
from tests.access.viewers import officer_of
from tests.factories import CommitteeFactory, CouncilFactory, UserFactory

pytestmark = pytest.mark.django_db

# Installation-wide open data (police.uk, ONS): any council's officer imports it.
SHARED = {"performance_imports", "performance_police_upload", "performance_ons_upload", "dashboard"}


def _officer_patterns(resolver: URLResolver | None = None, prefix: str = "") -> list[tuple[str, str, str]]:
    """(name, route, refusal) of every view behind `officer_required` or `administrator_required`."""
    found = []
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            found += _officer_patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name and _refusal(entry.callback):
            found.append((entry.name, prefix + str(entry.pattern), _refusal(entry.callback)))
    return found


def _refusal(view) -> str:
    """The refusal of the access guard around `view` ('' when there is none)."""
    while view is not None:
        code = getattr(view, "__code__", None)  # wraps() copies the names, never the code
        if code is not None and code.co_filename.endswith("access/decorators.py"):
            cells = [c.cell_contents for c in view.__closure__ or ()]
            return next(c for c in cells if c in (NOT_YOUR_COMMITTEE, NOT_YOUR_COUNCIL, NOT_YOUR_PARTNER,
                                                 NOT_YOUR_FORWARD_PLAN))
        view = getattr(view, "__wrapped__", None)
    return ""



def _records(committee: Committee) -> dict[str, object]:
    """One record of each kind an officers' address names, all of `committee`."""
    minute = Minute.internal.filter(meeting__committee=committee).first()
    return {
        "meetings": Meeting.objects.filter(committee=committee).first(),
        "agenda-items": AgendaItem.internal.filter(meeting__committee=committee).first(),
        "minutes": minute,
        "actions": Action.objects.filter(minute__meeting__committee=committee).first(),
        "recommendations": Recommendation.objects.filter(minute__meeting__committee=committee).first(),
        "work-programme/items": WorkProgrammeItem.objects.filter(committee=committee).first(),
        "work-programme/versions": WorkPlanVersion.objects.filter(committee=committee).first(),
        "draw-downs": DrawDownRequest.objects.filter(committee=committee).first(),
        "documents": Document.internal.filter(agenda_item__meeting__committee=committee).first(),
        "attendance": Attendance.objects.filter(meeting__committee=committee).first(),
        "declarations": Declaration.objects.filter(meeting__committee=committee).first(),
        "seats": Membership.objects.filter(organisation=committee).first(),
        "partner/recommendations": Recommendation.objects.filter(minute__meeting__committee=committee).first(),
        "standard-items": StandardItem.objects.filter(committee=committee).first(),
        "person": Person.objects.filter(memberships__organisation=committee, user__isnull=True).first(),
        "key-decisions": KeyDecision.internal.filter(council=committee.council).first(),
        "references": Reference.internal.filter(minute__meeting__committee=committee).first(),
        "outside-meetings": OutsideMeetingNoted.internal.filter(minute__meeting__committee=committee).first(),
        "annual-reports": AnnualReport.internal.filter(committee=committee).first(),
    }


def _url(route: str, committee: Committee, records: dict[str, object]) -> str:
    path = "/" + route
    if "<" not in path:
        return path
    if path.startswith("/councils/"):  # the administrator's: an account of the council
        return path.replace("<slug:slug>", committee.council.slug).replace("<int:pk>", str(records["account"].pk))
    if "<slug:slug>" in path:
        return path.replace("<slug:slug>", committee.slug).replace("<int:pk>", str(records["person"].pk))
    for prefix in sorted(records, key=len, reverse=True):
        if path.startswith(f"/{prefix}/<int:pk>"):
            record = records[prefix]
            assert record is not None, f"the demo has no {prefix} to try {route} with"
            path = path.replace("<int:pk>", str(record.pk))
            break
    else:
        raise AssertionError(f"{route}: no record to try it with; add its kind to _records")
    path = path.replace("<str:direction>", "up").replace("<str:step>", "send_for_check").replace("<int:version>", "1")
    path = path.replace("<slug:part>", "introduction")
    return re.sub(r"<pack_part:part>", "public", path)


@pytest.fixture
def scene(demo):
    dartford = Committee.objects.get(slug="dartford-crime-and-disorder")
    minute = Minute.internal.filter(meeting__committee=dartford).first()
    recommendation_draft(minute=minute, authority=Organisation.objects.get(slug="kent-police"),
                         text="That the Police report on the night-time economy.")
    standard_items_customise(committee=dartford)
    if not Declaration.objects.filter(meeting__committee=dartford).exists():
        present = Attendance.objects.filter(meeting__committee=dartford, person__isnull=False).first()
        Declaration.objects.create(meeting=present.meeting, agenda_item=present.meeting.agenda_items.first(),
                                   person=present.person, kind="other_significant", description="A governor.")
    administrator = UserFactory(username="dartford-administrator")
    Role.objects.create(user=administrator, council=dartford.council, kind=RoleKind.ADMINISTRATOR)
    return {
        "committee": dartford,
        "records": {**_records(dartford), "account": administrator},
        "own officer": officer_of(dartford.council),
        "own administrator": administrator,
        "officer of another council": officer_of(CouncilFactory(name="Example District Council")),
        "officer of another committee": officer_of(
            dartford.council, committees=[CommitteeFactory(council=dartford.council, name="Licensing Committee")]
        ),
    }


def test_the_map_finds_the_officers_screens():
    names = {name for name, _, _ in _officer_patterns()}
    assert {"meeting_add", "meeting_edit", "agenda_item_edit", "agenda_item_co_opted_votes", "minutes_publish",
            "covering_report_edit",
            "draw_down_decide", "dashboard", "committee_settings", "meeting_attendance"} <= names
    administrators = {name for name, _, refusal in _officer_patterns() if refusal == NOT_YOUR_COUNCIL}
    assert {"council_accounts", "account_invite", "committee_membership", "seat_add", "seat_end",
            "person_account", "committee_partners", "partner_add", "partner_end", "succession_add", "post_add",
            "post_holder_add", "scrutiny_add", "council_branding"} <= administrators
    forward_plan = {name for name, _, refusal in _officer_patterns() if refusal == NOT_YOUR_FORWARD_PLAN}
    assert {"key_decisions", "key_decision_add", "key_decision_edit", "key_decision_exception", "key_decision_taken",
            "key_decision_withdraw", "forward_plan_publish"} <= forward_plan


@pytest.mark.parametrize("who", ["officer of another council", "officer of another committee"])
def test_no_officers_screen_opens_or_acts_for_an_officer_not_of_the_committee(client, scene, who):
    client.force_login(scene[who])
    tried = 0
    for name, route, refusal in _officer_patterns():
        if name in SHARED or route.startswith("performance/"):
            continue
        url = _url(route, scene["committee"], scene["records"])
        got = client.get(url)  # a button's address takes POST only: 405 before anything is read
        assert got.status_code in (403, 405), f"{who}: GET {url} answered {got.status_code}"
        posted = client.post(url)
        assert posted.status_code == 403, f"{who}: POST {url} answered {posted.status_code}"
        assert escape(refusal).encode() in posted.content, url
        tried += 1
    assert tried >= 30


@pytest.mark.parametrize("who", ["own officer", "own administrator"])
def test_the_councils_own_officer_and_administrator_get_their_screens(client, scene, who):
    """The refusals above are the boundary, not a screen that refuses everyone."""
    client.force_login(scene[who])
    for name, route, refusal in _officer_patterns():
        skip = route.startswith("performance/") or name == "dashboard" or refusal == NOT_YOUR_PARTNER
        if skip or (refusal == NOT_YOUR_COUNCIL) != (who == "own administrator"):
            continue
        url = _url(route, scene["committee"], scene["records"]) if "<" in route else "/" + route
        response = client.get(url)
        assert response.status_code in (200, 302, 400, 404, 405), f"{url} answered {response.status_code}"
        assert response.status_code != 403, url


def test_performance_attach_refuses_an_item_of_another_councils_committee(client, scene):
    from tests.performance.factories import area_with_lsoas

    area = area_with_lsoas("Dartford test area", ["E01999999"])
    item = scene["records"]["agenda-items"]
    client.force_login(scene["officer of another council"])
    response = client.post(f"/performance/{area.code}/attach/?from=2022-01&to=2022-03", {"item": item.pk})
    assert response.status_code == 403
    assert not Document.internal.filter(agenda_item=item, title__icontains="performance").exists()
