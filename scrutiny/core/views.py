"""Friendly error pages (no stack traces, nothing about the record asked for), and the one way
a view runs what an officer submits through a service.

A view hands over the form and the service with what the view itself supplies bound to it
(`functools.partial(services.item_move, item=item)`); the form gives the rest
(`ServiceForm.service_kwargs`) and the helper adds `by`, the signed-in user. A refusal (a
`ValidationError`) comes back as errors on the form, shown in the GOV.UK error summary, and
nothing is saved: services are atomic, so a refused one has written nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render

from .forms import ServiceForm

T = TypeVar("T")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "errors/500.html", status=500)


class Refusal(PermissionDenied):
    """A refusal whose message is written for the person refused (and discloses nothing):
    the 403 page shows it. Other PermissionDenied messages are never shown."""


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    reason = str(exception) if isinstance(exception, Refusal) else ""
    return render(request, "errors/403.html", {"reason": reason}, status=403)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/400.html", status=400)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def acting_user(request: HttpRequest) -> User | None:
    """Who acts, as the services record it (`by`): the signed-in user, or no one."""
    user = getattr(request, "user", None)
    return user if isinstance(user, User) else None


@dataclass(frozen=True)
class Done(Generic[T]):
    """What the service returned, once it has accepted the form."""

    result: T


def form_submit(request: HttpRequest, form: ServiceForm, service: Callable[..., T]) -> Done[T] | None:
    """A posted, valid form through the service; None if not posted, not valid or refused
    (the refusal is then on the form, `form.refusal`)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return Done(service(**form.service_kwargs(), by=acting_user(request)))
    except ValidationError as refusal:
        form.refuse(refusal)
        return None


def form_page(
    request: HttpRequest,
    form: ServiceForm,
    service: Callable[..., T],
    *,
    success: Callable[[T], tuple[str, str]],
    heading: str,
    committee: Model | None = None,
    caption: str = "",
    intro: str = "",
    submit: str = "Save",
    cancel_url: str = "",
    template: str = "forms/page.html",
    context: Mapping[str, object] | None = None,
) -> HttpResponse:
    """The form's page; once the service accepts it, its success message (`success` gives the
    message and where to go) and a redirect."""
    done = form_submit(request, form, service)
    if done is not None:
        message, url = success(done.result)
        messages.success(request, message)
        return redirect(url)
    page = {
        "form": form,
        "heading": heading,
        "caption": caption,
        "intro": intro,
        "submit": submit,
        "committee": committee,
        "cancel_url": cancel_url,
        **(context or {}),
    }
    return render(request, template, page, status=400 if form.errors else 200)


def action_redirect(
    request: HttpRequest,
    service: Callable[..., T],
    *,
    success: Callable[[T], tuple[str, str]],
    refused_url: str,
) -> HttpResponseRedirect:
    """A button's action (a form with nothing to fill in) through the service, then back,
    with its success message or the reasons it was refused."""
    try:
        result = service(by=acting_user(request))
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
        return redirect(refused_url)
    message, url = success(result)
    messages.success(request, message)
    return redirect(url)
