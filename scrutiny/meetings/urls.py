"""The officers' screens for meetings and their agenda items."""

from django.urls import URLPattern, path

from . import views

urlpatterns: list[URLPattern] = [
    path("meetings/<int:pk>/agenda/add/", views.agenda_item_add, name="agenda_item_add"),
    path("agenda-items/<int:pk>/move/<str:direction>/", views.agenda_item_move, name="agenda_item_move"),
    path("agenda-items/<int:pk>/remove/", views.agenda_item_remove, name="agenda_item_remove"),
    path("agenda-items/<int:pk>/edit/", views.agenda_item_edit, name="agenda_item_edit"),
    path("agenda-items/<int:pk>/co-opted-votes/", views.agenda_item_co_opted_votes, name="agenda_item_co_opted_votes"),
    path("committees/<slug:slug>/meetings/add/", views.meeting_add, name="meeting_add"),
    path("committees/<slug:slug>/meetings/record/", views.meeting_record_past, name="meeting_record_past"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/postpone/", views.meeting_postpone, name="meeting_postpone"),
    path("meetings/<int:pk>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path("meetings/<int:pk>/held/", views.meeting_hold, name="meeting_hold"),
]
