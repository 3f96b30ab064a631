from django import forms

from scrutiny.core.forms import GovDateField
from scrutiny.governance.models import Organisation, Person
from scrutiny.meetings.models import Meeting, MeetingStatus


class MinuteEditForm(forms.Form):
    number = forms.IntegerField(label="Minute number", min_value=1, required=False)
    title = forms.CharField(label="Heading", max_length=300)
    narrative = forms.CharField(
        label="Minute",
        widget=forms.Textarea,
        required=False,
        help_text="Paragraphs separated by a blank line; start a line with '- ' for a bullet.",
    )
    resolutions = forms.CharField(
        label="Resolutions",
        widget=forms.Textarea,
        required=False,
        help_text="One per paragraph, each starting 'That ...'. They are numbered 1, 2, ...",
    )
    revision = forms.IntegerField(widget=forms.HiddenInput)


class AmendForm(forms.Form):
    text = forms.CharField(label="Corrected text", widget=forms.Textarea)
    reason = forms.CharField(
        label="Reason for the correction",
        widget=forms.Textarea,
        error_messages={"required": "Enter the reason for the correction"},
    )
    part = forms.CharField(widget=forms.HiddenInput)
    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, minute, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreed_at"] = forms.ModelChoiceField(
            label="Agreed at the meeting of",
            queryset=Meeting.objects.filter(
                committee=minute.meeting.committee, date__gt=minute.meeting.date, status=MeetingStatus.HELD
            ).order_by("date"),
            required=False,
            empty_label="Not agreed at a meeting",
            help_text="The meeting that agreed the correction, if one did.",
        )
        self.order_fields(["text", "reason", "agreed_at", "part", "revision"])


class ConfirmForm(forms.Form):
    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at_meeting"] = forms.ModelChoiceField(
            label="Confirmed at the meeting of",
            queryset=Meeting.objects.filter(
                committee=meeting.committee, date__gt=meeting.date, status=MeetingStatus.HELD
            ).order_by("date"),
            empty_label=None,
            error_messages={
                "invalid_choice": "Choose a later meeting of the committee that has been held",
                "required": "Choose the meeting that confirmed the minutes",
            },
        )


class SignForm(forms.Form):
    chairman = forms.ModelChoiceField(label="Chairman", queryset=Person.objects.filter(is_councillor=True))
    signed_on = GovDateField(label="Date signed")


class ActionForm(forms.Form):
    description = forms.CharField(label="What is to be done", widget=forms.Textarea)
    owner_person = forms.ModelChoiceField(
        label="Owner (person)", queryset=Person.objects.all(), required=False, empty_label="Not a person"
    )
    owner_organisation = forms.ModelChoiceField(
        label="Owner (organisation)",
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label="Not an organisation",
    )
    owner_note = forms.CharField(
        label="Owner, as the minute names them", required=False, help_text="For example 'Officers'."
    )
    due_on = GovDateField(label="Due", required=False, help_text="Leave empty for 'before the next meeting'.")

    def clean(self):
        data = super().clean()
        if not (data.get("owner_person") or data.get("owner_organisation") or data.get("owner_note")):
            self.add_error("owner_note", "Say who owns the action")
        return data


class RecommendationForm(forms.Form):
    authority = forms.ModelChoiceField(
        label="To", queryset=Organisation.objects.exclude(kind="committee").order_by("name")
    )
    text = forms.CharField(label="Recommendation", widget=forms.Textarea)


class DateStepForm(forms.Form):
    on = GovDateField(label="Date")


class ExtendForm(forms.Form):
    days = forms.IntegerField(label="Extra days", min_value=1, max_value=365)
    reason = forms.CharField(label="Extenuating circumstances the committee agreed", widget=forms.Textarea)


class ResponseForm(forms.Form):
    on = GovDateField(label="Date the written response was received")
    response = forms.CharField(label="The response", widget=forms.Textarea)


class ReportBackForm(forms.Form):
    def __init__(self, *args, committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"] = forms.ModelChoiceField(
            label="Meeting it was reported to",
            queryset=Meeting.objects.filter(committee=committee)
            .exclude(status=MeetingStatus.CANCELLED)
            .order_by("-date"),
            empty_label=None,
        )


def _later_meetings(committee, after):
    return (
        Meeting.objects.filter(committee=committee, date__gt=after)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("date")
    )


class ActionCloseForm(forms.Form):
    result = forms.ChoiceField(
        label="Result",
        choices=[("done", "Done"), ("dropped", "No longer needed")],
        error_messages={"required": "Say whether the action was done or is no longer needed"},
    )
    closed_on = GovDateField(label="Date closed")
    outcome = forms.CharField(
        label="Outcome", widget=forms.Textarea, required=False, help_text="What was done, or why it is no longer needed."
    )

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reported_at"] = forms.ModelChoiceField(
            label="Reported to the meeting of",
            queryset=_later_meetings(action.minute.meeting.committee, action.minute.meeting.date),
            required=False,
            empty_label="Not reported yet",
        )


class ActionReopenForm(forms.Form):
    reason = forms.CharField(
        label="Why is the action reopened?",
        widget=forms.Textarea,
        error_messages={"required": "Enter the reason for reopening the action"},
    )


class ActionsReportForm(forms.Form):
    include_exempt = forms.BooleanField(
        label="Actions from exempt minutes were reported too (in private)", required=False
    )

    def __init__(self, *args, committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"] = forms.ModelChoiceField(
            label="Meeting the open actions were reported to",
            queryset=Meeting.objects.filter(committee=committee)
            .exclude(status=MeetingStatus.CANCELLED)
            .order_by("-date"),
            empty_label=None,
            error_messages={"required": "Choose the meeting"},
        )
        self.order_fields(["meeting", "include_exempt"])
