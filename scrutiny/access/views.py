"""The council administrator's screens: the council's accounts, invitations, deactivation,
one-time links; and the page where an invited person chooses a password."""

from __future__ import annotations

from functools import partial

from django.contrib.auth import views as auth_views
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_POST

from scrutiny.core.views import action_redirect, form_page
from scrutiny.governance.models import Organisation, OrganisationKind

from . import accounts
from .decorators import administrator_required, ensure_administers
from .forms import ConfirmForm, InviteForm
from .models import Role
from .selectors import council_accounts


def _council_to_administer(request: HttpRequest, slug: str) -> Organisation:
    council = get_object_or_404(Organisation, slug=slug, kind=OrganisationKind.COUNCIL)
    ensure_administers(request, council)
    return council


def _account_of(council: Organisation, pk: int) -> User:
    """An account of this council: another council's accounts answer as missing."""
    role = Role.objects.filter(council=council, user_id=pk).select_related("user").first()
    if role is None:
        raise Http404("No such account in this council.")
    return role.user


def _site(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def _accounts_page(council: Organisation) -> str:
    return reverse("council_accounts", args=[council.slug])


@administrator_required
def account_list(request: HttpRequest, slug: str) -> HttpResponse:
    council = _council_to_administer(request, slug)
    return render(request, "access/accounts.html", {"council": council, "accounts": council_accounts(council=council)})


@administrator_required
def account_invite(request: HttpRequest, slug: str) -> HttpResponse:
    council = _council_to_administer(request, slug)
    return form_page(
        request,
        InviteForm.bound_to(request, council=council),
        partial(accounts.account_invite, council=council, site=_site(request)),
        success=lambda user: (f"{user.email} invited: a one-time link to choose a password is on its way.",
                              _accounts_page(council)),
        heading="Invite someone",
        caption=council.name,
        submit="Send invitation",
        cancel_url=_accounts_page(council),
    )


@administrator_required
def account_deactivate(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = _council_to_administer(request, slug)
    user = _account_of(council, pk)
    return form_page(
        request,
        ConfirmForm.bound_to(request),
        partial(accounts.account_deactivate, user=user, council=council),
        success=lambda done: (f"{done.get_username()} no longer holds a role in {council.name}.",
                              _accounts_page(council)),
        heading=f"Take away {user.get_username()}'s roles",
        caption=council.name,
        intro="They can no longer run the council's committees. An account with no role left anywhere is "
        "deactivated. The history keeps who held which role.",
        submit="Take away roles",
        cancel_url=_accounts_page(council),
    )


@administrator_required
@require_POST
def account_reset(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = _council_to_administer(request, slug)
    user = _account_of(council, pk)
    return action_redirect(
        request,
        partial(accounts.account_reset, user=user, council=council, site=_site(request)),
        success=lambda done: (f"A one-time link to choose a new password was sent to {done.email}.",
                              _accounts_page(council)),
        refused_url=_accounts_page(council),
    )


password_set = auth_views.PasswordResetConfirmView.as_view(
    template_name="access/password_set.html",
    success_url=reverse_lazy("login"),
    post_reset_login=False,
)
