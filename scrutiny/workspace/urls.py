from django.urls import URLPattern, path

from . import branding, partners, views

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
    path("committees/<slug:slug>/partners/", partners.partners, name="committee_partners"),
    path("committees/<slug:slug>/partners/scrutinise/", partners.scrutiny_add, name="scrutiny_add"),
    path("committees/<slug:slug>/partners/add/", partners.partner_add, name="partner_add"),
    path("committees/<slug:slug>/partners/<int:pk>/end/", partners.partner_end, name="partner_end"),
    path("committees/<slug:slug>/successions/add/", partners.succession_add, name="succession_add"),
    path("committees/<slug:slug>/posts/add/", partners.post_add, name="post_add"),
    path("committees/<slug:slug>/posts/<int:pk>/holders/add/", partners.post_holder_add, name="post_holder_add"),
    path("councils/<slug:slug>/branding/", branding.council_branding, name="council_branding"),
    path("councils/<slug:slug>/brand.css", branding.council_brand_css, name="council_brand_css"),
    path("councils/<slug:slug>/logo.png", branding.council_logo, name="council_logo"),
]
