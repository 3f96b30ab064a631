"""The annual report composed from the year's record, in the layout of Dartford's (seed 001):
introduction and background, the last year's report, standing invitations, the work
programme (its plan table and the year's amendments, draw-downs), and the items considered at
each meeting with what was resolved and the minute that records it.

`compose` returns plain data (dicts, lists, strings), so that a published report is frozen as
it was composed (`AnnualReport.published_content`) and the page, the PDF, the Word file and the
command all print the same document. Exempt business reaches it only through
`published_minute_entries(may_see=...)`: for a viewer not entitled, or the public version, an
exempt minute is "considered in private" with its ground, and nothing of its text, nor of the
officer's summary of it, is read.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from typing import Any

from scrutiny.documents.models import Document
from scrutiny.governance.models import Committee, MembershipRole, PartnerRole
from scrutiny.governance.selectors import (
    annual_meetings,
    committee_seats,
    partners_of,
    scrutinised_partnerships,
)
from scrutiny.meetings.models import ItemRole, Meeting, MeetingStatus
from scrutiny.minutes.models import Reference
from scrutiny.minutes.selectors import (
    MinuteEntry,
    outside_meetings_of,
    published_minute_entries,
    references_of,
)
from scrutiny.programme import selectors as programme
from scrutiny.programme.models import DrawDownRequest, ItemStatus, WorkPlanVersion, WorkProgrammeItem
from scrutiny.rules import annual_report as rules
from scrutiny.rules import municipal_year as municipal_year_rule
from scrutiny.rules import statutory_items
from scrutiny.rules.exempt_information import not_for_publication_mark

from .models import AnnualReport, NarrativeText

Report = dict[str, Any]
MaySee = Callable[[Meeting], bool]

#: The report's sections, in order, as seed 001 heads them ({year}: "2016-17").
INTRODUCTION = "Introduction and Background"
STANDING_INVITATIONS = "Standing Invitations"
WORK_PROGRAMME = "Work Programme"
REFERENCES = "References to the Council and the Cabinet"

# Business every agenda opens or closes with: not part of the year's work; urgent items and
# references from other committees are, when the Committee resolved something on them.
PROCEDURAL = {ItemRole.APOLOGIES, ItemRole.DECLARATIONS, ItemRole.MINUTES, ItemRole.NEXT_MEETING, ItemRole.EXCLUSION}
STANDING_UNLESS_RESOLVED = {ItemRole.URGENT, ItemRole.REFERENCES}
_STANDING = re.compile(r"standing invitation", re.IGNORECASE)
_PLAN = re.compile(r"work (programme|plan)", re.IGNORECASE)
_ANNUAL_REPORT = re.compile(r"annual report", re.IGNORECASE)
_PROTOCOL = re.compile(r"protocol|memorandum of understanding", re.IGNORECASE)
KIND_HEADINGS = (("statutory", "Statutory items"), ("standard", "Standard items"),
                 ("discretionary", "Discretionary reviews"), ("draw_down", "Draw-downs"))


def public(_: Meeting) -> bool:
    return False


def everything(_: Meeting) -> bool:
    return True


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def held_on(meeting: Meeting) -> str:
    """"27 July 2016"; "July 2019" for a meeting known only by its month."""
    return meeting.day_display


def year_meetings(*, committee: Committee, start_year: int) -> list[Meeting]:
    first, last = municipal_year_rule.bounds(start_year, annual_meetings(committee.council))
    return list(
        Meeting.objects.filter(committee=committee, date__range=(first, last), status=MeetingStatus.HELD)
        .select_related("committee", "minutes_record")
        .order_by("date", "pk")
    )


def latest_texts(report: AnnualReport) -> dict[str, NarrativeText]:
    latest: dict[str, NarrativeText] = {}
    if report.pk is None:  # a report not started: the record's text throughout
        return latest
    for text in NarrativeText.objects.filter(report=report).order_by("part", "version"):
        latest[text.part] = text
    return latest


def _narrative(part: str, source: str, texts: dict[str, NarrativeText]) -> dict[str, Any]:
    """The officer's latest text for `part`, else what the record says (`source`); `changed`
    when the record has changed since the officer wrote."""
    written = texts.get(part)
    if written is None or not written.text:  # never written, or returned to the record
        return {"part": part, "text": source, "written": False, "changed": False, "version": 0}
    return {"part": part, "text": written.text, "written": True, "version": written.version,
            "changed": written.source_digest != digest(source)}


def introduction_source(committee: Committee) -> str:
    return "\n\n".join(p for p in (rules.LEGAL_DUTY, committee.description.strip(), rules.POWERS) if p)


def work_programme_source(committee: Committee) -> str:
    return rules.statutory_basis(list(statutory_items.REQUIRED_EACH_YEAR[committee.statutory_documents]))


def _partners(committee: Committee, start_year: int) -> dict[str, Any]:
    first, last = municipal_year_rule.bounds(start_year, annual_meetings(committee.council))
    remits = [s for s in scrutinised_partnerships(committee=committee)
              if (s.starts_on is None or s.starts_on <= last) and (s.ends_on is None or s.ends_on >= first)]
    out: dict[str, Any] = {"partnerships": []}
    for remit in remits:
        members, changes = [], []
        for p in partners_of(partnership=remit.partnership):
            if p.role != PartnerRole.RESPONSIBLE_AUTHORITY:
                continue
            if (p.starts_on is not None and p.starts_on > last) or (p.ends_on is not None and p.ends_on < first):
                continue
            members.append(p.member.name)
            if p.starts_on is not None and first <= p.starts_on <= last:
                changes.append(f"{p.member.name} joined the Partnership on {p.starts_on.day} {p.starts_on:%B %Y}.")
            if p.ends_on is not None and first <= p.ends_on <= last:
                changes.append(f"{p.member.name} left the Partnership on {p.ends_on.day} {p.ends_on:%B %Y}.")
        out["partnerships"].append({"name": remit.partnership.name, "members": members, "changes": changes})
    return out


def _standing_invitations(committee: Committee, start_year: int) -> list[str]:
    invited = MembershipRole.STANDING_INVITEE.label
    return [f"{seat.name} ({seat.capacity})" if seat.capacity else seat.name
            for seat in committee_seats(committee=committee, start_year=start_year) if seat.role == invited]


def _plan(committee: Committee, start_year: int, meetings: list[Meeting]) -> dict[str, Any] | None:
    first, last = municipal_year_rule.bounds(start_year, annual_meetings(committee.council))
    approved = (WorkPlanVersion.objects.filter(committee=committee, approved_on__range=(first, last))
                .select_related("approved_at").order_by("approved_on", "pk").first())
    version = approved or programme.version_in_force(committee=committee, on=last)
    if version is None:
        return None
    rows = [{"label": row.get("label", ""),
             "items": [f"{i['title']} {i['note']}".strip() if i.get("note") else i["title"] for i in row.get("items", [])]}
            for row in version.snapshot]
    at = version.approved_at
    return {"title": version.title, "rows": rows, "resolution": version.resolution_text,
            "approved": f"approved by the Committee at its meeting {at.held_on}" if at is not None else "",
            "in_year": approved is not None, "meeting": version.approved_at_id}


def _amendments(committee: Committee, start_year: int) -> list[dict[str, str]]:
    out = []
    for number, change in programme.amendments(committee=committee, start_year=start_year):
        minute = change.resolution.minute if change.resolution is not None else None
        wording = change.wording or str(change)
        ref = f"[Min. No. {minute.number} refers]" if minute is not None and minute.number else ""
        out.append({"numeral": number, "wording": wording, "minute": ref if ref not in wording else ""})
    return out


def _draw_downs(committee: Committee, start_year: int, meetings: list[Meeting]) -> list[str]:
    first, last = municipal_year_rule.bounds(start_year, annual_meetings(committee.council))
    out = []
    for request in DrawDownRequest.objects.filter(committee=committee).select_related("item__target_meeting"):
        day = request.requested_on or (request.item.target_meeting.date
                                       if request.item and request.item.target_meeting else None)
        if day is None or not first <= day <= last:
            continue
        who = f", requested by the {request.requested_by_note}" if request.requested_by_note else ""
        out.append(f"{request.topic}{who}: {request.get_status_display().lower()}.")
    return out


def _programme_items(meetings: list[Meeting]) -> list[dict[str, Any]]:
    """The year's work-programme items (not cancelled), by kind: statutory, standard, discretionary."""
    found: dict[str, list[str]] = {}
    for item in (WorkProgrammeItem.objects.filter(target_meeting__in=meetings).exclude(status=ItemStatus.CANCELLED)
                 .order_by("target_meeting__date", "pk")):
        found.setdefault(item.kind, []).append(f"{item.title} ({item.target_meeting.day_display})"
                                               if item.target_meeting else item.title)
    return [{"heading": heading, "items": found[kind]} for kind, heading in KIND_HEADINGS if found.get(kind)]


