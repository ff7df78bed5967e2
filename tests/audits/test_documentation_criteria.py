"""Documentation criteria count the whole sample, and say beside the count where the legal
duty did not apply (issue 13 item 6: the St. Hanshaugen review found all 15 mapped)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from introsak.audits.domain.control_forms import practice_verdict
from introsak.audits.domain.criteria import CRITERIA, PRACTICE, count_sentence
from introsak.audits.enums import Outcome
from introsak.casefacts.enums import ActivityKind, EducationLevel, ResidenceBasis
from introsak.casefacts.model import Activity, CaseFacts, Person
from introsak.rules import evaluate

AS_OF = date(2024, 9, 30)


def _collective_before_the_mapping_duty(mapping: date | None) -> CaseFacts:
    """Collective protection, decided before 2023-07-01: MAP-01 does not apply (IL § 37 b)."""
    person = Person(
        birth_date=date(1990, 1, 1),
        residence_basis=ResidenceBasis.COLLECTIVE_PROTECTION,
        permit_date=date(2022, 9, 1),
        settlement_date=date(2022, 10, 1),
        settled_by_agreement=True,
        education_level=EducationLevel.HIGHER,
    )
    return CaseFacts(
        case_id="d1", district="st_hanshaugen", person=person, mapping_date=mapping,
        decision_date=date(2022, 12, 1), start_date=date(2022, 12, 5),
    )  # fmt: skip


def test_a_documented_mapping_counts_where_the_duty_did_not_apply() -> None:
    spec = CRITERIA["MAP-01"]
    mapped = _collective_before_the_mapping_duty(date(2022, 11, 20))
    unmapped = replace(mapped, mapping_date=None)
    [finding] = evaluate(mapped, AS_OF, rules=["MAP-01"])
    assert finding.status.value == "not_applicable"
    assert spec.outcome(finding, mapped, AS_OF) is Outcome.YES
    [finding] = evaluate(unmapped, AS_OF, rules=["MAP-01"])
    assert spec.outcome(finding, unmapped, AS_OF) is Outcome.NO


def test_the_count_says_how_many_had_no_legal_duty() -> None:
    spec = CRITERIA["MAP-01"]
    assert count_sentence(spec, n=15, of=15, language="nb", without_duty=1) == (
        "Kompetansekartlegging var journalført for 15 av 15 deltakere "
        "(1 av dem der den lovpålagte plikten ikke gjaldt)"
    )
    assert count_sentence(spec, n=15, of=15, language="en", without_duty=1) == (
        "Competence mapping was documented for 15 of 15 participants "
        "(1 of them where the legal duty did not apply)"
    )
    assert count_sentence(spec, n=14, of=15, language="en") == (
        "Competence mapping was documented for 14 of 15 participants"
    )


def test_practice_is_counted_also_before_the_programme_starts() -> None:
    case = replace(_collective_before_the_mapping_duty(None), start_date=None)
    spec = CRITERIA[PRACTICE]
    none = practice_verdict(spec, case, AS_OF)
    practice = Activity(
        kind=ActivityKind.LANGUAGE_PRACTICE, start=date(2023, 1, 9), hours_per_week=10
    )
    some = practice_verdict(spec, replace(case, activities=(practice,)), AS_OF)
    assert (none.outcome, none.status) == (Outcome.NO, "not_applicable")
    assert (some.outcome, some.status) == (Outcome.YES, "not_applicable")
