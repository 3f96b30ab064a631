"""Officers' forms for the forward plan; each form's cleaned data are its service's arguments."""

from __future__ import annotations

from typing import Any

from django import forms

from scrutiny.core.forms import GovDateField, ServiceForm
from scrutiny.rules.exempt_information import ExemptionGround
from scrutiny.rules.key_decisions import Exception_


def _text(label: str, help_text: str = "") -> forms.CharField:
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text=help_text)


class KeyDecisionForm(ServiceForm):
    title = forms.CharField(label="Title of the report", max_length=300,
                            error_messages={"required": "Enter the title of the report"})
    summary = _text("Summary of the matter to be decided")
    decision_maker = forms.CharField(label="Decision maker", max_length=200,
                                     help_text="For example “Cabinet”, or “General Assembly of the Council”.",
                                     error_messages={"required": "Enter who will take the decision"})
    decision_on = GovDateField(label="Date of the decision",
                               help_text="The meeting's date, or the first day of the period within which it will "
                               "be taken. For example, 8 3 2018")
    decision_by = GovDateField(label="End of the period (if a period)", required=False,
                               help_text="Leave blank when the decision has a date.")
    consultation = _text("Who is to be consulted before the decision, and how")
    documents = _text("Documents to be submitted to the decision maker")
    background_papers = _text("Background papers")
    contact = _text("Report author", "Name, title and contact details, as the notice prints them.")
    private = forms.TypedChoiceField(label="Open or closed?", choices=[("no", "Open"), ("yes", "Closed (in private)")],
                                     coerce=lambda v: v == "yes", initial="no", widget=forms.RadioSelect)
    exemption_ground = forms.ChoiceField(label="Exempt information (if closed)", required=False,
                                         choices=[("", "Open: none")] + list(ExemptionGround.choices))
    private_reason = _text("Reason for taking it in private (if closed)",
                           "The notice prints it in the OPEN OR CLOSED column (reg 5). Without it, the statement of "
                           "the paragraph is printed.")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("private") and not data.get("exemption_ground"):
            self.add_error("exemption_ground", "Choose the exempt information a closed decision concerns")
        first, last = data.get("decision_on"), data.get("decision_by")
        if first and last and last < first:
            self.add_error("decision_by", "The period ends on or after the day it starts")
        return data


class ExceptionForm(ServiceForm):
    exception = forms.ChoiceField(label="Exception", choices=Exception_.choices, widget=forms.RadioSelect)
    chair_informed_on = GovDateField(label="Chair of scrutiny told in writing on (general exception)", required=False)
    chair_agreed_on = GovDateField(label="Chair of scrutiny agreed it is urgent on (special urgency)", required=False)
    exception_notice_on = GovDateField(label="Notice of the reasons published on", required=False)
    exception_reasons = _text("Why 28 clear days' notice was impracticable")


class TakenForm(ServiceForm):
    taken_on = GovDateField(label="Date it was taken")


class WithdrawForm(ServiceForm):
    reason = forms.CharField(label="Why is it withdrawn from the plan?", widget=forms.Textarea,
                             error_messages={"required": "Say why the decision is withdrawn"})


class PublishForm(ServiceForm):
    published_on = GovDateField(label="Published on", help_text="Today, or the day it was published when recording "
                                "an earlier notice.")
    statement = _text("The council's statement", "Printed under the notice's heading: who takes the decisions, "
                      "its members and portfolios, how to get the papers.")
