from django.urls import URLPattern, path

from . import views

urlpatterns: list[URLPattern] = [
    path("committees/<slug:slug>/annual-reports/", views.annual_reports, name="annual_reports"),
    path("committees/<slug:slug>/annual-reports/start/", views.annual_report_start, name="annual_report_start"),
    path("annual-reports/<int:pk>/", views.report_detail, name="annual_report"),
    path("annual-reports/<int:pk>/report.<str:fmt>", views.report_download, name="annual_report_file"),
    path("annual-reports/<int:pk>/members/", views.members_version, name="annual_report_members"),
    path("annual-reports/<int:pk>/members/report.<str:fmt>", views.members_version, name="annual_report_members_file"),
    path("annual-reports/<int:pk>/draft/", views.annual_report_draft, name="annual_report_draft"),
    path("annual-reports/<int:pk>/text/<slug:part>/", views.annual_report_text, name="annual_report_text"),
    path("annual-reports/<int:pk>/consider/", views.annual_report_consider, name="annual_report_consider"),
    path("annual-reports/<int:pk>/submit/", views.annual_report_submit, name="annual_report_submit"),
    path("annual-reports/<int:pk>/publish/", views.annual_report_publish, name="annual_report_publish"),
]
