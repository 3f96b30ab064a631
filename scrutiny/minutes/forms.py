"""Officers' forms for the minutes and their follow-up. Each form's cleaned data are its
service's keyword arguments."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.db.models import Q, QuerySet

from scrutiny.core.forms import GovDateField, ServiceForm, choose_from
from scrutiny.governance.models import Committee, Organisation, OrganisationKind, Person
from scrutiny.meetings.models import AgendaItem, DatePrecision, Meeting
from scrutiny.meetings.selectors import later_meetings, meetings_to_choose

from .models import (
    Action,
    ActionStatus,
    AttendanceKind,
    HeardHow,
    InterestKind,
    Minute,
    ReferenceStep,
    ReferenceTo,
)


def split_resolutions(text: str) -> list[str]:
    """One resolution a paragraph. Browsers submit a textarea's line breaks as CRLF, and a
    line that looks blank may hold spaces."""
    return re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n"))


class MinuteEditForm(ServiceForm):
    renamed = {"revision": "expected_revision"}

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

    def clean_resolutions(self) -> list[str]:
        return split_resolutions(self.cleaned_data["resolutions"])


class AmendForm(ServiceForm):
    """A correction to one part of confirmed minutes: `part` is "title", "narrative" or
    "resolution-N"."""

    renamed = {"revision": "expected_revision"}

    text = forms.CharField(label="Corrected text", widget=forms.Textarea)
    reason = forms.CharField(
        label="Reason for the correction",
        widget=forms.Textarea,
        error_messages={"required": "Enter the reason for the correction"},
    )
    part = forms.CharField(widget=forms.HiddenInput)
    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, minute: Minute, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agreed_at"] = forms.ModelChoiceField(
            label="Agreed at the meeting of",
            queryset=later_meetings(meeting=minute.meeting, held_only=True),
            required=False,
            empty_label="Not agreed at a meeting",
            help_text="The meeting that agreed the correction, if one did.",
        )
        self.order_fields(["text", "reason", "agreed_at", "part", "revision"])

    def service_kwargs(self) -> dict[str, Any]:
        kwargs = super().service_kwargs()
        field, _, number = kwargs.pop("part").partition("-")
        return {**kwargs, "field": field, "resolution_number": int(number) if number else None}


class PublishForm(ServiceForm):
    as_they_are = forms.BooleanField(
        label="Publish them as they are",
        required=False,
        help_text="Only if what is listed above is right: the public will read the minutes as they stand.",
    )


class RecordedPublishForm(PublishForm):
    """Recording mode: the minutes as the council published them, on the day it did."""

    renamed = {"published_on": "today"}
    published_on = GovDateField(label="Published on", help_text="The day the council published the draft minutes, "
                                "for example 3 8 2017.")


class ConfirmForm(ServiceForm):
    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["at_meeting"] = forms.ModelChoiceField(
            label="Confirmed at the meeting of",
            queryset=later_meetings(meeting=meeting, held_only=True),
            empty_label=None,
            error_messages={
                "invalid_choice": "Choose a later meeting of the committee that has been held",
                "required": "Choose the meeting that confirmed the minutes",
            },
        )


class SignForm(ServiceForm):
    chairman = forms.ModelChoiceField(label="Chairman", queryset=Person.objects.none())
    signed_on = GovDateField(label="Date signed")

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self, "chairman", people_of(meeting).filter(is_councillor=True), label=_formal)


class ActionForm(ServiceForm):
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

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self, "owner_person", people_of(meeting), label=_formal)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not (data.get("owner_person") or data.get("owner_organisation") or data.get("owner_note")):
            self.add_error("owner_note", "Say who owns the action")
        return data


class RecommendationForm(ServiceForm):
    authority = forms.ModelChoiceField(
        label="To", queryset=Organisation.objects.exclude(kind=OrganisationKind.COMMITTEE).order_by("name")
    )
    text = forms.CharField(label="Recommendation", widget=forms.Textarea)


# -- the steps of a recommendation: each form is made with the committee, which only the
# report back needs (the meeting it was reported to).


class StepForm(ServiceForm):
    def __init__(self, *args: Any, committee: Committee, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class SentForCheckForm(StepForm):
    renamed = {"on": "sent_on"}

    on = GovDateField(label="Date")


class MadeForm(StepForm):
    renamed = {"on": "made_on"}

    on = GovDateField(label="Date")


class ExtendForm(StepForm):
    days = forms.IntegerField(label="Extra days", min_value=1, max_value=365)
    reason = forms.CharField(label="Extenuating circumstances the committee agreed", widget=forms.Textarea)


class ResponseForm(StepForm):
    renamed = {"on": "received_on"}

    on = GovDateField(label="Date the written response was received")
    response = forms.CharField(label="The response", widget=forms.Textarea)


class ReportBackForm(StepForm):
    def __init__(self, *args: Any, committee: Committee, **kwargs: Any) -> None:
        super().__init__(*args, committee=committee, **kwargs)
        self.fields["meeting"] = forms.ModelChoiceField(
            label="Meeting it was reported to",
            queryset=meetings_to_choose(committee=committee),
            empty_label=None,
        )


def _done(result: str) -> bool:
    return result == ActionStatus.DONE


class ActionCloseForm(ServiceForm):
    renamed = {"result": "done"}

    result = forms.TypedChoiceField(
        label="Result",
        choices=[(ActionStatus.DONE.value, "Done"), (ActionStatus.DROPPED.value, "No longer needed")],
        coerce=_done,
        error_messages={"required": "Say whether the action was done or is no longer needed"},
    )
    closed_on = GovDateField(label="Date closed")
    outcome = forms.CharField(
        label="Outcome", widget=forms.Textarea, required=False, help_text="What was done, or why it is no longer needed."
    )

    def __init__(self, *args: Any, action: Action, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reported_at"] = forms.ModelChoiceField(
            label="Reported to the meeting of",
            queryset=later_meetings(meeting=action.minute.meeting),
            required=False,
            empty_label="Not reported yet",
        )


class ActionReopenForm(ServiceForm):
    reason = forms.CharField(
        label="Why is the action reopened?",
        widget=forms.Textarea,
        error_messages={"required": "Enter the reason for reopening the action"},
    )


class ActionsReportForm(ServiceForm):
    include_exempt = forms.BooleanField(
        label="Actions from exempt minutes were reported too (in private)", required=False
    )

    def __init__(self, *args: Any, committee: Committee, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"] = forms.ModelChoiceField(
            label="Meeting the open actions were reported to",
            queryset=meetings_to_choose(committee=committee),
            empty_label=None,
            error_messages={"required": "Choose the meeting"},
        )
        self.order_fields(["meeting", "include_exempt"])


def _formal(person: Person) -> str:
    return person.formal_name


def people_of(meeting: Meeting) -> QuerySet[Person]:
    """The people an officer records at a meeting: those with a seat or invitation on its
    committee, a post, or an attendance at its meetings; never the whole installation's."""
    committee = meeting.committee
    return (
        Person.objects.filter(
            Q(memberships__organisation=committee)
            | Q(post_holdings__isnull=False)
            | Q(attendances__meeting__committee=committee)
        )
        .distinct()
        .order_by("family_name", "given_name", "initials")
    )


