"""Officers' forms for agendas and their papers. Each form's cleaned data are its service's
keyword arguments."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms

from scrutiny.core.forms import GovDateField, ServiceForm
from scrutiny.core.models import BusinessKind
from scrutiny.rules.co_option import MatterVote
from scrutiny.rules.exempt_information import ExemptionGround

from .models import AgendaItem, DatePrecision, Meeting, PaperExpected
from .selectors import co_opted_decisions


class ExemptionFields(ServiceForm):
    is_exempt = forms.BooleanField(label="Exempt (Part 2)", required=False)
    exemption_ground = forms.ChoiceField(
        label="Reason it is exempt",
        required=False,
        choices=[("", "Not exempt")] + list(ExemptionGround.choices),
    )
    public_title = forms.CharField(
        label="Title the public sees",
        required=False,
        help_text="Only when the title itself would disclose exempt information.",
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("is_exempt") and not data.get("exemption_ground"):
            self.add_error(
                "exemption_ground",
                "Choose why it is exempt: a paragraph of Schedule 12A or the obligation of confidence",
            )
        if data.get("public_title") and not data.get("is_exempt"):
            self.add_error("public_title", "Only an exempt item or paper has a separate public title")
        return data


class AgendaItemForm(ExemptionFields):
    title = forms.CharField(
        label="Title", max_length=300, error_messages={"required": "Enter the item's title"}
    )
    purpose = forms.CharField(
        label="What the committee is asked to do", required=False, widget=forms.Textarea
    )
    kind = forms.ChoiceField(
        label="Kind of business", choices=BusinessKind.choices, initial=BusinessKind.STANDARD
    )
    paper = forms.ChoiceField(
        label="Paper expected",
        choices=PaperExpected.choices,
        initial=PaperExpected.REPORT,
        help_text="A report must be attached before the agenda is published; a verbal update, a report to follow "
        "or no paper lets it be published without one.",
    )
    urgency_reason = forms.CharField(
        label="Reason for urgency (late items only)", required=False, widget=forms.Textarea
    )
    field_order = [
        "title",
        "purpose",
        "kind",
        "paper",
        "is_exempt",
        "exemption_ground",
        "public_title",
        "urgency_reason",
    ]




class AgendaItemEditForm(AgendaItemForm):
    """The same fields, but the reason for urgency, which is given when a late item is added."""

    def __init__(self, *args: Any, item: AgendaItem, **kwargs: Any) -> None:
        initial = {
            "title": item.title,
            "purpose": item.purpose,
            "kind": item.kind,
            "paper": item.paper,
            "is_exempt": item.is_exempt,
            "exemption_ground": item.exemption_ground,
            "public_title": item.public_title,
        }
        super().__init__(*args, initial=initial, **kwargs)
        del self.fields["urgency_reason"]


class CoOptedVotesForm(ServiceForm):
    """One choice per co-opted member seated on the meeting day: their vote on this item."""

    def __init__(self, *args: Any, item: AgendaItem, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for seat, decision in co_opted_decisions(item=item):
            appointed = "may vote" if seat.may_vote else "may not vote"
            self.fields[f"seat_{seat.pk}"] = forms.ChoiceField(
                label=seat.holder_label,
                choices=MatterVote.choices,
                initial=decision,
                help_text=f"When co-opted, the committee decided they {appointed}.",
            )

    def service_kwargs(self) -> dict[str, Any]:
        return {"decisions": {int(name.removeprefix("seat_")): value for name, value in self.cleaned_data.items()}}


_TIME = re.compile(r"^(\d{1,2})(?:[:.]?(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$")


def _time(raw: str) -> dt.time | None:
    """'19:00', '7pm', '7.30 p.m.', '1930' as a time of day; '' as none."""
    text = raw.strip().lower()
    if not text:
        return None
    match = _TIME.match(text)
    hour, minute = (int(match.group(1)), int(match.group(2) or 0)) if match else (99, 0)
    if match and match.group(3):
        hour = hour % 12 + (12 if match.group(3).startswith("p") else 0) if 1 <= hour <= 12 else 99
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise forms.ValidationError("Enter the time as on the summons, for example 19:00 or 7pm")
    return dt.time(hour, minute)


class MeetingForm(ServiceForm):
    date = GovDateField(label="Date", help_text="For example, 26 7 2027")
    date_precision = forms.ChoiceField(label="Is the date confirmed?", choices=DatePrecision.choices,
                                       initial=DatePrecision.DAY)
    start_time = forms.CharField(label="Start time", required=False, help_text="For example, 19:00 or 7pm")
    venue = forms.CharField(label="Venue", required=False, max_length=300,
                            help_text="For example, Council Chamber, Civic Centre")

    def __init__(self, *args: Any, meeting: Meeting | None = None, **kwargs: Any) -> None:
        if meeting is not None:
            kwargs["initial"] = {
                "date": meeting.date,
                "date_precision": meeting.date_precision,
                "start_time": f"{meeting.start_time:%H:%M}" if meeting.start_time else "",
                "venue": meeting.venue,
            }
        super().__init__(*args, **kwargs)

    def clean_start_time(self) -> dt.time | None:
        return _time(self.cleaned_data["start_time"])

    def clean(self) -> dict[str, Any]:
        super().clean()
        day, precision = self.cleaned_data.get("date"), self.cleaned_data.get("date_precision")
        if day is not None and precision == DatePrecision.MONTH and day.day != 1:
            self.add_error("date", "For a meeting known only by its month, give the first of the month")
        return self.cleaned_data


class MeetingCreateForm(MeetingForm):
    """Creating takes no precision: a new meeting is given its day."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["date_precision"]


class MeetingPostponeForm(ServiceForm):
    date = GovDateField(label="New date", help_text="For example, 26 7 2027")
    reason = forms.CharField(
        label="Reason", widget=forms.Textarea, error_messages={"required": "Enter the reason it is postponed"},
        help_text="Shown with the meeting, for example: to allow the Police to attend.",
    )


class MeetingCancelForm(ServiceForm):
    confirm = forms.BooleanField(
        label="Yes, cancel this meeting",
        error_messages={"required": "Tick the box to confirm the meeting is cancelled"},
    )

    def service_kwargs(self) -> dict[str, Any]:
        return {}
