from __future__ import annotations

from typing import TypedDict

from django.conf import settings
from django.http import HttpRequest

from scrutiny.access.policy import Viewer


class SiteContext(TypedDict):
    site_name: str
    site_operator: str
    viewer: Viewer


def site(request: HttpRequest) -> SiteContext:
    viewer = Viewer.of(request)
    return {
        "site_name": settings.SITE_NAME,
        "site_operator": settings.SITE_OPERATOR,
        "viewer": viewer,
    }