class AttendanceForm(ServiceForm):
    kind = forms.ChoiceField(label="Attended as", choices=AttendanceKind.choices, initial=AttendanceKind.PRESENT)
    person = forms.ModelChoiceField(label="Person", queryset=Person.objects.none(), required=False,
                                    empty_label="Not in the list: give the name below")
    name = forms.CharField(label="Name as the minutes print it", required=False, max_length=200,
                           help_text="Only for someone not in the list, for example a resident who spoke.")
    capacity = forms.CharField(label="Capacity", required=False, max_length=300,
                               help_text="For example, (Chairman) or CSU Inspector, Kent Police")
    substitute_for = forms.ModelChoiceField(label="Substitute for", queryset=Person.objects.none(), required=False,
                                            help_text="Only for a substitute: the member whose place they take.")
    organisation = forms.ModelChoiceField(label="Organisation", queryset=Organisation.objects.none(), required=False)

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = people_of(meeting)
        for name in ("person", "substitute_for"):
            choose_from(self, name, people, label=_formal)
        choose_from(self, "organisation", Organisation.objects.exclude(kind=OrganisationKind.COMMITTEE).order_by("name"))

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not data.get("person") and not (data.get("name") or "").strip():
            self.add_error("person", "Choose the person, or give the name as the minutes print it")
        if data.get("kind") == AttendanceKind.SUBSTITUTE and not data.get("substitute_for"):
            self.add_error("substitute_for", "Choose the member the substitute takes the place of")
        return data


