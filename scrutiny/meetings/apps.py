from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "scrutiny.meetings"
    label = "meetings"
    verbose_name = "Meetings and agendas"
