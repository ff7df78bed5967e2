"""Findings: per criterion and district, the counts in the report's phrasing.

Two counts are kept side by side and never mixed silently:

- **computed**: the control forms' outcomes as the data give them;
- **assessed**: the auditor's outcome where they assessed the entry, else the computed one.

Each count lists the cases behind it. ``of`` counts the cases with a determined outcome (met
or not met); not applicable and not determined cases are reported beside it. Documentation
criteria (mapping, three-party meetings, practice) count every sampled case; those where the
legal duty did not apply are counted and said beside the count.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from introsak.audits.domain.criteria import CriterionSpec, ManualSpec, count_sentence, spec_for
from introsak.audits.enums import Outcome
from introsak.audits.models import Audit, AuditCriterion, ControlFormEntry
from introsak.core.models import District


@dataclass(frozen=True, slots=True)
class CaseRef:
    """A sampled case as findings refer to it."""

    frame_case_id: int
    pseudonym: str
    case_number: str
    district_id: int

    def label(self, revealed: set[int]) -> str:
        """The case number for a user who may see it (``revealed`` frame-row ids), else the
        pseudonym."""
        return self.case_number if self.frame_case_id in revealed else self.pseudonym


@dataclass
class Tally:
    by_outcome: dict[Outcome, list[CaseRef]] = field(
        default_factory=lambda: {outcome: [] for outcome in Outcome}
    )

    def add(self, outcome: Outcome, case: CaseRef) -> None:
        self.by_outcome[outcome].append(case)

    def cases(self, outcome: Outcome) -> list[CaseRef]:
        return self.by_outcome[outcome]

    @property
    def of(self) -> int:
        return len(self.by_outcome[Outcome.YES]) + len(self.by_outcome[Outcome.NO])


@dataclass
class Cell:
    """One criterion in one district."""

    criterion: AuditCriterion
    spec: CriterionSpec | ManualSpec
    district: District
    computed: Tally = field(default_factory=Tally)
    assessed: Tally = field(default_factory=Tally)
    overridden: list[CaseRef] = field(default_factory=list)
    assessments: int = 0
    # Counted cases (met or not met) where the rule said the legal duty did not apply.
    without_duty: dict[str, list[CaseRef]] = field(
        default_factory=lambda: {"computed": [], "assessed": []}
    )

    @property
    def counted(self) -> Outcome:
        return self.spec.counts

    def n(self, which: str = "assessed") -> int:
        return len(self._tally(which).cases(self.counted))

    def of(self, which: str = "assessed") -> int:
        return self._tally(which).of

    def behind(self, which: str = "assessed") -> list[CaseRef]:
        """The cases the count's ``n`` counts."""
        return self._tally(which).cases(self.counted)

    def sentence(self, which: str = "assessed", language: str = "nb") -> str:
        return count_sentence(
            self.spec, n=self.n(which), of=self.of(which), language=language,
            without_duty=len(self.without_duty[which]),
        )  # fmt: skip

    def _tally(self, which: str) -> Tally:
        return self.computed if which == "computed" else self.assessed


@dataclass
class AuditFindings:
    audit: Audit
    districts: list[District]
    criteria: list[AuditCriterion]
    cells: dict[tuple[int, int], Cell]

    def cell(self, criterion: AuditCriterion, district: District) -> Cell:
        return self.cells[(criterion.pk, district.pk)]

    def rows(self) -> Iterator[tuple[AuditCriterion, list[Cell]]]:
        for criterion in self.criteria:
            yield criterion, [self.cell(criterion, d) for d in self.districts]


def findings_compute(audit: Audit) -> AuditFindings:
    """The audit's findings from its control forms (drawn cases only). Two queries."""
    districts = list(audit.districts.order_by("number"))
    criteria = list(audit.criteria.all())
    cells = {
        (c.pk, d.pk): Cell(criterion=c, spec=spec_for(code=c.code, text=c.text), district=d)
        for c in criteria
        for d in districts
    }
    entries = (
        ControlFormEntry.objects.filter(
            form__frame_case__sample__audit=audit, form__frame_case__drawn=True
        )
        .select_related("form__frame_case")
        .order_by("form__frame_case__rank")
    )
    for entry in entries:
        row = entry.form.frame_case
        case = CaseRef(row.pk, row.pseudonym, row.case_number, row.district_id)
        cell = cells[(entry.criterion_id, row.district_id)]
        computed = Outcome(entry.computed_outcome)
        assessed = entry.assessed_outcome
        cell.computed.add(computed, case)
        cell.assessed.add(assessed, case)
        if entry.status == "not_applicable":
            for which, outcome in (("computed", computed), ("assessed", assessed)):
                if outcome in (Outcome.YES, Outcome.NO):
                    cell.without_duty[which].append(case)
        if entry.assessment:
            cell.assessments += 1
        if assessed != computed:
            cell.overridden.append(case)
    return AuditFindings(audit=audit, districts=districts, criteria=criteria, cells=cells)
