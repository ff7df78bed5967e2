from introsak.access.models.grants import AuditGrant, ProtectedPersonClearance
from introsak.access.models.log import AccessLogEntry, SecurityEvent

__all__ = ["AccessLogEntry", "AuditGrant", "ProtectedPersonClearance", "SecurityEvent"]
