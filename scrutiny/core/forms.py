"""Forms in GOV.UK style: sign-in, the date input, and messages that say what to do."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth.forms import AuthenticationForm


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is not active. Ask Member Services to reactivate it.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"


class GovDateWidget(forms.MultiWidget):
    """The GOV.UK date input: day, month and year boxes (name_day, name_month, name_year)."""

    template_name = "forms/date_widget.html"

    def __init__(self, attrs=None):
        box = {"inputmode": "numeric"}
        super().__init__(
            {"day": forms.TextInput(box), "month": forms.TextInput(box), "year": forms.TextInput(box)}, attrs
        )

    def decompress(self, value):
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovDateField(forms.MultiValueField):
    widget = GovDateWidget

    def __init__(self, *, required=True, **kwargs):
        label = kwargs.get("label", "date")
        fields = (forms.CharField(), forms.CharField(), forms.CharField())
        super().__init__(fields, require_all_fields=False, required=required, **kwargs)
        self.error_messages["required"] = f"Enter the {str(label).lower()}"
        self.error_messages["incomplete"] = f"The {str(label).lower()} must include a day, month and year"

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        day, month, year = (str(v or "").strip() for v in data_list)
        missing = [name for name, v in (("day", day), ("month", month), ("year", year)) if not v]
        if missing:
            raise forms.ValidationError(f"The date must include a {' and '.join(missing)}")
        try:
            value = dt.date(int(year), int(month), int(day))
        except ValueError:
            raise forms.ValidationError("The date must be a real date, for example 27 7 2017") from None
        if not 1900 <= value.year <= 2100:
            raise forms.ValidationError("The year must have four digits, for example 2017")
        return value
