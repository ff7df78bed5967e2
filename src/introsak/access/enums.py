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
    FORECAST_VIEW = "forecast_view", _("Plan Norwegian-training capacity")


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
