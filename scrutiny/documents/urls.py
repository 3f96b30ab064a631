"""The officers' address for adding a paper to an agenda item."""

from django.urls import URLPattern, path

from . import views

urlpatterns: list[URLPattern] = [
    path("agenda-items/<int:pk>/papers/add/", views.paper_add, name="paper_add"),
]
