"""The home page, each committee's page, and the officers' screens for agenda items."""

from django.urls import URLPattern, path

from . import views

urlpatterns: list[URLPattern] = [
    path("", views.home, name="home"),
    path("committees/<slug:slug>/", views.committee_detail, name="committee"),
    path("meetings/<int:pk>/agenda/add/", views.agenda_item_add, name="agenda_item_add"),
    path("agenda-items/<int:pk>/move/<str:direction>/", views.agenda_item_move, name="agenda_item_move"),
    path("agenda-items/<int:pk>/remove/", views.agenda_item_remove, name="agenda_item_remove"),
]
