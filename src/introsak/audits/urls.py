from django.urls import path

from introsak.audits import views

app_name = "audits"
urlpatterns = [
    path("", views.audit_list, name="list"),
    path("new/", views.audit_new, name="new"),
    path("<int:pk>/", views.audit_detail, name="detail"),
    path("<int:pk>/findings/", views.findings, name="findings"),
    path("<int:pk>/cases/<int:row_pk>/", views.control_form, name="control_form"),
    path("<int:pk>/cases/<int:row_pk>/exclude/", views.case_exclude, name="exclude"),
    path("<int:pk>/export.<str:fmt>", views.export, name="export"),
]
