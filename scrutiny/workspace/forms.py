"""Forms of the committee's settings and membership screens; their cleaned data are the
governance services' arguments."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.models import fields_for_model

from scrutiny.core.forms import GovDateField, ServiceForm, choose_from
from scrutiny.governance.models import Committee, Membership, MembershipRole, MunicipalYear, Person
from scrutiny.governance.selectors import council_people
from scrutiny.governance.services import SETTINGS


class CommitteeSettingsForm(ServiceForm):
    """The protocol settings, each explained by its help text (the model's)."""

    def __init__(self, *args: Any, committee: Committee, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(fields_for_model(Committee, fields=list(SETTINGS)))
        self.initial = {name: getattr(committee, name) for name in SETTINGS}


def _formal(person: Person) -> str:
    return person.formal_name


class SeatForm(ServiceForm):
    person = forms.ModelChoiceField(label="Person", queryset=Person.objects.none(), required=False)
    name_not_recorded = forms.BooleanField(
        label="The record does not say who held this seat", required=False,
        help_text="For example, a year's Chairman whose name the papers do not give. Nothing is invented: "
        "the seat prints as 'Name not recorded'.")
    role = forms.ChoiceField(label="Role", choices=MembershipRole.choices, initial=MembershipRole.MEMBER)
    municipal_year = forms.ModelChoiceField(label="Municipal year of the appointment", required=False,
                                            queryset=MunicipalYear.objects.none(),
                                            help_text="Or give the date the seat starts.")
    starts_on = GovDateField(label="Starts on", required=False)
    ends_on = GovDateField(label="Ends on", required=False, help_text="Leave empty if not known.")
    capacity = forms.CharField(label="Capacity", required=False, max_length=300,
                               help_text="As the papers say: 'Cabinet Portfolio Holder for Community Development'.")
    party_group = forms.CharField(label="Political group", required=False, max_length=120)
    may_vote = forms.BooleanField(label="May vote", required=False, initial=True,
                                  help_text="Co-opted members may not vote unless the committee so decides (SI 2009/942 reg 3).")
    note = forms.CharField(label="Internal note", required=False, widget=forms.Textarea,
                           help_text="For officers only: never shown publicly.")

    def __init__(self, *args: Any, committee: Committee, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self, "person", council_people(council=committee.council), label=_formal)
        choose_from(self, "municipal_year", MunicipalYear.objects.filter(council=committee.council).order_by("-start_year"))

    def clean(self) -> dict[str, Any]:
        super().clean()
        if not self.cleaned_data.get("municipal_year") and not self.cleaned_data.get("starts_on"):
            self.add_error("municipal_year", "Choose the municipal year of the appointment, or give its start date")
        person, unnamed = self.cleaned_data.get("person"), self.cleaned_data.get("name_not_recorded")
        if person is None and not unnamed:
            self.add_error("person", "Choose the person given the seat, or say the record does not name them")
        if person is not None and unnamed:
            self.add_error("name_not_recorded", "Untick this when you choose the person")
        return self.cleaned_data

    def service_kwargs(self) -> dict[str, Any]:
        kwargs = super().service_kwargs()
        del kwargs["name_not_recorded"]
        return kwargs


class SeatEndForm(ServiceForm):
    ends_on = GovDateField(label="The seat ended on")

    def __init__(self, *args: Any, membership: Membership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.membership = membership


class PersonForm(ServiceForm):
    honorific = forms.CharField(label="Title", required=False, max_length=20, help_text="Mr, Mrs, Ms, Dr ...")
    given_name = forms.CharField(label="First name", required=False, max_length=80)
    initials = forms.CharField(label="Initials as the minutes print them", required=False, max_length=20)
    family_name = forms.CharField(label="Last name", max_length=80,
                                  error_messages={"required": "Enter the person's last name"})
    honours = forms.CharField(label="Honours", required=False, max_length=40, help_text="For example, MBE")
    is_councillor = forms.BooleanField(label="A councillor (printed 'Councillor')", required=False)
    public_description = forms.CharField(label="Public description", required=False, widget=forms.Textarea)
    note = forms.CharField(label="Internal note", required=False, widget=forms.Textarea,
                           help_text="For officers only: never shown publicly.")


class MemberAccountForm(ServiceForm):
    email = forms.EmailField(label="E-mail address", error_messages={
        "required": "Enter the e-mail address the invitation goes to",
        "invalid": "Enter an e-mail address like name@council.gov.uk"})


class RenameForm(ServiceForm):
    name = forms.CharField(label="New name", max_length=200, error_messages={"required": "Enter the new name"})
    on = GovDateField(label="Renamed from", help_text="Meetings before this day keep the name they had.")


class PartnerResponseForm(ServiceForm):
    response = forms.CharField(label="Your response", widget=forms.Textarea,
                               error_messages={"required": "Enter the partner's response"},
                               help_text="It is reported to the committee at its next meeting.")


class StandardItemForm(ServiceForm):
    title = forms.CharField(label="Title", max_length=300, error_messages={"required": "Enter the item's title"})
    purpose = forms.CharField(label="Wording", widget=forms.Textarea, required=False,
                              help_text="{held} becomes 'held on 26 July 2017', {chair} the chair's title, "
                              "{their} 'his' for a Chairman and 'their' otherwise.")

    def __init__(self, *args: Any, title: str = "", purpose: str = "", **kwargs: Any) -> None:
        super().__init__(*args, initial={"title": title, "purpose": purpose}, **kwargs)
