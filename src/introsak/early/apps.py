from django.apps import AppConfig


class EarlyConfig(AppConfig):
    name = "introsak.early"
    label = "early"
