from django.apps import AppConfig


class PlacementsConfig(AppConfig):
    name = "introsak.placements"
    label = "placements"
