"""Officers' forms for agendas and their papers. Each form's cleaned data are its service's
keyword arguments."""

from __future__ import annotations

from typing import Any

from django import forms

from scrutiny.core.forms import ServiceForm
from scrutiny.core.models import BusinessKind
from scrutiny.rules.exempt_information import ExemptionGround


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
    expects_report = forms.BooleanField(label="A report will be attached", required=False, initial=True)
    urgency_reason = forms.CharField(
        label="Reason for urgency (late items only)", required=False, widget=forms.Textarea
    )
    field_order = [
        "title",
        "purpose",
        "kind",
        "expects_report",
        "is_exempt",
        "exemption_ground",
        "public_title",
        "urgency_reason",
    ]


