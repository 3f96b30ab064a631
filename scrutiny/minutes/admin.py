from django.contrib import admin

from scrutiny.core.admin import ExemptAwareAdmin

from .models import Action, Minute, Recommendation, Resolution


class ResolutionInline(admin.TabularInline):
    model = Resolution
    extra = 0


@admin.register(Minute)
class MinuteAdmin(ExemptAwareAdmin):
    exempt_lookups = ("is_exempt", "agenda_item__is_exempt")
    list_display = ["__str__", "meeting", "is_exempt"]
    list_filter = ["meeting__committee", "meeting", "is_exempt"]
    search_fields = ["title", "narrative"]
    list_select_related = ["meeting", "meeting__committee"]
    raw_id_fields = ["agenda_item"]
    inlines = [ResolutionInline]


@admin.register(Recommendation)
class RecommendationAdmin(ExemptAwareAdmin):
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
class ActionAdmin(ExemptAwareAdmin):
    exempt_lookups = ("minute__is_exempt", "minute__agenda_item__is_exempt")
    list_display = ["description", "due_on", "status"]
    list_filter = ["status"]
    search_fields = ["description"]
    raw_id_fields = ["minute"]
