from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "scrutiny.publishing"
    label = "publishing"
    verbose_name = "Publishing"
