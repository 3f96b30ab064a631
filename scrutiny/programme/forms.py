"""Officers' forms for the work programme. They collect and check input; the services
decide and record."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from scrutiny.core.forms import GovDateField
from scrutiny.core.models import BusinessKind
from scrutiny.governance.models import Committee, Organisation, Person
from scrutiny.meetings.models import Meeting, MeetingStatus
from scrutiny.rules.statutory_items import StatutorySubject

from . import selectors
from .models import PLANNABLE_KINDS, DecidedBy, WorkPlanVersion

TBA = ""


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, meeting):
        return f"{selectors.season_label(meeting)}: {meeting.date_display}"


def _target_field(committee: Committee, *, label: str, required: bool = False) -> forms.ModelChoiceField:
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


class DecisionFields(forms.Form):
    decided_by = forms.ChoiceField(label="Who decided", choices=DecidedBy.choices)
    decided_by_note = forms.CharField(
        label="Named as",
        required=False,
        help_text="For example 'Strategic Director (External Services)' or 'the PCC's office'.",
    )
    decided_on = GovDateField(label="Date of the decision", help_text="For example 26 7 2017")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decided_by"].choices = [c for c in DecidedBy.choices if c[0] not in ("standing_rule",)]
        if not self.is_bound:
            self.initial.setdefault("decided_on", timezone.localdate())


class ItemAddForm(DecisionFields):
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
        "decided_by_note",
        "decided_on",
        "reason",
    ]

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_meeting"] = _target_field(committee, label="Meeting")
        self.order_fields(self.field_order)

    def clean(self):
        data = super().clean()
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

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_meeting"] = _target_field(committee, label="Move to")
        self.order_fields(["to_meeting", "decided_by", "decided_by_note", "decided_on", "reason"])


class ItemCancelForm(DecisionFields):
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea,
        error_messages={"required": "Enter the reason for the cancellation"},
    )


class AttendanceRequestForm(forms.Form):
    requested_on = GovDateField(label="Date the request was sent")


class VersionApproveForm(forms.Form):
    resolution_text = forms.CharField(
        label="Resolution",
        widget=forms.Textarea,
        error_messages={"required": "Enter the resolution that approved the plan"},
        help_text="For example 'That Members approve the draft 2017-18 Work Programme subject to the changes proposed by the Chairman.'",
    )
    title = forms.CharField(label="Title of the approved plan", required=False)

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"] = MeetingChoiceField(
            queryset=Meeting.objects.filter(committee=committee)
            .exclude(status=MeetingStatus.CANCELLED)
            .order_by("-date"),
            label="Meeting that approved it",
            empty_label=None,
        )
        self.fields["proposed"] = forms.ModelChoiceField(
            queryset=WorkPlanVersion.objects.filter(committee=committee, status="proposed").order_by(
                "-prepared_on"
            ),
            required=False,
            label="Proposed plan it approves",
            empty_label="The plan as it stands now",
        )
        self.order_fields(["meeting", "proposed", "resolution_text", "title"])


class VersionProposeForm(forms.Form):
    title = forms.CharField(label="Title", error_messages={"required": "Enter the title of the plan"})
    prepared_on = GovDateField(label="Date prepared")


class DrawDownRequestForm(forms.Form):
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

    def clean(self):
        data = super().clean()
        if not data.get("requested_by") and not data.get("requested_by_note"):
            self.add_error("requested_by", "Choose the Member who asked, or name them")
        return data


class DrawDownDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Decision",
        choices=[("yes", "Agreed"), ("no", "Not agreed")],
        error_messages={"required": "Choose the decision"},
    )
    decided_by = forms.ModelChoiceField(
        label="Decided by", queryset=Person.objects.all(), required=False, empty_label="Not listed"
    )
    decided_on = GovDateField(label="Date of the decision")
    note = forms.CharField(label="Note", widget=forms.Textarea, required=False)

    def __init__(self, *args, committee: Committee, with_meeting: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if with_meeting:
            self.fields["target_meeting"] = _target_field(
                committee, label="Meeting for the item, if approved"
            )
