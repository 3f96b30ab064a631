from django.apps import AppConfig


class ForwardPlanConfig(AppConfig):
    name = "scrutiny.forward_plan"
    label = "forward_plan"
    verbose_name = "The forward plan of key decisions"