def _papers(minute: MinuteEntry, may_see: bool) -> list[str]:
    manager = Document.internal if may_see else Document.public
    return list(manager.filter(agenda_item__minutes__pk=minute.pk).order_by("position", "pk").values_list("title", flat=True))


def _set_aside(entries: list[MinuteEntry], refs: dict[int, list[Reference]], *, approved_here: bool,
               previous: str) -> dict[int, str]:
    """The minutes reported in a section of their own rather than as items: the last year's
    report (a reference of an annual report), the standing invitations, the plan approved."""
    aside: dict[int, str] = {}
    for entry in entries:
        if entry.withheld:
            continue
        if any(_ANNUAL_REPORT.search(r.subject) for r in refs.get(entry.pk, [])) or previous.lower() in entry.title.lower():
            aside[entry.pk] = "previous_report"
        elif _STANDING.search(entry.title):
            aside[entry.pk] = "standing"
        elif approved_here and _PLAN.search(entry.title):
            aside[entry.pk] = "plan"
    return aside


def _procedural(entry: MinuteEntry, roles: dict[int, str]) -> bool:
    role = roles.get(entry.pk)
    return role in PROCEDURAL or (role in STANDING_UNLESS_RESOLVED and entry.resolution_count == 0)


def compose(*, report: AnnualReport, may_see: MaySee = public) -> Report:
    """The report as `may_see` lets it be read: `public` for the public version, a viewer's
    entitlement (`Viewer.may_see_exempt_of_meeting`) for a members' version."""
    committee, start_year = report.committee, report.start_year
    label = municipal_year_rule.label(start_year)
    meetings = year_meetings(committee=committee, start_year=start_year)
    texts = latest_texts(report)
    plan = _plan(committee, start_year, meetings)
    plan_meeting = plan["meeting"] if plan is not None and plan["in_year"] else None
    out: Report = {
        "title": rules.title(committee.name, start_year),
        "committee": committee.name, "council": committee.council.name, "year": label, "start_year": start_year,
        "status": report.get_status_display(), "members": False, "mark": "",
        "sections": {"introduction": INTRODUCTION, "previous": f"Annual Report {municipal_year_rule.label(start_year - 1)}",
                     "standing": STANDING_INVITATIONS, "programme": WORK_PROGRAMME,
                     "items": f"Work Plan items completed in the {label} municipal year", "references": REFERENCES},
        "introduction": _narrative("introduction", introduction_source(committee), texts),
        **_partners(committee, start_year),
        "purpose": rules.purpose(start_year),
        "previous_report": [], "standing_invitations": _standing_invitations(committee, start_year),
        "work_programme": _narrative("work-programme", work_programme_source(committee), texts),
        "met": rules.met(len(meetings), start_year),
        "plan": plan, "amendments": _amendments(committee, start_year),
        "draw_downs": _draw_downs(committee, start_year, meetings) or [rules.no_draw_downs(start_year)],
        "meetings": [], "references": [], "pending": [], "protocol": [],
        "programme_items": _programme_items(meetings),
    }
    for meeting in meetings:
        _meeting(out, meeting, may_see(meeting), texts, approved_here=meeting.pk == plan_meeting)
    if out["members"]:
        out["mark"] = not_for_publication_mark()
    return out


