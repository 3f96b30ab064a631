"""The performance pages' addresses. The report is one view, with its format and visibility
as keywords, under the four addresses it has always had."""

from django.urls import URLPattern, path

from scrutiny.core.downloads import PDF, WORD, Visibility

from . import uploads, views

PUBLIC = Visibility.PUBLIC
CONFIDENTIAL = Visibility.EXEMPT

urlpatterns: list[URLPattern] = [
    path("performance/", views.performance_index, name="performance"),
    path("performance/imports/", views.import_history_page, name="performance_imports"),
    path("performance/imports/police/", uploads.police_upload, name="performance_police_upload"),
    path("performance/imports/ons/", uploads.ons_upload, name="performance_ons_upload"),
    path(
        "performance/partner-indicators/<int:pk>/upload/",
        uploads.partner_figures_upload_page,
        name="partner_figures_upload",
    ),
    # After the fixed addresses above: an area's code would match "imports".
    path("performance/<str:code>/", views.performance_area, name="performance_area"),
    path(
        "performance/<str:code>/report.pdf",
        views.performance_report_file,
        {"kind": PDF, "visibility": PUBLIC},
        name="performance_report_pdf",
    ),
    path(
        "performance/<str:code>/report.docx",
        views.performance_report_file,
        {"kind": WORD, "visibility": PUBLIC},
        name="performance_report_docx",
    ),
    path(
        "performance/<str:code>/report-confidential.pdf",
        views.performance_report_file,
        {"kind": PDF, "visibility": CONFIDENTIAL},
        name="performance_report_confidential_pdf",
    ),
    path(
        "performance/<str:code>/report-confidential.docx",
        views.performance_report_file,
        {"kind": WORD, "visibility": CONFIDENTIAL},
        name="performance_report_confidential_docx",
    ),
    path("performance/<str:code>/attach/", views.performance_report_attach, name="performance_report_attach"),
]
