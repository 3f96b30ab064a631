"""The officers' form for a paper. Its cleaned data are document_add's keyword arguments."""

from __future__ import annotations

from typing import Any

from django import forms

from scrutiny.meetings.forms import ExemptionFields

from .models import DocumentKind


class PaperForm(ExemptionFields):
    title = forms.CharField(
        label="Title", max_length=300, error_messages={"required": "Enter the paper's title"}
    )
    kind = forms.ChoiceField(label="Kind of paper", choices=DocumentKind.choices)
    file = forms.FileField(
        label="File (PDF or Word)", error_messages={"required": "Choose the file to upload"}
    )
    field_order = ["title", "kind", "file", "is_exempt", "exemption_ground", "public_title"]

    def service_kwargs(self) -> dict[str, Any]:
        kwargs = super().service_kwargs()
        upload = kwargs.pop("file")
        return {**kwargs, "file_name": upload.name, "data": upload.read()}

