from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from scrutiny.core import views as core_views
from scrutiny.core.forms import SignInForm
from scrutiny.documents import views as document_views
from scrutiny.governance import views as governance_views
from scrutiny.meetings import views as meeting_views
from scrutiny.minutes import views as minute_views
from scrutiny.programme import views as programme_views

admin.site.site_header = "Committee records: officers"
admin.site.site_title = "Committee records"
admin.site.index_title = "Maintain the committee's records"

urlpatterns = [
    path("", governance_views.home, name="home"),
    path("committees/<slug:slug>/", governance_views.committee_detail, name="committee"),
    path("committees/<slug:slug>/work-programme/", programme_views.work_programme, name="work_programme"),
    path("meetings/<int:pk>/", meeting_views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/minutes/", minute_views.meeting_minutes, name="meeting_minutes"),
    path("minutes/<int:pk>/", minute_views.minute_detail, name="minute"),
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
