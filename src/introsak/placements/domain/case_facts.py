"""The ``placements`` extension of the case facts: placements in import and export.

Registered with the case import and export in ``apps.PlacementsConfig.ready`` (``cases``
cannot import this app: ``cases.domain.contributions`` explains the inversion), so that
``introsak export`` → ``introsak import`` is lossless for placements too and the work-first
statistics over an exported file (``introsak stats VIEW --input FILE``) equal those over the
database. The format is documented in ``docs/case-facts.md`` ("placements").

Import, after the parser has checked every value:

* **Employers** are found by organisation number, or created from the file (no district, no
  contact details: the register's business). An import never changes a registered employer:
  a sector or ownership that differs from the register's (or from the same organisation
  number earlier in the file) is an error, since the statistics count by them; a different
  name is a warning, and the registered (or first) name is kept.
* **Offers** are found by everything the file says of one (employer, kind, title,
  occupation, start, and also hours and end, so that two offers that differ only in those do
  not merge and export → import stays lossless), or created *closed* (``open=False``:
  imported history never appears on the offers board) with as many places as the file's
  placements hold of it (at least one).
* **Placements**: re-importing a case replaces its placements by the file's. A placement with
  a start is linked to the case's activity of the kind it becomes
  (``casefacts.enums.ACTIVITY_OF_PLACEMENT_KIND``) with the same start, if the case has one
  (each activity to one placement). The case's count of declined offers (a worklist filter)
  is set from them.

Export reads every placement of the exported cases, oldest proposal first.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from typing import Any

from django.db.models import CharField, Model

from introsak.casefacts.enums import (
    ACTIVITY_OF_PLACEMENT_KIND,
    DeclineReason,
    Outcome,
    Ownership,
    PlacementKind,
    PlacementStatus,
    Sector,
)
from introsak.casefacts.model import CaseFacts, EmployerRecord, OfferRecord, PlacementRecord
from introsak.casefacts.parse import FieldError
from introsak.cases.domain.contributions import Checked, Contributor
from introsak.cases.models import Activity, ProgrammeCase
from introsak.placements.enums import HOLDING_STATUSES
from introsak.placements.models import Employer, Placement, PlacementOffer

_CHUNK = 2000
# employer pk, kind, title, occupation, start, end, hours per week
OfferKey = tuple[int, str, str, str, date, date | None, float]
_OFFER_FIELDS = ("employer_id", "kind", "title", "occupation", "start", "end", "hours_per_week")


def _chunks(values: Sequence[int]) -> Iterator[list[int]]:
    for start in range(0, len(values), _CHUNK):
        yield list(values[start : start + _CHUNK])


def _max_length(model: type[Model], name: str) -> int:
    field = model._meta.get_field(name)
    assert isinstance(field, CharField)
    return int(field.max_length or 0)


# --- check -------------------------------------------------------------------------------------


def check(records: Sequence[tuple[int, CaseFacts]]) -> Checked:
    """Texts longer than their columns, and employers that differ from the register's or
    from their first appearance in the file."""
    errors: list[FieldError] = []
    warnings: list[FieldError] = []
    limits = {"name": _max_length(Employer, "name"), "title": _max_length(PlacementOffer, "title")}
    orgnrs = sorted({p.employer.orgnr for _, f in records for p in f.placements})
    registered: dict[str, tuple[str, str, str, str]] = {}
    for start in range(0, len(orgnrs), _CHUNK):
        for orgnr, name, sector, ownership in Employer.objects.filter(
            orgnr__in=orgnrs[start : start + _CHUNK]
        ).values_list("orgnr", "name", "sector", "ownership"):
            registered[orgnr] = ("the registered employer", name, sector, ownership)
    for line, facts in records:
        for i, placement in enumerate(facts.placements):
            where = f"placements[{i}]"
            for text, key, field in (
                (placement.employer.name, "name", "employer.name"),
                (placement.offer.title, "title", "offer.title"),
            ):
                if len(text) > limits[key]:
                    reason = f"at most {limits[key]} characters, got {len(text)}"
                    errors.append(FieldError(line, f"{where}.{field}", reason))
            _check_employer(line, where, placement.employer, registered, errors, warnings)
    return errors, warnings


def _check_employer(
    line: int,
    where: str,
    employer: EmployerRecord,
    known: dict[str, tuple[str, str, str, str]],
    errors: list[FieldError],
    warnings: list[FieldError],
) -> None:
    found = known.setdefault(
        employer.orgnr,
        (f"line {line}", employer.name, employer.sector.value, employer.ownership.value),
    )
    source, name, sector, ownership = found
    for key, value, expected in (
        ("sector", employer.sector.value, sector),
        ("ownership", employer.ownership.value, ownership),
    ):
        if value != expected:
            reason = f"differs from the same organisation number on {source} ({expected})"
            if source.startswith("the registered"):
                reason = f"differs from {source} ({expected}); an import never changes it"
            errors.append(FieldError(line, f"{where}.employer.{key}", reason))
    if employer.name != name:  # names are not repeated in messages
        reason = f"differs from the name on {source}, which is kept"
        warnings.append(FieldError(line, f"{where}.employer.name", reason))


# --- write -------------------------------------------------------------------------------------


def write(cases: Sequence[tuple[int, CaseFacts]]) -> None:
    """Replace the placements of the imported cases by theirs (inside the import's
    transaction); create the employers and offers they need."""
    case_pks = [pk for pk, _ in cases]
    for chunk in _chunks(case_pks):
        Placement.objects.filter(case_id__in=chunk).delete()
        ProgrammeCase.objects.filter(pk__in=chunk).exclude(declined_offers=0).update(
            declined_offers=0
        )
    placed = [(pk, p) for pk, facts in cases for p in facts.placements]
    if not placed:
        return
    employers = _employers([p for _, p in placed])
    offers = _offers([p for _, p in placed], employers)
    activities = _activities([pk for pk, p in placed if p.start is not None])
    rows: list[Placement] = []
    for case_pk, p in placed:
        offer_pk = offers[_offer_key(employers[p.employer.orgnr], p.offer)]
        kind = ACTIVITY_OF_PLACEMENT_KIND[p.offer.kind].value
        free = activities.get((case_pk, kind, p.start)) if p.start is not None else None
        rows.append(
            Placement(
                case_id=case_pk,
                offer_id=offer_pk,
                activity_id=free.pop(0) if free else None,
                **placement_values(p),
            )
        )
    Placement.objects.bulk_create(rows, batch_size=_CHUNK)
    declined = Counter(pk for pk, p in placed if p.status is PlacementStatus.DECLINED)
    by_count: defaultdict[int, list[int]] = defaultdict(list)
    for case_pk, count in declined.items():
        by_count[count].append(case_pk)
    for count, pks in by_count.items():
        for chunk in _chunks(pks):
            ProgrammeCase.objects.filter(pk__in=chunk).update(declined_offers=count)


def placement_values(p: PlacementRecord) -> dict[str, Any]:
    """A placement's own columns (not its case, offer and activity)."""
    return {
        "status": p.status.value,
        "proposed_on": p.proposed_on,
        "offered_on": p.offered_on,
        "answered_on": p.answered_on,
        "decline_reason": p.decline_reason.value if p.decline_reason else "",
        "decline_note": p.decline_note or "",
        "start": p.start,
        "end": p.end,
        "hours_per_week": p.hours_per_week,
        "ended_on": p.ended_on,
        "evaluation_on": p.evaluation_on,
        "evaluation": p.evaluation or "",
        "outcome": p.outcome.value if p.outcome else "",
    }


