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
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import yaml
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction

from scrutiny.demo.standins import standin_pdf
from scrutiny.documents.models import BackgroundPaper, CoveringReport, Document
from scrutiny.governance.models import (
    Committee,
    Membership,
    MunicipalYear,
    Organisation,
    OrganisationKind,
    Partnership,
    Person,
    Post,
    PostHolding,
    Succession,
)
from scrutiny.meetings.models import AgendaItem, Meeting
from scrutiny.meetings.selectors import next_meeting
from scrutiny.minutes.models import Action, Attendance, Minute, MinutesRecord, Resolution
from scrutiny.programme.models import (
    DrawDownRequest,
    DrawDownStep,
    RecurringRule,
    WorkPlanVersion,
    WorkProgrammeChange,
    WorkProgrammeItem,
)

DATA_DIR = Path(__file__).parent / "data"
CHANGE_REASON = "Loaded from the Dartford demo data"


class DemoDataError(Exception):
    """The demo data is malformed; the message names the file and the field."""


class DemoSource(Protocol):
    def read(self, name: str) -> Any: ...
    def meeting_files(self) -> list[str]: ...


@dataclass(frozen=True)
class DirectorySource:
    root: Path = DATA_DIR

    def read(self, name: str) -> Any:
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
    counts: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))

    def record(self, model: type[models.Model], outcome: str) -> None:
        self.counts[model._meta.verbose_name_plural][outcome] += 1

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


def _keys(mapping: Any, where: str, required: Iterable[str], optional: Iterable[str] = ()) -> dict:
    if not isinstance(mapping, dict):
        raise DemoDataError(f"{where}: expected a mapping, found {type(mapping).__name__}")
    required, allowed = set(required), set(required) | set(optional)
    missing = required - mapping.keys()
    unknown = mapping.keys() - allowed
    if missing:
        raise DemoDataError(f"{where}: missing {', '.join(sorted(missing))}")
    if unknown:
        raise DemoDataError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    return mapping


