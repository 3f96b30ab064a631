"""The second step of signing in, enforced on every address.

An account that must give a code after its password (`policy.second_factor_required`) and has
not yet given it in this session is sent to the second step, or, if it has no authenticator
app yet, to set one up, whatever address it asks for: the officers' screens, the admin, the
public pages alike. Only the pages of signing in and out answer it. The policy treats it as
anonymous meanwhile (`Viewer.second_step_pending`), so no page reached another way shows it
anything a visitor would not see.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django_otp import user_has_device

from .policy import Viewer

# The pages an account half-way through signing in may open.
OPEN_DURING_SECOND_STEP = frozenset(
    {
        "login",
        "logout",
        "second_step",
        "two_factor_setup",
        "password_reset",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
        "password_set",
    }
)


def second_step_url(request: HttpRequest, next_path: str) -> str:
    """Where an account still owing its second factor goes: the code, or the app's set-up."""
    name = "second_step" if user_has_device(request.user) else "two_factor_setup"
    return f"{reverse(name)}?{urlencode({'next': next_path})}"


class SecondStepMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if Viewer.of(request).second_step_pending and not self._open(request):
            return HttpResponseRedirect(second_step_url(request, request.get_full_path()))
        return self.get_response(request)

    @staticmethod
    def _open(request: HttpRequest) -> bool:
        if request.path_info.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return True
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return match.url_name in OPEN_DURING_SECOND_STEP
