from introsak.intake.models.calendar import Intake, IntakeClass, School

__all__ = ["Intake", "IntakeClass", "School"]
