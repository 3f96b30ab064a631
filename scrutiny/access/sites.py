"""The Django admin, for the installation's superusers only.

The admin spans every council of the installation, so no council's officer or
administrator may use it: their work is done on the officers' screens, which ask the
access policy of each record. A signed-in user who is not a superuser is shown the admin's
sign-in page with its refusal, never a list or a record. A superuser who has not yet given
the second factor of signing in is not let in either.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest


class SuperuserAdminSite(admin.AdminSite):
    site_header = "Installation maintenance"
    site_title = "Installation maintenance"
    index_title = "Maintain the installation's records (superusers only)"

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        # A superuser must have given the second factor (django-otp's middleware says so).
        is_verified = getattr(user, "is_verified", None)
        return bool(user.is_active and user.is_superuser and callable(is_verified) and is_verified())


class SuperuserAdminConfig(AdminConfig):
    default_site = "scrutiny.access.sites.SuperuserAdminSite"
