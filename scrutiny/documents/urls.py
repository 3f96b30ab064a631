"""The papers' addresses: a paper's page and its file."""

from django.urls import URLPattern, path

from . import views

urlpatterns: list[URLPattern] = [
    path("documents/<int:pk>/", views.document_detail, name="document"),
    path("documents/<int:pk>/file/", views.document_file, name="document_file"),
]
