"""Named staff and named cases for the workspace tests (page, browser and query-count tests).

The persona matrix: an adviser and a coordinator in St. Hanshaugen, an adviser in Østensjø,
an analyst, an auditor without a grant and an administrator. The cases are case-facts dicts
for situations the audit found, imported through the domain layer as of ``AS_OF``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from introsak.accounts.models import User
from tests.factories import case_dict, import_cases, user, with_national_id

AS_OF = date(2024, 8, 7)
PASSWORD = "correct horse battery staple"


@dataclass
class Staff:
    adviser: User  # programme adviser, St. Hanshaugen
    colleague: User  # another programme adviser, St. Hanshaugen
    coordinator: User  # team coordinator, St. Hanshaugen
    other_adviser: User  # programme adviser, Østensjø
    analyst: User
    auditor: User
    admin: User


def staff() -> Staff:
    def named(username: str, role: str, district: str | None, first: str, last: str) -> User:
        account = user(username, role, district)
        account.first_name, account.last_name = first, last
        account.save(update_fields=["first_name", "last_name"])
        return account

    return Staff(
        adviser=named("radgiver.sth", "programme_adviser", "st_hanshaugen", "Kari", "Nordmann"),
        colleague=named("radgiver.sth2", "programme_adviser", "st_hanshaugen", "Per", "Hansen"),
        coordinator=named("koordinator.sth", "team_coordinator", "st_hanshaugen", "Lise", "Berg"),
        other_adviser=named("radgiver.ost", "programme_adviser", "ostensjo", "Ola", "Dahl"),
        analyst=named("analytiker", "city_analyst", None, "Anne", "Lund"),
        auditor=named("revisor", "auditor", None, "Rolf", "Moe"),
        admin=named("admin", "administrator", None, "Ada", "Admin"),
    )


def ended_without_meeting(
    case_id: str, adviser: str, name: str = "Olena Kovalenko", **overrides: Any
) -> dict[str, Any]:
    """Collective protection, a short programme that ended 2024-07-15 without a documented
    three-party meeting: TRI-01 overdue (first meeting due 2024-02-15)."""
    case = case_dict(
        case_id,
        adviser=adviser,
        person__name=name,
        end_date="2024-07-15",
        end_reason="work",
        jobseeker_registered_date="2024-02-01",
        education_recognition={"relevant": False},
        **overrides,
    )
    return case


def undecided(
    case_id: str, adviser: str, name: str = "Ahmad Rahimi", **overrides: Any
) -> dict[str, Any]:
    """A refugee (right and duty) settled 2024-03-01, mapped, no decision: START-01 overdue
    (deadline 2024-06-01)."""
    base: dict[str, Any] = {
        "person__name": name,
        "person__residence_basis": "refugee",
        "person__permit_date": "2024-01-15",
        "person__settlement_date": "2024-03-01",
        "person__education_level": "primary",
        "person__birth_date": "1994-02-03",
        "mapping_date": "2024-04-10",
        "decision_date": None,
        "start_date": None,
        "plans": [],
    }
    base.update(overrides)
    return case_dict(case_id, adviser=adviser, **base)


def running(
    case_id: str, adviser: str, name: str = "Iryna Shevchenko", **overrides: Any
) -> dict[str, Any]:
    """Collective protection in a running 12-month programme with a documented three-party
    meeting on time: nothing overdue as of AS_OF except what overrides add."""
    base: dict[str, Any] = {
        "person__name": name,
        "start_date": "2024-05-06",
        "decision_date": "2024-05-02",
        "mapping_date": "2024-04-02",
        "person__settlement_date": "2024-03-04",
        "person__permit_date": "2024-02-01",
        "plans": [
            {
                "decided_on": "2024-05-02",
                "end_goal": "work",
                "norwegian_goal": "B1",
                "duration_months": 12,
                "elements": ["Norskopplæring"],
            }
        ],
        "meetings": [{"kind": "three_party", "date": "2024-06-03", "documented": True}],
        "jobseeker_registered_date": "2024-05-20",
        "education_recognition": {"relevant": False},
        "person__education_level": "primary",
        "activities": [
            {"kind": "norwegian_training", "start": "2024-05-06", "hours_per_week": 15},
            {
                "kind": "language_practice",
                "start": "2024-07-01",
                "hours_per_week": 16,
                "provider": "Sagene barnehage",
            },
        ],
    }
    base.update(overrides)
    return case_dict(case_id, adviser=adviser, **base)


def caseload(adviser: str, n: int, prefix: str = "L", **overrides: Any) -> list[dict[str, Any]]:
    """``n`` (at most 30) cases of varied kinds for ``adviser``, each with an identity number;
    birth dates differ by case and by ``prefix``, so identity numbers never collide."""
    makers = (ended_without_meeting, undecided, running)
    cases = []
    for i in range(n):
        born = date(1970 + i, 1 + ord(prefix[0]) % 12, 1 + i % 28)
        case = makers[i % 3](
            f"{prefix}-{i}",
            adviser,
            name=f"Deltaker {prefix}{i:03d}",
            person__birth_date=born.isoformat(),
            **overrides,
        )
        cases.append(with_national_id(case))
    return cases


def load(cases: list[dict[str, Any]]) -> None:
    import_cases(cases, as_of=AS_OF)


def rich(
    case_id: str, adviser: str, name: str = "Mariam Haidari", **overrides: Any
) -> dict[str, Any]:
    """A refugee well into a long programme, with most of the path recorded: two plan
    versions, documented three-party meetings with minutes, practice, leave, an extension,
    a recognition application and journal notes."""
    minutes = {
        "attendance": "Mariam, programrådgiver og norsklærer.",
        "norwegian_progress": "Bestått A2 skriftlig, jobber mot B1 muntlig.",
        "wellbeing_and_effort": "Trives i klassen, stabilt oppmøte.",
        "language_practice": "Språkpraksis i barnehage to dager i uken.",
        "other_measures": "Jobbverksted fra høsten.",
        "further_plan": "Søke lærlingplass som helsefagarbeider.",
    }
    base: dict[str, Any] = {
        "person__name": name,
        "person__residence_basis": "refugee",
        "person__birth_date": "1991-04-12",
        "person__permit_date": "2022-10-20",
        "person__settlement_date": "2022-11-14",
        "person__education_level": "primary",
        "person__has_children_under_18": True,
        "mapping_date": "2022-12-05",
        "career_guidance_date": "2023-01-10",
        "decision_date": "2023-01-30",
        "start_date": "2023-02-06",
        "contract_date": "2023-01-30",
        "plans": [
            {
                "decided_on": "2023-01-30",
                "end_goal": "work",
                "norwegian_goal": "B1",
                "duration_months": 24,
                "elements": ["Norskopplæring", "Samfunnskunnskap", "Språkpraksis"],
                "sub_goals": ["A2 skriftlig innen ett år"],
            },
            {
                "decided_on": "2024-03-01",
                "end_goal": "upper_secondary_completion",
                "norwegian_goal": {
                    "oral": "B1",
                    "reading": "B1",
                    "listening": "B1",
                    "writing": "A2",
                },
                "duration_months": 30,
                "elements": ["Norskopplæring", "Fag fra videregående"],
                "justification": "Ønsker fagbrev som helsefagarbeider; trenger videregående.",
            },
        ],
        "meetings": [
            {"kind": "transfer", "date": "2023-02-06", "documented": True},
            {"kind": "three_party", "date": "2023-04-25", "documented": True, "minutes": minutes},
            {"kind": "three_party", "date": "2023-10-17", "documented": True, "minutes": minutes},
            {"kind": "three_party", "date": "2024-04-09", "documented": True, "minutes": minutes},
        ],
        "activities": [
            {
                "kind": "norwegian_training",
                "start": "2023-02-06",
                "hours_per_week": 15,
                "provider": "Oslo Voksenopplæring Helsfyr",
            },
            {
                "kind": "life_skills_course",
                "start": "2023-03-01",
                "end": "2023-05-01",
                "hours_per_week": 3,
                "provider": "Oslo Voksenopplæring",
            },
            {
                "kind": "parental_guidance",
                "start": "2023-09-04",
                "end": "2023-11-06",
                "hours_per_week": 2,
                "provider": "Bydel St. Hanshaugen",
            },
            {
                "kind": "language_practice",
                "start": "2024-01-08",
                "hours_per_week": 12,
                "provider": "Sagene barnehage",
            },
        ],
        "leaves": [
            {
                "start": "2023-07-03",
                "end": "2023-07-28",
                "approved": True,
                "reason": "Familiegjenforening i Tyrkia",
            }
        ],
        "extensions": [],
        "education_recognition": {
            "relevant": True,
            "sent_date": "2023-05-15",
            "sent_by": "participant",
            "outcome": "refused",
            "outcome_date": "2023-09-01",
        },
        "journal_notes": [
            {"written_on": "2023-05-15", "text": "Deltakeren har selv søkt HK-dir."},
            {"written_on": "2024-06-12", "text": "Avtalt hospitering på sykehjem i august."},
        ],
    }
    base.update(overrides)
    return case_dict(case_id, adviser=adviser, **base)
