from django.urls import path

from introsak.accounts import views

app_name = "accounts"
urlpatterns = [
    path("two-factor/setup/", views.otp_setup, name="otp_setup"),
    path("two-factor/verify/", views.otp_verify, name="otp_verify"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", views.PasswordChangeDoneView.as_view(), name="password_change_done"),
]
