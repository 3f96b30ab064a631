from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ForwardPlanNotice, KeyDecision


@admin.register(KeyDecision)
class KeyDecisionAdmin(SimpleHistoryAdmin[KeyDecision]):
    list_display = ("title", "council", "decision_on", "status", "notified_on", "taken_on")
    list_filter = ("council", "status")
    search_fields = ("title", "summary")


@admin.register(ForwardPlanNotice)
class ForwardPlanNoticeAdmin(admin.ModelAdmin[ForwardPlanNotice]):
    list_display = ("council", "published_on", "covers_to")
    list_filter = ("council",)
    readonly_fields = ("entries",)
