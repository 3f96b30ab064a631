"""Signing in: the client's address as the lockout counts it, and the locked-out wording."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """The address a sign-in comes from. Behind SCRUTINY_TRUSTED_PROXIES reverse proxies,
    each of which appends the address it was reached from to X-Forwarded-For, the client's
    is that many entries from the right; anything further left was written by the client and
    is not trusted. Without proxies: the connection's own address."""
    proxies: int = settings.TRUSTED_PROXIES
    remote = str(request.META["REMOTE_ADDR"]) if request.META.get("REMOTE_ADDR") else None
    if proxies <= 0:
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if len(forwarded) < proxies:
        return remote
    return str(forwarded[-proxies])


def lockout_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def locked_out_message() -> str:
    """Said to whoever is refused: the same for any username, known or not."""
    minutes = lockout_minutes()
    return (
        f"Signing in is locked after {settings.AXES_FAILURE_LIMIT} wrong attempts in a row for this username "
        f"or from this address. Try again in {minutes} minutes, or ask your council's administrator to unlock "
        "your account."
    )
