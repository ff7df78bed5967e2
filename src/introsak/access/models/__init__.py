from introsak.access.models.grants import AuditGrant, ProtectedPersonClearance
from introsak.access.models.log import AccessLogEntry, AppendOnlyError, SecurityEvent
from introsak.access.models.retention import Anonymisation

__all__ = [
    "AccessLogEntry",
    "Anonymisation",
    "AppendOnlyError",
    "AuditGrant",
    "ProtectedPersonClearance",
    "SecurityEvent",
]
