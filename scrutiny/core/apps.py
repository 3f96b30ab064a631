from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "scrutiny.core"
    label = "core"
    verbose_name = "Core"
