from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("introsak.core.urls")),
    path("cases/", include("introsak.workspace.urls")),
    path("stats/", include("introsak.stats.urls")),
    path("audits/", include("introsak.audits.urls")),
    path("access/", include("introsak.access.urls")),
]