def _date(value: Any, where: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise DemoDataError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from None


def _time(value: Any, where: str) -> dt.time | None:
    if value is None:
        return None
    try:
        return dt.time.fromisoformat(str(value))
    except ValueError:
        raise DemoDataError(f"{where}: {value!r} is not a time (HH:MM)") from None


def _exemption(spec: Any, where: str) -> dict:
    if not spec:
        return {"is_exempt": False, "exemption_ground": "", "exemption_note": "", "public_title": ""}
    _keys(spec, where, ["ground"], ["note", "public_title"])
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
        self.pending_minutes: list[tuple[Meeting, dict, str]] = []

    # -- saving -----------------------------------------------------------------------

    def upsert(self, manager: models.Manager, lookup: dict, values: dict, where: str) -> models.Model:
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
        obj._change_reason = CHANGE_REASON
        obj.save()
        self.report.record(manager.model, outcome)
        return obj

    def org(self, key: str | None, where: str) -> Organisation | None:
        if key is None:
            return None
        if key not in self.orgs:
            raise DemoDataError(f"{where}: no organisation with key {key!r}")
        return self.orgs[key]

    def meeting(self, committee_key: str, day: Any, where: str) -> Meeting | None:
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
        for document, title, where in self.pending_work_plans:
            version = WorkPlanVersion.objects.filter(
                committee=document.agenda_item.meeting.committee, title=title
            ).first()
            if version is None:
                raise DemoDataError(f"{where}.work_plan: no work plan version titled {title!r}")
            self.upsert(Document.internal, {"pk": document.pk}, {"work_plan": version}, where)

    def load_organisations(self, data: dict) -> None:
        f = "organisations.yaml"
        _keys(data, f, ["organisations", "successions", "partnerships", "committees", "municipal_years"])
        for i, spec in enumerate(data["organisations"]):
            where = f"{f}: organisations[{i}]"
            _keys(
                spec, where, ["key", "name", "kind"], ["short_name", "starts_on", "ends_on", "note", "parent"]
            )
            self.orgs[spec["key"]] = self.upsert(
                Organisation.objects,
                {"slug": spec["key"]},
                {
                    "name": spec["name"],
                    "short_name": spec.get("short_name", ""),
                    "kind": spec["kind"],
                    "parent": self.org(spec.get("parent"), where),
                    "starts_on": _date(spec.get("starts_on"), where),
                    "ends_on": _date(spec.get("ends_on"), where),
                    "note": spec.get("note", ""),
                },
                where,
            )
        for i, spec in enumerate(data["committees"]):
            where = f"{f}: committees[{i}]"
            _keys(
                spec,
                where,
                ["key", "name", "council"],
                ["short_name", "description", "contact", "note", "starts_on"],
            )
            council = self.org(spec["council"], where)
            self.orgs[spec["key"]] = self.upsert(
                Committee.objects,
                {"slug": spec["key"]},
                {
                    "name": spec["name"],
                    "short_name": spec.get("short_name", ""),
                    "kind": OrganisationKind.COMMITTEE,
                    "council": council,
                    "parent": council,
                    "description": (spec.get("description") or "").strip(),
                    "contact": (spec.get("contact") or "").strip(),
                    "note": spec.get("note", ""),
                    "starts_on": _date(spec.get("starts_on"), where),
                },
                where,
            )
        for i, spec in enumerate(data["successions"]):
            where = f"{f}: successions[{i}]"
            _keys(spec, where, ["predecessor", "successor"], ["date", "note"])
            self.upsert(
                Succession.objects,
                {
                    "predecessor": self.org(spec["predecessor"], where),
                    "successor": self.org(spec["successor"], where),
                },
                {"on": _date(spec.get("date"), where), "note": spec.get("note", "")},
                where,
            )
        for i, group in enumerate(data["partnerships"]):
            where = f"{f}: partnerships[{i}]"
            _keys(group, where, ["partnership", "members"])
            csp = self.org(group["partnership"], where)
            for j, spec in enumerate(group["members"]):
                w = f"{where}.members[{j}]"
                _keys(spec, w, ["member", "role"], ["starts_on", "ends_on", "note"])
                self.upsert(
                    Partnership.objects,
                    {
                        "partnership": csp,
                        "member": self.org(spec["member"], w),
                        "starts_on": _date(spec.get("starts_on"), w),
                    },
                    {
                        "role": spec["role"],
                        "ends_on": _date(spec.get("ends_on"), w),
                        "note": spec.get("note", ""),
                    },
                    w,
                )
        for i, group in enumerate(data["municipal_years"]):
            where = f"{f}: municipal_years[{i}]"
            _keys(group, where, ["council", "years"])
            council = self.org(group["council"], where)
            for j, spec in enumerate(group["years"]):
                w = f"{where}.years[{j}]"
                _keys(spec, w, ["start_year"], ["annual_meeting_on", "note"])
                self.years[(group["council"], spec["start_year"])] = self.upsert(
                    MunicipalYear.objects,
                    {"council": council, "start_year": spec["start_year"]},
                    {
                        "annual_meeting_on": _date(spec.get("annual_meeting_on"), w),
                        "note": spec.get("note", ""),
                    },
                    w,
                )

    def load_people(self, data: dict) -> None:
        f = "people.yaml"
        _keys(data, f, ["council", "people", "posts", "post_holdings", "memberships"])
        council_key = data["council"]  # whose municipal years `year:` refers to
        for i, spec in enumerate(data["people"]):
            where = f"{f}: people[{i}]"
            _keys(
                spec,
                where,
                ["key", "family_name"],
                ["honorific", "given_name", "initials", "honours", "is_councillor", "note"],
            )
            self.people[spec["key"]] = self.upsert(
                Person.objects,
                {"slug": spec["key"]},
                {
                    "family_name": spec["family_name"],
                    "honorific": spec.get("honorific", ""),
                    "given_name": spec.get("given_name", ""),
                    "initials": spec.get("initials", ""),
                    "honours": spec.get("honours", ""),
                    "is_councillor": bool(spec.get("is_councillor", False)),
                    "note": spec.get("note", ""),
                },
                where,
            )
        for i, spec in enumerate(data["posts"]):
            where = f"{f}: posts[{i}]"
            _keys(spec, where, ["key", "title", "organisation"], ["unit"])
            self.posts[spec["key"]] = self.upsert(
                Post.objects,
                {"organisation": self.org(spec["organisation"], where), "title": spec["title"]},
                {"unit": spec.get("unit", "")},
                where,
            )
        for i, spec in enumerate(data["post_holdings"]):
            where = f"{f}: post_holdings[{i}]"
            _keys(spec, where, ["person", "post"], ["starts_on", "ends_on", "note"])
            self.upsert(
                PostHolding.objects,
                {
                    "person": self._person(spec["person"], where),
                    "post": self._post(spec["post"], where),
                    "starts_on": _date(spec.get("starts_on"), where),
                },
                {"ends_on": _date(spec.get("ends_on"), where), "note": spec.get("note", "")},
                where,
            )
        for i, spec in enumerate(data["memberships"]):
            where = f"{f}: memberships[{i}]"
            _keys(
                spec,
                where,
                ["organisation", "role"],
                ["person", "post", "year", "starts_on", "ends_on", "capacity", "note", "may_vote"],
            )
            organisation = self.org(spec["organisation"], where)
            year = None
            if spec.get("year") is not None:
                year = self.years.get((council_key, spec["year"]))
                if year is None:
                    raise DemoDataError(f"{where}: no municipal year {spec['year']} for {council_key}")
            self.upsert(
                Membership.objects,
                {
                    "organisation": organisation,
                    "person": self._person(spec["person"], where) if spec.get("person") else None,
                    "post": self._post(spec["post"], where) if spec.get("post") else None,
                    "role": spec["role"],
                    "municipal_year": year,
                    "starts_on": _date(spec.get("starts_on"), where),
                },
                {
                    "ends_on": _date(spec.get("ends_on"), where),
                    "capacity": spec.get("capacity", ""),
                    "note": spec.get("note", ""),
                    "may_vote": bool(spec.get("may_vote", spec["role"] != "co_opted")),
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

    def load_meeting(self, name: str, data: dict) -> None:
        _keys(
            data,
            name,
            ["committee", "date", "status", "items"],
            [
                "date_precision",
                "start_time",
                "venue",
                "closed_at",
                "source",
                "note",
                "minutes_are_summary",
                "attendance",
                "minutes_status",
                "minutes_confirmed_at",
            ],
        )
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
        for n, spec in enumerate(data.get("attendance") or [], start=1):
            self.load_attendance(meeting, n, spec, f"{name}: attendance[{n - 1}]")
        minute_position = 0
        for i, spec in enumerate(data["items"] or []):
            where = f"{name}: items[{i}]"
            _keys(
                spec, where, ["title", "kind"], ["number", "purpose", "exempt", "documents", "minute", "role"]
            )
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
            if spec.get("minute"):
                minute_position += 1
                self.load_minute(meeting, item, minute_position, spec["minute"], f"{where}.minute")

    def load_attendance(self, meeting: Meeting, position: int, spec: dict, where: str) -> None:
        _keys(spec, where, ["kind"], ["person", "name", "capacity", "organisation", "substitute_for"])
        self.upsert(
            Attendance.objects,
            {"meeting": meeting, "position": position},
            {
                "kind": spec["kind"],
                "person": self._person(spec["person"], where) if spec.get("person") else None,
                "name": spec.get("name", ""),
                "capacity": spec.get("capacity", ""),
                "organisation": self.org(spec.get("organisation"), where),
                "substitute_for": self._person(spec["substitute_for"], where)
                if spec.get("substitute_for")
                else None,
            },
            where,
        )

    def load_minutes_record(self, meeting: Meeting, data: dict, where: str) -> None:
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
        self, committee_key: str, meeting: Meeting, item: AgendaItem, index: int, spec: dict, where: str
    ) -> None:
        _keys(
            spec,
            where,
            ["title", "kind"],
            ["description", "exempt", "minutes_of", "work_plan", "standin_pages", "report"],
        )
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
        if spec.get("work_plan"):
            self.pending_work_plans.append((document, spec["work_plan"], where))
        if spec.get("standin_pages") and not document.file:
            pdf = standin_pdf(
                title=spec["title"],
                pages=int(spec["standin_pages"]),
                exempt=document.is_withheld_from_public,
                committee=meeting.committee.name,
                meeting=meeting.date_display,
            )
            document.file.save(f"standin-{document.pk}.pdf", ContentFile(pdf), save=False)
            document.page_count = int(spec["standin_pages"])
            document._change_reason = CHANGE_REASON
            document.save()
            self.report.record(Document, "updated")
        if spec.get("report"):
            self.load_covering_report(document, spec["report"], f"{where}.report")

    def load_covering_report(self, document: Document, spec: dict, where: str) -> None:
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
        _keys(spec, where, ["heading", "summary", "recommendations"], [*fields, "background_papers"])
        implications = dict.fromkeys(("financial", "legal", "staffing", "administrative", "risk"), "None")
        values = {f: str(spec.get(f, implications.get(f, ""))).strip() for f in fields}
        report = self.upsert(
            CoveringReport.objects, {"document": document}, {"heading": spec["heading"], **values}, where
        )
        for n, paper in enumerate(spec.get("background_papers") or [], start=1):
            w = f"{where}.background_papers[{n - 1}]"
            _keys(paper, w, ["title"], ["date", "file_reference", "author", "section", "exempt_category"])
            self.upsert(
                BackgroundPaper.objects,
                {"report": report, "position": n},
                {
                    k: paper.get(k, "N/A" if k == "exempt_category" else "")
                    for k in ("title", "date", "file_reference", "author", "section", "exempt_category")
                },
                w,
            )

    def load_minute(self, meeting: Meeting, item: AgendaItem, position: int, spec: dict, where: str) -> None:
        _keys(
            spec,
            where,
            ["title"],
            ["number", "narrative", "resolutions", "exempt", "public_summary", "actions"],
        )
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
            _keys(action, w, ["description"], ["owner_person", "owner_organisation", "owner_note", "due_on"])
            due = _date(action.get("due_on"), w) or self._next_meeting_date(meeting)
            self.upsert(
                Action.objects,
                {"minute": minute, "description": action["description"]},
                {
                    "owner_person": self._person(action["owner_person"], w)
                    if action.get("owner_person")
                    else None,
                    "owner_organisation": self.org(action.get("owner_organisation"), w),
                    "owner_note": action.get("owner_note", ""),
                    "due_on": due,
                },
                w,
            )

    def _next_meeting_date(self, meeting: Meeting) -> dt.date:
        following = next_meeting(meeting=meeting)
        if following is None:
            raise DemoDataError(
                f"An action of {meeting.date_display} needs a due date: no later meeting is loaded."
            )
        return following.date

    def load_work_programme(self, data: dict) -> None:
        f = "work_programme.yaml"
        _keys(data, f, ["committee", "rules", "items", "versions", "draw_downs"])
        committee_key = data["committee"]
        committee = self.org(committee_key, f)
        for i, spec in enumerate(data["rules"]):
            where = f"{f}: rules[{i}] ({spec.get('key', '?')})"
            _keys(
                spec,
                where,
                ["key", "title_template", "kind", "recurrence"],
                [
                    "description",
                    "brought_by",
                    "brought_by_note",
                    "expected_exempt",
                    "statutory_subject",
                    "needs_attendance",
                    "active",
                    "changes",
                ],
            )
            rule = self.upsert(
                RecurringRule.objects,
                {"committee": committee, "key": spec["key"]},
                {
                    "title_template": spec["title_template"],
                    "description": spec.get("description", ""),
                    "kind": spec["kind"],
                    "brought_by": self.org(spec.get("brought_by"), where),
                    "brought_by_note": spec.get("brought_by_note", ""),
                    "expected_exempt": bool(spec.get("expected_exempt", False)),
                    "statutory_subject": spec.get("statutory_subject", ""),
                    "needs_attendance": bool(spec.get("needs_attendance", False)),
                    "recurrence": spec["recurrence"],
                    "active": bool(spec.get("active", True)),
                },
                where,
            )
            for n, change in enumerate(spec.get("changes") or [], start=1):
                self.load_change(committee_key, {"rule": rule}, n, change, f"{where}.changes[{n - 1}]")
        items = {}
        for i, spec in enumerate(data["items"]):
            where = f"{f}: items[{i}] ({spec.get('key', '?')})"
            _keys(
                spec,
                where,
                ["key", "title", "kind", "target", "status"],
                [
                    "description",
                    "brought_by",
                    "brought_by_note",
                    "expected_exempt",
                    "note",
                    "considered_at",
                    "changes",
                    "statutory_subject",
                    "needs_attendance",
                ],
            )
            item = items[spec["key"]] = self.upsert(
                WorkProgrammeItem.objects,
                {"committee": committee, "key": spec["key"]},
                {
                    "title": spec["title"],
                    "description": spec.get("description", ""),
                    "kind": spec["kind"],
                    "brought_by": self.org(spec.get("brought_by"), where),
                    "brought_by_note": spec.get("brought_by_note", ""),
                    "expected_exempt": bool(spec.get("expected_exempt", False)),
                    "statutory_subject": spec.get("statutory_subject", ""),
                    "needs_attendance": bool(spec.get("needs_attendance", False)),
                    "target_meeting": self.meeting(committee_key, spec["target"], f"{where}.target"),
                    "status": spec["status"],
                    "considered_at": self._agenda_item(
                        committee_key, spec.get("considered_at"), f"{where}.considered_at"
                    ),
                    "note": spec.get("note", ""),
                },
                where,
            )
            for n, change in enumerate(spec.get("changes") or [], start=1):
                self.load_change(committee_key, {"item": item}, n, change, f"{where}.changes[{n - 1}]")
        for i, spec in enumerate(data["versions"]):
            self.load_version(committee_key, committee, spec, f"{f}: versions[{i}]")
        for i, spec in enumerate(data["draw_downs"]):
            self.load_draw_down(committee, items, spec, f"{f}: draw_downs[{i}]")

    def load_version(self, committee_key: str, committee: Committee, spec: dict, where: str) -> None:
        _keys(
            spec,
            where,
            ["title", "status", "prepared_on", "rows"],
            ["approved_at", "resolution_text", "source"],
        )
        rows = []
        for j, row in enumerate(spec["rows"]):
            w = f"{where}.rows[{j}]"
            _keys(row, w, ["label", "meeting", "items"])
            self.meeting(committee_key, row["meeting"], w)
            cells = []
            for k, cell in enumerate(row["items"]):
                _keys(cell, f"{w}.items[{k}]", ["key", "title"], ["note"])
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

    def load_draw_down(self, committee: Committee, items: dict, spec: dict, where: str) -> None:
        _keys(
            spec,
            where,
            ["topic", "status", "steps"],
            ["description", "requested_by_note", "requested_on", "item"],
        )
        if spec.get("item") and spec["item"] not in items:
            raise DemoDataError(f"{where}: no work programme item with key {spec['item']!r}")
        request = self.upsert(
            DrawDownRequest.objects,
            {"committee": committee, "topic": spec["topic"]},
            {
                "description": spec.get("description", ""),
                "requested_by_note": spec.get("requested_by_note", ""),
                "requested_on": _date(spec.get("requested_on"), where),
                "status": spec["status"],
                "item": items.get(spec.get("item")),
            },
            where,
        )
        for n, step in enumerate(spec["steps"], start=1):
            w = f"{where}.steps[{n - 1}]"
            _keys(step, w, ["kind"], ["decided_by_note", "decided_on", "note"])
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

    def _resolution(self, committee_key: str, ref: dict | None, where: str) -> Resolution | None:
        if ref is None:
            return None
        _keys(ref, where, ["meeting", "minute", "number"])
        meeting = self.meeting(committee_key, ref["meeting"], where)
        found = Resolution.internal.filter(
            minute__meeting=meeting, minute__number=ref["minute"], number=ref["number"]
        ).first()
        if found is None:
            raise DemoDataError(
                f"{where}: no resolution {ref['number']} of minute {ref['minute']} of {ref['meeting']}"
            )
        return found

    def _agenda_item(self, committee_key: str, ref: dict | None, where: str) -> AgendaItem | None:
        if ref is None:
            return None
        _keys(ref, where, ["meeting"], ["item", "minute", "title"])
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

    def load_change(self, committee_key: str, owner: dict, sequence: int, spec: dict, where: str) -> None:
        """A recorded change of an item or a rule (`owner` is {"item": ...} or {"rule": ...})."""
        _keys(
            spec,
            where,
            ["kind", "decided_by", "wording"],
            ["decided_on", "decided_at", "decided_by_note", "from", "to", "reason", "resolution"],
        )
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
    from zoneinfo import ZoneInfo

    from scrutiny.publishing.services import meeting_publish_agenda
    from scrutiny.rules.deadlines import agenda_publication_deadline

    done = []
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
