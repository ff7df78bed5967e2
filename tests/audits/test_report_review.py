"""The audit report's case-file review, redone from the data: the same counts, in its words."""

from __future__ import annotations

from introsak.audits.domain.findings import findings_compute
from introsak.audits.enums import ExclusionReason, Outcome
from introsak.audits.models import Audit, FrameCase

EXPECTED_NB = {
    "START-01": {
        "st_hanshaugen": "10 av 15 startet ikke innen 3 måneder",
        "ostensjo": "6 av 15 startet ikke innen 3 måneder",
    },
    "MAP-01": {
        "st_hanshaugen": "Kompetansekartlegging var journalført for 15 av 15 deltakere",
        "ostensjo": "Kompetansekartlegging var journalført for 12 av 15 deltakere",
    },
    "CONTRACT-01": {
        "st_hanshaugen": "Integreringskontrakt var inngått for 0 av 2 deltakere med annet "
        "oppholdsgrunnlag",
        "ostensjo": "Integreringskontrakt var inngått for 4 av 4 deltakere med annet "
        "oppholdsgrunnlag",
    },
    "TRI-01": {
        "st_hanshaugen": "Trekantsamtaler var dokumentert i 4 av 15 saker",
        "ostensjo": "Trekantsamtaler var dokumentert i 10 av 15 saker",
    },
    "PRACTICE": {
        "st_hanshaugen": "6 av 15 hadde hatt språk- eller arbeidspraksis",
        "ostensjo": "5 av 15 hadde hatt språk- eller arbeidspraksis",
    },
}

EXPECTED_EN = {
    "START-01": {"st_hanshaugen": "10 of 15 did not start within 3 months"},
    "MAP-01": {"ostensjo": "Competence mapping was documented for 12 of 15 participants"},
    "CONTRACT-01": {
        "st_hanshaugen": "An integration contract had been signed for 0 of 2 "
        "participants with another residence basis"
    },
    "TRI-01": {"st_hanshaugen": "Three-party meetings were documented in 4 of 15 cases"},
    "PRACTICE": {"ostensjo": "5 of 15 had had language or work practice"},
}


def _sentences(audit: Audit, language: str) -> dict[str, dict[str, str]]:
    findings = findings_compute(audit)
    return {
        criterion.code: {cell.district.slug: cell.sentence("computed", language) for cell in cells}
        for criterion, cells in findings.rows()
    }


def test_review_gives_the_reports_counts_in_its_phrasing(report_audit: Audit) -> None:
    assert _sentences(report_audit, "nb") == EXPECTED_NB


def test_review_phrasing_in_english(report_audit: Audit) -> None:
    sentences = _sentences(report_audit, "en")
    for code, by_district in EXPECTED_EN.items():
        for district, sentence in by_district.items():
            assert sentences[code][district] == sentence


def test_sample_is_the_whole_eligible_frame(report_audit: Audit) -> None:
    frame = FrameCase.objects.filter(sample__audit=report_audit)
    assert frame.count() == 32  # 15 + 1 excluded per district; the early starters are outside
    assert frame.filter(drawn=True).count() == 30
    excluded = sorted(
        frame.filter(exclusion=ExclusionReason.END_GOAL).values_list("case_number", "end_goal")
    )
    assert excluded == [
        ("OS-X1", "upper_secondary_completion"),
        ("SH-X1", "upper_secondary_completion"),
    ]
    assert not frame.filter(case_number__endswith="-X2").exists()


def test_cases_behind_each_count_are_listed(report_audit: Audit) -> None:
    findings = findings_compute(report_audit)
    by_code = {criterion.code: cells for criterion, cells in findings.rows()}
    sh_contract = by_code["CONTRACT-01"][0]
    assert sh_contract.district.slug == "st_hanshaugen"
    assert sh_contract.behind("computed") == []
    not_met = sorted(c.case_number for c in sh_contract.computed.cases(Outcome.NO))
    assert not_met == ["SH-01", "SH-02"]
    sh_start = by_code["START-01"][0]
    late = sorted(c.case_number for c in sh_start.behind("computed"))
    assert late == [f"SH-{i + 1:02d}" for i in range(15) if i not in {2, 5, 8, 11, 14}]


def test_assessed_counts_equal_computed_before_any_assessment(report_audit: Audit) -> None:
    findings = findings_compute(report_audit)
    for _criterion, cells in findings.rows():
        for cell in cells:
            assert cell.sentence("assessed") == cell.sentence("computed")
            assert cell.overridden == []
