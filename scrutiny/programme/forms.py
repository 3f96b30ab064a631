"""Officers' forms for the work programme. They collect and check input; the services
decide and record. Each form's cleaned data are its service's keyword arguments."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone

from scrutiny.core.forms import GovDateField, ServiceForm
from scrutiny.core.models import BusinessKind
from scrutiny.governance.models import Committee, Organisation, Person
from scrutiny.meetings.models import Meeting
from scrutiny.meetings.selectors import meetings_to_choose
from scrutiny.minutes.models import Minute
from scrutiny.rules.statutory_items import StatutorySubject

from . import selectors
from .models import PLANNABLE_KINDS, ChangeKind, DecidedBy, ItemStatus, WorkProgrammeItem

if TYPE_CHECKING:  # the stubs' field is generic; Django's own cannot be subscripted when running
    _ModelChoiceField = forms.ModelChoiceField[Meeting]
else:
    _ModelChoiceField = forms.ModelChoiceField


class MeetingChoiceField(_ModelChoiceField):
    def label_from_instance(self, meeting: Meeting) -> str:
        return f"{selectors.season_label(meeting)}: {meeting.date_display}"


def _target_field(committee: Committee, *, label: str, required: bool = False) -> MeetingChoiceField:
    # Only meetings an item may go to are offered; the services check again (and explain)
    # in case a meeting is held or cancelled between showing the form and saving it.
    return MeetingChoiceField(
        queryset=selectors.plannable_meetings(committee=committee, today=timezone.localdate()),
        required=required,
        empty_label="To be agreed",
        label=label,
        error_messages={
            "invalid_choice": "Choose one of this committee's future meetings, or 'To be agreed': "
            "an item cannot go to a meeting that has been held, is cancelled or belongs to another committee"
        },
    )


class _Decision(ServiceForm):
    # A standing rule decides only the recurring items it proposes itself.
    decided_by = forms.ChoiceField(
        label="Who decided", choices=[c for c in DecidedBy.choices if c[0] != DecidedBy.STANDING_RULE]
    )
    decided_on = GovDateField(label="Date of the decision", help_text="For example 26 7 2017")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("decided_on", timezone.localdate())


class DecisionFields(_Decision):
    decided_by_note = forms.CharField(
        label="Named as",
        required=False,
        help_text="For example 'Strategic Director (External Services)' or 'the PCC's office'.",
    )


class ItemAddForm(_Decision):
    # Not DecisionFields: `item_add` takes who decided and when, not how they were named.
    title = forms.CharField(
        label="Title", max_length=300, error_messages={"required": "Enter the item's title"}
    )
    description = forms.CharField(label="Description", required=False, widget=forms.Textarea)
    kind = forms.ChoiceField(
        label="Kind of item", choices=[c for c in BusinessKind.choices if c[0] in PLANNABLE_KINDS]
    )
    statutory_subject = forms.ChoiceField(
        label="Statutory document",
        required=False,
        choices=[("", "Not a statutory item")] + list(StatutorySubject.choices),
    )
    brought_by = forms.ModelChoiceField(
        label="Brought by",
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label="Not an organisation",
    )
    brought_by_note = forms.CharField(label="Brought by (officer or role)", required=False)
    expected_exempt = forms.BooleanField(label="Expected to be exempt", required=False)
    needs_attendance = forms.BooleanField(
        label="A partner must be asked to attend or to provide information", required=False
    )
    reason = forms.CharField(
        label="Reason or resolution",
        required=False,
        widget=forms.Textarea,
        help_text="For example 'Minute 13, resolution 2'.",
    )
    field_order = [
        "title",
        "description",
        "kind",
        "statutory_subject",
        "brought_by",
        "brought_by_note",
        "target_meeting",
        "expected_exempt",
        "needs_attendance",
        "decided_by",
        "decided_on",
        "reason",
    ]

    def __init__(self, *args: Any, committee: Committee, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target_meeting"] = _target_field(committee, label="Meeting")
        self.order_fields(self.field_order)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("statutory_subject") and data.get("kind") != BusinessKind.STATUTORY:
            self.add_error(
                "statutory_subject",
                "Only a statutory item names a statutory document: choose 'Statutory' as its kind",
            )
        return data


class ItemMoveForm(DecisionFields):
    reason = forms.CharField(
        label="Reason", widget=forms.Textarea, error_messages={"required": "Enter the reason for the move"}
    )

    def __init__(self, *args: Any, committee: Committee, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_meeting"] = _target_field(committee, label="Move to")
        self.order_fields(["to_meeting", "decided_by", "decided_by_note", "decided_on", "reason"])


class ItemCancelForm(DecisionFields):
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea,
        error_messages={"required": "Enter the reason for the cancellation"},
    )


class AttendanceRequestForm(ServiceForm):
    requested_on = GovDateField(label="Date the request was sent")


class VersionApproveForm(ServiceForm):
    resolution_text = forms.CharField(
        label="Resolution",
        widget=forms.Textarea,
        error_messages={"required": "Enter the resolution that approved the plan"},
        help_text="For example 'That Members approve the draft 2017-18 Work Programme subject to the changes proposed by the Chairman.'",
    )
    title = forms.CharField(label="Title of the approved plan", required=False)

    def __init__(self, *args: Any, committee: Committee, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"] = MeetingChoiceField(
            queryset=meetings_to_choose(committee=committee),
            label="Meeting that approved it",
            empty_label=None,
        )
        self.fields["proposed"] = forms.ModelChoiceField(
            queryset=selectors.proposed_versions(committee=committee),
            required=False,
            label="Proposed plan it approves",
            empty_label="The plan as it stands now",
        )
        self.order_fields(["meeting", "proposed", "resolution_text", "title"])


class VersionProposeForm(ServiceForm):
    title = forms.CharField(label="Title", error_messages={"required": "Enter the title of the plan"})
    prepared_on = GovDateField(label="Date prepared")


class DrawDownRequestForm(ServiceForm):
    topic = forms.CharField(
        label="Topic", error_messages={"required": "Enter the topic the Member asks to draw down"}
    )
    description = forms.CharField(label="Why the Member asks for it", widget=forms.Textarea, required=False)
    requested_by = forms.ModelChoiceField(
        label="Member",
        queryset=Person.objects.filter(is_councillor=True),
        required=False,
        empty_label="Not listed",
    )
    requested_by_note = forms.CharField(label="Member (if not listed) or role", required=False)
    requested_on = GovDateField(label="Date of the request")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not data.get("requested_by") and not data.get("requested_by_note"):
            self.add_error("requested_by", "Choose the Member who asked, or name them")
        return data


def _agreed(decision: str) -> bool:
    return decision == "yes"


class _DrawDownDecisionForm(ServiceForm):
    decision = forms.TypedChoiceField(
        label="Decision",
        choices=[("yes", "Agreed"), ("no", "Not agreed")],
        coerce=_agreed,
        error_messages={"required": "Choose the decision"},
    )
    decided_by = forms.ModelChoiceField(
        label="Decided by", queryset=Person.objects.all(), required=False, empty_label="Not listed"
    )
    decided_on = GovDateField(label="Date of the decision")
    note = forms.CharField(label="Note", widget=forms.Textarea, required=False)


class DrawDownChairmanForm(_DrawDownDecisionForm):
    """The Chairman agrees a Member's request, or does not."""

    renamed = {"decision": "agreed", "decided_by": "chairman"}


