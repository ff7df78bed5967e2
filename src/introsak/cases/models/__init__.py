from introsak.cases.models.case import ProgrammeCase
from introsak.cases.models.change import CaseChange
from introsak.cases.models.correction import EventCorrection
from introsak.cases.models.events import Activity, Extension, Leave, Meeting
from introsak.cases.models.finding import CaseFinding
from introsak.cases.models.journal import JournalNote
from introsak.cases.models.person import Person
from introsak.cases.models.plan import IntegrationPlan, PlanItem
from introsak.cases.models.profile import WorkProfile
from introsak.cases.models.recognition import EducationRecognition
from introsak.cases.models.training import TrainingPath

__all__ = [
    "Activity",
    "CaseChange",
    "CaseFinding",
    "EducationRecognition",
    "EventCorrection",
    "Extension",
    "IntegrationPlan",
    "JournalNote",
    "Leave",
    "Meeting",
    "Person",
    "PlanItem",
    "ProgrammeCase",
    "TrainingPath",
    "WorkProfile",
]
