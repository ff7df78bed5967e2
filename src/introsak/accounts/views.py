"""Two-factor enrolment and verification, password change (HTTP only)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from introsak.accounts.domain.two_factor import (
    device_confirm,
    has_confirmed_device,
    is_two_factor_satisfied,
    pending_device,
    qr_svg,
    secret_text,
    token_verify,
)
from introsak.accounts.forms import TokenForm
from introsak.accounts.requests import staff_user


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("home")


def _with_next(url_name: str, request: HttpRequest) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': _next_url(request)})}"


@login_required
@require_http_methods(["GET", "POST"])
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: scan the QR code (or type the secret), give a code."""
    if has_confirmed_device(request.user):
        if is_two_factor_satisfied(request):
            return redirect(_next_url(request))
        return redirect(_with_next("accounts:otp_verify", request))
    device = pending_device(staff_user(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device_confirm(request=request, device=device, token=form.cleaned_data["token"]):
            messages.success(request, _("Two-factor authentication is set up."))
            return redirect(_next_url(request))
        form.add_error(
            "token",
            _("The code does not match. Check the clock on your phone and try the next code."),
        )
    return render(
        request,
        "accounts/otp_setup.html",
        {
            "form": form,
            "next": _next_url(request),
            # Built by qrcode from our own data: paths only, no script or style.
            "qr_svg": mark_safe(qr_svg(device)),
            "secret": secret_text(device),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def otp_verify(request: HttpRequest) -> HttpResponse:
    """Give the code from the enrolled authenticator app."""
    if not has_confirmed_device(request.user):
        return redirect(_with_next("accounts:otp_setup", request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if token_verify(request=request, token=form.cleaned_data["token"]):
            return redirect(_next_url(request))
        form.add_error(
            "token",
            _(
                "The code is wrong or has expired. After several wrong codes "
                "you must wait a little before trying again."
            ),
        )
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _next_url(request)})


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


def locked_out(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    """Shown instead of the log-in page after too many failed attempts (django-axes calls it
    with the original response and the credentials, which are not used)."""
    minutes = int(float(settings.AXES_COOLOFF_TIME) * 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)
