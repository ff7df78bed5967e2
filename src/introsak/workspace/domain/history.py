"""Who recorded each event of a case and how it was completed or corrected since.

``event_histories`` reads a case's corrections and the staff who recorded or corrected its
events from the rows read with the case (``single.case_rows``): no query of its own,
whatever the number of events and corrections. Values are shown
the way the case page shows them (dates as ``dd.mm.yyyy`` in bokmål, choices by their
labels, yes/no).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from django.db.models import BooleanField, DateField, FloatField, Model
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from introsak.accounts.models import User
from introsak.cases import models as m
from introsak.cases.domain.facts import CaseLists
from introsak.cases.enums import EventKind
from introsak.core.formats import short_date
from introsak.core.reversing import fast_reverse

MODELS: dict[str, type[Model]] = {
    EventKind.MEETING.value: m.Meeting,
    EventKind.ACTIVITY.value: m.Activity,
    EventKind.LEAVE.value: m.Leave,
    EventKind.EXTENSION.value: m.Extension,
    EventKind.RECOGNITION.value: m.EducationRecognition,
}


@dataclass(frozen=True)
class ChangedValue:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class CorrectionView:
    at: datetime
    by: str  # the user's display name ("" when the account is gone)
    reason: str
    changes: list[ChangedValue]


@dataclass(frozen=True)
class EventHistory:
    """One recorded event: who recorded it ("" when it was imported) and its corrections,
    oldest first."""

    kind: str
    pk: int
    recorded_by: str
    corrections: list[CorrectionView]
    correct_href: str  # the form that completes or corrects the event


def event_key(kind: str, pk: int | None) -> str:
    """The history's key of an event: ``meeting-12``; the case's one recognition of
    education is ``recognition`` (its row is replaced when it is recorded again)."""
    return kind if kind == EventKind.RECOGNITION else f"{kind}-{pk}"


def shown_value(model: type[Model], name: str, value: object) -> str:
    """A stored value (as ``EventCorrection.changes`` holds it) as the case page shows it."""
    if value is None or value == "":
        return "–"
    field = model._meta.get_field(name)
    choices = getattr(field, "flatchoices", None)
    if choices:
        return str(dict(choices).get(value, value))
    if isinstance(field, BooleanField):
        return _("Yes") if value else _("No")
    if isinstance(field, DateField) and isinstance(value, str):
        return short_date(date.fromisoformat(value))
    if isinstance(field, FloatField) and isinstance(value, int | float):
        return number_format(value, decimal_pos=1 if value % 1 else 0)
    return str(value)


def _label(model: type[Model], name: str) -> str:
    return str(capfirst(getattr(model._meta.get_field(name), "verbose_name", name)))


def correction_view(row: m.EventCorrection) -> CorrectionView:
    model = MODELS[row.event]
    return CorrectionView(
        at=row.at,
        by=row.user.identified_name() if row.user else "",
        reason=row.reason,
        changes=[
            ChangedValue(
                label=_label(model, change["field"]),
                old=shown_value(model, change["field"], change["old"]),
                new=shown_value(model, change["field"], change["new"]),
            )
            for change in row.changed
        ],
    )


def _events(case: m.ProgrammeCase, lists: CaseLists) -> list[tuple[str, Model]]:
    events: list[tuple[str, Model]] = [
        *((EventKind.MEETING.value, x) for x in lists.meetings),
        *((EventKind.ACTIVITY.value, x) for x in lists.activities),
        *((EventKind.LEAVE.value, x) for x in lists.leaves),
        *((EventKind.EXTENSION.value, x) for x in lists.extensions),
    ]
    recognition = getattr(case, "education_recognition", None)
    if recognition is not None:
        events.append((EventKind.RECOGNITION.value, recognition))
    return events


def event_histories(
    case: m.ProgrammeCase,
    lists: CaseLists,
    corrections: Sequence[m.EventCorrection],
    staff: Mapping[int, User],
) -> dict[str, EventHistory]:
    """Every recorded event of the case by ``event_key``, with who recorded it and its
    corrections (oldest first, each with its user), from the case's rows
    (``single.case_rows``: ``staff`` holds every user they name); corrections of events no
    longer in the case (replaced by a re-import) are left out."""
    by_event: dict[str, list[CorrectionView]] = {}
    for row in corrections:
        key = event_key(row.event, row.event_id)
        by_event.setdefault(key, []).append(correction_view(row))
    return {
        (key := event_key(kind, row.pk)): EventHistory(
            kind=kind,
            pk=row.pk,
            recorded_by=_name(staff, getattr(row, "recorded_by_id", None)),
            corrections=by_event.get(key, []),
            correct_href=fast_reverse("workspace:correct", case.pk, kind, row.pk),
        )
        for kind, row in _events(case, lists)
    }


def _name(staff: Mapping[int, User], user_pk: int | None) -> str:
    user = staff.get(user_pk) if user_pk is not None else None
    return user.identified_name() if user is not None else ""


def anonymous(history: EventHistory) -> EventHistory:
    """The history as a pseudonymised view shows it: no staff names, no reasons and no
    values (minutes and reasons are free text), only when and which fields changed."""
    return replace(
        history,
        recorded_by="",
        corrections=[
            replace(
                c,
                by="",
                reason="",
                changes=[ChangedValue(label=x.label, old="", new="") for x in c.changes],
            )
            for c in history.corrections
        ],
    )
