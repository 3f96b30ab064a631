"""The council administrator's forms. Their cleaned data are the account services' arguments."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import PasswordResetForm

from scrutiny.core.forms import ServiceForm, choose_from
from scrutiny.governance.models import Committee, Organisation, OrganisationKind

from .models import RoleKind


class InviteForm(ServiceForm):
    email = forms.EmailField(label="E-mail address", error_messages={
        "required": "Enter the e-mail address the invitation goes to",
        "invalid": "Enter an e-mail address like name@council.gov.uk"})
    first_name = forms.CharField(label="First name", max_length=150, required=False)
    last_name = forms.CharField(label="Last name", max_length=150, required=False)
    kind = forms.ChoiceField(label="Role", choices=RoleKind.choices, initial=RoleKind.OFFICER)
    committees = forms.ModelMultipleChoiceField(
        label="Committees (committee officers only)", queryset=Committee.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="None ticked: the officer runs every committee of the council.")
    partner = forms.ModelChoiceField(
        label="Partner organisation (partner contacts only)", queryset=Organisation.objects.none(), required=False)

    def __init__(self, *args: Any, council: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self, "committees", Committee.objects.filter(council=council).order_by("name"))
        choose_from(self, "partner", Organisation.objects.exclude(
            kind__in=(OrganisationKind.COMMITTEE, OrganisationKind.CSP)).exclude(pk=council.pk).order_by("name"))

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("kind") == RoleKind.PARTNER_CONTACT and not data.get("partner"):
            self.add_error("partner", "Choose the partner organisation the contact speaks for")
        if data.get("kind") != RoleKind.PARTNER_CONTACT:
            data["partner"] = None
        if data.get("kind") != RoleKind.OFFICER:
            data["committees"] = []
        return data


class ConfirmForm(ServiceForm):
    confirm = forms.BooleanField(label="Yes, take away this account's roles in the council",
                                 error_messages={"required": "Tick the box to confirm"})

    def service_kwargs(self) -> dict[str, Any]:
        return {}


class CodeForm(forms.Form):
    """The second step of signing in: a code from the authenticator app, or a recovery code."""

    code = forms.CharField(
        label="Code", max_length=20, strip=True,
        help_text="The 6-digit code your authenticator app shows now, or one of your recovery codes.",
        error_messages={"required": "Enter the 6-digit code from your authenticator app, or a recovery code"})


class SetupCodeForm(forms.Form):
    code = forms.CharField(
        label="Code from your authenticator app", max_length=20, strip=True,
        help_text="After adding the account to the app, enter the 6-digit code it shows.",
        error_messages={"required": "Enter the 6-digit code your authenticator app shows"})


class PasswordResetRequestForm(PasswordResetForm):
    """Django's own reset form, in the service's words. Whatever address is given, the page
    that follows says the same (`PasswordResetForm` sends only to an active account with a
    password)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "E-mail address"
        self.fields["email"].error_messages = {
            "required": "Enter the e-mail address of your account",
            "invalid": "Enter an e-mail address like name@council.gov.uk",
        }
