"""View guards that ask the access policy."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Concatenate, ParamSpec, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from .policy import Viewer

P = ParamSpec("P")
R = TypeVar("R", bound=HttpResponseBase)


def officer_required(
    view: Callable[Concatenate[HttpRequest, P], R],
) -> Callable[Concatenate[HttpRequest, P], R | HttpResponseBase]:
    """Officers only: anonymous visitors are sent to sign in; others get the 403 page."""

    @wraps(view)
    def guarded(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> R | HttpResponseBase:
        viewer = Viewer.of(request)
        if not viewer.is_signed_in:
            return redirect_to_login(request.get_full_path())
        if not viewer.is_officer:
            raise PermissionDenied("Only the committee's officers can do this.")
        return view(request, *args, **kwargs)

    return guarded
