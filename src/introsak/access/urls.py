from django.urls import path

from introsak.access import views

app_name = "access"
urlpatterns = [
    path("", views.reports, name="reports"),
    path("person/", views.person_report, name="person_report"),
    path("user/", views.user_report, name="user_report"),
    path("security/", views.security_log, name="security_log"),
    path("subject-export/<int:case_pk>/", views.subject_export_view, name="subject_export"),
]
