from introsak.audits.models.audit import Audit, AuditCriterion
from introsak.audits.models.control import ControlForm, ControlFormEntry
from introsak.audits.models.sample import AuditSample, FrameCase

__all__ = [
    "Audit",
    "AuditCriterion",
    "AuditSample",
    "ControlForm",
    "ControlFormEntry",
    "FrameCase",
]
