"""Officers' web uploads of the open data: police.uk files, ONS lookups and population estimates.

The same services as the commands (`import-police`, `import-areas`, `import-population`), so a
Community Safety Manager who never opens a terminal can load a quarter's files as downloaded.
Each upload leaves its import run in the history, whatever happened to it; a refused upload
stores nothing else.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render

from scrutiny.access.decorators import officer_required

from .areas import AreaRefused, areas_import, population_import
from .models import ImportStatus
from .services import ImportRefused, police_import

#: Beyond this, the command line (with its progress bar) is the better tool: a web request
#: holding a national year of files would time out behind most councils' proxies.
MAX_UPLOAD_BYTES = 300 * 1024 * 1024
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """One or more files from a single file input (Django's documented pattern)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data] or single(None, initial)
        return [single(data, initial)]


class PoliceUploadForm(forms.Form):
    files = MultipleFileField(
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

    def clean_files(self):
        uploads = self.cleaned_data["files"]
        for upload in uploads:
            if not upload.name.lower().endswith((".zip", ".csv")):
                raise forms.ValidationError(f"{upload.name} is not a zip archive or a CSV file")
        if sum(upload.size for upload in uploads) > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The files come to more than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB: load them with the command "
                "`scrutiny import-police PATH`, which shows its progress"
            )
        return uploads


class OnsUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label="What the file is",
        choices=[
            ("lookup", "An ONS lookup (LSOA to ward to district, or district to CSP to police force area)"),
            ("population", "ONS mid-year population estimates"),
        ],
    )
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

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xls", ".xlsx")):
            raise forms.ValidationError("The file must be a CSV file or an Excel .xls or .xlsx workbook")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(f"The file must be smaller than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB")
        return upload


def _page(request, form, *, heading: str, intro: str, submit: str):
    return render(request, "performance/upload.html", {"form": form, "heading": heading, "intro": intro,
                                                       "submit": submit}, status=400 if form.errors else 200)


def _police_load(uploads, *, dry_run: bool, by):
    """Write the uploads to a folder of their own, under their own names (the names carry month and force)."""
    with tempfile.TemporaryDirectory(prefix="police-upload-") as folder:
        saved = []
        for number, upload in enumerate(uploads):
            name = _SAFE_NAME.sub("_", Path(upload.name).name) or f"upload-{number}.csv"
            target = Path(folder) / str(number)  # two uploads of the same name stay apart
            target.mkdir()
            with open(target / name, "wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            saved.append(target / name)
        label = "Uploaded: " + ", ".join(upload.name for upload in uploads)
        return police_import(sources=saved, dry_run=dry_run, by=by, source_label=label)


@officer_required
def police_upload(request):
    form = PoliceUploadForm(request.POST, request.FILES) if request.method == "POST" else PoliceUploadForm()
    if form.is_bound and form.is_valid():
        try:
            run = _police_load(form.cleaned_data["files"], dry_run=form.cleaned_data["dry_run"], by=request.user)
        except ImportRefused as exc:
            form.add_error(None, f"Nothing was imported: {exc}")
        else:
            if run.status == ImportStatus.FAILED or not run.rows_read:
                form.add_error(None, f"Nothing was imported: {run.message or 'the upload held no police.uk street-level file.'}")
            else:
                messages.success(request, f"{run.message} {run.rows_loaded:,} rows counted, {run.rows_rejected:,} not "
                                          "counted: the import history below says why, file by file.")
                return redirect("performance_imports")
    return _page(request, form, heading="Upload police.uk files",
                 intro="Street-level crime and anti-social behaviour, exactly as police.uk publishes it. Rows that "
                 "cannot be counted are rejected and reported per file in the import history.",
                 submit="Upload and import")


@officer_required
def ons_upload(request):
    form = OnsUploadForm(request.POST, request.FILES) if request.method == "POST" else OnsUploadForm()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        upload, dry_run = data["file"], data["dry_run"]
        try:
            if data["kind"] == "lookup":
                run = areas_import(source=upload, name=upload.name, dry_run=dry_run, by=request.user)
            else:
                run = population_import(source=upload, name=upload.name, year=data["year"], dry_run=dry_run,
                                        by=request.user)
        except AreaRefused as exc:
            form.add_error(None, f"Nothing was stored: {exc}")
        else:
            messages.success(request, f"{upload.name}: {run.message}")
            return redirect("performance_imports")
    return _page(request, form, heading="Upload ONS areas or populations",
                 intro="Lookups give the areas (LSOAs, wards, districts, CSPs and police force areas); mid-year "
                 "estimates give the populations for rates per 1,000. A file of any vintage and column order is read.",
                 submit="Upload and load")
