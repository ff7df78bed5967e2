from django.apps import AppConfig


class CoreConfig(AppConfig):
    default = True
    name = "introsak.core"
    label = "core"
    verbose_name = "Introsak"
