"""Parameters as dated data: references, known uncertainties, loud failures, overrides."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from introsak.casefacts.enums import EducationLevel, ResidenceBasis
from introsak.casefacts.model import CaseFacts, Person
from introsak.rules import RULES, Category, ParameterError, ParameterSet, evaluate
from introsak.rules.acts.integreringsloven.s08_s09_target_group import PARAMETERS as GROUP
from introsak.rules.parameter_set import PACKAGE_PARAMETERS_DIR, PARAMETERS_DIR_ENV
from introsak.rules.versions import VERSIONS

LOVDATA = "https://lovdata.no/"
STATUTES = ("Integreringsloven", "Integreringsforskriften")
# Kept only so its uncertainty stays visible (rules.md 5.4): discretion, read by no rule.
INFORMATIONAL = {"job_refusal_threshold"}
# rules.md section 5 (and the catalogue's "uncertain" parameters): each must carry a note.
KNOWN_UNCERTAIN = {
    "temporary_rules_sunset",  # 5.1
    "rule_set_il_2025_in_force",  # 5.2
    "work_oriented_hours_start_from",  # 5.3
    "work_oriented_averaging_window",  # 5.3
    "job_refusal_threshold",  # 5.4
    "under_25_age",  # 5.5
    "tri_first_meeting_months_short",  # 5.6
    "tri_first_meeting_months_long",  # 5.6
    "tri_interval_months",  # 5.6
    "short_programme_max_months",  # 5.6
    "education_recognition_months",  # 5.6 and "as soon as possible"
    "collective_mapping_duty_from",  # rules.md MAP-01
    "certificate_days",  # rules.md CERT-01: no source sets a number
    "jobseeker_registration_weeks",
    # Issue 13: the confirmation horizons and readings, and the new rules' unsourced numbers.
    "temporary_rules_lapse_reading",
    "rule_set_il_2025_case_date",
    "full_time_judged_after_weeks",
    "plan_review_months",
    "norwegian_offer_months",
    "social_studies_hours",
    "norwegian_completion_years",
}


@pytest.fixture(scope="module")
def parameters() -> ParameterSet:
    return ParameterSet.load()


def _case(**person: object) -> CaseFacts:
    fields: dict[str, object] = {
        "birth_date": date(1990, 1, 1),
        "residence_basis": ResidenceBasis.REFUGEE,
        "permit_date": date(2023, 12, 1),
        "settlement_date": date(2024, 1, 20),
        "settled_by_agreement": True,
        "education_level": EducationLevel.PRIMARY,
        **person,
    }
    return CaseFacts(case_id="p1", district="alna", person=Person(**fields))  # type: ignore[arg-type]


def _copy_parameters(tmp_path: Path) -> Path:
    target = tmp_path / "parameters"
    shutil.copytree(PACKAGE_PARAMETERS_DIR, target)
    return target


def test_every_parameter_has_a_reference(parameters: ParameterSet) -> None:
    lacking = [
        name
        for name, p in parameters.items()
        if not p.references
        or any(not (r.law and r.section and (r.url or r.document)) for r in p.references)
    ]
    assert lacking == []


def test_statutory_references_link_to_lovdata(parameters: ParameterSet) -> None:
    wrong = [
        (name, r.url)
        for name, p in parameters.items()
        for r in p.references
        if r.law.startswith(STATUTES) and not (r.url or "").startswith(LOVDATA)
    ]
    assert wrong == []


def test_every_rule_has_a_source_and_a_reference() -> None:
    lacking = [r.id for r in RULES if not r.source or not (r.url or r.document)]
    assert lacking == []
    statutory = [r for r in RULES if r.source.startswith(("IL", "IF"))]
    assert [r.id for r in statutory if not (r.url or "").startswith(LOVDATA)] == []


def test_every_rule_function_is_named_after_its_provision_and_documented() -> None:
    for rule in RULES:
        assert rule.evaluate.__name__.startswith(("il_s", "if_s", "oslo_", "nav_")), rule.id
        assert rule.evaluate.__doc__ and len(rule.evaluate.__doc__) > 200, rule.id
        assert ".rules.acts." in rule.provision, rule.id


def test_known_uncertainties_are_notes_on_their_parameters(parameters: ParameterSet) -> None:
    noted = {name for name, p in parameters.items() if p.uncertain is not None}
    assert noted == KNOWN_UNCERTAIN


def test_every_parameter_is_read_by_something(parameters: ParameterSet) -> None:
    read = set(GROUP) | {n for rule in RULES for n in rule.parameters}
    read |= {v.in_force_parameter for v in VERSIONS if v.in_force_parameter}
    read |= {n for v in VERSIONS for rule in v.rules for n in rule.parameters}
    read.add("rule_set_il_2025_case_date")
    assert set(parameters) - read == INFORMATIONAL


def test_the_parameter_values_the_catalogue_names(parameters: ParameterSet) -> None:
    day = date(2025, 1, 1)
    assert {
        name: parameters.value(name, day)
        for name in (
            "programme_start_months",
            "participant_age_min",
            "participant_age_max",
            "decision_limit_years",
            "temporary_rules_from",
            "temporary_rules_sunset",
            "collective_protection_permit_from",
            "collective_mapping_duty_from",
            "work_oriented_hours",
            "work_oriented_hours_part_time",
            "part_time_threshold_percent",
            "work_oriented_from_months",
            "work_oriented_hours_start_from",
            "short_programme_max_months",
            "certificate_days",
            "jobseeker_registration_weeks",
            "education_recognition_months",
            "under_25_age",
        )
    } == {
        "programme_start_months": 3,
        "participant_age_min": 18,
        "participant_age_max": 55,
        "decision_limit_years": 2,
        "temporary_rules_from": date(2022, 6, 15),
        "temporary_rules_sunset": date(2026, 7, 1),
        "collective_protection_permit_from": date(2022, 3, 11),
        "collective_mapping_duty_from": date(2023, 7, 1),
        "work_oriented_hours": 15,
        "work_oriented_hours_part_time": 10,
        "part_time_threshold_percent": 60,
        "work_oriented_from_months": 3,
        "work_oriented_hours_start_from": date(2024, 2, 1),
        "short_programme_max_months": 6,
        "certificate_days": 30,
        "jobseeker_registration_weeks": 8,
        "education_recognition_months": 3,
        "under_25_age": 25,
    }
    assert parameters.value("duration_frame_upper_secondary", day) == (3, 6, 6)
    assert parameters.value("duration_frame_upper_secondary_completion", day) == (3, 36, 12)
    assert parameters.value("duration_frame_other_goal", day) == (3, 24, 12)


def test_a_value_applies_from_its_date_and_null_expires_it(tmp_path: Path) -> None:
    path = tmp_path / "p"
    path.mkdir()
    (path / "x.yaml").write_text(
        "description: test\nunit: months\nvalues:\n  2021-01-01: 3\n  2024-03-01: 4\n"
        "  2025-01-01: null\nreference: {law: L, section: '§ 1', document: d}\n"
        "last_confirmed: 2024-12-05\n",
        encoding="utf-8",
    )
    x = ParameterSet.load(path)["x"]
    assert [x.at(d) for d in (date(2020, 12, 31), date(2024, 2, 29), date(2024, 3, 1),
                              date(2025, 1, 1))] == [None, 3, 4, None]  # fmt: skip


VALID = {
    "description": "description: test",
    "unit": "unit: months",
    "values": "values: {2021-01-01: 3}",
    "reference": "reference: {law: L, section: '§ 1', url: 'https://lovdata.no/x'}",
    "last_confirmed": "last_confirmed: 2024-12-05",
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"reference": None}, "missing keys ['reference']"),
        ({"last_confirmed": None}, "missing keys ['last_confirmed']"),
        ({"unit": "unit: fortnights"}, "unit 'fortnights' is not one of"),
        ({"values": "values: {'2021-01-01': 3}"}, "must be a date YYYY-MM-DD"),
        ({"values": "values: {2021-01-01: three}"}, "is not a valid months"),
        ({"values": "values: {}"}, "values must be a non-empty mapping"),
        ({"reference": "reference: {law: L, section: '§ 1'}"}, "needs a url or a document"),
        ({"reference": "reference: {law: L, section: '§ 1', url: 'http://x'}"}, "https://"),
        ({"reference": "reference: {section: '§ 1', url: 'https://x'}"}, "needs a law"),
        ({"extra": "extra: 1"}, "unknown keys ['extra']"),
        ({"extra": "uncertain: just English"}, "uncertain must be a mapping with keys nb and en"),
    ],
)
def test_a_broken_parameter_file_fails_loudly_naming_it(
    tmp_path: Path, change: dict[str, str | None], message: str
) -> None:
    lines = {**VALID, **change}
    (tmp_path / "broken.yaml").write_text(
        "\n".join(line for line in lines.values() if line) + "\n", encoding="utf-8"
    )
    with pytest.raises(ParameterError) as raised:
        ParameterSet.load(tmp_path)
    assert str(tmp_path / "broken.yaml") in str(raised.value)
    assert message in str(raised.value)


def test_a_missing_parameter_a_rule_needs_stops_the_engine(tmp_path: Path) -> None:
    directory = _copy_parameters(tmp_path)
    (directory / "programme_start_months.yaml").unlink()
    with pytest.raises(ParameterError, match=r"START-01 \(IL-2021\) needs missing parameters"):
        evaluate(_case(), date(2024, 6, 1), parameters=ParameterSet.load(directory))


def test_changing_a_parameter_file_changes_the_verdict(tmp_path: Path) -> None:
    directory = _copy_parameters(tmp_path)
    path = directory / "programme_start_months.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("2021-01-01: 3", "2021-01-01: 4"))
    case, as_of = _case(), date(2024, 5, 1)
    [default] = evaluate(case, as_of, rules=["START-01"])
    [changed] = evaluate(case, as_of, rules=["START-01"], parameters=ParameterSet.load(directory))
    assert (default.status.value, default.deadline) == ("overdue", date(2024, 4, 20))
    assert (changed.status.value, changed.deadline) == ("pending", date(2024, 5, 20))
    assert changed.parameters == {"programme_start_months": 4}


def test_the_parameter_directory_can_come_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = _copy_parameters(tmp_path)
    path = directory / "programme_start_months.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("2021-01-01: 3", "2021-01-01: 5"))
    monkeypatch.setenv(PARAMETERS_DIR_ENV, str(directory))
    [finding] = evaluate(_case(), date(2024, 5, 1), rules=["START-01"])
    assert finding.deadline == date(2024, 6, 20)


def test_the_2025_revision_is_a_version_switched_on_by_its_in_force_parameter(
    tmp_path: Path,
) -> None:
    directory = _copy_parameters(tmp_path)
    switch = directory / "rule_set_il_2025_in_force.yaml"
    switch.write_text(
        switch.read_text(encoding="utf-8").replace(
            "  2021-01-01: false", "  2021-01-01: false\n  2025-07-01: true"
        )
    )
    revised = ParameterSet.load(directory)
    aged_57 = _case(birth_date=date(1966, 11, 1))
    [before] = evaluate(aged_57, date(2025, 6, 30), rules=["START-01"], parameters=revised)
    [after] = evaluate(aged_57, date(2025, 7, 1), rules=["START-01"], parameters=revised)
    [default] = evaluate(aged_57, date(2025, 7, 1), rules=["START-01"])
    assert (before.category, after.category, default.category) == (
        Category.MAY_OFFER,
        Category.RIGHT_AND_DUTY,
        Category.MAY_OFFER,
    )


def test_a_revision_may_only_change_parameters_the_base_has(tmp_path: Path) -> None:
    directory = _copy_parameters(tmp_path)
    shutil.copy(
        directory / "revisions" / "il-2025" / "participant_age_max.yaml",
        directory / "revisions" / "il-2025" / "brand_new.yaml",
    )
    with pytest.raises(ParameterError, match="revises 'brand_new', which the base lacks"):
        ParameterSet.load(directory)
