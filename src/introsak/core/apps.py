from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class CoreConfig(AppConfig):
    default = True
    name = "introsak.core"
    label = "core"
    verbose_name = "Introsak"


class IntrosakAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "introsak.core.admin_site.IntrosakAdminSite"