def _meeting(out: Report, meeting: Meeting, may_see: bool, texts: dict[str, NarrativeText], *,
             approved_here: bool) -> None:
    entries = published_minute_entries(meeting=meeting, may_see=may_see)
    if not entries:
        out["pending"].append(f"The minutes of the meeting {meeting.held_on} are not yet published.")
        return
    refs = references_of(minutes=entries)
    noted = outside_meetings_of(minutes=entries)
    roles = dict(meeting.minutes.filter(pk__in=[e.pk for e in entries], agenda_item__isnull=False)
                 .values_list("pk", "agenda_item__role"))
    aside = _set_aside(entries, refs, approved_here=approved_here, previous=out["sections"]["previous"])
    items: list[dict[str, Any]] = []
    for entry in entries:
        where = aside.get(entry.pk)
        if where == "previous_report":
            out["previous_report"].append(_previous(meeting, entry, refs.get(entry.pk, [])))
            continue
        if where in ("standing", "plan") or _procedural(entry, roles):
            continue
        items.append(_item(len(items) + 1, entry, may_see, texts, noted.get(entry.pk, [])))
        if not entry.withheld and _PROTOCOL.search(entry.title):
            number = f" [Min. No. {entry.number} refers]" if entry.number else ""
            out["protocol"].append(f"{entry.title}: considered at the meeting {meeting.held_on}.{number}")
        out["references"].extend(_reference(meeting, r) for r in refs.get(entry.pk, []))
        if entry.exempt and not entry.withheld:
            out["members"] = True
    out["meetings"].append({"held": held_on(meeting), "items": items})


