from django.contrib import admin

from scrutiny.core.admin import ExemptAwareAdmin

from .models import Document


@admin.register(Document)
class DocumentAdmin(ExemptAwareAdmin):
    exempt_lookups = ("is_exempt", "agenda_item__is_exempt")
    list_display = ["title", "kind", "agenda_item", "is_exempt", "exemption_ground"]
    list_filter = ["kind", "is_exempt", "agenda_item__meeting__committee"]
    search_fields = ["title", "description"]
    list_select_related = ["agenda_item", "agenda_item__meeting"]
    raw_id_fields = ["agenda_item"]
