from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "introsak.intake"
    label = "intake"
