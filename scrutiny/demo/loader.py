"""Load the Dartford demo from its YAML files.

An importer like any other: an injectable reader (`DirectorySource` by default), strict
validation with messages that name the file and the field, one transaction for the whole
load, a dry run that rolls back, and a report of what was created, changed or left alone.
Loading is idempotent: a record is saved only when a value differs, so a second run writes
nothing, not even a history row.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar, cast
from zoneinfo import ZoneInfo

import yaml
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction

from scrutiny.annual_report.models import AnnualReport
from scrutiny.annual_report.services import annual_report_consider, annual_report_start, annual_report_submit
from scrutiny.demo import shapes
from scrutiny.demo.standins import standin_pdf
from scrutiny.documents.models import BackgroundPaper, CoveringReport, Document
from scrutiny.documents.services import paper_file_check
from scrutiny.forward_plan.models import ForwardPlanNotice, KeyDecision
from scrutiny.forward_plan.services import forward_plan_publish
from scrutiny.governance.branding import council_branding_update
from scrutiny.governance.models import (
    DEFAULT_HEADER_COLOUR,
    Branding,
    Committee,
    Membership,
    MunicipalYear,
    Organisation,
    OrganisationKind,
    Partnership,
    Person,
    Post,
    PostHolding,
    Scrutiny,
    Succession,
)
from scrutiny.meetings.models import AgendaItem, DatePrecision, Meeting
from scrutiny.meetings.selectors import next_meeting
from scrutiny.minutes.models import (
    Action,
    Attendance,
    Minute,
    MinutesRecord,
    OutsideMeetingNoted,
    Reference,
    Resolution,
)
from scrutiny.programme.models import (
    DrawDownRequest,
    DrawDownStep,
    RecurringRule,
    WorkPlanVersion,
    WorkProgrammeChange,
    WorkProgrammeItem,
)
from scrutiny.programme.selectors import SnapshotRow
from scrutiny.publishing.services import meeting_publish_agenda
from scrutiny.rules.deadlines import agenda_publication_deadline

if TYPE_CHECKING:
    # typeshed's base of every TypedDict, which declares the key sets they carry at run time;
    # it exists only for type checkers.
    from typing import _TypedDict

DATA_DIR = Path(__file__).parent / "data"
# The second, invented council that shows councils kept apart in one installation.
EXAMPLE_DIR = Path(__file__).parent / "example"
CHANGE_REASON = "Loaded from the demo data"

M = TypeVar("M", bound=models.Model)
S = TypeVar("S", bound="_TypedDict")


class DemoDataError(Exception):
    """The demo data is malformed; the message names the file and the field."""


class DemoSource(Protocol):
    def read(self, name: str) -> object:
        """The file parsed, not yet checked: the loader checks it against its shape."""

    def meeting_files(self) -> list[str]: ...


@dataclass(frozen=True)
class DirectorySource:
    root: Path = DATA_DIR

    def read(self, name: str) -> object:
        path = self.root / name
        try:
            with path.open(encoding="utf-8") as fh:
                return yaml.safe_load(fh)
        except FileNotFoundError:
            raise DemoDataError(f"{name}: file not found in {self.root}") from None
        except yaml.YAMLError as exc:
            raise DemoDataError(f"{name}: not valid YAML: {exc}") from None

    def meeting_files(self) -> list[str]:
        return sorted(f"meetings/{p.name}" for p in (self.root / "meetings").glob("*.yaml"))


@dataclass
class LoadReport:
    counts: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))

    def record(self, model: type[models.Model], outcome: str) -> None:
        self.counts[str(model._meta.verbose_name_plural)][outcome] += 1

    @property
    def changed(self) -> int:
        return sum(c["created"] + c["updated"] for c in self.counts.values())

    def lines(self) -> list[str]:
        return [
            f"{name}: {c['created']} created, {c['updated']} updated, {c['unchanged']} unchanged"
            for name, c in sorted(self.counts.items())
        ]


class _DryRun(Exception):
    pass


def load_demo(*, source: DemoSource | None = None, dry_run: bool = False) -> LoadReport:
    """Load (or with dry_run, check and count) the demo in one transaction."""
    report = LoadReport()
    try:
        with transaction.atomic():
            _Loader(source or DirectorySource(), report).run()
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


def _keys(mapping: object, where: str, shape: type[S]) -> S:
    """The mapping, once it has every key of `shape` it must and no key `shape` lacks."""
    if not isinstance(mapping, dict):
        raise DemoDataError(f"{where}: expected a mapping, found {type(mapping).__name__}")
    required, allowed = shape.__required_keys__, shape.__required_keys__ | shape.__optional_keys__
    missing = required - mapping.keys()
    unknown = mapping.keys() - allowed
    if missing:
        raise DemoDataError(f"{where}: missing {', '.join(sorted(missing))}")
    if unknown:
        raise DemoDataError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    # YAML gives untyped mappings; the keys are checked above and the values are checked by
    # the full_clean of the models they fill, so from here on the mapping is read as its shape.
    return cast(S, mapping)


def _date(value: object, where: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise DemoDataError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from None


def _time(value: object, where: str) -> dt.time | None:
    if value is None:
        return None
    try:
        return dt.time.fromisoformat(str(value))
    except ValueError:
        raise DemoDataError(f"{where}: {value!r} is not a time (HH:MM)") from None


def _protocol(spec: shapes.ProtocolSpec | None, where: str) -> dict[str, object]:
    """The committee's protocol settings the file gives; the model's defaults otherwise."""
    if spec is None:
        return {}
    return dict(_keys(spec, where, shapes.ProtocolSpec))


def _exemption(spec: shapes.ExemptSpec | None, where: str) -> dict[str, bool | str]:
    if not spec:
        return {"is_exempt": False, "exemption_ground": "", "exemption_note": "", "public_title": ""}
    _keys(spec, where, shapes.ExemptSpec)
    return {
        "is_exempt": True,
        "exemption_ground": spec["ground"],
        "exemption_note": spec.get("note") or "",
        "public_title": spec.get("public_title") or "",
    }


class _Loader:
    def __init__(self, source: DemoSource, report: LoadReport) -> None:
        self.source = source
        self.report = report
        self.orgs: dict[str, Organisation] = {}
        self.people: dict[str, Person] = {}
        self.posts: dict[str, Post] = {}
        self.years: dict[tuple[str, int], MunicipalYear] = {}
        self.meetings: dict[tuple[str, str], Meeting] = {}
        self.pending_work_plans: list[tuple[Document, str, str]] = []
        self.pending_notices: list[tuple[Document, dt.date, str]] = []
        self.pending_minutes: list[tuple[Meeting, shapes.MeetingFile, str]] = []

    # -- saving -----------------------------------------------------------------------

    def upsert(
        self,
        manager: models.Manager[M],
        lookup: Mapping[str, object],
        values: Mapping[str, object],
        where: str,
    ) -> M:
        obj = manager.filter(**lookup).first()
        if obj is None:
            obj = manager.model(**lookup, **values)
            outcome = "created"
        else:
            changed = {k: v for k, v in values.items() if getattr(obj, k) != v}
            if not changed:
                self.report.record(manager.model, "unchanged")
                return obj
            for k, v in changed.items():
                setattr(obj, k, v)
            outcome = "updated"
        try:
            obj.full_clean()
        except ValidationError as exc:
            raise DemoDataError(f"{where}: {'; '.join(_messages(exc))}") from None
        change_reason_set(obj, CHANGE_REASON)
        obj.save()
        self.report.record(manager.model, outcome)
        return obj

    def org(self, key: str | None, where: str) -> Organisation | None:
        if key is None:
            return None
        if key not in self.orgs:
            raise DemoDataError(f"{where}: no organisation with key {key!r}")
        return self.orgs[key]

    def committee(self, key: str, where: str) -> Committee:
        """The organisation of `key`, which must be one of organisations.yaml's `committees`."""
        organisation = self.org(key, where)
        if not isinstance(organisation, Committee):
            raise DemoDataError(f"{where}: {key!r} is not a committee")
        return organisation

    def meeting(self, committee_key: str, day: shapes.MeetingRef | None, where: str) -> Meeting | None:
        if day is None:
            return None
        key = (committee_key, str(day))
        if key not in self.meetings:
            raise DemoDataError(f"{where}: no meeting file for {day}")
        return self.meetings[key]

    # -- the files ----------------------------------------------------------------------

    def run(self) -> None:
        self.load_organisations(self.source.read("organisations.yaml"))
        self.load_people(self.source.read("people.yaml"))
        for name in self.source.meeting_files():
            self.load_meeting(name, self.source.read(name))
        for meeting, data, where in self.pending_minutes:
            self.load_minutes_record(meeting, data, where)
        self.load_work_programme(self.source.read("work_programme.yaml"))
        self.load_forward_plan(self.source.read("forward_plan.yaml"))
        self.load_annual_reports(self.source.read("annual_reports.yaml"))
        for document, day, where in self.pending_notices:
            council = document.agenda_item.meeting.committee.council
            notice = ForwardPlanNotice.objects.filter(council=council, published_on=day).first()
            if notice is None:
                raise DemoDataError(f"{where}.forward_plan_notice: no notice of {day} in forward_plan.yaml")
            self.upsert(Document.internal, {"pk": document.pk}, {"forward_plan_notice": notice}, where)
        for document, title, where in self.pending_work_plans:
            version = WorkPlanVersion.objects.filter(
                committee=document.agenda_item.meeting.committee, title=title
            ).first()
            if version is None:
                raise DemoDataError(f"{where}.work_plan: no work plan version titled {title!r}")
            self.upsert(Document.internal, {"pk": document.pk}, {"work_plan": version}, where)

    def load_forward_plan(self, raw: object) -> None:
        """The key decisions, then each notice published through the officers' own service, so
        that it is printed from the records. Decisions are found by title, notices by their day."""
        f = "forward_plan.yaml"
        data = _keys(raw, f, shapes.ForwardPlanFile)
        council = self.org(data["council"], f)
        for i, spec in enumerate(data["decisions"]):
            where = f"{f}: decisions[{i}]"
            _keys(spec, where, shapes.KeyDecisionSpec)
            texts = ("summary", "consultation", "documents", "background_papers", "contact", "exemption_ground",
                     "private_reason")
            values: dict[str, object] = {name: str(spec.get(name, "")).strip() for name in texts}
            values.update(decision_maker=spec["decision_maker"], decision_on=_date(spec["decision_on"], where),
                          decision_by=_date(spec.get("decision_by"), where), private=bool(spec.get("private", False)))
            self.upsert(KeyDecision.internal, {"council": council, "title": spec["title"]}, values, where)
        for i, notice in enumerate(data["notices"]):
            where = f"{f}: notices[{i}]"
            _keys(notice, where, shapes.NoticeSpec)
            published_on = _date(notice["published_on"], where)
            if council is None or published_on is None:
                raise DemoDataError(f"{where}: a notice names its council and the day it was published")
            if ForwardPlanNotice.objects.filter(council=council, published_on=published_on).exists():
                self.report.record(ForwardPlanNotice, "unchanged")
                continue
            try:
                forward_plan_publish(council=council, published_on=published_on,
                                     statement=str(notice.get("statement", "")).strip())
            except ValidationError as exc:
                raise DemoDataError(f"{where}: {'; '.join(_messages(exc))}") from None
            self.report.record(ForwardPlanNotice, "created")

    def load_annual_reports(self, raw: object) -> None:
        """Each report started, considered and submitted through the officers' own services, so
        that its history is the one they leave; a report already there is left as it is."""
        f = "annual_reports.yaml"
        data = _keys(raw, f, shapes.AnnualReportsFile)
        committee = self.committee(data["committee"], f)
        for i, spec in enumerate(data["reports"]):
            where = f"{f}: reports[{i}]"
            _keys(spec, where, shapes.AnnualReportSpec)
            if AnnualReport.internal.filter(committee=committee, start_year=spec["year"]).exists():
                self.report.record(AnnualReport, "unchanged")
                continue
            try:
                report = annual_report_start(committee=committee, start_year=spec["year"])
                meeting = self.meeting(data["committee"], spec.get("considered_at"), where)
                if meeting is not None:
                    minute = Minute.internal.get(meeting=meeting, number=spec.get("resolution_minute"))
                    resolution = " ".join(r.text for r in minute.resolutions.order_by("number"))
                    report = annual_report_consider(report=report, meeting=meeting, resolution=resolution)
                submitted_on = _date(spec.get("submitted_on"), where)
                if submitted_on is not None:
                    annual_report_submit(report=report, submitted_to=spec.get("submitted_to", ""),
                                         submitted_on=submitted_on)
            except (ValidationError, Minute.DoesNotExist) as exc:
                detail = "; ".join(_messages(exc)) if isinstance(exc, ValidationError) else "no such minute"
                raise DemoDataError(f"{where}: {detail}") from None
            self.report.record(AnnualReport, "created")

    def load_organisations(self, raw: object) -> None:
        f = "organisations.yaml"
        data = _keys(raw, f, shapes.OrganisationsFile)
        for i, organisation in enumerate(data["organisations"]):
            where = f"{f}: organisations[{i}]"
            _keys(organisation, where, shapes.OrganisationSpec)
            self.orgs[organisation["key"]] = self.upsert(
                Organisation.objects,
                {"slug": organisation["key"]},
                {
                    "name": organisation["name"],
                    "short_name": organisation.get("short_name", ""),
                    "kind": organisation["kind"],
                    "parent": self.org(organisation.get("parent"), where),
                    "starts_on": _date(organisation.get("starts_on"), where),
                    "ends_on": _date(organisation.get("ends_on"), where),
                    "public_description": organisation.get("public_description", "").strip(),
                    "note": organisation.get("note", ""),
                },
                where,
            )
            if "branding" in organisation:
                self.load_branding(self.orgs[organisation["key"]], organisation["branding"], f"{where}.branding")
        for i, committee in enumerate(data["committees"]):
            where = f"{f}: committees[{i}]"
            _keys(committee, where, shapes.CommitteeSpec)
            council = self.org(committee["council"], where)
            self.orgs[committee["key"]] = self.upsert(
                Committee.objects,
                {"slug": committee["key"]},
                {
                    "name": committee["name"],
                    "short_name": committee.get("short_name", ""),
                    "kind": OrganisationKind.COMMITTEE,
                    "council": council,
                    "parent": council,
                    "description": (committee.get("description") or "").strip(),
                    "contact": (committee.get("contact") or "").strip(),
                    "note": committee.get("note", ""),
                    "starts_on": _date(committee.get("starts_on"), where),
                    **_protocol(committee.get("protocol"), f"{where}.protocol"),
                },
                where,
            )
            for j, remit in enumerate(committee.get("scrutinises", [])):
                w = f"{where}.scrutinises[{j}]"
                _keys(remit, w, shapes.ScrutinySpec)
                self.upsert(
                    Scrutiny.objects,
                    {
                        "committee": self.orgs[committee["key"]],
                        "partnership": self.org(remit["partnership"], w),
                        "starts_on": _date(remit.get("starts_on"), w),
                    },
                    {"ends_on": _date(remit.get("ends_on"), w), "note": remit.get("note", "")},
                    w,
                )
        for i, succession in enumerate(data["successions"]):
            where = f"{f}: successions[{i}]"
            _keys(succession, where, shapes.SuccessionSpec)
            self.upsert(
                Succession.objects,
                {
                    "predecessor": self.org(succession["predecessor"], where),
                    "successor": self.org(succession["successor"], where),
                },
                {"on": _date(succession.get("date"), where), "note": succession.get("note", "")},
                where,
            )
        for i, group in enumerate(data["partnerships"]):
            where = f"{f}: partnerships[{i}]"
            _keys(group, where, shapes.PartnershipSpec)
            csp = self.org(group["partnership"], where)
            for j, partner in enumerate(group["members"]):
                w = f"{where}.members[{j}]"
                _keys(partner, w, shapes.PartnerSpec)
                self.upsert(
                    Partnership.objects,
                    {
                        "partnership": csp,
                        "member": self.org(partner["member"], w),
                        "starts_on": _date(partner.get("starts_on"), w),
                    },
                    {
                        "role": partner["role"],
                        "ends_on": _date(partner.get("ends_on"), w),
                        "note": partner.get("note", ""),
                    },
                    w,
                )
        for i, years in enumerate(data["municipal_years"]):
            where = f"{f}: municipal_years[{i}]"
            _keys(years, where, shapes.CouncilYearsSpec)
            council = self.org(years["council"], where)
            for j, year in enumerate(years["years"]):
                w = f"{where}.years[{j}]"
                _keys(year, w, shapes.YearSpec)
                self.years[(years["council"], year["start_year"])] = self.upsert(
                    MunicipalYear.objects,
                    {"council": council, "start_year": year["start_year"]},
                    {
                        "annual_meeting_on": _date(year.get("annual_meeting_on"), w),
                        "note": year.get("note", ""),
                    },
                    w,
                )

    def load_branding(self, council: Organisation, raw: object, where: str) -> None:
        """Through the service, which checks the colours' contrast; a new version only on a change,
        so that loading twice changes nothing and a changed style gets a new address."""
        spec = _keys(raw, where, shapes.BrandingSpec)
        values = {
            "display_name": spec.get("display_name", ""),
            "header_colour": spec.get("header_colour", DEFAULT_HEADER_COLOUR),
            "accent_colour": spec.get("accent_colour", DEFAULT_HEADER_COLOUR),
        }
        current = Branding.objects.filter(council=council).first()
        if current is not None and all(getattr(current, k) == v for k, v in values.items()):
            self.report.record(Branding, "unchanged")
            return
        try:
            council_branding_update(
                council=council,
                display_name=values["display_name"],
                header_colour=values["header_colour"],
                accent_colour=values["accent_colour"],
            )
        except ValidationError as exc:
            raise DemoDataError(f"{where}: {'; '.join(_messages(exc))}") from None
        self.report.record(Branding, "created" if current is None else "updated")

    def load_people(self, raw: object) -> None:
        f = "people.yaml"
        data = _keys(raw, f, shapes.PeopleFile)
        council_key = data["council"]  # whose municipal years `year:` refers to
        for i, person in enumerate(data["people"]):
            where = f"{f}: people[{i}]"
            _keys(person, where, shapes.PersonSpec)
            self.people[person["key"]] = self.upsert(
                Person.objects,
                {"slug": person["key"]},
                {
                    "family_name": person["family_name"],
                    "honorific": person.get("honorific", ""),
                    "given_name": person.get("given_name", ""),
                    "initials": person.get("initials", ""),
                    "honours": person.get("honours", ""),
                    "is_councillor": bool(person.get("is_councillor", False)),
                    "note": person.get("note", ""),
                },
                where,
            )
        for i, post in enumerate(data["posts"]):
            where = f"{f}: posts[{i}]"
            _keys(post, where, shapes.PostSpec)
            self.posts[post["key"]] = self.upsert(
                Post.objects,
                {"organisation": self.org(post["organisation"], where), "title": post["title"]},
                {"unit": post.get("unit", "")},
                where,
            )
        for i, holding in enumerate(data["post_holdings"]):
            where = f"{f}: post_holdings[{i}]"
            _keys(holding, where, shapes.PostHoldingSpec)
            self.upsert(
                PostHolding.objects,
                {
                    "person": self._person(holding["person"], where),
                    "post": self._post(holding["post"], where),
                    "starts_on": _date(holding.get("starts_on"), where),
                },
                {"ends_on": _date(holding.get("ends_on"), where), "note": holding.get("note", "")},
                where,
            )
        for i, membership in enumerate(data["memberships"]):
            where = f"{f}: memberships[{i}]"
            _keys(membership, where, shapes.MembershipSpec)
            organisation = self.org(membership["organisation"], where)
            year = None
            start_year = membership.get("year")
            if start_year is not None:
                year = self.years.get((council_key, start_year))
                if year is None:
                    raise DemoDataError(f"{where}: no municipal year {start_year} for {council_key}")
            person_key, post_key = membership.get("person"), membership.get("post")
            self.upsert(
                Membership.objects,
                {
                    "organisation": organisation,
                    "person": self._person(person_key, where) if person_key else None,
                    "post": self._post(post_key, where) if post_key else None,
                    "role": membership["role"],
                    "municipal_year": year,
                    "starts_on": _date(membership.get("starts_on"), where),
                },
                {
                    "ends_on": _date(membership.get("ends_on"), where),
                    "capacity": membership.get("capacity", ""),
                    "note": membership.get("note", ""),
                    "may_vote": bool(membership.get("may_vote", membership["role"] != "co_opted")),
                },
                where,
            )

    def _person(self, key: str, where: str) -> Person:
        if key not in self.people:
            raise DemoDataError(f"{where}: no person with key {key!r}")
        return self.people[key]

    def _post(self, key: str, where: str) -> Post:
        if key not in self.posts:
            raise DemoDataError(f"{where}: no post with key {key!r}")
        return self.posts[key]

    def _person_if(self, key: str | None, where: str) -> Person | None:
        """The person, where a person may be left empty (an absent or empty key)."""
        return self._person(key, where) if key else None

    def _post_if(self, key: str | None, where: str) -> Post | None:
        return self._post(key, where) if key else None

    def load_meeting(self, name: str, raw: object) -> None:
        data = _keys(raw, name, shapes.MeetingFile)
        # `attendance` is kept in the files for the minutes work (issue 5); not loaded yet.
        committee = self.org(data["committee"], name)
        day = _date(data["date"], name)
        meeting = self.upsert(
            Meeting.objects,
            {"committee": committee, "date": day},
            {
                "date_precision": data.get("date_precision", "day"),
                "start_time": _time(data.get("start_time"), f"{name}: start_time"),
                "venue": data.get("venue") or "",
                "status": data["status"],
                # The record of what the council published: the seeds' meetings held had their
                # agendas public (recording the past through the services is issue 17).
                "agenda_public": data["status"] in ("held", "agenda_published"),
                "closed_at": _time(data.get("closed_at"), f"{name}: closed_at"),
                "source": (data.get("source") or "").strip(),
                "note": (data.get("note") or "").strip(),
                "minutes_are_summary": bool(data.get("minutes_are_summary", False)),
            },
            name,
        )
        self.meetings[(data["committee"], name.removeprefix("meetings/").removesuffix(".yaml"))] = meeting
        self.meetings[(data["committee"], str(day))] = meeting
        if data.get("minutes_status"):
            self.pending_minutes.append((meeting, data, name))
        for n, attendance in enumerate(data.get("attendance") or [], start=1):
            self.load_attendance(meeting, n, attendance, f"{name}: attendance[{n - 1}]")
        minute_position = 0
        for i, spec in enumerate(data["items"] or []):
            where = f"{name}: items[{i}]"
            _keys(spec, where, shapes.AgendaItemSpec)
            item = self.upsert(
                AgendaItem.internal,
                {"meeting": meeting, "position": i + 1},
                {
                    "number": str(spec.get("number") or ""),
                    "title": spec["title"],
                    "purpose": (spec.get("purpose") or "").strip(),
                    "kind": spec["kind"],
                    "role": spec.get("role", "business"),
                    **_exemption(spec.get("exempt"), f"{where}.exempt"),
                },
                where,
            )
            for j, doc in enumerate(spec.get("documents") or []):
                self.load_document(data["committee"], meeting, item, j, doc, f"{where}.documents[{j}]")
            minute = spec.get("minute")
            if minute:
                minute_position += 1
                self.load_minute(meeting, item, minute_position, minute, f"{where}.minute")

    def load_attendance(
        self, meeting: Meeting, position: int, spec: shapes.AttendanceSpec, where: str
    ) -> None:
        _keys(spec, where, shapes.AttendanceSpec)
        self.upsert(
            Attendance.objects,
            {"meeting": meeting, "position": position},
            {
                "kind": spec["kind"],
                "person": self._person_if(spec.get("person"), where),
                "name": spec.get("name", ""),
                "capacity": spec.get("capacity", ""),
                "organisation": self.org(spec.get("organisation"), where),
                "substitute_for": self._person_if(spec.get("substitute_for"), where),
            },
            where,
        )

    def load_minutes_record(self, meeting: Meeting, data: shapes.MeetingFile, where: str) -> None:
        committee_key = data["committee"]
        confirmed_at = self.meeting(
            committee_key, data.get("minutes_confirmed_at"), f"{where}: minutes_confirmed_at"
        )
        resolution = None
        if confirmed_at is not None:
            day = f"{meeting.date.day} {meeting.date:%B %Y}"
            resolution = (
                Resolution.internal.filter(minute__meeting=confirmed_at, text__icontains=day)
                .filter(text__icontains="confirmed")
                .first()
            )
        self.upsert(
            MinutesRecord.objects,
            {"meeting": meeting},
            {
                "status": data["minutes_status"],
                "confirmed_at": confirmed_at,
                "confirmed_by_resolution": resolution,
            },
            where,
        )

    def load_document(
        self,
        committee_key: str,
        meeting: Meeting,
        item: AgendaItem,
        index: int,
        spec: shapes.DocumentSpec,
        where: str,
    ) -> None:
        _keys(spec, where, shapes.DocumentSpec)
        document = self.upsert(
            Document.internal,
            {"agenda_item": item, "position": index + 1},
            {
                "title": spec["title"],
                "kind": spec["kind"],
                "description": (spec.get("description") or "").strip(),
                "minutes_of": self.meeting(committee_key, spec.get("minutes_of"), f"{where}.minutes_of"),
                **_exemption(spec.get("exempt"), f"{where}.exempt"),
            },
            where,
        )
        work_plan = spec.get("work_plan")
        if work_plan:
            self.pending_work_plans.append((document, work_plan, where))
        notice_day = _date(spec.get("forward_plan_notice"), f"{where}.forward_plan_notice")
        if notice_day is not None:
            self.pending_notices.append((document, notice_day, where))
        standin_pages = spec.get("standin_pages")
        if standin_pages and not document.file:
            pdf = standin_pdf(
                title=spec["title"],
                pages=int(standin_pages),
                exempt=document.is_withheld_from_public,
                committee=meeting.committee.name,
                meeting=meeting.date_display,
            )
            # The same checks as every paper's file (it is a PDF of our own, but a paper's file
            # comes in one way only).
            checked = paper_file_check(where=where, name=f"standin-{document.pk}.pdf", data=pdf)
            document.file.save(checked.name, ContentFile(checked.pdf), save=False)
            document.page_count = checked.pages
            change_reason_set(document, CHANGE_REASON)
            document.save()
            self.report.record(Document, "updated")
        report = spec.get("report")
        if report:
            self.load_covering_report(document, report, f"{where}.report")

    def load_covering_report(self, document: Document, spec: shapes.CoveringReportSpec, where: str) -> None:
        fields = [
            "summary",
            "recommendations",
            "background",
            "corporate_plan",
            "financial",
            "legal",
            "staffing",
            "administrative",
            "risk",
            "confidence",
            "appendices",
            "author",
            "directorate",
        ]
        _keys(spec, where, shapes.CoveringReportSpec)
        implications = dict.fromkeys(("financial", "legal", "staffing", "administrative", "risk"), "None")
        values = {f: str(spec.get(f, implications.get(f, ""))).strip() for f in fields}
        report = self.upsert(
            CoveringReport.objects, {"document": document}, {"heading": spec["heading"], **values}, where
        )
        for n, paper in enumerate(spec.get("background_papers") or [], start=1):
            w = f"{where}.background_papers[{n - 1}]"
            _keys(paper, w, shapes.BackgroundPaperSpec)
            self.upsert(
                BackgroundPaper.objects,
                {"report": report, "position": n},
                {
                    k: paper.get(k, "N/A" if k == "exempt_category" else "")
                    for k in ("title", "date", "file_reference", "author", "section", "exempt_category")
                },
                w,
            )

    def load_minute(
        self, meeting: Meeting, item: AgendaItem, position: int, spec: shapes.MinuteSpec, where: str
    ) -> None:
        _keys(spec, where, shapes.MinuteSpec)
        minute = self.upsert(
            Minute.internal,
            {"meeting": meeting, "position": position},
            {
                "agenda_item": item,
                "number": spec.get("number"),
                "title": spec["title"],
                "narrative": (spec.get("narrative") or "").strip(),
                "is_public_summary": bool(spec.get("public_summary", False)),
                **_exemption(spec.get("exempt"), f"{where}.exempt"),
            },
            where,
        )
        for n, text in enumerate(spec.get("resolutions") or [], start=1):
            if not isinstance(text, str) or not text.strip():
                raise DemoDataError(f"{where}.resolutions[{n - 1}]: expected the resolution's text")
            self.upsert(
                Resolution.internal,
                {"minute": minute, "number": n},
                {"text": text.strip()},
                f"{where}.resolutions[{n - 1}]",
            )
        for n, action in enumerate(spec.get("actions") or []):
            w = f"{where}.actions[{n}]"
            _keys(action, w, shapes.ActionSpec)
            due = _date(action.get("due_on"), w) or self._next_meeting_date(meeting)
            self.upsert(
                Action.objects,
                {"minute": minute, "description": action["description"]},
                {
                    "owner_person": self._person_if(action.get("owner_person"), w),
                    "owner_organisation": self.org(action.get("owner_organisation"), w),
                    "owner_note": action.get("owner_note", ""),
                    "due_on": due,
                },
                w,
            )

        for n, reference in enumerate(spec.get("references") or []):
            w = f"{where}.references[{n}]"
            _keys(reference, w, shapes.ReferenceSpec)
            self.upsert(
                Reference.internal,
                {"minute": minute, "subject": reference["subject"].strip()},
                {"to": reference["to"], "to_name": reference.get("to_name", ""),
                 "submitted_on": _date(reference.get("submitted_on"), w)},
                w,
            )

        for n, noted in enumerate(spec.get("outside_meetings") or []):
            w = f"{where}.outside_meetings[{n}]"
            _keys(noted, w, shapes.OutsideMeetingSpec)
            month_only = bool(noted.get("month_only", False))
            held_on = _date(noted["held_on"], w)
            self.upsert(
                OutsideMeetingNoted.internal,
                {"minute": minute, "body": self.org(noted["body"], w), "held_on": held_on, "how": noted["how"]},
                {"date_precision": DatePrecision.MONTH if month_only else DatePrecision.DAY,
                 "reporter": self._person_if(noted.get("reporter"), w),
                 "minutes_published": bool(noted.get("minutes_published", True))},
                w,
            )

    def _next_meeting_date(self, meeting: Meeting) -> dt.date:
        following = next_meeting(meeting=meeting)
        if following is None:
            raise DemoDataError(
                f"An action of {meeting.date_display} needs a due date: no later meeting is loaded."
            )
        return following.date

    def load_work_programme(self, raw: object) -> None:
        f = "work_programme.yaml"
        data = _keys(raw, f, shapes.WorkProgrammeFile)
        committee_key = data["committee"]
        committee = self.committee(committee_key, f)
        for i, rule_spec in enumerate(data["rules"]):
            where = f"{f}: rules[{i}] ({rule_spec.get('key', '?')})"
            _keys(rule_spec, where, shapes.RuleSpec)
            rule = self.upsert(
                RecurringRule.objects,
                {"committee": committee, "key": rule_spec["key"]},
                {
                    "title_template": rule_spec["title_template"],
                    "description": rule_spec.get("description", ""),
                    "kind": rule_spec["kind"],
                    "brought_by": self.org(rule_spec.get("brought_by"), where),
                    "brought_by_note": rule_spec.get("brought_by_note", ""),
                    "expected_exempt": bool(rule_spec.get("expected_exempt", False)),
                    "statutory_subject": rule_spec.get("statutory_subject", ""),
                    "needs_attendance": bool(rule_spec.get("needs_attendance", False)),
                    "recurrence": rule_spec["recurrence"],
                    "active": bool(rule_spec.get("active", True)),
                },
                where,
            )
            for n, change in enumerate(rule_spec.get("changes") or [], start=1):
                self.load_change(committee_key, {"rule": rule}, n, change, f"{where}.changes[{n - 1}]")
        items: dict[str, WorkProgrammeItem] = {}
        for i, item_spec in enumerate(data["items"]):
            where = f"{f}: items[{i}] ({item_spec.get('key', '?')})"
            _keys(item_spec, where, shapes.ItemSpec)
            item = items[item_spec["key"]] = self.upsert(
                WorkProgrammeItem.objects,
                {"committee": committee, "key": item_spec["key"]},
                {
                    "title": item_spec["title"],
                    "description": item_spec.get("description", ""),
                    "kind": item_spec["kind"],
                    "brought_by": self.org(item_spec.get("brought_by"), where),
                    "brought_by_note": item_spec.get("brought_by_note", ""),
                    "expected_exempt": bool(item_spec.get("expected_exempt", False)),
                    "statutory_subject": item_spec.get("statutory_subject", ""),
                    "needs_attendance": bool(item_spec.get("needs_attendance", False)),
                    "target_meeting": self.meeting(committee_key, item_spec["target"], f"{where}.target"),
                    "status": item_spec["status"],
                    "considered_at": self._agenda_item(
                        committee_key, item_spec.get("considered_at"), f"{where}.considered_at"
                    ),
                    "note": item_spec.get("note", ""),
                },
                where,
            )
            for n, change in enumerate(item_spec.get("changes") or [], start=1):
                self.load_change(committee_key, {"item": item}, n, change, f"{where}.changes[{n - 1}]")
        for i, version in enumerate(data["versions"]):
            self.load_version(committee_key, committee, version, f"{f}: versions[{i}]")
        for i, draw_down in enumerate(data["draw_downs"]):
            self.load_draw_down(committee, items, draw_down, f"{f}: draw_downs[{i}]")

    def load_version(
        self, committee_key: str, committee: Committee, spec: shapes.VersionSpec, where: str
    ) -> None:
        _keys(spec, where, shapes.VersionSpec)
        rows: list[SnapshotRow] = []
        for j, row in enumerate(spec["rows"]):
            w = f"{where}.rows[{j}]"
            _keys(row, w, shapes.VersionRowSpec)
            self.meeting(committee_key, row["meeting"], w)
            cells = []
            for k, cell in enumerate(row["items"]):
                _keys(cell, f"{w}.items[{k}]", shapes.VersionCellSpec)
                cells.append(
                    {
                        "key": cell["key"],
                        "title": cell["title"],
                        "note": cell.get("note", ""),
                        "status": "planned",
                    }
                )
            rows.append({"label": row["label"], "meeting": str(row["meeting"]), "items": cells})
        approved_at = self.meeting(committee_key, spec.get("approved_at"), where)
        self.upsert(
            WorkPlanVersion.objects,
            {"committee": committee, "title": spec["title"]},
            {
                "status": spec["status"],
                "prepared_on": _date(spec["prepared_on"], where),
                "approved_at": approved_at,
                "approved_on": approved_at.date if approved_at else None,
                "resolution_text": spec.get("resolution_text", ""),
                "source": spec.get("source", ""),
                "snapshot": rows,
            },
            where,
        )

    def load_draw_down(
        self,
        committee: Committee,
        items: Mapping[str, WorkProgrammeItem],
        spec: shapes.DrawDownSpec,
        where: str,
    ) -> None:
        _keys(spec, where, shapes.DrawDownSpec)
        item_key = spec.get("item")
        if item_key and item_key not in items:
            raise DemoDataError(f"{where}: no work programme item with key {item_key!r}")
        request = self.upsert(
            DrawDownRequest.objects,
            {"committee": committee, "topic": spec["topic"]},
            {
                "description": spec.get("description", ""),
                "requested_by_note": spec.get("requested_by_note", ""),
                "requested_on": _date(spec.get("requested_on"), where),
                "status": spec["status"],
                "item": items.get(item_key) if item_key is not None else None,
            },
            where,
        )
        for n, step in enumerate(spec["steps"], start=1):
            w = f"{where}.steps[{n - 1}]"
            _keys(step, w, shapes.DrawDownStepSpec)
            self.upsert(
                DrawDownStep.objects,
                {"request": request, "sequence": n},
                {
                    "kind": step["kind"],
                    "decided_by_note": step.get("decided_by_note", ""),
                    "decided_on": _date(step.get("decided_on"), w),
                    "note": step.get("note", ""),
                },
                w,
            )

    def _resolution(
        self, committee_key: str, ref: shapes.ResolutionRef | None, where: str
    ) -> Resolution | None:
        if ref is None:
            return None
        _keys(ref, where, shapes.ResolutionRef)
        meeting = self.meeting(committee_key, ref["meeting"], where)
        found = Resolution.internal.filter(
            minute__meeting=meeting, minute__number=ref["minute"], number=ref["number"]
        ).first()
        if found is None:
            raise DemoDataError(
                f"{where}: no resolution {ref['number']} of minute {ref['minute']} of {ref['meeting']}"
            )
        return found

    def _agenda_item(
        self, committee_key: str, ref: shapes.AgendaItemRef | None, where: str
    ) -> AgendaItem | None:
        if ref is None:
            return None
        _keys(ref, where, shapes.AgendaItemRef)
        meeting = self.meeting(committee_key, ref["meeting"], where)
        items = AgendaItem.internal.filter(meeting=meeting)
        if "item" in ref:
            items = items.filter(number=str(ref["item"]))
        elif "minute" in ref:
            items = items.filter(minutes__number=ref["minute"])
        elif "title" in ref:
            items = items.filter(title__icontains=ref["title"])
        else:
            raise DemoDataError(f"{where}: give the item number, the minute number or the title")
        found = list(items[:2])
        if len(found) != 1:
            raise DemoDataError(f"{where}: {len(found)} agenda items match {ref}; exactly one must")
        return found[0]

    def load_change(
        self,
        committee_key: str,
        owner: Mapping[str, WorkProgrammeItem | RecurringRule],
        sequence: int,
        spec: shapes.ChangeSpec,
        where: str,
    ) -> None:
        """A recorded change of an item or a rule (`owner` is {"item": ...} or {"rule": ...})."""
        _keys(spec, where, shapes.ChangeSpec)
        values = {
            "kind": spec["kind"],
            "decided_on": _date(spec.get("decided_on"), where),
            "decided_at": self.meeting(committee_key, spec.get("decided_at"), where),
            "decided_by": spec["decided_by"],
            "decided_by_note": spec.get("decided_by_note", ""),
            "from_meeting": self.meeting(committee_key, spec.get("from"), where),
            "to_meeting": self.meeting(committee_key, spec.get("to"), where),
            "reason": spec.get("reason", ""),
            "resolution": self._resolution(committee_key, spec.get("resolution"), f"{where}.resolution"),
            "wording": spec["wording"],
        }
        existing = WorkProgrammeChange.objects.filter(**owner, sequence=sequence).first()
        if existing is not None:
            if any(getattr(existing, k) != v for k, v in values.items()):
                raise DemoDataError(
                    f"{where}: differs from the change already recorded; work programme changes are "
                    "append-only, so add a new change instead of editing this one"
                )
            self.report.record(WorkProgrammeChange, "unchanged")
            return
        change = WorkProgrammeChange(**owner, sequence=sequence, **values)
        try:
            change.full_clean()
        except ValidationError as exc:
            raise DemoDataError(f"{where}: {'; '.join(_messages(exc))}") from None
        change.save()
        self.report.record(WorkProgrammeChange, "created")


