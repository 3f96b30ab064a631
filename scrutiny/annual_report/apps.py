from django.apps import AppConfig


class AnnualReportConfig(AppConfig):
    name = "scrutiny.annual_report"
    label = "annual_report"
    verbose_name = "The committee's annual report to the Council"
