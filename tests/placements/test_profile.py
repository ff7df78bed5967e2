"""The work profile: recorded through the case domain, checked per field, and carried by the
case-facts format (export and import stay lossless)."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from introsak.accounts.models import User
from introsak.casefacts import model as facts
from introsak.casefacts.enums import CefrLevel, LanguageSkill, Sector
from introsak.cases.domain.exporting import case_facts_export
from introsak.cases.domain.operations import StepRejected, work_profile_record
from introsak.cases.models import CaseChange, ProgrammeCase, WorkProfile
from tests.factories import import_cases, user
from tests.placements.builders import participant

pytestmark = pytest.mark.django_db

PROFILE = facts.WorkProfile(
    experience=(facts.WorkExperience(occupation="53", years=4.0),),
    education="Barnehagelærer, Kyiv",
    wished_occupations=("53", "91"),
    wished_sectors=(Sector.KINDERGARTEN,),
    wished_districts=("st_hanshaugen",),
    norwegian_levels=((LanguageSkill.ORAL, CefrLevel.B1), (LanguageSkill.READING, CefrLevel.A2)),
    driving_licence=True,
    available_hours_per_week=20.0,
    available_percent=60,
    job_goal="Fagarbeider i barnehage",
)


@pytest.fixture
def case(db: Any) -> ProgrammeCase:
    user("kari", "programme_adviser", "st_hanshaugen")
    import_cases([participant("W-1", "kari", "Olena Profil")])
    return ProgrammeCase.objects.select_related("person", "district").get(case_id="W-1")


def test_recording_the_profile_writes_it_and_records_the_change(case: ProgrammeCase) -> None:
    adviser = User.objects.get(username="kari")
    work_profile_record(case=case, by=adviser, expected_version=case.version, profile=PROFILE)
    row = WorkProfile.objects.get(case=case)
    assert (row.experience, row.wished_sectors, row.norwegian_oral, row.norwegian_writing) == (
        [{"occupation": "53", "years": 4.0}],
        ["kindergarten"],
        "B1",
        "",
    )
    assert CaseChange.objects.filter(case=case).values_list("step", flat=True)[0] == "work_profile"


@pytest.mark.parametrize(
    ("profile", "field"),
    [
        (
            facts.WorkProfile(experience=(facts.WorkExperience(occupation="99", years=2.0),)),
            "experience",
        ),
        (facts.WorkProfile(wished_occupations=("X1",)), "wished_occupations"),
        (facts.WorkProfile(wished_districts=("bergen",)), "wished_districts"),
        (facts.WorkProfile(available_percent=140), "available_percent"),
        (
            facts.WorkProfile(experience=(facts.WorkExperience(occupation="53", years=99.0),)),
            "experience",
        ),
    ],
)
def test_bad_profile_input_is_refused_naming_the_field_and_nothing_is_written(
    case: ProgrammeCase, profile: facts.WorkProfile, field: str
) -> None:
    adviser = User.objects.get(username="kari")
    with pytest.raises(StepRejected) as refused:
        work_profile_record(case=case, by=adviser, expected_version=case.version, profile=profile)
    assert list(refused.value.errors) == [field]
    assert WorkProfile.objects.count() == 0
    assert ProgrammeCase.objects.get(pk=case.pk).version == case.version


def test_an_impossible_cefr_level_in_a_file_names_the_field() -> None:
    from introsak.casefacts.parse import InvalidRecord, parse_case

    record = participant("W-2", "kari", "X", work_profile={"norwegian_levels": {"oral": "B3"}})
    with pytest.raises(InvalidRecord) as invalid:
        parse_case(record)
    assert [(e.field, e.reason.split(";")[0]) for e in invalid.value.errors] == [
        ("work_profile.norwegian_levels.oral", 'unknown value "B3"')
    ]


def test_export_then_import_keeps_the_profile(case: ProgrammeCase) -> None:
    adviser = User.objects.get(username="kari")
    work_profile_record(case=case, by=adviser, expected_version=case.version, profile=PROFILE)
    out = io.StringIO()
    case_facts_export(out=out, cases=ProgrammeCase.objects.all())
    exported = json.loads(out.getvalue())
    assert exported["work_profile"] == {
        "experience": [{"occupation": "53", "years": 4}],
        "education": "Barnehagelærer, Kyiv",
        "wished_occupations": ["53", "91"],
        "wished_sectors": ["kindergarten"],
        "wished_districts": ["st_hanshaugen"],
        "norwegian_levels": {"oral": "B1", "reading": "A2"},
        "driving_licence": True,
        "available_hours_per_week": 20,
        "available_percent": 60,
        "job_goal": "Fagarbeider i barnehage",
    }
    WorkProfile.objects.all().delete()
    import_cases([exported])
    again = io.StringIO()
    case_facts_export(out=again, cases=ProgrammeCase.objects.all())
    assert json.loads(again.getvalue()) == exported