class DrawDownDirectorForm(_DrawDownDecisionForm):
    """The Director approves a request the Chairman agreed, or does not, naming the meeting."""

    renamed = {"decision": "approved", "decided_by": "director"}

    def __init__(self, *args: Any, committee: Committee, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target_meeting"] = _target_field(committee, label="Meeting for the item, if approved")


if TYPE_CHECKING:
    _ItemChoiceField = forms.ModelChoiceField[WorkProgrammeItem]
else:
    _ItemChoiceField = forms.ModelChoiceField


class ItemChoiceField(_ItemChoiceField):
    def label_from_instance(self, item: WorkProgrammeItem) -> str:
        where = item.target_meeting.date_display if item.target_meeting else "to be agreed"
        return f"{item.title} (planned: {where})"


OUTCOMES = [(ChangeKind.CONSIDERED.value, "Considered at this meeting"),
            (ChangeKind.CARRIED_FORWARD.value, "Carried forward to a later meeting"),
            (ChangeKind.DEFERRED.value, "Deferred to a date to be agreed")]


class MinuteOutcomeForm(ServiceForm):
    item = ItemChoiceField(queryset=WorkProgrammeItem.objects.none(), label="Work-programme item",
                           error_messages={"required": "Choose the work-programme item the minute deals with",
                                           "invalid_choice": "Choose one of the committee's planned items"})
    outcome = forms.ChoiceField(label="What the minute records", choices=OUTCOMES, widget=forms.RadioSelect,
                                error_messages={"required": "Choose what the minute records"})
    to_meeting = MeetingChoiceField(queryset=Meeting.objects.none(), required=False,
                                    label="Carried forward to (if carried forward)", empty_label="No meeting",
                                    error_messages={"invalid_choice": "Choose a later meeting of the committee"})
    reason = forms.CharField(label="Reason, as the minute gives it", required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, minute: Minute, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meeting = minute.meeting
        planned = WorkProgrammeItem.objects.filter(committee=meeting.committee, status=ItemStatus.PLANNED)
        self.fields["item"].queryset = planned.select_related("target_meeting").order_by(  # type: ignore[attr-defined]
            "target_meeting__date", "title")
        self.fields["to_meeting"].queryset = Meeting.objects.filter(  # type: ignore[attr-defined]
            committee=meeting.committee, date__gt=meeting.date).order_by("date")