class DeclarationForm(ServiceForm):
    agenda_item = forms.ModelChoiceField(label="Item", queryset=AgendaItem.internal.none(),
                                         error_messages={"required": "Choose the item the interest is in"})
    person = forms.ModelChoiceField(label="Who declared it", queryset=Person.objects.none(),
                                    error_messages={"required": "Choose who declared the interest"})
    kind = forms.ChoiceField(label="Kind of interest", choices=InterestKind.choices)
    description = forms.CharField(label="The interest", widget=forms.Textarea,
                                  error_messages={"required": "Describe the interest as declared"})
    dispensation = forms.CharField(label="Dispensation", widget=forms.Textarea, required=False,
                                   help_text="Any dispensation granted, with its terms.")

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self, "agenda_item", AgendaItem.internal.filter(meeting=meeting).order_by("position"))
        choose_from(self, "person", people_of(meeting), label=_formal)


class ReferenceForm(ServiceForm):
    to = forms.ChoiceField(label="Referred to", choices=ReferenceTo.choices, widget=forms.RadioSelect,
                           error_messages={"required": "Choose whom the committee refers it to"})
    to_name = forms.CharField(label="Named as (optional)", required=False, max_length=200,
                              help_text="As the minutes name it, for example “the General Assembly of the Council”.")
    subject = forms.CharField(label="What is referred or recommended", widget=forms.Textarea,
                              error_messages={"required": "Say what the committee refers or recommends"})
    submitted_on = GovDateField(label="Date of the meeting it goes to (if known)", required=False)


class ReferenceOutcomeForm(ServiceForm):
    outcome = forms.ChoiceField(label="Outcome", choices=ReferenceStep.choices, widget=forms.RadioSelect,
                                error_messages={"required": "Choose the outcome"})
    outcome_on = GovDateField(label="Date of the decision")
    outcome_note = forms.CharField(label="Note (optional)", required=False, widget=forms.Textarea,
                                   help_text="For example the Council's minute number, or the amendments made.")


class OutsideMeetingForm(ServiceForm):
    body = forms.ModelChoiceField(queryset=Organisation.objects.none(), label="Body",
                                  error_messages={"required": "Choose the body whose meeting the committee heard of"})
    held_on = GovDateField(label="Date of its meeting", help_text="For a month only, any day of it. For example 20 7 2017")
    date_precision = forms.ChoiceField(label="Is the day known?", widget=forms.RadioSelect,
                                       choices=[(DatePrecision.DAY.value, "Yes"),
                                                (DatePrecision.MONTH.value, "Only the month")],
                                       initial=DatePrecision.DAY.value)
    how = forms.ChoiceField(label="How the committee heard of it", choices=HeardHow.choices, widget=forms.RadioSelect,
                            error_messages={"required": "Choose how the committee heard of it"})
    reporter = forms.ModelChoiceField(queryset=Person.objects.none(), required=False,
                                      label="Who gave the verbal update (if verbal)", empty_label="Not recorded")
    minutes_published = forms.TypedChoiceField(
        label="Had the body published its minutes?", widget=forms.RadioSelect, coerce=lambda v: v == "yes",
        choices=[("yes", "Yes"), ("no", "No, not yet")], initial="yes")

    def __init__(self, *args: Any, minute: Minute, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        committee = minute.meeting.committee
        choose_from(self, "body", Organisation.objects.exclude(pk=committee.pk).order_by("name"))
        people = Person.objects.filter(memberships__organisation__in=[committee, committee.council]).distinct()
        choose_from(self, "reporter", people.order_by("family_name"), label=lambda p: p.formal_name)
