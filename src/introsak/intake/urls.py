from django.urls import path

from introsak.intake import views

app_name = "intake"
urlpatterns = [
    path("forecast/", views.forecast_page, name="forecast"),
]
