from django.apps import AppConfig


class DemoSiteConfig(AppConfig):
    """The ``demo-data`` command: loads the generated demo data set (package ``introsak_demo``,
    installed only in development) through the same import, account and grant functions as
    real data. A feature app: it sits above ``access`` because it creates an audit grant."""

    name = "introsak.demo_site"
    label = "demo_site"
    verbose_name = "Demo site"
