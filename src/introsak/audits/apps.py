from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "introsak.audits"
    label = "audits"
