from django.urls import URLPattern, path

from . import views

urlpatterns: list[URLPattern] = [
    path("officer/", views.dashboard, name="dashboard"),
]
