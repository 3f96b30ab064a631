from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "scrutiny.access"
    label = "access"
    verbose_name = "Accounts and roles"
