"""The officers' form to publish an agenda: its cleaned data are `meeting_publish_agenda`'s
keyword arguments."""

from __future__ import annotations

from django import forms

from scrutiny.core.forms import GovDateField, ServiceForm


class PublishForm(ServiceForm):
    urgency_reason = forms.CharField(
        label="Reason for urgency (only if publishing late)",
        required=False,
        widget=forms.Textarea,
        help_text="After the last lawful day, give the special circumstances for which the Chairman decided the business "
        "is urgent. It is printed with the late items (LGA 1972 s100B(4)).",
    )


class WithdrawForm(ServiceForm):
    reason = forms.CharField(
        label="Why is this version withdrawn?",
        widget=forms.Textarea,
        max_length=2000,
        error_messages={"required": "Say why this version is withdrawn"},
        help_text="Shown to the public in the version's place, so never name exempt business here: for example "
        "“An item was made exempt after publication; a corrected agenda follows.”",
    )


class RecordedPublishForm(PublishForm):
    """Recording mode: the agenda as the council published it, on the day it did."""

    published_on = GovDateField(label="Published on", help_text="The day the council published this version, "
                                "for example 13 2 2018.")
    field_order = ["published_on", "urgency_reason"]
