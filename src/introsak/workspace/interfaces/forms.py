"""The recording forms, one per step of the path.

Each form's field names are the keyword names of its operation in
``introsak.cases.domain.operations`` (so the operation's ``StepRejected`` errors land on the
right field), ``version`` carries the case version the form was made from, and
``operation_kwargs()`` turns the cleaned data into the operation's arguments (case-facts
records where the operation takes one). Forms check what a single form can know (required
fields, ranges, an end after its start); the order of events against the rest of the case
is checked by the operation.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from introsak.accounts.enums import Role
from introsak.accounts.models import User
from introsak.casefacts import model as facts
from introsak.casefacts.enums import (
    ActivityKind,
    CefrLevel,
    EndGoal,
    LanguageSkill,
    MeetingKind,
    OfferResponse,
    RecognitionOutcome,
    ResidenceBasis,
    SentBy,
    TrainingTrack,
)
from introsak.casefacts.parse import MAX_TEXT_CHARS
from introsak.cases import enums as case_choices
from introsak.cases.models import Meeting, PlanItem, ProgrammeCase
from introsak.core import clock

Fieldsets = list[tuple[StrOrPromise | None, list[str]]]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def date_field(
    label: StrOrPromise, *, required: bool = True, help_text: StrOrPromise = ""
) -> forms.DateField:
    return forms.DateField(label=label, required=required, help_text=help_text, widget=DateInput())


def text_field(
    label: StrOrPromise, *, required: bool = False, rows: int = 3, help_text: StrOrPromise = ""
) -> forms.CharField:
    """A free text, at most ``MAX_TEXT_CHARS`` characters (as in an imported file)."""
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        max_length=MAX_TEXT_CHARS,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _lines(value: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in value.splitlines() if line.strip())


class StepForm(forms.Form):
    """What every recording form has: the case version and a layout in fieldsets."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    fieldsets: ClassVar[Fieldsets] = []
    # Date fields defaulting to today when the form is first shown.
    today_fields: ClassVar[tuple[str, ...]] = ()

    def __init__(self, *args: Any, case: ProgrammeCase, **kwargs: Any) -> None:
        self.case = case
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("version", case.version)
        for name in self.today_fields:
            kwargs["initial"].setdefault(name, clock.today())
        super().__init__(*args, **kwargs)

    def layout(self) -> list[tuple[StrOrPromise | None, list[forms.BoundField]]]:
        sets = self.fieldsets or [(None, [n for n in self.fields if n != "version"])]
        return [(legend, [self[name] for name in names]) for legend, names in sets]

    def operation_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version")
        return data

    def _end_not_before_start(self, start: str, end: str) -> None:
        first, last = self.cleaned_data.get(start), self.cleaned_data.get(end)
        if first is not None and last is not None and last < first:
            self.add_error(end, _("The end cannot be before the start."))


class MappingForm(StepForm):
    mapping_date = date_field(
        _("Mapping completed on"),
        help_text=_(
            "The date the competence mapping (language, education, work experience) was done."
        ),
    )
    today_fields = ("mapping_date",)


class GuidanceForm(StepForm):
    career_guidance_date = date_field(
        _("Career guidance completed on"),
        help_text=_("The date the guidance ended with a recommendation for work or education."),
    )
    today_fields = ("career_guidance_date",)


GOAL_FIELDS = ("goal_oral", "goal_reading", "goal_listening", "goal_writing")
_SKILL_OF = {
    "goal_oral": LanguageSkill.ORAL,
    "goal_reading": LanguageSkill.READING,
    "goal_listening": LanguageSkill.LISTENING,
    "goal_writing": LanguageSkill.WRITING,
}
_CEFR_CHOICES = [("", _("Not set")), *((level.value, level.value) for level in CefrLevel)]


def _goal_field(label: StrOrPromise) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=_CEFR_CHOICES, required=False)


