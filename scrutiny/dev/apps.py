from django.apps import AppConfig


class DevConfig(AppConfig):
    """Installed for its command, `scrutiny generate-police-data` (sample police.uk files)."""

    name = "scrutiny.dev"
    label = "dev"
    verbose_name = "Development tooling"
