"""The findings report as plain data for one reader and one language.

The findings page, the PDF, the Excel workbook and the command line all show the same
report; this module builds it once: per criterion and district, the computed and the
assessed count in the report's phrasing, the cases behind each (by case number or pseudonym,
as the reader may see them), and the sample with its frame and exclusions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import translation

from introsak.accounts.models import Visitor
from introsak.audits.domain.access import revealed_rows
from introsak.audits.domain.criteria import title_in
from introsak.audits.domain.findings import AuditFindings, CaseRef, Cell, findings_compute
from introsak.audits.enums import CriterionKind, ExclusionReason, Outcome
from introsak.audits.models import Audit, FrameCase


@dataclass(frozen=True)
class CaseLink:
    label: str
    frame_case_id: int


@dataclass
class CellView:
    district: str
    district_slug: str
    computed: str
    assessed: str
    computed_n: int
    computed_of: int
    assessed_n: int
    assessed_of: int
    not_applicable: int
    not_determined: int
    assessments: int
    behind_computed: list[CaseLink]
    behind_assessed: list[CaseLink]
    overridden: list[CaseLink]

    @property
    def differs(self) -> bool:
        return self.computed != self.assessed


@dataclass
class CriterionView:
    code: str
    title: str
    kind: str
    kind_label: str
    source: str
    cells: list[CellView]


@dataclass
class ExcludedView:
    label: str
    reason: str
    note: str


@dataclass
class DistrictSampleView:
    district: str
    frame: int
    eligible: int
    drawn: list[CaseLink]
    excluded: list[ExcludedView] = field(default_factory=list)


@dataclass
class ReportView:
    audit: Audit
    language: str
    as_of: date
    seed: int | None
    districts: list[str]
    criteria: list[CriterionView]
    sample: list[DistrictSampleView]
    pseudonymised: bool

    def as_json(self) -> dict[str, Any]:
        """The report as JSON-ready data (the command line's ``--format json``)."""
        audit = self.audit
        return {
            "audit": {
                "id": audit.pk,
                "name": audit.name,
                "kind": audit.kind,
                "districts": [d.slug for d in audit.districts.order_by("number")],
                "started_from": audit.started_from.isoformat(),
                "started_to": audit.started_to.isoformat(),
                "as_of": audit.as_of.isoformat(),
                "sample_size": audit.sample_size,
                "stratify": audit.stratify,
                "seed": self.seed,
            },
            "language": self.language,
            "sample": [
                {
                    "district": s.district,
                    "frame": s.frame,
                    "eligible": s.eligible,
                    "drawn": [c.label for c in s.drawn],
                    "excluded": [
                        {"case": e.label, "reason": e.reason, "note": e.note} for e in s.excluded
                    ],
                }
                for s in self.sample
            ],
            "findings": [
                {
                    "criterion": c.code,
                    "title": c.title,
                    "kind": c.kind,
                    "source": c.source,
                    "districts": [_cell_json(cell) for cell in c.cells],
                }
                for c in self.criteria
            ],
        }


def _cell_json(cell: CellView) -> dict[str, Any]:
    return {
        "district": cell.district_slug,
        "computed": {
            "n": cell.computed_n,
            "of": cell.computed_of,
            "sentence": cell.computed,
            "cases": [c.label for c in cell.behind_computed],
        },
        "assessed": {
            "n": cell.assessed_n,
            "of": cell.assessed_of,
            "sentence": cell.assessed,
            "cases": [c.label for c in cell.behind_assessed],
        },
        "overridden": [c.label for c in cell.overridden],
        "not_applicable": cell.not_applicable,
        "not_determined": cell.not_determined,
    }


def report_view(audit: Audit, *, user: Visitor | None, language: str) -> ReportView:
    """The report as ``user`` may see it (``None``: the command line) in ``language``."""
    findings = findings_compute(audit)
    frame = list(
        FrameCase.objects.filter(sample__audit=audit)
        .select_related("district", "case")
        .order_by("district__number", "rank")
    )
    revealed = revealed_rows(user, frame)
    with translation.override(language):
        criteria = _criteria(findings, revealed, language)
        sample = _sample(frame, revealed)
    seed = audit.sample.seed if hasattr(audit, "sample") else None
    return ReportView(
        audit=audit,
        language=language,
        as_of=audit.as_of,
        seed=seed,
        districts=[d.name for d in findings.districts],
        criteria=criteria,
        sample=sample,
        pseudonymised=len(revealed) < len(frame),
    )


def _links(cases: list[CaseRef], revealed: set[int]) -> list[CaseLink]:
    return [CaseLink(c.label(revealed), c.frame_case_id) for c in cases]


def _criteria(findings: AuditFindings, revealed: set[int], language: str) -> list[CriterionView]:
    out = []
    for criterion, cells in findings.rows():
        spec = cells[0].spec if cells else None
        out.append(
            CriterionView(
                code=criterion.code,
                title=title_in(spec, language) if spec else criterion.text,
                kind=criterion.kind,
                kind_label=str(CriterionKind(criterion.kind).label),
                source=spec.source if spec else "",
                cells=[_cell(cell, revealed, language) for cell in cells],
            )
        )
    return out


def _cell(cell: Cell, revealed: set[int], language: str) -> CellView:
    return CellView(
        district=cell.district.name,
        district_slug=cell.district.slug,
        computed=cell.sentence("computed", language),
        assessed=cell.sentence("assessed", language),
        computed_n=cell.n("computed"),
        computed_of=cell.of("computed"),
        assessed_n=cell.n("assessed"),
        assessed_of=cell.of("assessed"),
        not_applicable=len(cell.assessed.cases(Outcome.NOT_APPLICABLE)),
        not_determined=len(cell.assessed.cases(Outcome.OPEN)),
        assessments=cell.assessments,
        behind_computed=_links(cell.behind("computed"), revealed),
        behind_assessed=_links(cell.behind("assessed"), revealed),
        overridden=_links(cell.overridden, revealed),
    )


def _sample(frame: list[FrameCase], revealed: set[int]) -> list[DistrictSampleView]:
    by_district: dict[int, DistrictSampleView] = {}
    for row in frame:
        view = by_district.setdefault(
            row.district_id,
            DistrictSampleView(district=row.district.name, frame=0, eligible=0, drawn=[]),
        )
        label = row.case_number if row.pk in revealed else row.pseudonym
        view.frame += 1
        if row.exclusion:
            note = row.exclusion_note or (row.get_end_goal_display() if row.end_goal else "")
            view.excluded.append(
                ExcludedView(label, str(ExclusionReason(row.exclusion).label), str(note))
            )
            continue
        view.eligible += 1
        if row.drawn:
            view.drawn.append(CaseLink(label, row.pk))
    return list(by_district.values())
