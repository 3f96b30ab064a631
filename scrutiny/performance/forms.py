"""Officers' forms for the performance data: uploads of police.uk, ONS and partner files, and
putting a report on an agenda. Each form's cleaned data are its service's keyword arguments."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db import models

from scrutiny.core.forms import ServiceForm
from scrutiny.meetings.models import AgendaItem
from scrutiny.performance.forces import POLICE_UK_FORCES
from scrutiny.performance.periods import PeriodError, month_parse

#: Beyond this, the command line (with its progress bar) is the better tool: a web request
#: holding a national year of files would time out behind most councils' proxies.
MAX_UPLOAD_BYTES = 300 * 1024 * 1024
MAX_SHEET_BYTES = 5 * 1024 * 1024


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """One or more files from a single file input (Django's documented pattern)."""

    widget = MultipleFileInput

    def clean(self, data: object, initial: object = None) -> list[UploadedFile[bytes]]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data] or single(None, initial)
        return [single(data, initial)]


class PoliceUploadForm(ServiceForm):
    # Named as the page's input is; Django takes declared fields off the class, so the form's
    # own `files` (what was uploaded) is not shadowed.
    files = MultipleFileField(  # type: ignore[assignment]
        label="police.uk files",
        help_text="The zip archive as downloaded from police.uk, or one or more street-level CSV files named like "
        "2022-01-kent-street.csv. Each force's month replaces the one held. Outcomes and stop and search files "
        "are listed as skipped.",
        error_messages={"required": "Choose the police.uk zip archive or street-level files to upload"},
        widget=MultipleFileInput(attrs={"accept": ".zip,.csv"}),
    )
    dry_run = forms.BooleanField(
        label="Check only: report what would be loaded and rejected, and store nothing", required=False
    )

    def clean_files(self) -> list[UploadedFile[bytes]]:
        uploads: list[UploadedFile[bytes]] = self.cleaned_data["files"]
        for upload in uploads:
            if not (upload.name or "").lower().endswith((".zip", ".csv")):
                raise forms.ValidationError(f"{upload.name} is not a zip archive or a CSV file")
        if sum(upload.size or 0 for upload in uploads) > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The files come to more than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB: load them with the command "
                "`scrutiny import-police PATH`, which shows its progress"
            )
        return uploads


class PoliceMonthClearForm(ServiceForm):
    """Which force's month to empty, and why (kept in the import history)."""

    force = forms.ChoiceField(
        label="Force", choices=[("", "Choose the force"), *sorted(POLICE_UK_FORCES.items(), key=lambda c: c[1])],
        error_messages={"required": "Choose the force whose month is to be cleared",
                        "invalid_choice": "Choose the force whose month is to be cleared"},
    )
    month = forms.CharField(
        label="Month", help_text="As YYYY-MM, for example 2022-01", max_length=7,
        error_messages={"required": "Enter the month to clear, as YYYY-MM"},
    )
    reason = forms.CharField(
        label="Why the month is cleared", max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the import history with your name",
        error_messages={"required": "Say why the month is to be cleared"},
    )

    def clean_month(self) -> dt.date:
        try:
            return month_parse(self.cleaned_data["month"])
        except PeriodError as exc:
            raise forms.ValidationError(str(exc)) from None


class OnsFile(models.TextChoices):
    LOOKUP = "lookup", "An ONS lookup (LSOA to ward to district, or district to CSP to police force area)"
    POPULATION = "population", "ONS mid-year population estimates"


class OnsUploadForm(ServiceForm):
    kind = forms.TypedChoiceField(label="What the file is", choices=OnsFile.choices, coerce=OnsFile)
    file = forms.FileField(
        label="The ONS file (CSV, or Excel .xls or .xlsx for populations)",
        error_messages={"required": "Choose the ONS file to upload"},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xls,.xlsx"}),
    )
    year = forms.IntegerField(
        label="Year of the estimates",
        help_text="Only for population files that do not say their year (for example 2020 for mid-2020)",
        required=False, min_value=1981, max_value=2100,
        error_messages={"min_value": "The year must be 1981 or later", "max_value": "The year must be 2100 or earlier",
                        "invalid": "The year must be a number, like 2020"},
    )
    dry_run = forms.BooleanField(label="Check only: report what would be loaded, and store nothing", required=False)

    def clean_file(self) -> UploadedFile[bytes]:
        upload: UploadedFile[bytes] = self.cleaned_data["file"]
        if not (upload.name or "").lower().endswith((".csv", ".xls", ".xlsx")):
            raise forms.ValidationError("The file must be a CSV file or an Excel .xls or .xlsx workbook")
        if (upload.size or 0) > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(f"The file must be smaller than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB")
        return upload


class PartnerSheetForm(ServiceForm):
    file = forms.FileField(
        label="The partner's sheet (CSV or Excel .xlsx)",
        help_text="Columns: Period start and Period end (or Period: 2022-01, 2022-Q1 or 2021/22), Value, and Note if "
        "wanted. A figure for a period already held is replaced. A sheet with any problem is refused whole.",
        error_messages={"required": "Choose the sheet to upload"},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.xlsm"}),
    )

    def clean_file(self) -> UploadedFile[bytes]:
        upload: UploadedFile[bytes] = self.cleaned_data["file"]
        if not (upload.name or "").lower().endswith((".csv", ".xlsx", ".xlsm")):
            raise forms.ValidationError("The sheet must be a CSV file or an Excel .xlsx workbook")
        if (upload.size or 0) > MAX_SHEET_BYTES:
            raise forms.ValidationError("The sheet must be smaller than 5 MB")
        return upload

    def service_kwargs(self) -> dict[str, Any]:
        upload = self.cleaned_data["file"]
        return {"name": upload.name, "content": upload.read()}


class ReportAttachForm(ServiceForm):
    """Which agenda item the report goes on, and which version: the public one, or the
    exempt one with the partners' figures given in confidence."""

    renamed = {"version": "confidential"}

    item = forms.ModelChoiceField(
        queryset=AgendaItem.internal.select_related("meeting__committee"),
        error_messages={"required": "Choose the agenda item", "invalid_choice": "Choose the agenda item"},
    )
    version = forms.ChoiceField(choices=[("public", "Public"), ("confidential", "Exempt")], required=False)

    def clean_version(self) -> bool:
        return bool(self.cleaned_data["version"] == "confidential")
