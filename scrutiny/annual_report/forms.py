"""Officers' forms for the annual report; each form's cleaned data are its service's arguments."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from scrutiny.core.forms import GovDateField, ServiceForm
from scrutiny.meetings.models import Meeting, MeetingStatus
from scrutiny.rules import municipal_year as municipal_year_rule


class StartForm(ServiceForm):
    start_year = forms.TypedChoiceField(label="Municipal year", coerce=int, choices=[],
                                        error_messages={"required": "Choose the municipal year to report on"})

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.TypedChoiceField, self.fields["start_year"])
        field.choices = [(y, municipal_year_rule.label(y)) for y in years]


class TextForm(ServiceForm):
    text = forms.CharField(label="Text", required=False, widget=forms.Textarea(attrs={"rows": 14}),
                           help_text="Paragraphs separated by a blank line; a line starting “- ” is a bullet. "
                           "Leave it empty to print what the record says.")


class ConsiderForm(ServiceForm):
    meeting = forms.ModelChoiceField(label="Meeting that considered the draft", queryset=Meeting.objects.none(),
                                     error_messages={"required": "Choose the meeting"})
    resolution = forms.CharField(label="What the Committee resolved", widget=forms.Textarea(attrs={"rows": 3}),
                                 error_messages={"required": "Enter what the Committee resolved"})

    def __init__(self, *args: Any, committee_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["meeting"])  # type: ignore[type-arg]
        field.queryset = Meeting.objects.filter(committee_id=committee_id, status=MeetingStatus.HELD).order_by("-date")
        field.label_from_instance = lambda m: m.date_display  # type: ignore[method-assign,assignment]


class SubmitForm(ServiceForm):
    submitted_to = forms.CharField(label="Submitted to", max_length=200,
                                   help_text="For example “the General Assembly of the Council”.",
                                   error_messages={"required": "Enter the meeting of the Council it went to"})
    submitted_on = GovDateField(label="Date of that meeting", help_text="For example, 18 9 2017")


class PublishForm(ServiceForm):
    published_on = GovDateField(label="Date of publication", help_text="Today, or the day it was published.")
