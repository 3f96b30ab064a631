from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from scrutiny.core import views as core_views
from scrutiny.core.forms import SignInForm
from scrutiny.documents import views as document_views
from scrutiny.governance import views as governance_views
from scrutiny.meetings import views as meeting_views
from scrutiny.minutes import views as minute_views
from scrutiny.performance import uploads as performance_uploads
from scrutiny.performance import views as performance_views
from scrutiny.programme import views as programme_views
from scrutiny.publishing import views as publishing_views

admin.site.site_header = "Committee records: officers"
admin.site.site_title = "Committee records"
admin.site.index_title = "Maintain the committee's records"

urlpatterns = [
    path("", governance_views.home, name="home"),
    path("performance/", performance_views.performance_index, name="performance"),
    path("performance/imports/", performance_views.import_history, name="performance_imports"),
    path("performance/imports/police/", performance_uploads.police_upload, name="performance_police_upload"),
    path("performance/imports/ons/", performance_uploads.ons_upload, name="performance_ons_upload"),
    path(
        "performance/partner-indicators/<int:pk>/upload/",
        performance_views.partner_figures_upload,
        name="partner_figures_upload",
    ),
    path("performance/<str:code>/", performance_views.performance_area, name="performance_area"),
    path("performance/<str:code>/report.pdf", performance_views.performance_report_pdf, name="performance_report_pdf"),
    path("performance/<str:code>/report.docx", performance_views.performance_report_docx, name="performance_report_docx"),
    path(
        "performance/<str:code>/report-confidential.docx",
        performance_views.performance_report_confidential_docx,
        name="performance_report_confidential_docx",
    ),
    path("performance/<str:code>/attach/", performance_views.performance_report_attach, name="performance_report_attach"),
    path(
        "performance/<str:code>/report-confidential.pdf",
        performance_views.performance_report_confidential_pdf,
        name="performance_report_confidential_pdf",
    ),
    path("committees/<slug:slug>/", governance_views.committee_detail, name="committee"),
    path("committees/<slug:slug>/work-programme/", programme_views.work_programme, name="work_programme"),
    path(
        "committees/<slug:slug>/work-programme.docx",
        programme_views.work_programme_docx,
        name="work_programme_docx",
    ),
    path(
        "committees/<slug:slug>/work-programme.pdf",
        programme_views.work_programme_pdf,
        name="work_programme_pdf",
    ),
    path("committees/<slug:slug>/work-programme/add/", programme_views.item_add, name="work_programme_add"),
    path(
        "committees/<slug:slug>/work-programme/propose/",
        programme_views.recurring_propose,
        name="work_programme_propose",
    ),
    path(
        "committees/<slug:slug>/work-programme/versions/",
        programme_views.version_list,
        name="work_programme_versions",
    ),
    path(
        "committees/<slug:slug>/work-programme/versions/as-approved/",
        programme_views.version_on,
        name="work_programme_version_on",
    ),
    path(
        "committees/<slug:slug>/work-programme/versions/approve/",
        programme_views.version_approve,
        name="work_programme_approve",
    ),
    path(
        "committees/<slug:slug>/work-programme/versions/freeze/",
        programme_views.version_propose,
        name="work_programme_freeze",
    ),
    path("work-programme/items/<int:pk>/", programme_views.item_detail, name="work_programme_item"),
    path("work-programme/items/<int:pk>/move/", programme_views.item_move, name="work_programme_move"),
    path("work-programme/items/<int:pk>/cancel/", programme_views.item_cancel, name="work_programme_cancel"),
    path("work-programme/items/<int:pk>/accept/", programme_views.item_accept, name="work_programme_accept"),
    path(
        "work-programme/items/<int:pk>/attendance/",
        programme_views.item_attendance,
        name="work_programme_attendance",
    ),
    path("work-programme/versions/<int:pk>/", programme_views.version_detail, name="work_programme_version"),
    path("committees/<slug:slug>/draw-downs/", programme_views.draw_down_list, name="draw_downs"),
    path("committees/<slug:slug>/draw-downs/new/", programme_views.draw_down_new, name="draw_down_new"),
    path("draw-downs/<int:pk>/", programme_views.draw_down_detail, name="draw_down"),
    path("draw-downs/<int:pk>/decide/", programme_views.draw_down_decide, name="draw_down_decide"),
    path("meetings/<int:pk>/", meeting_views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/minutes/", minute_views.meeting_minutes, name="meeting_minutes"),
    path("meetings/<int:pk>/calendar.ics", publishing_views.meeting_ics, name="meeting_ics"),
    path("meetings/<int:pk>/agenda.docx", publishing_views.agenda_word, name="agenda_word"),
    path("documents/<int:pk>/report.docx", publishing_views.report_word, name="report_word"),
    path("meetings/<int:pk>/agenda-pack.pdf", publishing_views.public_pack, name="agenda_pack"),
    path(
        "meetings/<int:pk>/agenda-pack/v<int:version>.pdf",
        publishing_views.public_pack,
        name="agenda_pack_version",
    ),
    path("meetings/<int:pk>/part-2-pack.pdf", publishing_views.part2_pack, name="part2_pack"),
    path(
        "meetings/<int:pk>/part-2-pack/v<int:version>.pdf",
        publishing_views.part2_pack,
        name="part2_pack_version",
    ),
    path("meetings/<int:pk>/draft-pack/<str:part>.pdf", publishing_views.draft_pack, name="draft_pack"),
    path("meetings/<int:pk>/publish/", publishing_views.publish, name="meeting_publish"),
    path("meetings/<int:pk>/agenda/build/", meeting_views.agenda_build, name="agenda_build"),
    path("meetings/<int:pk>/agenda/add/", meeting_views.agenda_item_add, name="agenda_item_add"),
    path(
        "agenda-items/<int:pk>/move/<str:direction>/", meeting_views.agenda_item_move, name="agenda_item_move"
    ),
    path("agenda-items/<int:pk>/remove/", meeting_views.agenda_item_remove, name="agenda_item_remove"),
    path("agenda-items/<int:pk>/papers/add/", meeting_views.paper_add, name="paper_add"),
    path("committees/<slug:slug>/calendar.ics", publishing_views.committee_ics, name="committee_ics"),
    path("minutes/<int:pk>/", minute_views.minute_detail, name="minute"),
    path("meetings/<int:pk>/minutes.pdf", minute_views.minutes_pdf, name="minutes_pdf"),
    path("meetings/<int:pk>/minutes.docx", minute_views.minutes_word, name="minutes_word"),
    path("meetings/<int:pk>/decisions/", minute_views.decisions, name="decisions"),
    path("meetings/<int:pk>/minutes/draft/", minute_views.draft, name="minutes_draft"),
    path("meetings/<int:pk>/minutes/publish/", minute_views.publish, name="minutes_publish"),
    path("meetings/<int:pk>/minutes/confirm/", minute_views.confirm, name="minutes_confirm"),
    path("meetings/<int:pk>/minutes/sign/", minute_views.sign, name="minutes_sign"),
    path("minutes/<int:pk>/edit/", minute_views.edit, name="minute_edit"),
    path("minutes/<int:pk>/amend/", minute_views.amend, name="minute_amend"),
    path("minutes/<int:pk>/actions/add/", minute_views.action_add, name="action_add"),
    path("minutes/<int:pk>/recommendations/add/", minute_views.recommendation_add, name="recommendation_add"),
    path("committees/<slug:slug>/follow-up/", minute_views.tracker, name="tracker"),
    path("committees/<slug:slug>/follow-up/report.pdf", minute_views.tracker_report_pdf, name="tracker_report_pdf"),
    path("committees/<slug:slug>/follow-up/reported/", minute_views.actions_report, name="actions_report"),
    path("actions/<int:pk>/close/", minute_views.action_close, name="action_close"),
    path("actions/<int:pk>/reopen/", minute_views.action_reopen, name="action_reopen"),
    path(
        "recommendations/<int:pk>/<str:step>/", minute_views.recommendation_step, name="recommendation_step"
    ),
    path("documents/<int:pk>/", document_views.document_detail, name="document"),
    path("documents/<int:pk>/file/", document_views.document_file, name="document_file"),
    path(
        "accounts/sign-in/",
        auth_views.LoginView.as_view(template_name="accounts/sign_in.html", authentication_form=SignInForm),
        name="login",
    ),
    path("accounts/sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
]

handler400 = core_views.bad_request
handler403 = core_views.forbidden
handler404 = core_views.not_found
handler500 = core_views.server_error