class PlanFields(StepForm):
    """The contents of an integration plan (IL § 15), shared by the decision and the
    revision."""

    end_goal = forms.ChoiceField(
        label=_("End goal"),
        required=False,
        choices=[("", _("Not set yet")), *case_choices.EndGoal.choices],
        help_text=_(
            "Required in the first plan, except for collective protection (set "
            "within 6 months of the start)."
        ),
    )
    goal_oral = _goal_field(_("Norwegian goal, oral"))
    goal_reading = _goal_field(_("Norwegian goal, reading"))
    goal_listening = _goal_field(_("Norwegian goal, listening"))
    goal_writing = _goal_field(_("Norwegian goal, writing"))
    duration_months = forms.IntegerField(
        label=_("Base duration (months)"), min_value=1, max_value=60
    )
    elements = text_field(
        _("Elements of the programme"),
        rows=4,
        help_text=_("One per line, e.g. Norwegian training, language practice."),
    )
    sub_goals = text_field(_("Sub-goals"), rows=3, help_text=_("One per line."))
    justification = text_field(_("Justification"), rows=4)

    plan_fieldsets: ClassVar[Fieldsets] = [
        (_("Goals"), ["end_goal", *GOAL_FIELDS]),
        (_("Content and duration"), ["duration_months", "elements", "sub_goals"]),
    ]

    @property
    def collective_protection(self) -> bool:
        return bool(self.case.person.residence_basis == ResidenceBasis.COLLECTIVE_PROTECTION)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.requires_goals() and not self.collective_protection:
            if not data.get("end_goal"):
                self.add_error("end_goal", _("The first plan must state the end goal."))
            if not any(data.get(name) for name in GOAL_FIELDS):
                self.add_error("goal_oral", _("The first plan must state the Norwegian goal."))
        return data

    def requires_goals(self) -> bool:
        return True

    def clean_elements(self) -> str:
        return self._short_lines("elements")

    def clean_sub_goals(self) -> str:
        return self._short_lines("sub_goals")

    def _short_lines(self, name: str) -> str:
        """Each line is one plan item, stored with at most ``PlanItem.text``'s length."""
        value: str = self.cleaned_data.get(name) or ""
        limit = PlanItem._meta.get_field("text").max_length or 0
        if any(len(line) > limit for line in _lines(value)):
            raise forms.ValidationError(
                _("Each line can have at most %(n)d characters.") % {"n": limit}
            )
        return value

    def plan(self, decided_on: date) -> facts.Plan:
        data = self.cleaned_data
        goal = tuple(
            sorted(
                (_SKILL_OF[name], CefrLevel(data[name])) for name in GOAL_FIELDS if data.get(name)
            )
        )
        return facts.Plan(
            decided_on=decided_on,
            duration_months=data["duration_months"],
            end_goal=EndGoal(data["end_goal"]) if data.get("end_goal") else None,
            norwegian_goal=goal or None,
            elements=_lines(data.get("elements", "")),
            sub_goals=_lines(data.get("sub_goals", "")),
            justification=data.get("justification") or None,
        )


class DecisionForm(PlanFields):
    decision_date = date_field(
        _("Decided on"),
        help_text=_("The programme decision and the first integration plan are one decision."),
    )
    start_date = date_field(
        _("Programme start"),
        required=False,
        help_text=_(
            "If known: the day the programme starts (at the latest 3 months after settlement)."
        ),
    )
    part_time_percent = forms.IntegerField(
        label=_("Programme share (%)"), min_value=1, max_value=100, initial=100
    )
    today_fields = ("decision_date",)

    fieldsets: ClassVar[Fieldsets] = [
        (_("Decision"), ["decision_date", "start_date", "part_time_percent"]),
        *PlanFields.plan_fieldsets,
        (None, ["justification"]),
    ]

    def operation_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "decision_date": data["decision_date"],
            "start_date": data.get("start_date"),
            "part_time_percent": data["part_time_percent"],
            "plan": self.plan(data["decision_date"]),
        }


