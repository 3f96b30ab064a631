from django.urls import URLPattern, path

from . import views

urlpatterns: list[URLPattern] = [
    path("meetings/<int:pk>/exempt-openings/", views.meeting_openings, name="meeting_exempt_openings"),
    path("committees/<slug:slug>/exempt-openings/", views.committee_openings, name="committee_exempt_openings"),
    path("committees/<slug:slug>/exempt-openings/accounts/<int:pk>/", views.account_openings,
         name="account_exempt_openings"),
]
