"""The exports, read back: the PDF (text and tagging), the Excel workbook and the raw control
forms as JSON Lines."""

from __future__ import annotations

import io
import json
from datetime import datetime
from zoneinfo import ZoneInfo

from openpyxl import load_workbook
from pypdf import PdfReader

from introsak.audits.domain.control_forms import assessment_record, drawn_rows
from introsak.audits.interfaces.exports import control_forms_jsonl, findings_pdf, findings_xlsx
from introsak.audits.interfaces.report import report_view
from introsak.audits.models import Audit, ControlFormEntry
from tests.audits.conftest import auditor
from tests.pdfs import is_tagged, language


def _report(audit: Audit, language: str = "nb"):  # type: ignore[no-untyped-def]
    return report_view(audit, user=None, language=language)


def test_pdf_is_tagged_and_holds_the_findings(report_audit: Audit) -> None:
    reader = PdfReader(io.BytesIO(findings_pdf(_report(report_audit))))
    text = " ".join((page.extract_text() or "") for page in reader.pages)
    flat = " ".join(text.split())
    assert "10 av 15 startet ikke innen 3 måneder" in flat
    assert "Trekantsamtaler var dokumentert i 4 av 15 saker" in flat
    assert (
        "Integreringskontrakt var inngått for 0 av 2 deltakere med annet oppholdsgrunnlag" in flat
    )
    assert is_tagged(reader)
    assert language(reader) == "nb"
    assert reader.metadata is not None
    assert reader.metadata.title == "Funn: Arbeidsintegrering av flyktninger"


def test_pdf_in_english(report_audit: Audit) -> None:
    reader = PdfReader(io.BytesIO(findings_pdf(_report(report_audit, "en"))))
    flat = " ".join(" ".join((p.extract_text() or "") for p in reader.pages).split())
    assert "6 of 15 did not start within 3 months" in flat
    assert language(reader) == "en"


def test_excel_holds_findings_control_forms_and_sample(report_audit: Audit) -> None:
    rows = list(drawn_rows(report_audit))
    revealed = {r.pk for r in rows}
    workbook = load_workbook(io.BytesIO(findings_xlsx(_report(report_audit), rows, revealed)))
    assert workbook.sheetnames == ["Funn", "Kontrollskjemaer", "Utvalg"]
    findings = [list(r) for r in workbook["Funn"].iter_rows(values_only=True)]
    assert findings[0][:6] == [
        "Kriterium",
        "Tittel",
        "Bydel",
        "Beregnet: antall",
        "Beregnet: av",
        "Beregnet",
    ]
    start = [r for r in findings if r[0] == "START-01"]
    assert [(r[2], r[3], r[4], r[5]) for r in start] == [
        ("St. Hanshaugen", 10, 15, "10 av 15 startet ikke innen 3 måneder"),
        ("Østensjø", 6, 15, "6 av 15 startet ikke innen 3 måneder"),
    ]
    assert workbook["Kontrollskjemaer"].max_row == 1 + 30 * 5
    sample = [list(r) for r in workbook["Utvalg"].iter_rows(min_row=2, values_only=True)]
    assert len([r for r in sample if r[2] == "ja"]) == 30
    assert sorted(r[1] for r in sample if r[2] == "nei") == ["OS-X1", "SH-X1"]


def test_jsonl_has_one_control_form_per_drawn_case(report_audit: Audit) -> None:
    revisor = auditor()
    entry = ControlFormEntry.objects.get(
        form__frame_case__case_number="SH-03", criterion__code="TRI-01"
    )
    assessment_record(
        entry=entry,
        assessment="held_not_documented",
        comment="Holdt på telefon med lærer",
        by=revisor,
    )
    rows = list(drawn_rows(report_audit))
    lines = control_forms_jsonl(report_audit, rows, set()).decode().splitlines()
    forms = [json.loads(line) for line in lines]
    assert len(forms) == 30
    assert {f["case"][:2] for f in forms} == {"P-"}
    sh03 = next(
        f
        for f in forms
        if f["pseudonym"] == next(r.pseudonym for r in rows if r.case_number == "SH-03")
    )
    tri = next(e for e in sh03["entries"] if e["criterion"] == "TRI-01")
    assert (
        tri["status"],
        tri["computed_outcome"],
        tri["assessment"],
        tri["assessed_outcome"],
        tri["comment"],
        tri["assessed_by"],
    ) == ("overdue", "no", "held_not_documented", "no", "Holdt på telefon med lærer", "revisor")
    assert [e["documented"] for e in tri["evidence"] if e["kind"] == "meeting"] == [False] * 3
    practice = next(
        f
        for f in forms
        if any(
            e["criterion"] == "PRACTICE" and e["computed_outcome"] == "yes" for e in f["entries"]
        )
    )
    evidence = next(e for e in practice["entries"] if e["criterion"] == "PRACTICE")["evidence"]
    assert all("provider" not in item for item in evidence)  # pseudonymised: no workplace


def test_export_timestamps_use_the_applications_clock(settings, report_data: None) -> None:  # type: ignore[no-untyped-def]
    """Issue 14.10: with the demo's frozen clock (``INTROSAK_AS_OF``) the control forms were
    stamped with the real date, years after the audit's own date."""
    from tests.audits.conftest import TODAY, make_report_audit

    settings.INTROSAK_AS_OF = TODAY
    audit = make_report_audit()
    entry = ControlFormEntry.objects.filter(form__frame_case__sample__audit=audit).first()
    assert entry is not None
    assessment_record(entry=entry, assessment="", comment="Sjekket mot journal", by=auditor())
    forms = [
        json.loads(line)
        for line in control_forms_jsonl(audit, list(drawn_rows(audit)), set()).decode().splitlines()
    ]
    stamps = [f["prefilled_at"] for f in forms] + [
        e["assessed_at"] for f in forms for e in f["entries"] if e["assessed_at"]
    ]
    assert len(stamps) == len(forms) + 1
    # Stamps are ISO datetimes with their offset; the day is the day in Oslo (the stamp of a
    # save at 00:30 in Oslo is 22:30 the day before in UTC).
    oslo = ZoneInfo("Europe/Oslo")
    days = {datetime.fromisoformat(stamp).astimezone(oslo).date() for stamp in stamps}
    assert days == {TODAY}
