from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("introsak.core.urls")),
    path("", include("introsak.web.urls")),
    path("account/", include("introsak.accounts.urls")),
    path("cases/", include("introsak.workspace.urls")),
    path("stats/", include("introsak.stats.urls")),
    path("audits/", include("introsak.audits.urls")),
    path("access/", include("introsak.access.urls")),
    path("placements/", include("introsak.placements.urls")),
    path("early/", include("introsak.early.urls")),
    path("intake/", include("introsak.intake.urls")),
]

# A database that cannot be reached is a 503 with one log line (core.views).
handler500 = "introsak.core.views.server_error"

if settings.INTROSAK_OIDC_ENABLED:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))
