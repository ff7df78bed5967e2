from django.urls import path

from introsak.workspace import views

app_name = "workspace"
urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("help/", views.help_page, name="help"),
    path("reassign/", views.reassign_many, name="reassign"),
    path("workload/", views.workload_view, name="workload"),
    path("saved/", views.saved_filters_view, name="saved"),
    path("saved/<int:pk>/delete/", views.saved_filter_delete, name="saved-delete"),
    path("<int:pk>/", views.case_detail, name="case"),
    path("<int:pk>/<slug:step>/", views.record, name="record"),
    path("<int:pk>/correct/<slug:kind>/<int:event>/", views.correct, name="correct"),
]
