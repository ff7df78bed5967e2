"""The ``placements`` extension of the case facts: export → import is lossless for placements
(the started one linked to its activity again), a re-import replaces a case's placements,
and bad placements are rejected with ``line N: field: reason`` and nothing written."""

from __future__ import annotations

import copy
import io
import json
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from introsak.accounts.models import User
from introsak.casefacts.model import CaseFacts
from introsak.casefacts.parse import iter_records
from introsak.casefacts.serialize import dumps_case
from introsak.cases import models as cases
from introsak.cases.domain.exporting import case_facts_export, exportable_cases
from introsak.cases.domain.importing import ImportRejected, case_facts_import
from introsak.placements.domain import pipeline
from introsak.placements.models import Employer, Placement, PlacementOffer
from tests.factories import import_cases, jsonl, user
from tests.placements.builders import ORGNRS, employer, offer, participant
from tests.strategies import case_facts

pytestmark = pytest.mark.django_db


@pytest.fixture
def adviser(db: Any) -> User:
    return user("kari", "programme_adviser", "st_hanshaugen")


@pytest.fixture
def history(adviser: User) -> cases.ProgrammeCase:
    """One participant's placements through the pipeline: one declined with a reason and a
    note, one ended with its evaluation and an outcome, one started (with its activity)."""
    import_cases([participant("P-1", "kari", "Olena Eksport")])
    case = cases.ProgrammeCase.objects.get(case_id="P-1")
    shop = employer(orgnr=ORGNRS[1], name="Kiwi Tøyen", sector="grocery", ownership="private")
    evening = offer(title="Kveldsvakt i barnehage")
    kindergarten = offer(title="Assistent i barnehage", start=date(2024, 5, 1))
    shelves = offer(
        employer_id=shop.pk, kind="work_practice", title="Butikkmedarbeider", occupation="52"
    )
    declined = pipeline.placement_propose(
        case=case, offer_pk=evening.pk, by=adviser, on=date(2024, 4, 20)
    )
    pipeline.placement_decline(
        case=case,
        placement_pk=declined.pk,
        by=adviser,
        reason="hours",
        note="Kveldsvakter passer ikke med barnehagen.",
        on=date(2024, 4, 25),
    )
    ended = _accepted(case, adviser, kindergarten, date(2024, 5, 2))
    pipeline.placement_start(
        case=case, placement_pk=ended.pk, by=adviser,
        start=date(2024, 5, 13), end=date(2024, 7, 31), hours_per_week=10,
    )  # fmt: skip
    pipeline.placement_end(
        case=case, placement_pk=ended.pk, by=adviser, ended_on=date(2024, 7, 31),
        evaluation_on=date(2024, 8, 1), evaluation="Godt samarbeid.", outcome="hired",
    )  # fmt: skip
    started = _accepted(case, adviser, shelves, date(2024, 5, 20))
    pipeline.placement_start(
        case=case, placement_pk=started.pk, by=adviser,
        start=date(2024, 6, 3), end=None, hours_per_week=15,
    )  # fmt: skip
    return case


def _accepted(
    case: cases.ProgrammeCase, by: User, the_offer: PlacementOffer, on: date
) -> Placement:
    placement = pipeline.placement_propose(case=case, offer_pk=the_offer.pk, by=by, on=on)
    pipeline.placement_offer(case=case, placement_pk=placement.pk, by=by, on=on)
    return pipeline.placement_accept(case=case, placement_pk=placement.pk, by=by, on=on)


def _export() -> str:
    out = io.StringIO()
    case_facts_export(out=out, cases=exportable_cases(include_strictly_confidential=True))
    return out.getvalue()


def _import(text: str) -> None:
    case_facts_import(stream=io.StringIO(text), missing_users="create")


