from django.urls import URLPattern, path

from . import views

urlpatterns: list[URLPattern] = [
    path("councils/<slug:slug>/forward-plan/", views.forward_plan, name="forward_plan"),
    path("forward-plan/notices/<int:pk>/", views.notice_detail, name="notice"),
    path("forward-plan/notices/<int:pk>/notice.pdf", views.notice_pdf, name="notice_pdf"),
    path("councils/<slug:slug>/forward-plan/decisions/", views.key_decisions, name="key_decisions"),
    path("councils/<slug:slug>/forward-plan/decisions/add/", views.key_decision_add, name="key_decision_add"),
    path("councils/<slug:slug>/forward-plan/publish/", views.forward_plan_publish, name="forward_plan_publish"),
    path("key-decisions/<int:pk>/edit/", views.key_decision_edit, name="key_decision_edit"),
    path("key-decisions/<int:pk>/exception/", views.key_decision_exception, name="key_decision_exception"),
    path("key-decisions/<int:pk>/taken/", views.key_decision_taken, name="key_decision_taken"),
    path("key-decisions/<int:pk>/withdraw/", views.key_decision_withdraw, name="key_decision_withdraw"),
]
