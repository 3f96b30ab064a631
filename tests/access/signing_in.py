"""Signing in through the pages, as a person does: the password, then the code."""

from __future__ import annotations

from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def current_code(device: TOTPDevice) -> str:
    """The code the device's app shows now. The device may not have accepted a code of this
    time step already (a code works once), so it is made to forget the last one it took."""
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    device.refresh_from_db()
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):06d}"


def password_step(client, username: str, password: str, next_path: str = ""):
    data = {"username": username, "password": password}
    if next_path:
        data["next"] = next_path
    return client.post(reverse("login"), data)


def sign_in(client, username: str, password: str) -> None:
    """Both steps; the account must have a confirmed authenticator app if it needs one."""
    response = password_step(client, username, password)
    assert response.status_code == 302, response.content.decode()[:500]
    device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
    if device is not None:
        done = client.post(reverse("second_step"), {"code": current_code(device)})
        assert done.status_code == 302, done.content.decode()[:500]



