"""The officers' forms for a paper and for a report written in the app. Their cleaned data
are their services' keyword arguments."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.models import fields_for_model

from scrutiny.core.forms import ServiceForm
from scrutiny.meetings.forms import ExemptionFields

from .models import CoveringReport, DocumentKind
from .services import REPORT_PARTS


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



class CoveringReportForm(ServiceForm):
    """Every part of a covering report, labelled as the model's fields are; its cleaned data
    are `covering_report_save`'s `parts`."""

    def __init__(self, *args: Any, report: CoveringReport | None, heading: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(fields_for_model(CoveringReport, fields=list(REPORT_PARTS)))
        for name in ("heading", "summary", "recommendations"):
            self.fields[name].error_messages["required"] = f"Enter the report's {str(self.fields[name].label).lower()}"
        if report is not None:
            self.initial = {name: getattr(report, name) for name in REPORT_PARTS}
        else:
            self.initial = {name: field.initial for name, field in self.fields.items()}
            self.initial["heading"] = heading

    def service_kwargs(self) -> dict[str, Any]:
        return {"parts": dict(self.cleaned_data)}