def change_reason_set(obj: models.Model, reason: str) -> None:
    """The reason django-simple-history records with the history row of obj's next save."""
    # simple_history reads this attribute, which no model declares, off the instance it saves;
    # so it is set by name rather than assigned.
    setattr(obj, "_change_reason", reason)  # noqa: B010


def _messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [
            f"{field}: {' '.join(m for e in errors for m in e.messages)}"
            for field, errors in exc.error_dict.items()
        ]
    return exc.messages


def publish_demo_agendas() -> list[str]:
    """Publish, through the publishing service, the demo meetings whose agenda pack the seeds
    hold (21 February 2018), once. The day it was really published is not in the sources:
    the demo records it on the last lawful day, 9 a.m."""
    done: list[str] = []
    for meeting in Meeting.objects.filter(status="agenda_published", publications__isnull=True):
        if not Document.internal.filter(agenda_item__meeting=meeting).exists():
            continue
        deadline = agenda_publication_deadline(
            meeting.date, convention=meeting.committee.clear_days_convention
        ).date
        when = dt.datetime.combine(deadline, dt.time(9, 0), tzinfo=ZoneInfo("Europe/London"))
        publication = meeting_publish_agenda(meeting=meeting, now=when)
        done.append(
            f"Agenda of {meeting.date_display} published as of {deadline.day} {deadline:%B %Y} "
            f"({publication.public_pages} pages in the public pack)."
        )
    return done
