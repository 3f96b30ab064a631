from django.urls import URLPattern, path

from . import views

urlpatterns: list[URLPattern] = [
    path("councils/<slug:slug>/accounts/", views.account_list, name="council_accounts"),
    path("councils/<slug:slug>/accounts/invite/", views.account_invite, name="account_invite"),
    path("councils/<slug:slug>/accounts/<int:pk>/deactivate/", views.account_deactivate, name="account_deactivate"),
    path("councils/<slug:slug>/accounts/<int:pk>/reset/", views.account_reset, name="account_reset"),
    path("councils/<slug:slug>/accounts/<int:pk>/unlock/", views.account_unlock, name="account_unlock"),
    path("accounts/set-password/<uidb64>/<token>/", views.password_set, name="password_set"),
    path("accounts/two-factor/", views.second_step, name="second_step"),
    path("accounts/two-factor/set-up/", views.two_factor_setup, name="two_factor_setup"),
    path("accounts/you/", views.account_security, name="account_security"),
    path("accounts/you/recovery-codes/", views.recovery_codes_renew, name="recovery_codes_renew"),
    path("accounts/you/two-factor-off/", views.two_factor_turn_off, name="two_factor_turn_off"),
    path("accounts/password-reset/", views.password_reset, name="password_reset"),
    path("accounts/password-reset/sent/", views.password_reset_done, name="password_reset_done"),
    path("accounts/password-reset/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"),
    path("accounts/password-reset/done/", views.password_reset_complete, name="password_reset_complete"),
]