def _previous(meeting: Meeting, entry: MinuteEntry, refs: list[Reference]) -> dict[str, Any]:
    outcomes = [f"{r.get_status_display()}" + (f" on {r.outcome_on.day} {r.outcome_on:%B %Y}" if r.outcome_on else "")
                + (f": {r.outcome_note}" if r.outcome_note else "") + "."
                for r in refs if r.outcome_on or r.outcome_note]
    return {"held": held_on(meeting), "text": entry.narrative or "", "to": [r.recipient for r in refs],
            "outcomes": outcomes, "minute": f"[Min. No. {entry.number} refers]" if entry.number else ""}


def _reference(meeting: Meeting, r: Reference) -> str:
    outcome = f" {r.get_status_display()}" + (f", {r.outcome_on.day} {r.outcome_on:%B %Y}" if r.outcome_on else "")
    return f"{held_on(meeting)}: to {r.recipient}: {r.subject}.{outcome}."


def item_source(entry: MinuteEntry) -> str:
    return entry.narrative or ""


def _item(number: int, entry: MinuteEntry, may_see: bool, texts: dict[str, NarrativeText],
          noted: list[Any]) -> dict[str, Any]:
    part = f"minute-{entry.pk}"
    item: dict[str, Any] = {"number": number, "part": part, "title": entry.title,
                            "minute": f"[Min. No. {entry.number} refers]" if entry.number else "",
                            "private": "", "exempt": entry.exempt, "before": [], "summary": None,
                            "resolutions": [], "noted": []}
    if entry.withheld:
        item["private"] = rules.considered_in_private(entry.exemption_ground)
        return item
    item["before"] = _papers(entry, may_see)
    item["summary"] = _narrative(part, item_source(entry), texts)
    item["resolutions"] = [text for _, text in entry.resolutions or ()]
    item["noted"] = [f"{n.body}, {n.held_display}: {n.statement}" for n in noted]
    if entry.exempt:
        item["private"] = rules.considered_in_private(entry.exemption_ground)
    return item


def parts(composed: Report) -> dict[str, dict[str, Any]]:
    """The narrative parts of a composed report an officer may write, by part."""
    found = {composed["introduction"]["part"]: composed["introduction"],
             composed["work_programme"]["part"]: composed["work_programme"]}
    for meeting in composed["meetings"]:
        for item in meeting["items"]:
            if item["summary"] is not None:
                found[item["part"]] = {**item["summary"], "title": f"{meeting['held']}, item {item['number']}: {item['title']}"}
    return found


def source_of(report: AnnualReport, part: str) -> str | None:
    """What the record says of `part` now (its digest is kept with an officer's text); None
    for a part the report does not have."""
    if part == "introduction":
        return introduction_source(report.committee)
    if part == "work-programme":
        return work_programme_source(report.committee)
    match = re.fullmatch(r"minute-(\d+)", part)
    if match is None:
        return None
    for meeting in year_meetings(committee=report.committee, start_year=report.start_year):
        for entry in published_minute_entries(meeting=meeting, may_see=True):
            if entry.pk == int(match.group(1)):
                return item_source(entry)
    return None


def for_year(*, committee: Committee, start_year: int) -> AnnualReport:
    """The year's report, or one not yet started (unsaved) to compose from the record alone."""
    found = AnnualReport.internal.filter(committee=committee, start_year=start_year).first()
    return found or AnnualReport(committee=committee, start_year=start_year)


def reports(*, committee: Committee) -> list[AnnualReport]:
    return list(AnnualReport.internal.filter(committee=committee).order_by("-start_year"))


def report_years(*, committee: Committee) -> list[int]:
    """Municipal years with a meeting held, for which a report can be started."""
    meetings_of_council = annual_meetings(committee.council)
    days = Meeting.objects.filter(committee=committee, status=MeetingStatus.HELD).values_list("date", flat=True)
    return sorted({municipal_year_rule.start_year_for(d, meetings_of_council) for d in days}, reverse=True)
