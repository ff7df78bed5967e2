from django.apps import AppConfig


class WebConfig(AppConfig):
    """The web layer: what every page shares and that depends on permissions (the main
    menu, the home page that sends each user to their area). It sits between ``access``
    and the feature apps, so a feature app's page can use it and ``core`` stays free of
    permissions."""

    name = "introsak.web"
    label = "web"
    verbose_name = "Introsak web"
