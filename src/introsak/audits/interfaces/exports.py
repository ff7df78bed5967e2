"""The audit's exports: the findings report as tagged PDF and as Excel, and the raw control
forms as JSON Lines.

Identities follow the reader: case numbers where they may see them, pseudonyms elsewhere,
and no free text about the person (an activity's workplace) in pseudonymised exports.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from introsak.audits.domain.criteria import spec_for, title_in
from introsak.audits.domain.evidence import describe
from introsak.audits.enums import Assessment, Outcome
from introsak.audits.interfaces.report import ReportView
from introsak.audits.models import Audit, ControlFormEntry, FrameCase
from introsak.cases.enums import FindingStatus
from introsak.core.pdf import tagged_pdf
from introsak.core.tabular import Cell, xlsx_bytes


def _label(row: FrameCase, revealed: set[int]) -> str:
    return row.case_number if row.pk in revealed else row.pseudonym


def _evidence(entry: ControlFormEntry, revealed: bool) -> list[dict[str, Any]]:
    if revealed:
        return list(entry.evidence)
    return [{k: v for k, v in item.items() if k != "provider"} for item in entry.evidence]


def _entries(row: FrameCase) -> list[ControlFormEntry]:
    form = getattr(row, "control_form", None)
    return list(form.entries.all()) if form is not None else []


def control_forms_jsonl(audit: Audit, rows: Iterable[FrameCase], revealed: set[int]) -> bytes:
    """One JSON line per control form (``drawn_rows``): the case, the computed snapshot and
    the auditor's assessment per criterion."""
    lines = []
    for row in rows:
        shown = row.pk in revealed
        entries = _entries(row)
        lines.append(
            json.dumps(
                {
                    "audit": audit.pk,
                    "as_of": audit.as_of.isoformat(),
                    "case": _label(row, revealed),
                    "pseudonym": row.pseudonym,
                    "district": row.district.slug,
                    "rank": row.rank,
                    "residence_group": row.residence_group,
                    "prefilled_at": row.control_form.prefilled_at.isoformat() if entries else None,
                    "entries": [_entry_json(e, shown) for e in entries],
                },
                ensure_ascii=False,
                sort_keys=False,
            )
        )
    return ("\n".join(lines) + "\n").encode() if lines else b""


def _entry_json(entry: ControlFormEntry, shown: bool) -> dict[str, Any]:
    criterion = entry.criterion
    return {
        "criterion": criterion.code or criterion.text,
        "kind": criterion.kind,
        "status": entry.status or None,
        "deadline": entry.deadline.isoformat() if entry.deadline else None,
        "satisfied_on": entry.satisfied_on.isoformat() if entry.satisfied_on else None,
        "computed_outcome": entry.computed_outcome,
        "explanation": {"nb": entry.explanation_nb, "en": entry.explanation_en},
        "evidence": _evidence(entry, shown),
        "assessment": entry.assessment or None,
        "assessed_outcome": entry.assessed_outcome.value,
        "comment": entry.comment,
        "assessed_by": entry.assessed_by.username if entry.assessed_by else None,
        "assessed_at": entry.assessed_at.isoformat() if entry.assessed_at else None,
    }


def findings_xlsx(report: ReportView, rows: Iterable[FrameCase], revealed: set[int]) -> bytes:
    """The report as a workbook: findings, control forms (one row per criterion and case)
    and the sample."""
    with translation.override(report.language):
        return xlsx_bytes(
            [
                (_("Findings"), _findings_header(), _findings_rows(report)),
                (_("Control forms"), _forms_header(), _forms_rows(rows, revealed, report.language)),
                (_("Sample"), _sample_header(), _sample_rows(report)),
            ]
        )


def _findings_header() -> list[str]:
    return [
        _("Criterion"),
        _("Title"),
        _("District"),
        _("Computed: n"),
        _("Computed: of"),
        _("Computed"),
        _("Assessed: n"),
        _("Assessed: of"),
        _("After assessment"),
        _("Overridden"),
        _("Not applicable"),
        _("Not determined"),
        _("Cases counted"),
    ]


def _findings_rows(report: ReportView) -> list[list[Cell]]:
    return [
        [
            c.code or "–",
            c.title,
            cell.district,
            cell.computed_n,
            cell.computed_of,
            cell.computed,
            cell.assessed_n,
            cell.assessed_of,
            cell.assessed,
            ", ".join(x.label for x in cell.overridden),
            cell.not_applicable,
            cell.not_determined,
            ", ".join(x.label for x in cell.behind_assessed),
        ]
        for c in report.criteria
        for cell in c.cells
    ]


def _forms_header() -> list[str]:
    return [
        _("Case"),
        _("District"),
        _("Criterion"),
        _("Rule status"),
        _("Deadline"),
        _("Fulfilled on"),
        _("Computed"),
        _("Assessment"),
        _("Counts as"),
        _("Comment"),
        _("Explanation"),
        _("Evidence"),
    ]


def _forms_rows(rows: Iterable[FrameCase], revealed: set[int], language: str) -> list[list[Cell]]:
    out: list[list[Cell]] = []
    for row in rows:
        shown = row.pk in revealed
        for e in _entries(row):
            spec = spec_for(code=e.criterion.code, text=e.criterion.text)
            out.append(
                [
                    _label(row, revealed),
                    row.district.name,
                    title_in(spec, language),
                    str(FindingStatus(e.status).label) if e.status else "",
                    e.deadline,
                    e.satisfied_on,
                    str(Outcome(e.computed_outcome).label),
                    str(Assessment(e.assessment).label) if e.assessment else "",
                    str(e.assessed_outcome.label),
                    e.comment,
                    e.explanation(language),
                    "; ".join(describe(item, reveal=shown) for item in e.evidence),
                ]
            )
    return out


def _sample_header() -> list[str]:
    return [_("District"), _("Case"), _("Drawn"), _("Excluded because"), _("Note")]


def _sample_rows(report: ReportView) -> list[list[Cell]]:
    out: list[list[Cell]] = []
    for district in report.sample:
        out += [[district.district, c.label, _("yes"), "", ""] for c in district.drawn]
        out += [[district.district, e.label, _("no"), e.reason, e.note] for e in district.excluded]
    return out


def findings_pdf(report: ReportView) -> bytes:
    """The report as a tagged PDF (PDF/UA-1): headings, tables with header cells, language
    and title set, so screen readers can read it."""
    with translation.override(report.language):
        html = render_to_string("audits/report_pdf.html", {"report": report})
    return tagged_pdf(html)
