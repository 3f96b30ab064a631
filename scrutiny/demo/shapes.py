"""The shapes of the demo's YAML files (scrutiny/demo/data/README.md describes them).

Each TypedDict is one mapping of a file: its required keys and its `NotRequired` ones are
the only keys the loader accepts there, and `loader._keys` checks a mapping against them
as it reaches it. The value types say what a well-formed file holds; the values themselves
are checked by the `full_clean` of the model they fill.
"""

# No `from __future__ import annotations` here: on Python 3.11 a TypedDict whose annotations
# are strings counts its NotRequired keys as required, and the loader reads the keys at run time.

import datetime as dt
from typing import NotRequired, TypedDict

#: YAML reads an unquoted 2017-07-26 as a date; a quoted one stays a string, parsed the same.
IsoDate = dt.date | str
#: A meeting of the committee, by its date or by the name of its file ("2019-07").
MeetingRef = dt.date | str


class ExemptSpec(TypedDict):
    ground: str
    note: NotRequired[str]
    public_title: NotRequired[str | None]


# -- organisations.yaml -------------------------------------------------------------------


class BrandingSpec(TypedDict):
    display_name: NotRequired[str]
    header_colour: NotRequired[str]
    accent_colour: NotRequired[str]


class OrganisationSpec(TypedDict):
    key: str
    name: str
    kind: str
    short_name: NotRequired[str]
    starts_on: NotRequired[IsoDate | None]
    ends_on: NotRequired[IsoDate | None]
    public_description: NotRequired[str]
    note: NotRequired[str]
    parent: NotRequired[str | None]
    branding: NotRequired[BrandingSpec]


class ScrutinySpec(TypedDict):
    partnership: str
    starts_on: NotRequired[IsoDate | None]
    ends_on: NotRequired[IsoDate | None]
    note: NotRequired[str]


class ProtocolSpec(TypedDict):
    chair_title: NotRequired[str]
    meetings_per_year: NotRequired[int]
    agenda_setting_weeks: NotRequired[int | None]
    quorum: NotRequired[int]
    partner_notice_days: NotRequired[int]
    agenda_numbering: NotRequired[str]
    names_with_councillor: NotRequired[bool]
    seasons: NotRequired[str]


class CommitteeSpec(TypedDict):
    key: str
    name: str
    council: str
    scrutinises: NotRequired[list[ScrutinySpec]]
    protocol: NotRequired[ProtocolSpec]
    short_name: NotRequired[str]
    description: NotRequired[str | None]
    contact: NotRequired[str | None]
    note: NotRequired[str]
    starts_on: NotRequired[IsoDate | None]


class SuccessionSpec(TypedDict):
    predecessor: str
    successor: str
    date: NotRequired[IsoDate | None]
    note: NotRequired[str]


class PartnerSpec(TypedDict):
    member: str
    role: str
    starts_on: NotRequired[IsoDate | None]
    ends_on: NotRequired[IsoDate | None]
    note: NotRequired[str]


class PartnershipSpec(TypedDict):
    partnership: str
    members: list[PartnerSpec]


class YearSpec(TypedDict):
    start_year: int
    annual_meeting_on: NotRequired[IsoDate | None]
    note: NotRequired[str]


class CouncilYearsSpec(TypedDict):
    council: str
    years: list[YearSpec]


class OrganisationsFile(TypedDict):
    organisations: list[OrganisationSpec]
    successions: list[SuccessionSpec]
    partnerships: list[PartnershipSpec]
    committees: list[CommitteeSpec]
    municipal_years: list[CouncilYearsSpec]


# -- people.yaml --------------------------------------------------------------------------


class PersonSpec(TypedDict):
    key: str
    family_name: str
    honorific: NotRequired[str]
    given_name: NotRequired[str]
    initials: NotRequired[str]
    honours: NotRequired[str]
    is_councillor: NotRequired[bool]
    note: NotRequired[str]


class PostSpec(TypedDict):
    key: str
    title: str
    organisation: str
    unit: NotRequired[str]


class PostHoldingSpec(TypedDict):
    person: str
    post: str
    starts_on: NotRequired[IsoDate | None]
    ends_on: NotRequired[IsoDate | None]
    note: NotRequired[str]