def _summary() -> list[tuple[str, str, str, str | None]]:
    """(status, employer, title, linked activity kind and start) of every placement."""
    rows = Placement.objects.select_related("offer__employer", "activity").order_by("proposed_on")
    return [
        (
            p.status,
            p.offer.employer.orgnr,
            p.offer.title,
            f"{p.activity.kind} {p.activity.start}" if p.activity else None,
        )
        for p in rows
    ]


EXPECTED = [
    ("declined", ORGNRS[0], "Kveldsvakt i barnehage", None),
    ("ended", ORGNRS[0], "Assistent i barnehage", "language_practice 2024-05-13"),
    ("started", ORGNRS[1], "Butikkmedarbeider", "work_practice 2024-06-03"),
]


def test_export_carries_every_placement_with_its_employer_and_offer(
    history: cases.ProgrammeCase,
) -> None:
    line = json.loads(_export())
    declined, ended, started = line["placements"]
    assert declined == {
        "employer": {"orgnr": ORGNRS[0], "name": "Bydel St. Hanshaugen barnehager",
                     "sector": "kindergarten", "ownership": "municipal"},
        "offer": {"kind": "language_practice", "title": "Kveldsvakt i barnehage",
                  "occupation": "53", "hours_per_week": 20, "start": "2024-08-01",
                  "end": "2024-12-20"},
        "status": "declined",
        "proposed_on": "2024-04-20",
        "answered_on": "2024-04-25",
        "decline_reason": "hours",
        "decline_note": "Kveldsvakter passer ikke med barnehagen.",
    }  # fmt: skip
    assert (ended["status"], ended["outcome"], ended["evaluation"]) == (
        "ended", "hired", "Godt samarbeid."
    )  # fmt: skip
    assert (started["status"], started["start"], started["hours_per_week"]) == (
        "started", "2024-06-03", 15
    )  # fmt: skip


def test_export_then_import_into_an_empty_database_is_lossless(
    history: cases.ProgrammeCase,
) -> None:
    assert _summary() == EXPECTED
    first = _export()
    cases.ProgrammeCase.objects.all().delete()
    cases.Person.objects.all().delete()
    PlacementOffer.objects.all().delete()
    Employer.objects.all().delete()
    _import(first)
    assert _summary() == EXPECTED  # the ended and the started one linked to their activities
    assert _export() == first
    assert not PlacementOffer.objects.filter(open=True).exists()  # history, not the board
    assert cases.ProgrammeCase.objects.get(case_id="P-1").declined_offers == 1


def test_reimport_replaces_the_placements_and_keeps_employers_and_offers(
    history: cases.ProgrammeCase,
) -> None:
    first = _export()
    counts = (Employer.objects.count(), PlacementOffer.objects.count())
    _import(first)
    _import(first)
    assert _summary() == EXPECTED
    assert (Employer.objects.count(), PlacementOffer.objects.count()) == counts
    assert _export() == first
    case = json.loads(first)
    case["placements"] = case["placements"][1:]
    _import(json.dumps(case, ensure_ascii=False) + "\n")
    assert _summary() == EXPECTED[1:]
    assert cases.ProgrammeCase.objects.get(case_id="P-1").declined_offers == 0


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(facts=case_facts())
def test_every_valid_placement_comes_back_from_the_database(facts: CaseFacts) -> None:
    """Generated cases (``tests/strategies.py::placements``) through import and export: the
    placements come back as they were, oldest proposal first, and again after a re-import."""
    cases.ProgrammeCase.objects.all().delete()
    cases.Person.objects.all().delete()
    _import(dumps_case(facts) + "\n")
    first = _export()
    exported = [r.case for r in iter_records(io.StringIO(first), allow_synthetic_ids=True,
                                             as_of=None)]  # fmt: skip
    assert [c.placements for c in exported if c is not None] == [
        tuple(sorted(facts.placements, key=lambda p: p.proposed_on))
    ]
    _import(first)
    assert _export() == first


# --- bad placements ----------------------------------------------------------------------------

