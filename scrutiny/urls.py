"""The site's addresses: each app's own (`scrutiny/<app>/urls.py`, without namespaces, so
`{% url 'meeting' pk %}` reads the same everywhere), sign-in and the superusers' admin (`scrutiny.access.sites`)."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import URLPattern, URLResolver, include, path

from scrutiny.core import health
from scrutiny.core import views as core_views
from scrutiny.core.forms import SignInForm

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("scrutiny.performance.urls")),
    path("", include("scrutiny.programme.urls")),
    path("", include("scrutiny.meetings.urls")),
    path("", include("scrutiny.minutes.urls")),
    path("", include("scrutiny.publishing.urls")),
    path("", include("scrutiny.documents.urls")),
    path("", include("scrutiny.workspace.urls")),
    path("", include("scrutiny.audit.urls")),
    path("", include("scrutiny.forward_plan.urls")),
    path("", include("scrutiny.annual_report.urls")),
    path("", include("scrutiny.access.urls")),
    path(
        "accounts/sign-in/",
        auth_views.LoginView.as_view(template_name="accounts/sign_in.html", authentication_form=SignInForm),
        name="login",
    ),
    path("accounts/sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
]

handler400 = core_views.bad_request
handler403 = core_views.forbidden
handler404 = core_views.not_found
handler500 = core_views.server_error
