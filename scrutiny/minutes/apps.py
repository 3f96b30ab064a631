from django.apps import AppConfig


class MinutesConfig(AppConfig):
    name = "scrutiny.minutes"
    label = "minutes"
    verbose_name = "Minutes and resolutions"
