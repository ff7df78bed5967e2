"""Export of case facts as JSON Lines, streamed in chunks (constant memory)."""

from __future__ import annotations

from dataclasses import replace
from typing import IO

from django.conf import settings
from django.db.models import QuerySet

from introsak.casefacts.enums import ProtectedAddress
from introsak.casefacts.model import CaseFacts
from introsak.casefacts.serialize import dumps_case, pseudonymise
from introsak.cases import models
from introsak.cases.domain.contributions import contributed_fields
from introsak.cases.domain.facts import case_to_facts, facts_queryset


def exportable_cases(*, include_strictly_confidential: bool) -> QuerySet[models.ProgrammeCase]:
    """All cases, without strictly confidential persons unless asked for explicitly."""
    cases = models.ProgrammeCase.objects.all()
    if not include_strictly_confidential:
        cases = cases.exclude(person__protected_address=ProtectedAddress.STRICTLY_CONFIDENTIAL)
    return cases


def case_facts_export(
    *,
    out: IO[str],
    cases: QuerySet[models.ProgrammeCase],
    pseudonymised: bool = False,
    chunk_size: int = 2000,
) -> int:
    """Write one case-facts line per case, ordered by case number; return the count.

    With ``pseudonymised`` the case numbers and user names are replaced by keyed pseudonyms
    (``INTROSAK_PSEUDONYM_KEY``) and names, identity numbers, addresses and free text are
    removed. The facts feature apps keep (``placements``) come from the registered
    contributors (``contributions``). Side effects: none besides writing to ``out``.
    """
    key = settings.INTROSAK_PSEUDONYM_KEY.encode()
    count = 0
    chunk: list[tuple[int, CaseFacts]] = []
    for case in facts_queryset(cases.order_by("case_id")).iterator(chunk_size=chunk_size):
        chunk.append((case.pk, case_to_facts(case)))
        if len(chunk) >= chunk_size:
            count += _write_chunk(out, chunk, key if pseudonymised else None)
            chunk = []
    return count + _write_chunk(out, chunk, key if pseudonymised else None)


def _write_chunk(out: IO[str], chunk: list[tuple[int, CaseFacts]], key: bytes | None) -> int:
    """Write the cases with the fields feature apps keep (``contributions``): one query per
    contributor per chunk."""
    extra = contributed_fields([pk for pk, _ in chunk]) if chunk else {}
    for pk, facts in chunk:
        if pk in extra:
            facts = replace(facts, **extra[pk])
        if key is not None:
            facts = pseudonymise(facts, key)
        out.write(dumps_case(facts))
        out.write("\n")
    return len(chunk)
