"""The home page (the committees) and each committee's page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from scrutiny.meetings.selectors import meetings_by_municipal_year
from scrutiny.rules import municipal_year as municipal_year_rule

from . import selectors
from .models import Committee


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "governance/home.html", {"committees": selectors.committees()})


def committee_detail(request: HttpRequest, slug: str) -> HttpResponse:
    committee = get_object_or_404(Committee.objects.select_related("council"), slug=slug)
    years = selectors.years_with_records(committee=committee)
    year = _chosen_year(request.GET.get("year"), years)
    partnerships = [
        {"csp": csp, "partners": selectors.partners_of(partnership=csp), **selectors.successions_of(csp)}
        for csp in selectors.partnerships_of(council=committee.council)
    ]
    context = {
        "committee": committee,
        "years": [(y, municipal_year_rule.label(y)) for y in years],
        "year": year,
        "year_label": municipal_year_rule.label(year) if year else "",
        "seats": selectors.committee_seats(committee=committee, start_year=year) if year else [],
        "partnerships": partnerships,
        "meetings_by_year": meetings_by_municipal_year(committee=committee),
    }
    return render(request, "governance/committee_detail.html", context)


def _chosen_year(raw: str | None, years: list[int]) -> int | None:
    if raw and raw.isdigit() and int(raw) in years:
        return int(raw)
    return years[-1] if years else None
