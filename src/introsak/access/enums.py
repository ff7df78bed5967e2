from django.db import models
from django.utils.translation import gettext_lazy as _


class Permission(models.TextChoices):
    """What a user may do. Read, write and export of case data are separate permissions."""

    CASE_READ = "case_read", _("Read cases")
    CASE_WRITE = "case_write", _("Record and change cases")
    CASE_EXPORT = "case_export", _("Export case data")
    CASE_REASSIGN = "case_reassign", _("Reassign cases to advisers")
    STATS_VIEW = "stats_view", _("View statistics")
    STATS_UNSUPPRESSED = "stats_unsuppressed", _("View statistics without small-cell suppression")
    AUDIT_RUN = "audit_run", _("Run audits")
    USERS_ADMIN = "users_admin", _("Administer users and settings")
    ACCESS_LOG_VIEW = "access_log_view", _("Read the access and security logs")


class AccessAction(models.TextChoices):
    """What was done when a person's case was opened (one access-log row each)."""

    VIEW = "view", _("Opened the case")
    EXPORT = "export", _("Exported the case")
    API = "api", _("Read through the API")
    AUDIT = "audit", _("Opened in an audit")
    SUBJECT_EXPORT = "subject_export", _("Data-subject export")
    LOG_REPORT = "log_report", _("Looked up who opened the case")


# Actions that take data out of the system need the export permission, not only read.
EXPORT_ACTIONS = frozenset({AccessAction.EXPORT, AccessAction.SUBJECT_EXPORT})


class SecurityEventKind(models.TextChoices):
    """Security-log event names. Denials are ``denied_<permission>``."""

    LOGIN_FAILED = "login_failed", _("Failed log-in")
    LOCKED_OUT = "locked_out", _("Locked out after repeated failed log-ins")
    OTP_FAILED = "otp_failed", _("Wrong two-factor code")
    OTP_ENROLLED = "otp_enrolled", _("Two-factor device enrolled")
    SESSION_EXPIRED = "session_expired", _("Session ended by the idle or absolute limit")
    IDENTITY_IN_URL = "identity_in_url", _("Identity number in an address refused")
    CSRF_FAILURE = "csrf_failure", _("Request without a valid CSRF token")
    GRANT_SAVED = "grant_saved", _("Audit grant created or changed")
    CLEARANCE_GRANTED = "clearance_granted", _("Clearance for a protected person granted")
    CLEARANCE_REVOKED = "clearance_revoked", _("Clearance for a protected person revoked")
    GRADING_CHANGED = "grading_changed", _("Protected-address grading changed")
    ROLE_CHANGED = "role_changed", _("A user's role, district or active flag changed")
    PASSWORD_SET = "password_set", _("An administrator set a user's password")
    OTP_DEVICE_ADDED = "otp_device_added", _("An administrator added a two-factor device")
    OTP_DEVICE_CHANGED = "otp_device_changed", _("An administrator changed a two-factor device")
    OTP_DEVICE_REMOVED = "otp_device_removed", _("An administrator removed a two-factor device")
    RETENTION_RUN = "retention_run", _("Retention job anonymised cases")