PLACEMENT: dict[str, Any] = {
    "employer": {"orgnr": ORGNRS[2], "name": "Kiwi Grünerløkka", "sector": "grocery",
                 "ownership": "private"},
    "offer": {"kind": "work_practice", "title": "Butikkmedarbeider", "occupation": "52",
              "hours_per_week": 15, "start": "2024-06-01"},
    "status": "declined",
    "proposed_on": "2024-06-01",
    "decline_reason": "travel",
}  # fmt: skip


def _with(change: dict[str, Any]) -> dict[str, Any]:
    placement = copy.deepcopy(PLACEMENT)
    for path, value in change.items():
        *parents, key = path.split(".")
        target = placement
        for parent in parents:
            target = target[parent]
        if value is None:
            del target[key]
        else:
            target[key] = value
    return participant("B-1", None, "Feil Fil", placements=[placement])


@pytest.mark.parametrize(
    ("change", "field", "reason"),
    [
        ({"status": "placed"}, "placements[0].status", 'unknown value "placed"'),
        ({"decline_reason": "bored"}, "placements[0].decline_reason", 'unknown value "bored"'),
        ({"employer.sector": "bakery"}, "placements[0].employer.sector", 'unknown value "bakery"'),
        (
            {"employer.orgnr": "982463719"},
            "placements[0].employer.orgnr",
            "not a valid organisation number: the number's checksum or check digit is invalid",
        ),
        (
            {"decline_reason": None},
            "placements[0].decline_reason",
            'required when status is "declined"',
        ),
    ],
    ids=["unknown-status", "unknown-reason", "unknown-sector", "orgnr-check-digit",
         "declined-without-reason"],
)  # fmt: skip
def test_a_bad_placement_is_rejected_naming_line_and_field_and_nothing_is_written(
    change: dict[str, Any], field: str, reason: str
) -> None:
    good = participant("A-1", None, "God Fil", placements=[PLACEMENT])
    with pytest.raises(ImportRejected) as rejected:
        case_facts_import(stream=io.BytesIO(jsonl([good, _with(change)])))
    errors = [str(e) for e in rejected.value.errors]
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"line 2: {field}: {reason}")
    assert not cases.ProgrammeCase.objects.exists()
    assert not Employer.objects.exists()
    assert not PlacementOffer.objects.exists()
    assert not Placement.objects.exists()


def test_an_employer_is_never_changed_by_an_import(db: Any) -> None:
    registered = employer(orgnr=ORGNRS[2], name="Kiwi 512 Grünerløkka", sector="grocery",
                          ownership="private")  # fmt: skip
    other_sector = _with({"employer.sector": "shop"})
    with pytest.raises(ImportRejected) as rejected:
        case_facts_import(stream=io.BytesIO(jsonl([other_sector])))
    assert [str(e) for e in rejected.value.errors] == [
        "line 1: placements[0].employer.sector: differs from the registered employer "
        "(grocery); an import never changes it"
    ]
    assert not cases.ProgrammeCase.objects.exists()
    report = case_facts_import(stream=io.BytesIO(jsonl([_with({})])))
    assert [str(w) for w in report.warnings] == [
        "line 1: placements[0].employer.name: differs from the name on the registered "
        "employer, which is kept"
    ]
    registered.refresh_from_db()
    assert (registered.name, Employer.objects.count()) == ("Kiwi 512 Grünerløkka", 1)
    assert Placement.objects.get().offer.employer == registered


def test_the_same_employer_twice_in_a_file_must_agree(db: Any) -> None:
    first = participant("A-1", None, "Første", placements=[PLACEMENT])
    with pytest.raises(ImportRejected) as rejected:
        case_facts_import(stream=io.BytesIO(jsonl([first, _with({"employer.ownership": "state"})])))
    assert [str(e) for e in rejected.value.errors] == [
        "line 2: placements[0].employer.ownership: differs from the same organisation number "
        "on line 1 (private)"
    ]