class MembershipSpec(TypedDict):
    organisation: str
    role: str
    person: NotRequired[str | None]
    post: NotRequired[str | None]
    year: NotRequired[int | None]  # the start year of one of the council's municipal years
    starts_on: NotRequired[IsoDate | None]
    ends_on: NotRequired[IsoDate | None]
    capacity: NotRequired[str]
    note: NotRequired[str]
    may_vote: NotRequired[bool]


class PeopleFile(TypedDict):
    council: str
    people: list[PersonSpec]
    posts: list[PostSpec]
    post_holdings: list[PostHoldingSpec]
    memberships: list[MembershipSpec]


# -- meetings/*.yaml ----------------------------------------------------------------------


class AttendanceSpec(TypedDict):
    kind: str
    person: NotRequired[str | None]
    name: NotRequired[str]
    capacity: NotRequired[str]
    organisation: NotRequired[str | None]
    substitute_for: NotRequired[str | None]


class BackgroundPaperSpec(TypedDict):
    title: str
    date: NotRequired[str]
    file_reference: NotRequired[str]
    author: NotRequired[str]
    section: NotRequired[str]
    exempt_category: NotRequired[str]


class CoveringReportSpec(TypedDict):
    heading: str
    summary: str
    recommendations: str
    background: NotRequired[str]
    corporate_plan: NotRequired[str]
    financial: NotRequired[str]
    legal: NotRequired[str]
    staffing: NotRequired[str]
    administrative: NotRequired[str]
    risk: NotRequired[str]
    confidence: NotRequired[str]
    appendices: NotRequired[str]
    author: NotRequired[str]
    directorate: NotRequired[str]
    background_papers: NotRequired[list[BackgroundPaperSpec] | None]


class DocumentSpec(TypedDict):
    title: str
    kind: str
    description: NotRequired[str | None]
    exempt: NotRequired[ExemptSpec | None]
    minutes_of: NotRequired[MeetingRef | None]
    work_plan: NotRequired[str | None]  # the title of a version in work_programme.yaml
    forward_plan_notice: NotRequired[IsoDate | None]  # the day of a notice in forward_plan.yaml
    standin_pages: NotRequired[int | None]
    report: NotRequired[CoveringReportSpec | None]


class ActionSpec(TypedDict):
    description: str
    owner_person: NotRequired[str | None]
    owner_organisation: NotRequired[str | None]
    owner_note: NotRequired[str]
    due_on: NotRequired[IsoDate | None]


class ReferenceSpec(TypedDict):
    to: str
    subject: str
    to_name: NotRequired[str]
    submitted_on: NotRequired[IsoDate | None]


class OutsideMeetingSpec(TypedDict):
    body: str
    held_on: IsoDate
    how: str  # minutes | verbal
    month_only: NotRequired[bool]
    reporter: NotRequired[str]
    minutes_published: NotRequired[bool]


class MinuteSpec(TypedDict):
    title: str
    number: NotRequired[int | None]
    narrative: NotRequired[str | None]
    resolutions: NotRequired[list[str] | None]
    exempt: NotRequired[ExemptSpec | None]
    public_summary: NotRequired[bool]
    actions: NotRequired[list[ActionSpec] | None]
    references: NotRequired[list[ReferenceSpec] | None]
    outside_meetings: NotRequired[list[OutsideMeetingSpec] | None]


class AgendaItemSpec(TypedDict):
    title: str
    kind: str
    number: NotRequired[str | int | None]
    purpose: NotRequired[str | None]
    exempt: NotRequired[ExemptSpec | None]
    documents: NotRequired[list[DocumentSpec] | None]
    minute: NotRequired[MinuteSpec | None]
    role: NotRequired[str]


class MeetingFile(TypedDict):
    committee: str
    date: IsoDate
    status: str
    items: list[AgendaItemSpec] | None
    date_precision: NotRequired[str]
    start_time: NotRequired[str | None]
    venue: NotRequired[str | None]
    closed_at: NotRequired[str | None]
    source: NotRequired[str | None]
    note: NotRequired[str | None]
    minutes_are_summary: NotRequired[bool]
    attendance: NotRequired[list[AttendanceSpec] | None]
    minutes_status: NotRequired[str | None]
    minutes_confirmed_at: NotRequired[MeetingRef | None]


# -- work_programme.yaml ------------------------------------------------------------------


