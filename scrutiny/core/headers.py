"""Headers every response carries: a strict Content-Security-Policy, and caching that never
lets a shared cache keep what is not public.

The policy allows scripts, styles, images and fonts from the site itself only: no inline
script, no inline style, no `eval`, nothing from another address (the site fetches nothing
from a CDN). GOV.UK Frontend is started from a static file (`static/scrutiny/js/start.mjs`),
never from an inline script. A response that already carries a policy keeps it: the file
responses set a stricter, sandboxing one of their own (`core/downloads.py`).

Caching: a shared cache (a council's proxy, a CDN) hands what it keeps to the next person
who asks. Every response to a signed-in user may hold exempt information or officers' work,
and so does every response under the officers', partners', accounts' and maintenance
addresses, and every response that sets a cookie: those are `private, no-store`, whatever
the view said (a paper served to an officer as `public, max-age=300` included), with
`Vary: Cookie`. Pages to anonymous visitors keep the view's own caching.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.utils.cache import patch_vary_headers

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

PRIVATE_CACHE = "private, no-store"

#: Addresses whose every response is for officers, partners, account holders or maintenance.
PRIVATE_PREFIXES = ("/admin/", "/officer/", "/partner/", "/accounts/")


def is_private(request: HttpRequest, response: HttpResponseBase) -> bool:
    """Whether the response may hold what only some may read, and so no shared cache may keep it."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    if user is None and settings.SESSION_COOKIE_NAME in request.COOKIES:
        # Answered before the user was known (a middleware's own response): assume signed in.
        return True
    return request.path_info.startswith(PRIVATE_PREFIXES) or bool(response.cookies)


class SecurityHeadersMiddleware:
    """The policy on every response that has none, and `private, no-store` where `is_private`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response and not _debug_page(response):
            response["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        if is_private(request, response):
            response["Cache-Control"] = PRIVATE_CACHE
            for header in ("Expires", "ETag", "Last-Modified"):
                if header in response:
                    del response[header]
            patch_vary_headers(response, ("Cookie",))
        return response


def _debug_page(response: HttpResponseBase) -> bool:
    """Django's own debug pages (SCRUTINY_DEBUG=1 only) are written with inline script and style."""
    return settings.DEBUG and response.status_code in (404, 500)
