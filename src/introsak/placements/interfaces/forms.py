"""The placements forms. Field names are the keyword names of the domain operations, so a
``Rejected`` error lands on its field. Forms check what a form can know; the operations
check the rest."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from introsak.casefacts import model as facts
from introsak.casefacts.enums import CefrLevel, LanguageSkill, Sector
from introsak.casefacts.occupations import occupations
from introsak.casefacts.parse import MAX_TEXT_CHARS
from introsak.cases import enums as case_choices
from introsak.cases.models import WorkProfile
from introsak.core.models import District
from introsak.placements.domain.requirements import catalogue
from introsak.placements.enums import DeclineReason, Outcome, Ownership, PlacementKind
from introsak.placements.models import Employer

BLANK: list[tuple[str, str]] = [("", "–")]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _date(label: Any, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput())


def occupation_choices() -> list[tuple[str, str]]:
    language = get_language() or "nb"
    return [(o.code, f"{o.code} {o.name(language)}") for o in occupations()]


def district_choices() -> list[tuple[str, str]]:
    return [(d.slug, d.name) for d in District.objects.order_by("number")]


def _levels() -> list[tuple[str, Any]]:
    return [*BLANK, *case_choices.CefrLevel.choices]


class WorkProfileForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    experience = forms.CharField(
        label=_("Work experience"),
        required=False,
        help_text=_("One occupation a line: the ISCO-08 code and the years, e.g. “53 4”."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    education = forms.CharField(
        label=_("Education"),
        required=False,
        max_length=MAX_TEXT_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    wished_occupations = forms.MultipleChoiceField(
        label=_("Wished occupations"), required=False, choices=[]
    )
    wished_sectors = forms.MultipleChoiceField(
        label=_("Wished sectors"), required=False, choices=case_choices.Sector.choices
    )
    wished_districts = forms.MultipleChoiceField(
        label=_("Wished districts"), required=False, choices=[]
    )
    norwegian_oral = forms.ChoiceField(label=_("Norwegian, oral"), required=False, choices=_levels)
    norwegian_reading = forms.ChoiceField(
        label=_("Norwegian, reading"), required=False, choices=_levels
    )
    norwegian_listening = forms.ChoiceField(
        label=_("Norwegian, listening"), required=False, choices=_levels
    )
    norwegian_writing = forms.ChoiceField(
        label=_("Norwegian, writing"), required=False, choices=_levels
    )
    driving_licence = forms.BooleanField(label=_("Driving licence"), required=False)
    available_hours_per_week = forms.FloatField(
        label=_("Hours a week available for work"), required=False, min_value=0, max_value=168
    )
    available_percent = forms.IntegerField(
        label=_("Share of full time available (%)"), required=False, min_value=1, max_value=100
    )
    job_goal = forms.CharField(label=_("Job goal"), required=False, max_length=MAX_TEXT_CHARS)

    def __init__(self, *args: Any, profile: WorkProfile | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["wished_occupations"].choices = occupation_choices()  # type: ignore[attr-defined]
        self.fields["wished_districts"].choices = district_choices()  # type: ignore[attr-defined]
        if profile is not None and not self.is_bound:
            self.initial.update(
                {
                    "experience": "\n".join(
                        f"{x['occupation']} {float(x['years']):g}" for x in profile.experience
                    ),
                    "education": profile.education,
                    "wished_occupations": profile.wished_occupations,
                    "wished_sectors": profile.wished_sectors,
                    "wished_districts": profile.wished_districts,
                    "norwegian_oral": profile.norwegian_oral,
                    "norwegian_reading": profile.norwegian_reading,
                    "norwegian_listening": profile.norwegian_listening,
                    "norwegian_writing": profile.norwegian_writing,
                    "driving_licence": profile.driving_licence,
                    "available_hours_per_week": profile.available_hours_per_week,
                    "available_percent": profile.available_percent,
                    "job_goal": profile.job_goal,
                }
            )

    def clean_experience(self) -> tuple[facts.WorkExperience, ...]:
        items: list[facts.WorkExperience] = []
        for line in str(self.cleaned_data["experience"]).splitlines():
            if not line.strip():
                continue
            parts = line.split()
            try:
                code, years = parts[0], float(parts[1].replace(",", "."))
            except (IndexError, ValueError) as exc:
                raise forms.ValidationError(
                    _("Write the code and the years, e.g. “53 4”: %(line)s"),
                    params={"line": line.strip()},
                ) from exc
            items.append(facts.WorkExperience(occupation=code, years=years))
        return tuple(items)

    def profile(self) -> facts.WorkProfile:
        d = self.cleaned_data
        levels = tuple(
            sorted(
                (skill, CefrLevel(d[f"norwegian_{skill.value}"]))
                for skill in LanguageSkill
                if d.get(f"norwegian_{skill.value}")
            )
        )
        return facts.WorkProfile(
            experience=d["experience"],
            education=d["education"].strip() or None,
            wished_occupations=tuple(d["wished_occupations"]),
            wished_sectors=tuple(Sector(x) for x in d["wished_sectors"]),
            wished_districts=tuple(d["wished_districts"]),
            norwegian_levels=levels or None,
            driving_licence=d["driving_licence"],
            available_hours_per_week=d["available_hours_per_week"],
            available_percent=d["available_percent"],
            job_goal=d["job_goal"].strip() or None,
        )


class EmployerForm(forms.Form):
    orgnr = forms.CharField(label=_("Organisation number"), max_length=20)
    name = forms.CharField(label=_("Name"), max_length=200)
    sector = forms.ChoiceField(label=_("Sector"), choices=[*BLANK, *case_choices.Sector.choices])
    ownership = forms.ChoiceField(label=_("Ownership"), choices=[*BLANK, *Ownership.choices])
    district = forms.ChoiceField(label=_("District"), required=False, choices=[])
    contact_name = forms.CharField(label=_("Contact person"), required=False, max_length=200)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), required=False, max_length=30)
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [("", _("City-wide")), *district_choices()]  # type: ignore[attr-defined]


class OfferForm(forms.Form):
    employer_id = forms.TypedChoiceField(label=_("Employer"), coerce=int, choices=[])
    kind = forms.ChoiceField(label=_("Kind"), choices=[*BLANK, *PlacementKind.choices])
    title = forms.CharField(label=_("Title"), max_length=200)
    tasks = forms.CharField(
        label=_("Tasks"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    occupation = forms.ChoiceField(label=_("Occupation (ISCO-08)"), choices=[])
    district = forms.ChoiceField(label=_("District"), required=False, choices=[])
    hours_per_week = forms.FloatField(label=_("Hours per week"), min_value=0.5, max_value=60)
    start = _date(_("From"))
    end = _date(_("To"), required=False)
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=500, initial=1)
    req_oral = forms.ChoiceField(
        label=_("Norwegian required, oral"), required=False, choices=_levels
    )
    req_reading = forms.ChoiceField(
        label=_("Norwegian required, reading"), required=False, choices=_levels
    )
    req_listening = forms.ChoiceField(
        label=_("Norwegian required, listening"), required=False, choices=_levels
    )
    req_writing = forms.ChoiceField(
        label=_("Norwegian required, writing"), required=False, choices=_levels
    )
    requirement = forms.ChoiceField(label=_("Language requirement"), required=False, choices=[])
    formal_competence_required = forms.BooleanField(
        label=_("Formal competence required"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = get_language() or "nb"
        employers = Employer.objects.order_by("name").values_list("pk", "name")
        self.fields["employer_id"].choices = [("", "–"), *employers]  # type: ignore[attr-defined]
        self.fields["occupation"].choices = [*BLANK, *occupation_choices()]  # type: ignore[attr-defined]
        self.fields["district"].choices = [("", _("The employer's district")), *district_choices()]  # type: ignore[attr-defined]
        self.fields["requirement"].choices = [  # type: ignore[attr-defined]
            *BLANK,
            *((key, entry.title(language)) for key, entry in catalogue().items()),
        ]


class DeclineForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason"), choices=DeclineReason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("About the reason"),
        required=False,
        max_length=MAX_TEXT_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    on = _date(_("Date"))


class StartForm(forms.Form):
    start = _date(_("Start"))
    end = _date(_("Planned end"), required=False)
    hours_per_week = forms.FloatField(label=_("Hours per week"), min_value=0.5, max_value=60)


class EndForm(forms.Form):
    ended_on = _date(_("Ended on"))
    evaluation_on = _date(_("Evaluation talk on"), required=False)
    evaluation = forms.CharField(
        label=_("Evaluation"),
        required=False,
        max_length=MAX_TEXT_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Outcome.choices, widget=forms.RadioSelect
    )


class DateForm(forms.Form):
    on = _date(_("Date"))


class NeedForm(forms.Form):
    district = forms.ChoiceField(label=_("District"), required=False, choices=[])
    sector = forms.ChoiceField(label=_("Sector"), choices=[*BLANK, *case_choices.Sector.choices])
    places = forms.IntegerField(label=_("Places"), min_value=1, max_value=500)
    level = forms.ChoiceField(label=_("Norwegian level"), required=False, choices=_levels)
    description = forms.CharField(label=_("Description"), max_length=300)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [("", _("City-wide")), *district_choices()]  # type: ignore[attr-defined]


def today_initial(form: forms.Form, today: date, *names: str) -> None:
    for name in names:
        form.initial.setdefault(name, today)


class FairForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    held_on = _date(_("Date"))
    district = forms.ChoiceField(label=_("District"), required=False, choices=[])
    preparation_sessions = forms.IntegerField(
        label=_("Preparation sessions"), min_value=0, max_value=20, initial=5
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [("", _("City-wide")), *district_choices()]  # type: ignore[attr-defined]


class InviteForm(forms.Form):
    case_number = forms.CharField(label=_("Case number"), max_length=64)


class InvitationForm(forms.Form):
    sessions_attended = forms.IntegerField(
        label=_("Preparation sessions attended"), min_value=0, max_value=20
    )
    attended = forms.NullBooleanField(
        label=_("Attended the fair"),
        required=False,
        widget=forms.Select(choices=[("unknown", "–"), ("true", _("Yes")), ("false", _("No"))]),
    )
    interviews = forms.IntegerField(label=_("Interviews"), min_value=0, max_value=50)
    offers = forms.IntegerField(label=_("Offers"), min_value=0, max_value=50)
    hired = forms.BooleanField(label=_("Hired"), required=False)
