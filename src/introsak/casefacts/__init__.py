"""The case-facts interchange format (JSON Lines), as plain Python.

Pure Python: no Django import. The rules engine, the ``introsak check`` command, the
application's import and export, the demo-data generator and the tests all speak this format.
See ``docs/case-facts.md`` for the field list, including Introsak's optional extension fields.
"""

from introsak.casefacts.model import (
    Activity,
    CaseFacts,
    EducationRecognition,
    EmployerRecord,
    Extension,
    JournalNote,
    Leave,
    Meeting,
    MeetingMinutes,
    OfferRecord,
    Person,
    PlacementRecord,
    Plan,
)

__all__ = [
    "Activity",
    "CaseFacts",
    "EducationRecognition",
    "EmployerRecord",
    "Extension",
    "JournalNote",
    "Leave",
    "Meeting",
    "MeetingMinutes",
    "OfferRecord",
    "Person",
    "PlacementRecord",
    "Plan",
]