def _employers(placements: list[PlacementRecord]) -> dict[str, int]:
    """orgnr → employer pk: the registered ones, and the others created from the file."""
    first: dict[str, EmployerRecord] = {}
    for p in placements:
        first.setdefault(p.employer.orgnr, p.employer)
    orgnrs = sorted(first)
    found: dict[str, int] = {}
    for start in range(0, len(orgnrs), _CHUNK):
        found.update(
            Employer.objects.filter(orgnr__in=orgnrs[start : start + _CHUNK]).values_list(
                "orgnr", "pk"
            )
        )
    new = [
        Employer(orgnr=e.orgnr, name=e.name, sector=e.sector.value, ownership=e.ownership.value)
        for orgnr, e in first.items()
        if orgnr not in found
    ]
    Employer.objects.bulk_create(new, batch_size=_CHUNK)
    found.update((e.orgnr, e.pk) for e in new)
    return found


def _offer_key(employer_pk: int, o: OfferRecord) -> OfferKey:
    return (employer_pk, o.kind.value, o.title, o.occupation, o.start, o.end, o.hours_per_week)


def _offers(placements: list[PlacementRecord], employers: dict[str, int]) -> dict[OfferKey, int]:
    """The offers' keys (``OfferKey``) → offer pk; missing offers created closed."""
    first: dict[OfferKey, OfferRecord] = {}
    held: Counter[OfferKey] = Counter()
    for p in placements:
        key = _offer_key(employers[p.employer.orgnr], p.offer)
        first.setdefault(key, p.offer)
        held[key] += p.status in HOLDING_STATUSES
    found: dict[OfferKey, int] = {}
    employer_pks = sorted({key[0] for key in first})
    for chunk in _chunks(employer_pks):
        stored = PlacementOffer.objects.filter(employer_id__in=chunk).order_by("-pk")
        for offer in stored.only(*_OFFER_FIELDS):
            key = (offer.employer_id, offer.kind, offer.title, offer.occupation, offer.start,
                   offer.end, offer.hours_per_week)  # fmt: skip
            found[key] = offer.pk  # the oldest wins
    new = {
        key: PlacementOffer(
            employer_id=key[0],
            kind=o.kind.value,
            title=o.title,
            occupation=o.occupation,
            hours_per_week=o.hours_per_week,
            start=o.start,
            end=o.end,
            capacity=max(1, held[key]),
            open=False,
        )
        for key, o in first.items()
        if key not in found
    }
    PlacementOffer.objects.bulk_create(new.values(), batch_size=_CHUNK)
    found.update((key, offer.pk) for key, offer in new.items())
    return found


