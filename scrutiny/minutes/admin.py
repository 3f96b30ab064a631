from django.contrib import admin

from scrutiny.core.admin import ExemptAwareAdmin

from .models import Minute, Resolution


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
