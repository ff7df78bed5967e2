from django.urls import path

from introsak.early import views

app_name = "early"
urlpatterns = [
    # staff
    path("", views.person_list, name="list"),
    path("new/", views.person_create, name="create"),
    path("<int:pk>/", views.person_detail, name="person"),
    path("<int:pk>/letter/", views.link_create, name="link_create"),
    path("<int:pk>/links/<int:link_pk>/revoke/", views.link_revoke, name="link_revoke"),
    path("<int:pk>/consent/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("<int:pk>/settle/", views.settle, name="settle"),
    path("<int:pk>/mapping/<slug:key>/", views.mapping_accept, name="mapping_accept"),
    path("<int:pk>/profile/<slug:key>/", views.profile_accept, name="profile_accept"),
    path("<int:pk>/subject-export/", views.subject_export, name="subject_export"),
    path("cases/<int:case_pk>/own-view-link/", views.own_view_link_create, name="own_view_link"),
    path("cases/<int:case_pk>/section/", views.case_section, name="case_section"),
    path("groups/", views.groups, name="groups"),
    path("groups/<int:pk>/", views.group_detail, name="group"),
    path("statistics/", views.statistics, name="stats"),
    # the participant (no account)
    path("q/<str:token>/", views.open_link, name="open"),
    path("questionnaire/", views.questionnaire, name="questionnaire"),
    path("me/idporten/", views.idporten_start, name="idporten_start"),
    path("me/idporten/callback/", views.idporten_callback, name="idporten_callback"),
    path("me/<str:token>/", views.own_open, name="own_open"),
    path("me/", views.own_view, name="own_view"),
    path("leave/", views.participant_leave, name="leave"),
]