def _activities(case_pks: list[int]) -> dict[tuple[int, str, date], list[int]]:
    """(case pk, kind, start) → the case's activities of that kind and start, oldest first."""
    found: defaultdict[tuple[int, str, date], list[int]] = defaultdict(list)
    for chunk in _chunks(sorted(set(case_pks))):
        rows = Activity.objects.filter(case_id__in=chunk).order_by("pk")
        for pk, case_pk, kind, start in rows.values_list("pk", "case_id", "kind", "start"):
            found[(case_pk, kind, start)].append(pk)
    return found


# --- read --------------------------------------------------------------------------------------


def read(case_pks: Sequence[int]) -> Mapping[int, dict[str, Any]]:
    """case pk → ``{"placements": (...)}`` for the cases that have placements."""
    found: defaultdict[int, list[PlacementRecord]] = defaultdict(list)
    for chunk in _chunks(case_pks):
        rows = (
            Placement.objects.filter(case_id__in=chunk)
            .select_related("offer__employer")
            .order_by("case_id", "proposed_on", "pk")
        )
        for placement in rows:
            found[placement.case_id].append(placement_record(placement))
    return {pk: {"placements": tuple(items)} for pk, items in found.items()}


def _opt(text: str) -> str | None:
    """A free text as the format has it: none when blank, else exactly as stored."""
    return text if text.strip() else None


def placement_record(p: Placement) -> PlacementRecord:
    """The placement as the case facts carry it (with its offer and employer loaded)."""
    offer, employer = p.offer, p.offer.employer
    return PlacementRecord(
        employer=EmployerRecord(
            orgnr=employer.orgnr,
            name=employer.name,
            sector=Sector(employer.sector),
            ownership=Ownership(employer.ownership),
        ),
        offer=OfferRecord(
            kind=PlacementKind(offer.kind),
            title=offer.title,
            occupation=offer.occupation,
            hours_per_week=offer.hours_per_week,
            start=offer.start,
            end=offer.end,
        ),
        status=PlacementStatus(p.status),
        proposed_on=p.proposed_on,
        offered_on=p.offered_on,
        answered_on=p.answered_on,
        decline_reason=DeclineReason(p.decline_reason) if p.decline_reason else None,
        decline_note=_opt(p.decline_note),
        start=p.start,
        end=p.end,
        hours_per_week=p.hours_per_week,
        ended_on=p.ended_on,
        evaluation_on=p.evaluation_on,
        evaluation=_opt(p.evaluation),
        outcome=Outcome(p.outcome) if p.outcome else None,
    )


CONTRIBUTOR = Contributor(name="placements", check=check, write=write, read=read)
