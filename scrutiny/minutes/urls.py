"""The minutes' addresses: pages, PDF and Word, decisions, follow-up, officers' screens."""

from django.urls import URLPattern, path

from scrutiny.core.downloads import PDF, WORD

from . import views

urlpatterns: list[URLPattern] = [
    path("meetings/<int:pk>/minutes/", views.meeting_minutes, name="meeting_minutes"),
    path("minutes/<int:pk>/", views.minute_detail, name="minute"),
    path("meetings/<int:pk>/minutes.pdf", views.minutes_file, {"kind": PDF}, name="minutes_pdf"),
    path("meetings/<int:pk>/minutes.docx", views.minutes_file, {"kind": WORD}, name="minutes_word"),
    path("meetings/<int:pk>/decisions/", views.decisions, name="decisions"),
    path("meetings/<int:pk>/minutes/draft/", views.draft, name="minutes_draft"),
    path("meetings/<int:pk>/attendance/", views.attendance_page, name="meeting_attendance"),
    path("meetings/<int:pk>/attendance/members/", views.attendance_members, name="attendance_members"),
    path("attendance/<int:pk>/remove/", views.attendance_remove, name="attendance_remove"),
    path("declarations/<int:pk>/remove/", views.declaration_remove, name="declaration_remove"),
    path("meetings/<int:pk>/minutes/publish/", views.publish, name="minutes_publish"),
    path("meetings/<int:pk>/minutes/confirm/", views.confirm, name="minutes_confirm"),
    path("meetings/<int:pk>/minutes/sign/", views.sign, name="minutes_sign"),
    path("minutes/<int:pk>/edit/", views.edit, name="minute_edit"),
    path("minutes/<int:pk>/amend/", views.amend, name="minute_amend"),
    path("minutes/<int:pk>/actions/add/", views.action_add, name="action_add"),
    path("minutes/<int:pk>/recommendations/add/", views.recommendation_add, name="recommendation_add"),
    path("minutes/<int:pk>/references/add/", views.reference_add, name="reference_add"),
    path("minutes/<int:pk>/outside-meetings/add/", views.outside_meeting_add, name="outside_meeting_add"),
    path("committees/<slug:slug>/outside-bodies/", views.committee_outside_meetings, name="committee_outside_meetings"),
    path("references/<int:pk>/outcome/", views.reference_outcome, name="reference_outcome"),
    path("references/<int:pk>/remove/", views.reference_remove, name="reference_remove"),
    path("outside-meetings/<int:pk>/remove/", views.outside_meeting_remove, name="outside_meeting_remove"),
    path("committees/<slug:slug>/references/", views.committee_references, name="committee_references"),
    path("committees/<slug:slug>/follow-up/", views.tracker, name="tracker"),
    path("committees/<slug:slug>/follow-up/report.pdf", views.tracker_report_pdf, name="tracker_report_pdf"),
    path("committees/<slug:slug>/follow-up/reported/", views.actions_report, name="actions_report"),
    path("actions/<int:pk>/close/", views.action_close, name="action_close"),
    path("actions/<int:pk>/reopen/", views.action_reopen, name="action_reopen"),
    path("recommendations/<int:pk>/<str:step>/", views.recommendation_step, name="recommendation_step"),
]
