from django.urls import URLPattern, path

from . import views

urlpatterns: list[URLPattern] = [
    path("officer/", views.dashboard, name="dashboard"),
    path("partner/", views.partner_desk, name="partner_desk"),
    path("partner/recommendations/<int:pk>/respond/", views.partner_respond, name="partner_respond"),
    path("committees/<slug:slug>/settings/", views.committee_settings, name="committee_settings"),
    path("committees/<slug:slug>/membership/", views.membership, name="committee_membership"),
    path("committees/<slug:slug>/membership/add/", views.seat_add, name="seat_add"),
    path("committees/<slug:slug>/people/add/", views.person_add, name="person_add"),
    path("committees/<slug:slug>/people/<int:pk>/account/", views.person_account, name="person_account"),
    path("seats/<int:pk>/end/", views.seat_end, name="seat_end"),
    path("committees/<slug:slug>/rename/", views.committee_rename, name="committee_rename"),
    path("committees/<slug:slug>/standard-items/", views.standard_items, name="standard_items"),
    path("committees/<slug:slug>/standard-items/own/", views.standard_items_customise, name="standard_items_customise"),
    path("standard-items/<int:pk>/edit/", views.standard_item_edit, name="standard_item_edit"),
    path("standard-items/<int:pk>/remove/", views.standard_item_remove, name="standard_item_remove"),
]
