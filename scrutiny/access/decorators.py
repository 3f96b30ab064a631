"""View guards that ask the access policy."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Concatenate, ParamSpec, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from scrutiny.core.views import Refusal
from scrutiny.governance.models import Committee, Organisation

from .policy import Viewer

P = ParamSpec("P")
R = TypeVar("R", bound=HttpResponseBase)

NOT_YOUR_COMMITTEE = "Only the officers of this committee can do this."
NOT_YOUR_COUNCIL = "Only the council's administrators can do this."
NOT_YOUR_PARTNER = "Only the committee's officers and the partner's contacts can do this."
NOT_YOUR_FORWARD_PLAN = "Only the council's officers of every committee can keep its forward plan."


def _guard(
    allowed: Callable[[Viewer], bool], refusal: str
) -> Callable[[Callable[Concatenate[HttpRequest, P], R]], Callable[Concatenate[HttpRequest, P], R | HttpResponseBase]]:
    def decorate(
        view: Callable[Concatenate[HttpRequest, P], R],
    ) -> Callable[Concatenate[HttpRequest, P], R | HttpResponseBase]:
        @wraps(view)
        def guarded(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> R | HttpResponseBase:
            viewer = Viewer.of(request)
            if not viewer.is_signed_in:
                return redirect_to_login(request.get_full_path())
            if not allowed(viewer):
                raise Refusal(refusal)
            return view(request, *args, **kwargs)

        return guarded

    return decorate


def officer_required(
    view: Callable[Concatenate[HttpRequest, P], R],
) -> Callable[Concatenate[HttpRequest, P], R | HttpResponseBase]:
    """Officers only: anonymous visitors are sent to sign in; others get the 403 page. The
    view must still ask `ensure_runs` of the committee its record belongs to."""
    return _guard(lambda viewer: viewer.is_officer, NOT_YOUR_COMMITTEE)(view)


def administrator_required(
    view: Callable[Concatenate[HttpRequest, P], R],
) -> Callable[Concatenate[HttpRequest, P], R | HttpResponseBase]:
    """Council administrators only; the view asks `ensure_administers` of the council."""
    return _guard(lambda viewer: viewer.is_superuser or bool(viewer.councils_administered()), NOT_YOUR_COUNCIL)(
        view
    )


def partner_or_officer_required(
    view: Callable[Concatenate[HttpRequest, P], R],
) -> Callable[Concatenate[HttpRequest, P], R | HttpResponseBase]:
    """Officers and partner contacts; the view asks `ensure_runs_or_speaks_for` of its record."""
    return _guard(lambda viewer: viewer.is_officer or bool(viewer.partner_roles), NOT_YOUR_PARTNER)(view)


def partner_required(
    view: Callable[Concatenate[HttpRequest, P], R],
) -> Callable[Concatenate[HttpRequest, P], R | HttpResponseBase]:
    """Partner contacts only; the view asks `Viewer.speaks_for` of its record's partner."""
    return _guard(lambda viewer: bool(viewer.partner_roles), NOT_YOUR_PARTNER)(view)


def ensure_runs_or_speaks_for(request: HttpRequest, committee: Committee, partner: Organisation) -> None:
    """Refuse (403) unless the viewer runs `committee`, or is a contact of `partner` in the
    committee's council."""
    viewer = Viewer.of(request)
    if not (viewer.runs(committee) or viewer.speaks_for(partner, council=committee.council)):
        raise Refusal(NOT_YOUR_PARTNER)


def forward_plan_officer_required(
    view: Callable[Concatenate[HttpRequest, P], R],
) -> Callable[Concatenate[HttpRequest, P], R | HttpResponseBase]:
    """Officers only; the view asks `ensure_keeps_forward_plan` of its record's council."""
    return _guard(lambda viewer: viewer.is_officer, NOT_YOUR_FORWARD_PLAN)(view)


def ensure_keeps_forward_plan(request: HttpRequest, council: Organisation) -> None:
    if not Viewer.of(request).keeps_forward_plan(council):
        raise Refusal(NOT_YOUR_FORWARD_PLAN)


def ensure_runs(request: HttpRequest, committee: Committee) -> None:
    """Refuse (403) unless the viewer is an officer of `committee`."""
    if not Viewer.of(request).runs(committee):
        raise Refusal(NOT_YOUR_COMMITTEE)


def ensure_administers(request: HttpRequest, council: Organisation) -> None:
    if not Viewer.of(request).administers(council):
        raise Refusal(NOT_YOUR_COUNCIL)
