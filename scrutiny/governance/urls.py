"""The committees' addresses: the home page and each committee's page."""

from django.urls import URLPattern, path

from . import views

urlpatterns: list[URLPattern] = [
    path("", views.home, name="home"),
    path("committees/<slug:slug>/", views.committee_detail, name="committee"),
]
