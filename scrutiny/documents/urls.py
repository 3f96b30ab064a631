"""The officers' addresses for adding a paper and writing its covering report."""

from django.urls import URLPattern, path

from . import views

urlpatterns: list[URLPattern] = [
    path("agenda-items/<int:pk>/papers/add/", views.paper_add, name="paper_add"),
    path("documents/<int:pk>/report/", views.covering_report_edit, name="covering_report_edit"),
]
