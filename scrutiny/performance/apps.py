from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "scrutiny.performance"
    label = "performance"
    verbose_name = "CSP performance"
