"""The council administrator's screens: the council's accounts, invitations, deactivation,
one-time links, lifting a sign-in lock; the page where an invited person chooses a password;
and signing in: the locked-out page, a forgotten password, two-factor sign-in."""

from __future__ import annotations

from functools import partial

import django_otp
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from scrutiny.core.forms import SignInForm
from scrutiny.core.views import Refusal, action_redirect, form_page
from scrutiny.governance.models import Organisation, OrganisationKind

from . import accounts, twofactor
from .decorators import administrator_required, ensure_administers
from .forms import CodeForm, ConfirmForm, InviteForm, PasswordResetRequestForm, SetupCodeForm
from .models import Role
from .policy import Viewer, second_factor_optional, second_factor_required
from .selectors import council_accounts
from .signin import locked_out_message


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


@administrator_required
@require_POST
def account_unlock(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = _council_to_administer(request, slug)
    user = _account_of(council, pk)
    return action_redirect(
        request,
        partial(accounts.account_unlock, user=user, council=council),
        success=lambda done: (f"{user.get_username()} can sign in again.", _accounts_page(council)),
        refused_url=_accounts_page(council),
    )


def locked_out(request: HttpRequest, response: HttpResponse | None = None, credentials: object = None) -> HttpResponse:
    """django-axes' answer to a refused sign-in (AXES_LOCKOUT_CALLABLE): the sign-in page, its
    error summary saying that signing in is locked, for how long and whom to ask; the same
    words whether or not the username exists."""
    form = SignInForm(request)
    return render(
        request,
        "accounts/sign_in.html",
        {"form": form, "locked": locked_out_message(), "next": request.POST.get("next", "")},
        status=429,
    )


def _signed_in(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise Refusal("Sign in first.")
    return user


def _next(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return candidate
    return reverse(settings.LOGIN_REDIRECT_URL)


@never_cache
def second_step(request: HttpRequest) -> HttpResponse:
    """After the password: a code from the authenticator app, or a recovery code."""
    user = request.user
    if not user.is_authenticated:
        return redirect(f"{reverse('login')}?next={_next(request)}")
    if not Viewer.of(request).second_step_pending:
        return HttpResponseRedirect(_next(request))
    if not user_has_device(user):
        return redirect(f"{reverse('two_factor_setup')}?next={_next(request)}")
    user = _signed_in(request)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            device = twofactor.second_factor_check(user=user, code=form.cleaned_data["code"])
        except ValidationError as refusal:
            form.add_error("code", refusal)
        else:
            request.session.cycle_key()
            django_otp.login(request, device)
            return HttpResponseRedirect(_next(request))
    return render(request, "accounts/second_step.html", {"form": form, "next": _next(request)},
                  status=400 if form.errors else 200)


@never_cache
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Add an authenticator app: its secret as text and as a QR code, then a code from it;
    then the recovery codes, shown once. An account that has an app already must have
    signed in with it to replace it."""
    user = request.user
    if not user.is_authenticated:
        return redirect(f"{reverse('login')}?next={request.get_full_path()}")
    user = _signed_in(request)
    verified = bool(getattr(user, "is_verified", lambda: False)())
    if user_has_device(user) and not verified:
        return redirect(f"{reverse('second_step')}?next={_next(request)}")
    device = twofactor.totp_device_begin(user=user)
    form = SetupCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = twofactor.totp_device_confirm(device=device, code=form.cleaned_data["code"], by=user)
        except ValidationError as refusal:
            form.add_error("code", refusal)
        else:
            confirmed = TOTPDevice.objects.get(pk=device.pk)
            request.session.cycle_key()
            django_otp.login(request, confirmed)
            return _recovery_codes_page(request, codes)
    return render(request, "accounts/two_factor_setup.html", {
        "form": form, "next": _next(request), "secret": twofactor.secret_of(device),
        "qr_code": twofactor.qr_code_svg(device), "required": second_factor_required(user) or not user_has_device(user),
        "must": not second_factor_optional(user),
    }, status=400 if form.errors else 200)


def _recovery_codes_page(request: HttpRequest, codes: list[str]) -> HttpResponse:
    return render(request, "accounts/recovery_codes.html", {
        "codes": [twofactor.formatted(c) for c in codes], "next": _next(request)})


@never_cache
@login_required
def account_security(request: HttpRequest) -> HttpResponse:
    """Your account: two-factor sign-in, its recovery codes, and turning it on or off."""
    user = request.user
    user = _signed_in(request)
    return render(request, "accounts/account.html", {
        "has_app": user_has_device(user),
        "codes_left": twofactor.recovery_codes_left(user=user),
        "optional": second_factor_optional(user),
    })


@never_cache
@login_required
@require_POST
def recovery_codes_renew(request: HttpRequest) -> HttpResponse:
    user = request.user
    user = _signed_in(request)
    if not user_has_device(user):
        return redirect("account_security")
    return _recovery_codes_page(request, twofactor.recovery_codes_issue(user=user, by=user))


@login_required
@require_POST
def two_factor_turn_off(request: HttpRequest) -> HttpResponse:
    user = request.user
    user = _signed_in(request)
    return action_redirect(
        request,
        partial(twofactor.two_factor_remove, user=user),
        success=lambda done: ("Two-factor sign-in is off: your password alone signs you in.",
                              reverse("account_security")),
        refused_url=reverse("account_security"),
    )


# A forgotten password: Django's own flow. The page after asking says the same whether or
# not the address has an account.
password_reset = auth_views.PasswordResetView.as_view(
    template_name="accounts/password_reset.html",
    email_template_name="accounts/password_reset_email.txt",
    subject_template_name="accounts/password_reset_subject.txt",
    form_class=PasswordResetRequestForm,
    success_url=reverse_lazy("password_reset_done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="access/password_set.html",
    success_url=reverse_lazy("password_reset_complete"),
    post_reset_login=False,
    extra_context={"reset": True},
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)
