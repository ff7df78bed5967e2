"""Two-factor authentication with TOTP (django-otp).

When ``INTROSAK_REQUIRE_2FA`` is on, a user who has logged in with a password is a half-logged
in user until they give a code: ``RequireTwoFactorMiddleware`` sends them to enrolment (no
confirmed device yet) or verification. Enrolment shows the secret as a QR code rendered on the
server as SVG (no script, no image request). A user who already has a confirmed device cannot
enrol another one without first verifying with it; a lost device is removed by an
administrator (Administration → TOTP devices). Wrong codes are throttled by django-otp
(growing delays) and written to the security log.
"""

from __future__ import annotations

from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from introsak.accounts.models import User, Visitor
from introsak.core.security import SecurityEventKind, security_event

DEVICE_NAME = "authenticator"
MFA_BY_IDP_SESSION_KEY = "introsak_mfa_by_idp"


def two_factor_required() -> bool:
    return bool(settings.INTROSAK_REQUIRE_2FA)


def has_confirmed_device(user: Visitor) -> bool:
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def is_two_factor_satisfied(request: HttpRequest) -> bool:
    """Verified with a TOTP code in this session, or by the identity provider's MFA."""
    is_verified = getattr(request.user, "is_verified", None)  # set by OTPMiddleware
    if is_verified is not None and is_verified():
        return True
    return bool(request.session.get(MFA_BY_IDP_SESSION_KEY))


def pending_device(user: User) -> TOTPDevice:
    """The user's unconfirmed device for enrolment (created on first use)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The base32 secret in groups of four, for typing into an authenticator app."""
    raw = b32encode(device.bin_key).decode()
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The enrolment QR code as inline SVG markup (paths only; no style, no script)."""
    image = qrcode.make(
        device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2
    )
    svg: str = image.to_string(encoding="unicode")
    return svg.replace("<svg ", '<svg role="img" aria-labelledby="otp-qr-title" ', 1).replace(
        ">", '><title id="otp-qr-title">QR code</title>', 1
    )


@transaction.atomic
def device_confirm(*, request: HttpRequest, device: TOTPDevice, token: str) -> bool:
    """Finish enrolment with a first code from the new device.

    Side effects: on success confirms the device, marks the session verified and writes the
    security log; on failure writes the security log.
    """
    if not device.verify_token(token.strip()):
        security_event(
            event=SecurityEventKind.OTP_FAILED,
            user=request.user,
            path=request.path,
            detail="enrolment",
        )
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    security_event(
        event=SecurityEventKind.OTP_ENROLLED,
        user=request.user,
        path=request.path,
        detail=f"device {device.pk}",
    )
    return True


def token_verify(*, request: HttpRequest, token: str) -> bool:
    """Check a code against the user's confirmed devices (throttled by django-otp).

    Side effects: on success marks the session verified; on failure writes the security log.
    """
    for device in TOTPDevice.objects.filter(user=request.user, confirmed=True):
        with transaction.atomic():
            locked = TOTPDevice.objects.select_for_update().get(pk=device.pk)
            if locked.verify_token(token.strip()):
                otp_login(request, locked)
                return True
    security_event(event=SecurityEventKind.OTP_FAILED, user=request.user, path=request.path)
    return False
