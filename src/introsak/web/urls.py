from django.urls import path

from introsak.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("rules/parameters/", views.rule_parameters, name="rule_parameters"),
]
