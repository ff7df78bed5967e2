from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "introsak.stats"
    label = "stats"
