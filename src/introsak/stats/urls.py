from django.urls import path

from introsak.stats import views

app_name = "stats"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("dashboard.pdf", views.pdf, name="pdf"),
    path("<slug:name>/", views.view, name="view"),
    path("<slug:name>/chart.svg", views.chart, name="chart"),
    path("<slug:name>/download.<slug:fmt>", views.download, name="download"),
]
