from django.contrib import admin

from scrutiny.access.admin import ExemptAwareAdmin

from .models import BackgroundPaper, CoveringReport, Document


@admin.register(Document)
class DocumentAdmin(ExemptAwareAdmin[Document]):
    exempt_lookups = ("is_exempt", "agenda_item__is_exempt")
    list_display = ["title", "kind", "agenda_item", "is_exempt", "exemption_ground"]
    list_filter = ["kind", "is_exempt", "agenda_item__meeting__committee"]
    search_fields = ["title", "description"]
    list_select_related = ["agenda_item", "agenda_item__meeting"]
    raw_id_fields = ["agenda_item"]
    # A paper's file comes in only through the officers' screens, which check it
    # (`documents.files`): a file field here would take any file, as it is, unchecked.
    readonly_fields = ["file", "page_count"]


class BackgroundPaperInline(admin.TabularInline[BackgroundPaper, CoveringReport]):
    model = BackgroundPaper
    extra = 1


@admin.register(CoveringReport)
class CoveringReportAdmin(ExemptAwareAdmin[CoveringReport]):
    """Officers write covering reports here, in the council's sections."""

    exempt_lookups = ("document__is_exempt", "document__agenda_item__is_exempt")
    list_display = ["heading", "document"]
    search_fields = ["heading", "summary"]
    raw_id_fields = ["document"]
    inlines = [BackgroundPaperInline]
    fieldsets = [
        (None, {"fields": ["document", "heading", "author", "directorate"]}),
        (
            "1-4. Summary, recommendations, background, Corporate Plan",
            {"fields": ["summary", "recommendations", "background", "corporate_plan"]},
        ),
        (
            "5. Implications and risk",
            {"fields": ["financial", "legal", "staffing", "administrative", "risk"]},
        ),
        ("6-7. Confidence and appendices", {"fields": ["confidence", "appendices"]}),
    ]
