"""The recording steps: for each, its form, its domain operation and its words.

The view for every step is the same (``views.record``); what differs is listed here. Adding
a step means: an operation in ``cases/domain/operations.py``, a form in
``interfaces/forms.py``, a ``Step`` value in ``cases/enums.py`` and an entry below.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from introsak.access.domain.gateway import has_permission
from introsak.access.enums import Permission
from introsak.accounts.models import User
from introsak.casefacts.enums import ResidenceBasis
from introsak.cases.domain import operations as ops
from introsak.cases.domain import training as training_ops
from introsak.cases.enums import Step
from introsak.cases.models import ProgrammeCase
from introsak.workspace.interfaces import forms


@dataclass(frozen=True)
class StepSpec:
    step: Step
    form: type[forms.StepForm]
    operation: Callable[..., Any]
    title: StrOrPromise  # the page heading and the action's label
    intro: StrOrPromise  # one or two sentences under the heading
    saved: StrOrPromise  # the message after a successful save
    anchor: str  # the case-page section to return to
    permission: Permission = Permission.CASE_WRITE


STEPS: dict[str, StepSpec] = {
    s.step.value: s
    for s in (
        StepSpec(
            Step.MAPPING,
            forms.MappingForm,
            ops.mapping_record,
            _("Record competence mapping"),
            _(
                "The mapping of language skills, education and work experience (IL § 10) "
                "shall be done before the programme decision."
            ),
            _("The competence mapping is recorded."),
            "timeline",
        ),
        StepSpec(
            Step.GUIDANCE,
            forms.GuidanceForm,
            ops.guidance_record,
            _("Record career guidance"),
            _(
                "Career guidance (IL § 11) should come before the programme decision and end "
                "with a recommendation for work or education."
            ),
            _("The career guidance is recorded."),
            "timeline",
        ),
        StepSpec(
            Step.DECISION,
            forms.DecisionForm,
            ops.programme_decide,
            _("Record programme decision and plan"),
            _(
                "The programme decision and the first integration plan are one individual "
                "decision (IL §§ 12 and 15). The programme shall start at the latest 3 months "
                "after settlement."
            ),
            _("The programme decision and the plan are recorded."),
            "plans",
        ),
        StepSpec(
            Step.PLAN,
            forms.PlanForm,
            ops.plan_revise,
            _("Revise the integration plan"),
            _(
                "A changed plan is a new decision. The earlier versions are kept in the plan "
                "history."
            ),
            _("The revised plan is recorded."),
            "plans",
        ),
        StepSpec(
            Step.CONTRACT,
            forms.ContractForm,
            ops.contract_sign,
            _("Record integration contract"),
            _(
                "Participants who do not have collective protection sign an integration "
                "contract together with the plan (IL § 16)."
            ),
            _("The integration contract is recorded."),
            "timeline",
        ),
        StepSpec(
            Step.START,
            forms.StartForm,
            ops.programme_start,
            _("Record programme start"),
            _(
                "The day the programme starts. The deadline is 3 months after settlement (or "
                "after the claim)."
            ),
            _("The programme start is recorded."),
            "timeline",
        ),
        StepSpec(
            Step.MEETING,
            forms.MeetingForm,
            ops.meeting_record,
            _("Record meeting"),
            _(
                "Three-party meetings (participant, adviser and teacher) are held about 1 or "
                "3 months after the start and then at least every 6 months. Write the minutes "
                "under the template's headings."
            ),
            _("The meeting is recorded."),
            "meetings",
        ),
        StepSpec(
            Step.ACTIVITY,
            forms.ActivityForm,
            ops.activity_record,
            _("Record activity or practice placement"),
            _(
                "Courses, language and work practice, work and labour-market measures. "
                "Work-oriented content counts towards the 15 hours a week from month 4."
            ),
            _("The activity is recorded."),
            "activities",
        ),
        StepSpec(
            Step.LEAVE,
            forms.LeaveForm,
            ops.leave_record,
            _("Record leave"),
            _("Approved leave extends the programme by the days of leave."),
            _("The leave is recorded."),
            "activities",
        ),
        StepSpec(
            Step.EXTENSION,
            forms.ExtensionForm,
            ops.extension_decide,
            _("Record extension"),
            _(
                "An extension is decided on the basis of the three-party meeting and the "
                "participant's progress."
            ),
            _("The extension is recorded."),
            "activities",
        ),
        StepSpec(
            Step.RECOGNITION,
            forms.RecognitionForm,
            ops.recognition_record,
            _("Record recognition of education"),
            _(
                "Recognition of foreign education by HK-dir should be applied for as soon as "
                "possible; Oslostandarden says NAV sends the application."
            ),
            _("The recognition of education is recorded."),
            "timeline",
        ),
        StepSpec(
            Step.JOBSEEKER,
            forms.JobseekerForm,
            ops.jobseeker_register,
            _("Record job-seeker registration"),
            _(
                "Participants with collective protection and work as their end goal shall be "
                "registered as job seekers on nav.no within 8 weeks of the start."
            ),
            _("The job-seeker registration is recorded."),
            "timeline",
        ),
        StepSpec(
            Step.END,
            forms.EndForm,
            ops.case_end,
            _("Record programme end"),
            _("The end reason is what the city's statistics on work and education are built from."),
            _("The programme end is recorded."),
            "timeline",
        ),
        StepSpec(
            Step.CERTIFICATE,
            forms.CertificateForm,
            ops.certificate_issue,
            _("Record participant certificate"),
            _(
                "The participant certificate is issued when the programme is completed or "
                "interrupted (IL § 18 a)."
            ),
            _("The participant certificate is recorded."),
            "timeline",
        ),
        StepSpec(
            Step.JOURNAL,
            forms.JournalForm,
            ops.journal_note_add,
            _("Write journal note"),
            _("A dated note in the case journal."),
            _("The journal note is saved."),
            "journal",
        ),
        StepSpec(
            Step.REASSIGN,
            forms.ReassignForm,
            ops.case_reassign,
            _("Change programme adviser"),
            _("The programme adviser is the participant's single main contact."),
            _("The programme adviser is changed."),
            "summary",
            Permission.CASE_REASSIGN,
        ),
        # Issue 16: the way into Norwegian training (also sent by the schools' systems).
        StepSpec(
            Step.TRAINING,
            forms.TrainingForm,
            training_ops.training_record,
            _("Record the way into Norwegian training"),
            _(
                "Registered address, the mapping appointment at the service centre, the "
                "placement test, the school's offer and the answer, the start, attendance and "
                "tests. The waiting time for a school place runs from the mapping appointment "
                "to the start."
            ),
            _("The way into Norwegian training is recorded."),
            "training",
        ),
    )
}


def available_steps(case: ProgrammeCase, user: User) -> list[StepSpec]:
    """The steps the user may record on the case now, in the path's order (the journal is
    written on the case page itself). Steps that cannot apply yet are left out; the
    operations refuse them anyway."""
    decided = case.decision_date is not None
    started = case.start_date is not None
    hidden = {
        Step.DECISION: decided,
        Step.PLAN: not decided,
        Step.CONTRACT: not decided
        or case.person.residence_basis == ResidenceBasis.COLLECTIVE_PROTECTION,
        Step.START: not decided,
        Step.LEAVE: not started,
        Step.EXTENSION: not decided,
        Step.END: not started,
        Step.CERTIFICATE: case.end_date is None,
        Step.JOURNAL: True,
    }
    return [
        spec
        for spec in STEPS.values()
        if not hidden.get(spec.step, False) and has_permission(user, spec.permission)
    ]