class PlanForm(PlanFields):
    decided_on = date_field(
        _("Decided on"), help_text=_("A changed plan is a new individual decision.")
    )
    today_fields = ("decided_on",)
    fieldsets: ClassVar[Fieldsets] = [
        (_("Decision"), ["decided_on", "justification"]),
        *PlanFields.plan_fieldsets,
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["justification"].required = True
        self.fields["justification"].help_text = _("Why the plan changes.")
        self.fields["end_goal"].help_text = ""
        latest = self.case.plans.order_by("-decided_on", "-id").first()
        if latest is not None and not self.is_bound:
            self.initial.setdefault("end_goal", latest.end_goal)
            self.initial.setdefault("duration_months", latest.duration_months)
            for name in GOAL_FIELDS:
                self.initial.setdefault(name, getattr(latest, name))
            items = list(latest.items.all())
            self.initial.setdefault(
                "elements", "\n".join(i.text for i in items if i.kind == "element")
            )
            self.initial.setdefault(
                "sub_goals", "\n".join(i.text for i in items if i.kind == "sub_goal")
            )

    def requires_goals(self) -> bool:
        return False

    def operation_kwargs(self) -> dict[str, Any]:
        return {"plan": self.plan(self.cleaned_data["decided_on"])}


class ContractForm(StepForm):
    contract_date = date_field(
        _("Signed on"), help_text=_("The integration contract is signed together with the plan.")
    )
    today_fields = ("contract_date",)


class StartForm(StepForm):
    start_date = date_field(
        _("Programme start"),
        help_text=_("The first day of the programme; it may be a planned date."),
    )
    today_fields = ("start_date",)


class MeetingForm(StepForm):
    kind = forms.ChoiceField(
        label=_("Kind of meeting"),
        choices=case_choices.MeetingKind.choices,
        initial=MeetingKind.THREE_PARTY,
    )
    date = date_field(_("Held on"))
    documented = forms.BooleanField(
        label=_("The minutes are written"),
        required=False,
        help_text=_(
            "Ticked as you write minutes below: a meeting with minutes is saved as "
            "documented. Only documented three-party meetings count."
        ),
    )
    attendance = text_field(
        _("Attendance"), rows=2, help_text=_("Who took part, and the participant's attendance.")
    )
    norwegian_progress = text_field(_("Progress in Norwegian"))
    wellbeing_and_effort = text_field(_("Well-being and effort"))
    language_practice = text_field(
        _("Language practice"), help_text=_("Options for language practice.")
    )
    other_measures = text_field(_("Other measures"))
    further_plan = text_field(_("Further plan"))
    notes = text_field(_("Other notes"))
    today_fields = ("date",)
    fieldsets: ClassVar[Fieldsets] = [
        (_("Meeting"), ["kind", "date"]),
        (_("Minutes"), [*Meeting.MINUTES_FIELDS, "documented"]),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Behaviour for workspace/minutes.js: writing minutes ticks the box.
        self.fields["documented"].widget.attrs["data-minutes-written"] = ""
        for name in Meeting.MINUTES_FIELDS:
            self.fields[name].widget.attrs["data-minutes"] = ""

    def operation_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        texts = {name: data.get(name) or None for name in Meeting.MINUTES_FIELDS}
        has_minutes = any(texts.values())
        return {
            "meeting": facts.Meeting(
                kind=MeetingKind(data["kind"]),
                date=data["date"],
                documented=bool(data.get("documented")) or has_minutes,
                minutes=facts.MeetingMinutes(**texts) if has_minutes else None,
            )
        }


class ActivityForm(StepForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=case_choices.ActivityKind.choices)
    provider = forms.CharField(
        label=_("Provider or workplace"),
        required=False,
        max_length=200,
        help_text=_("Required for language and work practice: the practice placement."),
    )
    start = date_field(_("Start"))
    end = date_field(_("End"), required=False, help_text=_("Leave empty while it runs."))
    hours_per_week = forms.FloatField(label=_("Hours per week"), min_value=0, max_value=168)
    today_fields = ("start",)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self._end_not_before_start("start", "end")
        return data

    def operation_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "activity": facts.Activity(
                kind=ActivityKind(data["kind"]),
                start=data["start"],
                end=data.get("end"),
                hours_per_week=data["hours_per_week"],
                provider=data.get("provider") or None,
            )
        }


class LeaveForm(StepForm):
    start = date_field(_("From"))
    end = date_field(_("To"))
    approved = forms.BooleanField(
        label=_("Approved leave"),
        required=False,
        initial=True,
        help_text=_("Approved leave adds to the programme's duration."),
    )
    reason = text_field(_("Reason"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self._end_not_before_start("start", "end")
        return data

    def operation_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "leave": facts.Leave(
                start=data["start"],
                end=data["end"],
                approved=bool(data.get("approved")),
                reason=data.get("reason") or None,
            )
        }


class ExtensionForm(StepForm):
    decided_on = date_field(_("Decided on"))
    months = forms.IntegerField(label=_("Extended by (months)"), min_value=1, max_value=12)
    justification = text_field(
        _("Justification"),
        required=True,
        help_text=_("An extension requires that the end goal is expected to be reached."),
    )
    today_fields = ("decided_on",)

    def operation_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "extension": facts.Extension(
                decided_on=data["decided_on"],
                months=data["months"],
                justification=data["justification"],
            )
        }


YES_NO = [("yes", _("Yes")), ("no", _("No"))]
# The model's "Pending" label is shared with a finding's status; say what it means here.
OUTCOME_CHOICES = [
    (value, _("Being processed by HK-dir") if value == RecognitionOutcome.PENDING else label)
    for value, label in case_choices.RecognitionOutcome.choices
]
OUTCOME_LABELS = dict(OUTCOME_CHOICES)
YES_NO_UNKNOWN = [("", _("Not known")), ("yes", _("Yes")), ("no", _("No"))]


class RecognitionForm(StepForm):
    relevant = forms.ChoiceField(
        label=_("Is recognition of education relevant?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        help_text=_(
            "The participant has foreign higher or vocational education that HK-dir can assess."
        ),
    )
    documents_available = forms.ChoiceField(
        label=_("Documents available"), choices=YES_NO_UNKNOWN, required=False
    )
    sent_date = date_field(_("Application sent on"), required=False)
    sent_by = forms.ChoiceField(
        label=_("Sent by"),
        required=False,
        widget=forms.RadioSelect,
        choices=case_choices.SentBy.choices,
        help_text=_("Oslostandarden says NAV sends the application."),
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), required=False, choices=[("", _("No answer yet")), *OUTCOME_CHOICES]
    )
    outcome_date = date_field(_("Outcome received on"), required=False)
    fieldsets: ClassVar[Fieldsets] = [
        (None, ["relevant", "documents_available"]),
        (_("Application to HK-dir"), ["sent_date", "sent_by"]),
        (_("Outcome"), ["outcome", "outcome_date"]),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = getattr(self.case, "education_recognition", None) if not self.is_bound else None
        if current is not None:
            self.initial.update(
                {
                    "relevant": "yes" if current.relevant else "no",
                    "documents_available": {True: "yes", False: "no"}.get(
                        current.documents_available, ""
                    ),
                    "sent_date": current.sent_date,
                    "sent_by": current.sent_by,
                    "outcome": current.outcome,
                    "outcome_date": current.outcome_date,
                }
            )

    def operation_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        documents = data.get("documents_available")
        return {
            "recognition": facts.EducationRecognition(
                relevant=data["relevant"] == "yes",
                documents_available={"yes": True, "no": False}.get(documents or ""),
                sent_date=data.get("sent_date"),
                sent_by=SentBy(data["sent_by"]) if data.get("sent_by") else None,
                outcome=RecognitionOutcome(data["outcome"]) if data.get("outcome") else None,
                outcome_date=data.get("outcome_date"),
            )
        }


class JobseekerForm(StepForm):
    registered_on = date_field(
        _("Registered on"),
        help_text=_("The date the participant was registered as a job seeker on nav.no."),
    )
    today_fields = ("registered_on",)


class EndForm(StepForm):
    end_date = date_field(_("Programme ended on"))
    end_reason = forms.ChoiceField(
        label=_("End reason"), choices=[("", _("Choose…")), *case_choices.EndReason.choices]
    )
    today_fields = ("end_date",)


class CertificateForm(StepForm):
    issued_on = date_field(
        _("Issued on"),
        help_text=_(
            "The participant certificate is issued when the programme is completed or interrupted."
        ),
    )
    today_fields = ("issued_on",)


class JournalForm(StepForm):
    written_on = date_field(_("Date"))
    text = text_field(_("Note"), required=True, rows=5)
    today_fields = ("written_on",)


class ReassignForm(StepForm):
    adviser = forms.ModelChoiceField(
        label=_("Programme adviser"), queryset=User.objects.none(), empty_label=_("Choose…")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["adviser"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = User.objects.filter(
            district_id=self.case.district_id, role=Role.PROGRAMME_ADVISER, is_active=True
        ).order_by("first_name", "last_name", "username")
        field.label_from_instance = User.identified_name  # type: ignore[method-assign,assignment]
        if not self.is_bound and self.case.adviser_id:
            self.initial.setdefault("adviser", self.case.adviser_id)


# --- issue 16: the way into Norwegian training ---------------------------------------------

LEVEL_CHOICES = [("", _("Not tested")), *case_choices.CefrLevel.choices]
SKILLS = ("oral", "reading", "listening", "writing")
SKILL_LABELS: dict[str, StrOrPromise] = {
    "oral": _("Oral"),
    "reading": _("Reading"),
    "listening": _("Listening"),
    "writing": _("Writing"),
}
SCHOOL_CODE_HELP = _("The school's code, e.g. helsfyr, skullerud or rosenhoff.")


def _level_field(kind: StrOrPromise, skill: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("%(kind)s: %(skill)s") % {"kind": kind, "skill": SKILL_LABELS[skill]},
        choices=LEVEL_CHOICES,
        required=False,
    )


def _school_field(label: StrOrPromise) -> forms.SlugField:
    return forms.SlugField(label=label, required=False, max_length=40, help_text=SCHOOL_CODE_HELP)


class TrainingForm(StepForm):
    """The way into Norwegian training: every field optional; what is recorded replaces what
    was (the same record the schools' systems send, docs/intake.md)."""

    address_registered_on = date_field(_("Registered address from"), required=False)
    mapping_appointment_on = date_field(
        _("Mapping appointment at the service centre"),
        required=False,
        help_text=_("The waiting time for a school place is counted from this day."),
    )
    placement_tested_on = date_field(_("Placement test on"), required=False)
    track = forms.ChoiceField(
        label=_("Progression track"),
        required=False,
        choices=[("", _("Not placed yet")), *case_choices.TrainingTrack.choices],
    )
    offered_on = date_field(_("School place offered on"), required=False)
    offered_school = _school_field(_("School offered"))
    offered_start_on = date_field(_("Offered start"), required=False)
    offer_response = forms.ChoiceField(
        label=_("Answer to the offer"),
        required=False,
        choices=[("", _("No answer yet")), *case_choices.OfferResponse.choices],
    )
    preferred_school = _school_field(_("Preferred school (when the offer is declined)"))
    started_on = date_field(_("Training started on"), required=False)
    school = _school_field(_("School"))
    attendance_percent = forms.IntegerField(
        label=_("Attendance (%)"), required=False, min_value=0, max_value=100
    )
    attendance_as_of = date_field(_("Attendance as of"), required=False)
    test_taken_on = date_field(_("Norwegian test taken on"), required=False)
    social_studies_test_on = date_field(_("Social-studies test taken on"), required=False)
    social_studies_passed = forms.ChoiceField(
        label=_("Social-studies test passed"), choices=YES_NO_UNKNOWN, required=False
    )
    fieldsets: ClassVar[Fieldsets] = [
        (_("Service centre"), ["address_registered_on", "mapping_appointment_on"]),
        (
            _("Placement test"),
            ["placement_tested_on", *(f"placement_{s}" for s in SKILLS), "track"],
        ),
        (
            _("Offer of a school place"),
            [
                "offered_on",
                "offered_school",
                "offered_start_on",
                "offer_response",
                "preferred_school",
            ],
        ),
        (
            _("Start and attendance"),
            ["started_on", "school", "attendance_percent", "attendance_as_of"],
        ),
        (
            _("Tests taken"),
            [
                "test_taken_on",
                *(f"test_{s}" for s in SKILLS),
                "social_studies_test_on",
                "social_studies_passed",
            ],
        ),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for skill in SKILLS:
            self.fields[f"placement_{skill}"] = _level_field(_("Placement level"), skill)
            self.fields[f"test_{skill}"] = _level_field(_("Test result"), skill)
        current = getattr(self.case, "training", None) if not self.is_bound else None
        if current is not None:
            self.initial.update({name: getattr(current, name) for name in TRAINING_FORM_FIELDS})
            passed = current.social_studies_passed
            self.initial["social_studies_passed"] = {True: "yes", False: "no"}.get(passed, "")

    def operation_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        values: dict[str, Any] = {
            name: data.get(name) or None
            for name in TRAINING_FORM_FIELDS
            if name not in ("attendance_percent", "track", "offer_response")
            and not name.startswith(("placement_", "test_"))
        }
        values["placement_tested_on"] = data.get("placement_tested_on")
        values["test_taken_on"] = data.get("test_taken_on")
        for kind in ("placement", "test"):
            for skill in SKILLS:
                level = data.get(f"{kind}_{skill}")
                values[f"{kind}_{skill}"] = CefrLevel(level) if level else None
        values["attendance_percent"] = data.get("attendance_percent")
        values["track"] = TrainingTrack(data["track"]) if data.get("track") else None
        response = data.get("offer_response")
        values["offer_response"] = OfferResponse(response) if response else None
        values["social_studies_passed"] = {"yes": True, "no": False}.get(
            data.get("social_studies_passed") or ""
        )
        return {"training": facts.Training(**values)}


TRAINING_FORM_FIELDS = tuple(
    name for name in facts.Training.__dataclass_fields__ if name != "social_studies_passed"
)
