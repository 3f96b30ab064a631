"""Writes for access: the officers' group and its permissions."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from .policy import EXEMPT_PERMISSION, OFFICERS_GROUP

# Officers maintain every record of these apps through the admin.
OFFICER_APPS = ("governance", "meetings", "documents", "minutes", "programme", "publishing", "performance")


@transaction.atomic
def officer_group_ensure() -> Group:
    """The 'Committee officers' group with every permission on the committee's records,
    including seeing exempt business. Idempotent: changes nothing when already right."""
    group, _ = Group.objects.get_or_create(name=OFFICERS_GROUP)
    app_label, codename = EXEMPT_PERMISSION.split(".")
    wanted = set(
        Permission.objects.filter(content_type__app_label__in=OFFICER_APPS).values_list("pk", flat=True)
    ) | set(
        Permission.objects.filter(content_type__app_label=app_label, codename=codename).values_list(
            "pk", flat=True
        )
    )
    if set(group.permissions.values_list("pk", flat=True)) != wanted:
        group.permissions.set(wanted)
    return group
