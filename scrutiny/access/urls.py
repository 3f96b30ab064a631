from django.urls import URLPattern, path

from . import views

urlpatterns: list[URLPattern] = [
    path("councils/<slug:slug>/accounts/", views.account_list, name="council_accounts"),
    path("councils/<slug:slug>/accounts/invite/", views.account_invite, name="account_invite"),
    path("councils/<slug:slug>/accounts/<int:pk>/deactivate/", views.account_deactivate, name="account_deactivate"),
    path("councils/<slug:slug>/accounts/<int:pk>/reset/", views.account_reset, name="account_reset"),
    path("accounts/set-password/<uidb64>/<token>/", views.password_set, name="password_set"),
]
