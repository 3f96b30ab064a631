"""Forms in GOV.UK style: sign-in, the date input, and messages that say what to do; and
`ServiceForm`, whose cleaned data are a service's keyword arguments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, Self, cast

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest


class ServiceForm(forms.Form):
    """A form whose cleaned data are the keyword arguments of the service it feeds.

    Fields are named after the service's arguments and clean to the types it takes (a
    choice of "yes" or "no" to a bool, a text to a list). Where a page keeps an older field
    name, `renamed` maps it to the argument; a form whose one field gives two arguments (an
    upload: its name and its bytes) says so in `service_kwargs`.
    """

    renamed: ClassVar[Mapping[str, str]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: The service's refusal, once it has refused what was submitted.
        self.refusal: ValidationError | None = None

    @classmethod
    def bound_to(cls, request: HttpRequest, **kwargs: Any) -> Self:
        """The form, bound to what was posted (files too) if the request is a POST: a post of
        nothing at all is still a submission, and is answered with what is missing."""
        if request.method == "POST":
            return cls(request.POST, request.FILES, **kwargs)
        return cls(**kwargs)

    def service_kwargs(self) -> dict[str, Any]:
        return {self.renamed.get(name, name): value for name, value in self.cleaned_data.items()}

    def refuse(self, refusal: ValidationError) -> None:
        """The service's reasons, shown in the error summary above the form."""
        self.refusal = refusal
        for message in refusal.messages:
            self.add_error(None, message)


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is not active. Ask Member Services to reactivate it.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"


class GovDateWidget(forms.MultiWidget):
    """The GOV.UK date input: day, month and year boxes (name_day, name_month, name_year)."""

    template_name = "forms/date_widget.html"

    def __init__(self, attrs: dict[str, object] | None = None) -> None:
        box = {"inputmode": "numeric"}
        super().__init__(
            {"day": forms.TextInput(box), "month": forms.TextInput(box), "year": forms.TextInput(box)}, attrs
        )

    def decompress(self, value: object) -> list[int | None]:
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovDateField(forms.MultiValueField):
    widget = GovDateWidget

    def __init__(self, *, required: bool = True, **kwargs: Any) -> None:
        label = kwargs.get("label", "date")
        fields = (forms.CharField(), forms.CharField(), forms.CharField())
        super().__init__(fields, require_all_fields=False, required=required, **kwargs)
        self.error_messages["required"] = f"Enter the {str(label).lower()}"
        self.error_messages["incomplete"] = f"The {str(label).lower()} must include a day, month and year"

    def compress(self, data_list: list[str]) -> dt.date | None:
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


def choose_from(
    form: forms.Form, name: str, queryset: QuerySet[Any], *, label: Callable[[Any], str] | None = None
) -> None:
    """Narrow a model-choice field of `form` to `queryset` (the records this viewer may
    choose), with `label` for each option."""
    field = cast(forms.ModelChoiceField, form.fields[name])  # type: ignore[type-arg]
    field.queryset = queryset
    if label is not None:
        field.label_from_instance = label  # type: ignore[method-assign,assignment]
