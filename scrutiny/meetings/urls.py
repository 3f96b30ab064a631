"""The meetings' addresses: the meeting page and the officers' agenda screens."""

from django.urls import URLPattern, path

from . import views

urlpatterns: list[URLPattern] = [
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/agenda/build/", views.agenda_build, name="agenda_build"),
    path("meetings/<int:pk>/agenda/add/", views.agenda_item_add, name="agenda_item_add"),
    path("agenda-items/<int:pk>/move/<str:direction>/", views.agenda_item_move, name="agenda_item_move"),
    path("agenda-items/<int:pk>/remove/", views.agenda_item_remove, name="agenda_item_remove"),
    path("agenda-items/<int:pk>/papers/add/", views.paper_add, name="paper_add"),
]
