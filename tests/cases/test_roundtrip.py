"""Export → import is lossless on the demo data (every field, extensions included)."""

from __future__ import annotations

import io
from datetime import date

import pytest

from introsak.casefacts.parse import iter_records
from introsak.casefacts.serialize import dumps_case
from introsak.cases import models
from introsak.cases.domain.exporting import case_facts_export, exportable_cases
from introsak.cases.domain.importing import case_facts_import
from introsak_demo.generator import generate

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

AS_OF = date(2024, 8, 7)


def _export() -> str:
    out = io.StringIO()
    case_facts_export(out=out, cases=exportable_cases(include_strictly_confidential=True))
    return out.getvalue()


def _import(text: str) -> None:
    case_facts_import(stream=io.StringIO(text), as_of=AS_OF, missing_users="create")


def test_demo_data_round_trip_is_lossless() -> None:
    demo = generate(seed=2024, as_of=AS_OF)
    source = "".join(dumps_case(c) + "\n" for c in sorted(demo.cases, key=lambda c: c.case_id))
    _import(source)

    first = _export()
    exported = [
        r.case for r in iter_records(io.StringIO(first), allow_synthetic_ids=True, as_of=None)
    ]
    assert exported == sorted(demo.cases, key=lambda c: c.case_id)
    assert first == source

    for model in (models.CaseFinding, models.JournalNote, models.ProgrammeCase, models.Person):
        model.objects.all().delete()
    _import(first)
    assert _export() == first
