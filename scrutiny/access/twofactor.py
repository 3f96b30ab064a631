"""Two-factor sign-in: an authenticator app (TOTP) and recovery codes, kept by django-otp.

Who must use it is the policy's (`policy.second_factor_required`). A code is checked here,
outside any transaction that a refusal would roll back, so that django-otp's throttling (a
wait that doubles after each wrong code) is kept even when the code is refused.
"""

from __future__ import annotations

import base64
import io
import math
from typing import cast

import qrcode
import qrcode.image.svg
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .policy import second_factor_optional

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"

WRONG_CODE = (
    "That code is not right. Enter the 6-digit code your authenticator app shows now, or one of your "
    "recovery codes."
)
WRONG_SETUP_CODE = "That code is not right. Enter the 6-digit code your authenticator app shows now."


def _normalised(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def _is_app_code(token: str) -> bool:
    return len(token) == 6 and token.isdigit()


def secret_of(device: TOTPDevice) -> str:
    """The secret as an authenticator app asks for it when typed in: base32, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// address as a QR code: an inline SVG, drawn here (no network)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    out = io.BytesIO()
    image.save(out)
    svg = out.getvalue().decode("utf-8")
    # Drop the XML declaration: the SVG is placed inside the page.
    return svg[svg.index("<svg") :]


def formatted(code: str) -> str:
    """A recovery code as shown: two groups of four."""
    return f"{code[:4]}-{code[4:]}" if len(code) == 8 else code


def _refuse_if_throttled(device: Device) -> None:
    allowed, data = device.verify_is_allowed()
    if allowed:
        return
    until = (data or {}).get("locked_until")
    seconds = max(1, math.ceil((until - timezone.now()).total_seconds())) if until is not None else 1
    raise ValidationError(
        f"Too many wrong codes. Wait {seconds} second{'s' if seconds != 1 else ''}, then try again."
    )


def totp_device_begin(*, user: User) -> TOTPDevice:
    """The authenticator app being set up: a device with a new secret, unconfirmed until a code
    from the app is given (the same secret is shown again until then)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def totp_device_confirm(*, device: TOTPDevice, code: str, by: User) -> list[str]:
    """Confirm the app being set up with a code it shows. It replaces any earlier app, and new
    recovery codes replace any earlier ones: they are returned, to be shown once."""
    if device.confirmed or device.user_id != by.pk:
        raise ValidationError("This set-up has already been finished. Start again from your account page.")
    token = _normalised(code)
    with transaction.atomic():
        locked = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        _refuse_if_throttled(locked)
        accepted = _is_app_code(token) and locked.verify_token(token)
    if not accepted:
        raise ValidationError(WRONG_SETUP_CODE)
    with transaction.atomic():
        TOTPDevice.objects.filter(user_id=device.user_id).exclude(pk=device.pk).delete()
        TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True)
        device.refresh_from_db()
        return recovery_codes_issue(user=cast(User, device.user), by=by)


@transaction.atomic
def recovery_codes_issue(*, user: User, by: User) -> list[str]:
    """Ten new recovery codes, each good for one sign-in; earlier codes stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def recovery_codes_left(*, user: User) -> int:
    return int(StaticToken.objects.filter(device__user=user, device__confirmed=True).count())


@transaction.atomic
def two_factor_remove(*, user: User, by: User) -> None:
    """Turn two-factor sign-in off (members and partner contacts only: officers,
    administrators and superusers must keep it)."""
    if not second_factor_optional(user):
        raise ValidationError("Committee officers, council administrators and superusers must use two-factor sign-in.")
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def second_factor_check(*, user: User, code: str) -> Device:
    """The device that accepts `code`: a 6-digit code from the authenticator app, or a recovery
    code (which is then used up). A refusal is a ValidationError saying why."""
    token = _normalised(code)
    if not token:
        raise ValidationError("Enter the 6-digit code from your authenticator app, or a recovery code.")
    model: type[TOTPDevice] | type[StaticDevice] = TOTPDevice if _is_app_code(token) else StaticDevice
    for pk in model.objects.filter(user=user, confirmed=True).values_list("pk", flat=True):
        with transaction.atomic():
            device = model.objects.select_for_update().get(pk=pk)
            _refuse_if_throttled(device)
            if device.verify_token(token):
                return device
    raise ValidationError(WRONG_CODE)
