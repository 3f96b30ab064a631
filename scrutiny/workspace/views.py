"""The officer's home: the dashboard of what needs doing."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from scrutiny.access.decorators import officer_required
from scrutiny.access.policy import Viewer

from .selectors import desks


@officer_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "workspace/dashboard.html", {"desks": desks(viewer=Viewer.of(request))})
