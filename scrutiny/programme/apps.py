from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "scrutiny.programme"
    label = "programme"
    verbose_name = "Work programme"
