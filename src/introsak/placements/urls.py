from django.urls import path

from introsak.placements import views

app_name = "placements"
urlpatterns = [
    path("", views.board, name="board"),
    path("employers/", views.employers, name="employers"),
    path("offers/new/", views.offer_new, name="offer_new"),
    path("offers/<int:pk>/", views.offer_detail, name="offer"),
    path("statistics/", views.statistics, name="statistics"),
    path("fairs/", views.fairs, name="fairs"),
    path("fairs/<int:pk>/", views.fair_detail, name="fair"),
    path("fairs/<int:pk>/invite/", views.fair_invite, name="fair_invite"),
    path("fairs/<int:pk>/invitations/<int:invitation_pk>/", views.invitation, name="invitation"),
    path("case/<int:pk>/", views.participant, name="participant"),
    path("case/<int:pk>/profile/", views.profile_edit, name="profile"),
    path("case/<int:pk>/propose/", views.propose, name="propose"),
    path("case/<int:pk>/placement/<int:placement_pk>/<slug:step>/", views.step, name="step"),
]
