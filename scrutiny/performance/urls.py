"""The performance pages' addresses. The report is one view, with its format and visibility
as keywords, under the four addresses it has always had."""

from django.urls import URLPattern, path

from scrutiny.core.downloads import PDF, WORD, Visibility

from . import uploads, views

# name, the file's name in the address, its format and visibility
REPORTS = [
    ("performance_report_pdf", "report.pdf", PDF, Visibility.PUBLIC),
    ("performance_report_docx", "report.docx", WORD, Visibility.PUBLIC),
    ("performance_report_confidential_pdf", "report-confidential.pdf", PDF, Visibility.EXEMPT),
    ("performance_report_confidential_docx", "report-confidential.docx", WORD, Visibility.EXEMPT),
]

urlpatterns: list[URLPattern] = [
    path("performance/", views.performance_index, name="performance"),
    path("performance/imports/", views.import_history_page, name="performance_imports"),
    path("performance/imports/police/", uploads.police_upload, name="performance_police_upload"),
    path("performance/imports/police/clear/", uploads.police_month_clear_page, name="performance_police_clear"),
    path("performance/imports/ons/", uploads.ons_upload, name="performance_ons_upload"),
    path(
        "performance/partner-indicators/<int:pk>/upload/",
        uploads.partner_figures_upload_page,
        name="partner_figures_upload",
    ),
    # After the fixed addresses above: an area's code would match "imports".
    path("performance/<str:code>/", views.performance_area, name="performance_area"),
    path("performance/<str:code>/attach/", views.performance_report_attach, name="performance_report_attach"),
]
urlpatterns += [
    path(
        f"performance/<str:code>/{file}",
        views.performance_report_file,
        {"kind": kind, "visibility": visibility},
        name=name,
    )
    for name, file, kind, visibility in REPORTS
]
