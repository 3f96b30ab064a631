"""Officers' web uploads of the open data and the partners' figures: police.uk files, ONS
lookups and population estimates, partner sheets.

The same services as the commands (`import-police`, `import-areas`, `import-population`), so a
Community Safety Manager who never opens a terminal can load a quarter's files as downloaded.
Each upload leaves its import run in the history, whatever happened to it; a refused upload
stores nothing else. The imports refuse with their own exceptions; here they become the
`ValidationError` the form shows.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Sequence
from functools import partial, wraps
from pathlib import Path
from typing import ParamSpec, TypeVar

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse

from scrutiny.access.decorators import (
    ensure_runs_or_speaks_for,
    officer_required,
    partner_or_officer_required,
)
from scrutiny.access.policy import Viewer
from scrutiny.core.views import form_page

from .areas import AreaRefused, areas_import, population_import
from .forms import OnsFile, OnsUploadForm, PartnerSheetForm, PoliceMonthClearForm, PoliceUploadForm
from .models import ImportRun, ImportStatus, PartnerIndicator
from .partner import PartnerSheetError
from .services import ImportRefused, partner_figures_upload, police_import, police_month_clear

P = ParamSpec("P")
T = TypeVar("T")
E = TypeVar("E", bound=Exception)

_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]")
UPLOAD_PAGE = "performance/upload.html"


def _refusing(service: Callable[P, T], refused: type[E], *, reasons: Callable[[E], list[str]]) -> Callable[P, T]:
    """The service, with its own refusal (`refused`) turned into a ValidationError."""

    @wraps(service)
    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return service(*args, **kwargs)
        except refused as exc:
            raise ValidationError(reasons(exc)) from None

    return run


def _police_load(*, files: Sequence[UploadedFile[bytes]], dry_run: bool, by: User | None) -> ImportRun:
    """Write the uploads to a folder of their own, under their own names (the names carry month
    and force), and import them; a run that failed or found nothing is a refusal."""
    with tempfile.TemporaryDirectory(prefix="police-upload-") as folder:
        saved = []
        for number, upload in enumerate(files):
            name = _SAFE_NAME.sub("_", Path(upload.name or "").name) or f"upload-{number}.csv"
            target = Path(folder) / str(number)  # two uploads of the same name stay apart
            target.mkdir()
            with open(target / name, "wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            saved.append(target / name)
        label = "Uploaded: " + ", ".join(upload.name or "" for upload in files)
        try:
            run = police_import(sources=saved, dry_run=dry_run, by=by, source_label=label)
        except ImportRefused as exc:
            raise ValidationError(f"Nothing was imported: {exc}") from None
    refused = [f.error for f in run.police_files.all() if f.error]
    if refused and len(refused) == run.police_files.count():
        # Every file refused, each with its reason (in a dry run too): the page says why, file by file.
        raise ValidationError([*refused, "No file was stored: the import history has the details, file by file."])
    if run.status == ImportStatus.FAILED or not run.rows_read:
        raise ValidationError(
            f"Nothing was imported: {run.message or 'the upload held no police.uk street-level file.'}"
        )
    return run


def _ons_import(*, kind: OnsFile, file: UploadedFile[bytes], year: int | None, dry_run: bool, by: User | None) -> ImportRun:
    if kind == OnsFile.LOOKUP:
        return areas_import(source=file, name=file.name or "", dry_run=dry_run, by=by)
    return population_import(source=file, name=file.name or "", year=year, dry_run=dry_run, by=by)


_ons_load = _refusing(_ons_import, AreaRefused, reasons=lambda exc: [f"Nothing was stored: {exc}"])
_partner_load = _refusing(
    partner_figures_upload,
    PartnerSheetError,
    reasons=lambda exc: ["Nothing was stored.", *exc.problems],
)


def _imports_page() -> str:
    return reverse("performance_imports")


def _counted(run: ImportRun) -> tuple[str, str]:
    return (
        f"{run.message} {run.rows_loaded:,} rows counted, {run.rows_rejected:,} not counted: the import history "
        "below says why, file by file.",
        _imports_page(),
    )


@officer_required
def police_upload(request: HttpRequest) -> HttpResponse:
    return form_page(
        request,
        PoliceUploadForm.bound_to(request),
        _police_load,
        success=_counted,
        heading="Upload police.uk files",
        intro="Street-level crime and anti-social behaviour, exactly as police.uk publishes it. Rows that cannot be "
        "counted are rejected and reported per file in the import history.",
        submit="Upload and import",
        template=UPLOAD_PAGE,
    )


@officer_required
def police_month_clear_page(request: HttpRequest) -> HttpResponse:
    """Empty a force's month on purpose: an import never replaces a month with nothing."""
    return form_page(
        request,
        PoliceMonthClearForm.bound_to(request),
        police_month_clear,
        success=lambda run: (run.message, _imports_page()),
        heading="Clear a month of police.uk counts",
        intro="Removes every count held for the force's month, for example one loaded from the wrong file. "
        "An upload never does this: a file with nothing to count is refused. Your name and reason are kept "
        "in the import history.",
        submit="Clear the month",
        template=UPLOAD_PAGE,
    )


@officer_required
def ons_upload(request: HttpRequest) -> HttpResponse:
    form = OnsUploadForm.bound_to(request)
    return form_page(
        request,
        form,
        _ons_load,
        success=lambda run: (f"{form.cleaned_data['file'].name}: {run.message}", _imports_page()),
        heading="Upload ONS areas or populations",
        intro="Lookups give the areas (LSOAs, wards, districts, CSPs and police force areas); mid-year estimates "
        "give the populations for rates per 1,000. A file of any vintage and column order is read.",
        submit="Upload and load",
        template=UPLOAD_PAGE,
    )


@partner_or_officer_required
def partner_figures_upload_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The committee's officers, and the partner's own contacts, upload its figures."""
    indicator = get_object_or_404(
        PartnerIndicator.internal.select_related("committee__council", "organisation"), pk=pk
    )
    ensure_runs_or_speaks_for(request, indicator.committee, indicator.organisation)
    back = _imports_page() if Viewer.of(request).runs(indicator.committee) else reverse("partner_desk")
    return form_page(
        request,
        PartnerSheetForm.bound_to(request),
        partial(_partner_load, indicator=indicator),
        success=lambda run: (run.message, back),
        committee=indicator.committee,
        heading=f"Upload figures: {indicator.name}",
        caption=f"{indicator.organisation.name}{' (in confidence)' if indicator.is_exempt else ''}",
        submit="Upload",
        cancel_url=back,
    )
