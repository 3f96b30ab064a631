"""View guards that ask the access policy."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .policy import Viewer


def officer_required(view):
    """Officers only: anonymous visitors are sent to sign in; others get the 403 page."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        viewer = Viewer.of(request)
        if not viewer.is_signed_in:
            return redirect_to_login(request.get_full_path())
        if not viewer.is_officer:
            raise PermissionDenied("Only the committee's officers can do this.")
        return view(request, *args, **kwargs)

    return guarded
