"""The work programme's addresses: the plan, its exports and versions, draw-downs."""

from django.urls import URLPattern, path

from scrutiny.core.downloads import PDF, WORD

from . import views

urlpatterns: list[URLPattern] = [
    path("committees/<slug:slug>/work-programme/", views.work_programme, name="work_programme"),
    path(
        "committees/<slug:slug>/work-programme.docx",
        views.work_programme_file,
        {"kind": WORD},
        name="work_programme_docx",
    ),
    path(
        "committees/<slug:slug>/work-programme.pdf",
        views.work_programme_file,
        {"kind": PDF},
        name="work_programme_pdf",
    ),
    path("committees/<slug:slug>/work-programme/add/", views.item_add, name="work_programme_add"),
    path("minutes/<int:pk>/work-programme/", views.minute_work_programme, name="minute_work_programme"),
    path("committees/<slug:slug>/work-programme/propose/", views.recurring_propose, name="work_programme_propose"),
    path("committees/<slug:slug>/work-programme/versions/", views.version_list, name="work_programme_versions"),
    path(
        "committees/<slug:slug>/work-programme/versions/as-approved/",
        views.version_on,
        name="work_programme_version_on",
    ),
    path(
        "committees/<slug:slug>/work-programme/versions/approve/",
        views.version_approve,
        name="work_programme_approve",
    ),
    path(
        "committees/<slug:slug>/work-programme/versions/freeze/",
        views.version_propose,
        name="work_programme_freeze",
    ),
    path("work-programme/items/<int:pk>/", views.item_detail, name="work_programme_item"),
    path("work-programme/items/<int:pk>/move/", views.item_move, name="work_programme_move"),
    path("work-programme/items/<int:pk>/cancel/", views.item_cancel, name="work_programme_cancel"),
    path("work-programme/items/<int:pk>/accept/", views.item_accept, name="work_programme_accept"),
    path("work-programme/items/<int:pk>/attendance/", views.item_attendance, name="work_programme_attendance"),
    path("work-programme/versions/<int:pk>/", views.version_detail, name="work_programme_version"),
    path("committees/<slug:slug>/draw-downs/", views.draw_down_list, name="draw_downs"),
    path("committees/<slug:slug>/draw-downs/new/", views.draw_down_new, name="draw_down_new"),
    path("draw-downs/<int:pk>/", views.draw_down_detail, name="draw_down"),
    path("draw-downs/<int:pk>/decide/", views.draw_down_decide, name="draw_down_decide"),
]
