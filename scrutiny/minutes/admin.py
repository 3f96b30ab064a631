"""The admin shows the minutes; it must never be a way round their life.

Confirmed (or signed) minutes are locked: their minutes and resolutions are read-only here,
cannot be deleted and cannot be reverted from history; a correction is a recorded amendment
(the officers' "Correct" screen). Before confirmation an admin edit carries the revision it
started from, exactly like the officers' edit screen, so that it never silently overwrites
another officer's edit. Actions and recommendations change status only through their
services (the follow-up page).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse

from scrutiny.access.admin import ExemptAwareAdmin, M, P

from .models import LOCKED_MINUTES_STATUSES, Action, Minute, MinutesRecord, Recommendation, Resolution
from .selectors import check_number_free


def minutes_locked(meeting_id: int | None) -> bool:
    return (
        meeting_id is not None
        and MinutesRecord.objects.filter(meeting_id=meeting_id, status__in=LOCKED_MINUTES_STATUSES).exists()
    )


class LockedMinutesInline(admin.TabularInline[M, P]):
    """An inline on a minute (or a meeting) that is read-only once the minutes are confirmed."""

    def _locked(self, obj: models.Model | None) -> bool:
        if obj is None:
            return False
        return minutes_locked(obj.meeting_id if isinstance(obj, Minute) else obj.pk)

    def has_add_permission(self, request: HttpRequest, obj: P | None = None) -> bool:
        return not self._locked(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: P | None = None) -> bool:
        return not self._locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: P | None = None) -> bool:
        return not self._locked(obj) and super().has_delete_permission(request, obj)


class ResolutionInline(LockedMinutesInline[Resolution, Minute]):
    model = Resolution
    extra = 0


class MinuteAdminForm(forms.ModelForm[Minute]):
    class Meta:
        model = Minute
        fields = [
            "meeting",
            "agenda_item",
            "position",
            "number",
            "title",
            "narrative",
            "is_exempt",
            "exemption_ground",
            "exemption_note",
            "public_title",
            "is_public_summary",
            "revision",
        ]
        widgets = {"revision": forms.HiddenInput}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The revision the editor starts from is always the one saved now, also on a
        # history "revert" page (whose instance carries an old revision).
        if self.instance.pk and "revision" in self.fields:
            current = Minute.internal.filter(pk=self.instance.pk).values_list("revision", flat=True).first()
            self.initial["revision"] = current

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        meeting = data.get("meeting")
        saved = None
        if self.instance.pk:
            saved = Minute.internal.select_for_update().filter(pk=self.instance.pk).first()
        for meeting_id in {saved.meeting_id if saved else None, meeting.pk if meeting else None}:
            if minutes_locked(meeting_id):
                raise ValidationError(
                    "The minutes of this meeting are confirmed: they cannot be edited or added to. "
                    "Record an amendment instead."
                )
        if saved is not None and data.get("revision") != saved.revision:
            raise ValidationError(
                f"Minute {saved.number or ''} was changed by someone else while you were editing it "
                f"(now revision {saved.revision}). Nothing has been saved. The current text is: {saved.narrative}"
            )
        number = data.get("number")
        if meeting is not None and number is not None and (saved is None or saved.number != number):
            check_number_free(meeting=meeting, number=number, exclude=saved)
        return data


@admin.register(Minute)
class MinuteAdmin(ExemptAwareAdmin[Minute]):
    form = MinuteAdminForm
    exempt_lookups = ("is_exempt", "agenda_item__is_exempt")
    list_display = ["__str__", "meeting", "is_exempt"]
    list_filter = ["meeting__committee", "meeting", "is_exempt"]
    search_fields = ["title", "narrative"]
    list_select_related = ["meeting", "meeting__committee"]
    raw_id_fields = ["agenda_item"]
    inlines = [ResolutionInline]

    def has_change_permission(self, request: HttpRequest, obj: Minute | None = None) -> bool:
        if obj is not None and minutes_locked(obj.meeting_id):
            return False
        return bool(super().has_change_permission(request, obj))

    def has_delete_permission(self, request: HttpRequest, obj: Minute | None = None) -> bool:
        if obj is not None and minutes_locked(obj.meeting_id):
            return False
        return bool(super().has_delete_permission(request, obj))

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        # The bulk delete asks no per-row permission, so it could delete confirmed minutes.
        actions: dict[str, Any] = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        # django-simple-history saves a revert with view permission alone, outside a transaction.
        if request.method == "POST":
            minute = Minute.internal.filter(pk=object_id).first()
            if minute is None or not self.has_change_permission(request, minute):
                raise PermissionDenied
        with transaction.atomic():
            response: HttpResponse = super().history_form_view(request, object_id, version_id, extra_context)
            return response

    def save_model(self, request: HttpRequest, obj: Minute, form: forms.ModelForm[Minute], change: bool) -> None:
        if change:
            saved = Minute.internal.select_for_update().get(pk=obj.pk)
            obj.revision = saved.revision + 1
        super().save_model(request, obj, form, change)


@admin.register(Recommendation)
class RecommendationAdmin(ExemptAwareAdmin[Recommendation]):
    """Recommendations move through their steps on the follow-up page; shown here."""

    exempt_lookups = ("minute__is_exempt", "minute__agenda_item__is_exempt")
    list_display = ["authority", "status", "made_on", "response_on"]
    list_filter = ["status", "authority"]
    readonly_fields = [
        "status",
        "sent_for_check_on",
        "made_on",
        "extension_days",
        "extension_reason",
        "response_on",
        "response",
        "reported_at",
    ]
    raw_id_fields = ["minute"]


@admin.register(Action)
class ActionAdmin(ExemptAwareAdmin[Action]):
    """Actions are closed, reopened and reported on the follow-up page (the services keep
    the status, closing date and reports consistent); shown here."""

    exempt_lookups = ("minute__is_exempt", "minute__agenda_item__is_exempt")
    list_display = ["description", "due_on", "status"]
    list_filter = ["status"]
    search_fields = ["description"]
    raw_id_fields = ["minute"]
    readonly_fields = ["status", "closed_on", "outcome", "reported_at"]