class ResolutionRef(TypedDict):
    meeting: MeetingRef
    minute: int
    number: int


class AgendaItemRef(TypedDict):
    """An agenda item of a meeting, by its number, its minute's number or words of its title."""

    meeting: MeetingRef
    item: NotRequired[str | int]
    minute: NotRequired[int]
    title: NotRequired[str]


# Written the functional way: `from` is a keyword in Python.
ChangeSpec = TypedDict(
    "ChangeSpec",
    {
        "kind": str,
        "decided_by": str,
        "wording": str,
        "decided_on": NotRequired[IsoDate | None],
        "decided_at": NotRequired[MeetingRef | None],
        "decided_by_note": NotRequired[str],
        "from": NotRequired[MeetingRef | None],
        "to": NotRequired[MeetingRef | None],
        "reason": NotRequired[str],
        "resolution": NotRequired[ResolutionRef | None],
    },
)


class RuleSpec(TypedDict):
    key: str
    title_template: str
    kind: str
    recurrence: str
    description: NotRequired[str]
    brought_by: NotRequired[str | None]
    brought_by_note: NotRequired[str]
    expected_exempt: NotRequired[bool]
    statutory_subject: NotRequired[str]
    needs_attendance: NotRequired[bool]
    active: NotRequired[bool]
    changes: NotRequired[list[ChangeSpec] | None]


class ItemSpec(TypedDict):
    key: str
    title: str
    kind: str
    target: MeetingRef | None
    status: str
    description: NotRequired[str]
    brought_by: NotRequired[str | None]
    brought_by_note: NotRequired[str]
    expected_exempt: NotRequired[bool]
    note: NotRequired[str]
    considered_at: NotRequired[AgendaItemRef | None]
    changes: NotRequired[list[ChangeSpec] | None]
    statutory_subject: NotRequired[str]
    needs_attendance: NotRequired[bool]


class VersionCellSpec(TypedDict):
    key: str
    title: str
    note: NotRequired[str]


class VersionRowSpec(TypedDict):
    label: str
    meeting: MeetingRef
    items: list[VersionCellSpec]


class VersionSpec(TypedDict):
    title: str
    status: str
    prepared_on: IsoDate
    rows: list[VersionRowSpec]
    approved_at: NotRequired[MeetingRef | None]
    resolution_text: NotRequired[str]
    source: NotRequired[str]


class DrawDownStepSpec(TypedDict):
    kind: str
    decided_by_note: NotRequired[str]
    decided_on: NotRequired[IsoDate | None]
    note: NotRequired[str]


class DrawDownSpec(TypedDict):
    topic: str
    status: str
    steps: list[DrawDownStepSpec]
    description: NotRequired[str]
    requested_by_note: NotRequired[str]
    requested_on: NotRequired[IsoDate | None]
    item: NotRequired[str | None]  # the key of an item above


class WorkProgrammeFile(TypedDict):
    committee: str
    rules: list[RuleSpec]
    items: list[ItemSpec]
    versions: list[VersionSpec]
    draw_downs: list[DrawDownSpec]


# -- forward_plan.yaml --------------------------------------------------------------------


class KeyDecisionSpec(TypedDict):
    title: str
    decision_maker: str
    decision_on: IsoDate
    decision_by: NotRequired[IsoDate]
    summary: NotRequired[str]
    consultation: NotRequired[str]
    documents: NotRequired[str]
    background_papers: NotRequired[str]
    contact: NotRequired[str]
    private: NotRequired[bool]
    exemption_ground: NotRequired[str]
    private_reason: NotRequired[str]


class NoticeSpec(TypedDict):
    published_on: IsoDate
    statement: NotRequired[str]


class ForwardPlanFile(TypedDict):
    council: str
    decisions: list[KeyDecisionSpec]
    notices: list[NoticeSpec]


class AnnualReportSpec(TypedDict):
    year: int  # the municipal year, by its first calendar year
    considered_at: NotRequired[IsoDate]  # the meeting that considered the draft
    resolution_minute: NotRequired[int]  # the minute of that meeting whose resolution it was
    submitted_to: NotRequired[str]
    submitted_on: NotRequired[IsoDate]


class AnnualReportsFile(TypedDict):
    committee: str
    reports: list[AnnualReportSpec]
