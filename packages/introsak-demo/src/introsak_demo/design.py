"""The demo's Oslo: per-district parameters of the generator.

Numbers come from two places, and the difference matters:

* ``Report(x)``: a figure the audit report states (its calibration target is in
  ``targets.yaml`` with the source lines; the value here is the point the generator aims at
  inside a stated range).
* ``Choice(x)``: the report is silent, so this is our choice, made to be plausible and to keep
  every Oslo total and every "highest/lowest" statement of the report true. Choices of the
  same kind (say, the share into work of the districts the report does not name) are shifted
  together at generation time so that the Oslo figure comes out exactly
  (``outcomes.consistent_district_targets``).

``docs/demo-data.md`` lists every choice with the reasoning.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from introsak.casefacts.enums import EndReason


@dataclass(frozen=True, slots=True)
class Report:
    value: float


@dataclass(frozen=True, slots=True)
class Choice:
    value: float


Value = Report | Choice


@dataclass(frozen=True, slots=True, kw_only=True)
class ReviewRates:
    """Shares applied to a district's review population (calibration.review_population)."""

    start_within_3_months: Value
    three_party_documented: Value
    practice_placement: Value
    mapping_journaled: Value
    contract_other_basis: Value
    recognition_topic: Value
    recognition_applied: Value
    recognition_approved: Value


@dataclass(frozen=True, slots=True, kw_only=True)
class DistrictDesign:
    slug: str
    settled_2021: int  # persons, Figure 11 (report, or a choice inside its 10-26 range)
    settled_2022_h1_2024: int  # persons
    collective_share: float  # of persons settled 2022 - H1 2024; weighted mean 74 % (report)
    running: int  # participants in the programme on the as-of date (survey, Figure 7)
    advisers: int  # programme advisers: running / advisers gives the survey's category
    settlement_workers: int
    collective_ended: tuple[int, int, int]  # collective-protection enders 2022, 2023, 2024
    legacy: int  # other-basis participants settled before 2021, in the programme on 1 Jan 2022
    # Figure 3 (both bases, ended 2022 - as-of): work, education, labour-market measure,
    # qualifying measure, in percent.
    outcomes: tuple[Value, Value, Value, Value]
    # Figure 14 (collective protection, ended 2023 - as-of): work and qualifying measure.
    outcomes_collective: tuple[Value | None, Value | None]
    months_to_start: tuple[Value, Value, Value]  # mean months, starts in 2022, 2023, 2024
    review: ReviewRates


def _review(
    within: float = 0.45,
    documented: float = 0.6,
    practice: float = 0.4,
    mapping: float = 0.95,
    contract: float = 0.9,
) -> ReviewRates:
    """Review rates for a district the case review did not cover (all choices)."""
    return ReviewRates(
        start_within_3_months=Choice(within),
        three_party_documented=Choice(documented),
        practice_placement=Choice(practice),
        mapping_journaled=Choice(mapping),
        contract_other_basis=Choice(contract),
        recognition_topic=Choice(0.9),
        recognition_applied=Choice(0.45),
        recognition_approved=Choice(0.55),
    )


def _months(offset: float) -> tuple[Value, Value, Value]:
    return (
        Choice(3.3 + offset),
        Choice(3.8 + offset),
        Choice(4.3 + offset),
    )


DISTRICT_DESIGNS: tuple[DistrictDesign, ...] = (
    DistrictDesign(
        slug="gamle_oslo",
        settled_2021=26,
        settled_2022_h1_2024=447,
        collective_share=0.70,
        running=126,
        advisers=7,  # the only district under 20 per adviser (report)
        settlement_workers=3,
        collective_ended=(1, 42, 26),
        legacy=50,
        outcomes=(Choice(36), Choice(15), Choice(16), Choice(18)),
        outcomes_collective=(Choice(42), Choice(24)),
        months_to_start=_months(0.1),
        review=_review(within=0.45, documented=0.55, practice=0.4),
    ),
    DistrictDesign(
        slug="grunerlokka",
        settled_2021=22,
        settled_2022_h1_2024=444,
        collective_share=0.80,
        running=104,
        advisers=4,  # 20-30 per adviser (interview, line 711)
        settlement_workers=3,
        collective_ended=(1, 48, 29),
        legacy=30,
        outcomes=(Report(57), Report(21), Choice(12), Report(3)),
        outcomes_collective=(Report(77), Choice(3)),
        # "ca. 3-4 måneder" from settlement to programme start (lines 2906-2907)
        months_to_start=(Report(3.3), Report(3.5), Report(3.8)),
        review=_review(within=0.55, documented=0.75, practice=0.45),
    ),
    DistrictDesign(
        slug="sagene",
        settled_2021=24,
        settled_2022_h1_2024=340,
        collective_share=0.66,
        running=138,  # the most of all districts (report)
        advisers=4,
        settlement_workers=2,
        collective_ended=(1, 38, 22),
        legacy=40,
        outcomes=(Choice(40), Report(29), Choice(18), Report(3)),
        outcomes_collective=(Choice(48), Choice(4)),
        months_to_start=_months(0.0),
        review=_review(within=0.4, documented=0.5, practice=0.35),
    ),
    DistrictDesign(
        slug="st_hanshaugen",
        settled_2021=20,
        settled_2022_h1_2024=309,
        collective_share=0.74,
        running=78,  # about 26 per adviser with 3 advisers (lines 1027-1036)
        advisers=3,
        settlement_workers=2,
        collective_ended=(0, 24, 11),  # 2023 and 2024: Table 1
        legacy=25,
        outcomes=(Report(30), Choice(8), Choice(6), Report(36)),
        outcomes_collective=(None, None),  # Table 1 fixes them
        # 3.7-4.9 months in the two audited districts, rising (lines 768-771)
        months_to_start=(Report(3.9), Report(4.4), Report(4.85)),
        review=ReviewRates(
            start_within_3_months=Report(5 / 15),
            three_party_documented=Report(4 / 15),
            practice_placement=Report(6 / 15),
            mapping_journaled=Report(15 / 15),
            contract_other_basis=Report(0 / 2),
            recognition_topic=Report(8 / 9),
            recognition_applied=Report(4 / 9),
            recognition_approved=Report(3 / 4),
        ),
    ),
    DistrictDesign(
        slug="frogner",
        settled_2021=18,
        settled_2022_h1_2024=360,
        collective_share=0.76,
        running=118,
        advisers=5,
        settlement_workers=2,
        collective_ended=(1, 36, 22),
        legacy=32,
        outcomes=(Report(25), Choice(13), Choice(14), Report(36)),
        outcomes_collective=(Choice(31), Choice(42)),  # high qualifying share (line 3356)
        months_to_start=_months(0.1),
        review=_review(),
    ),
    DistrictDesign(
        slug="ullern",
        settled_2021=10,
        settled_2022_h1_2024=250,
        collective_share=0.80,
        running=62,
        advisers=3,
        settlement_workers=2,
        collective_ended=(0, 30, 18),
        legacy=12,
        outcomes=(Report(47), Choice(10), Report(29.5), Choice(6)),
        outcomes_collective=(Choice(55), Choice(5)),
        months_to_start=_months(-0.1),
        review=_review(within=0.5, documented=0.65, practice=0.45),
    ),
    DistrictDesign(
        slug="vestre_aker",
        settled_2021=16,
        settled_2022_h1_2024=330,
        collective_share=0.80,
        running=96,
        advisers=3,  # 30-40 per adviser (one of the survey's four; choice)
        settlement_workers=2,
        collective_ended=(0, 36, 21),
        legacy=20,
        outcomes=(Report(47), Choice(12), Choice(18), Choice(12)),
        outcomes_collective=(Choice(58), Choice(10)),
        months_to_start=_months(-0.1),
        review=_review(within=0.5),
    ),
    DistrictDesign(
        slug="nordre_aker",
        settled_2021=14,
        settled_2022_h1_2024=330,
        collective_share=0.78,
        running=102,
        advisers=4,
        settlement_workers=2,
        collective_ended=(0, 33, 20),
        legacy=22,
        outcomes=(Choice(33), Report(21), Report(29.5), Choice(8)),
        outcomes_collective=(Choice(42), Choice(10)),
        months_to_start=_months(0.0),
        review=_review(),
    ),
    DistrictDesign(
        slug="bjerke",
        settled_2021=0,
        settled_2022_h1_2024=228,
        collective_share=0.72,
        running=58,
        advisers=2,
        settlement_workers=1,
        collective_ended=(0, 22, 14),
        legacy=16,
        outcomes=(Choice(33), Report(21), Report(2), Choice(28)),
        outcomes_collective=(Choice(36), Choice(40)),  # high qualifying share (line 3356)
        months_to_start=_months(0.1),
        review=_review(),
    ),
    DistrictDesign(
        slug="grorud",
        settled_2021=5,
        settled_2022_h1_2024=141,
        collective_share=0.70,
        running=70,
        advisers=2,  # 30-40 per adviser (choice; "i liten grad" time for follow-up)
        settlement_workers=1,
        collective_ended=(0, 17, 12),
        legacy=14,
        outcomes=(Choice(29), Choice(8), Report(2), Report(51)),
        outcomes_collective=(Report(21), Report(69)),
        months_to_start=_months(0.15),
        review=_review(within=0.4, documented=0.45),
    ),
    DistrictDesign(
        slug="stovner",
        settled_2021=0,
        settled_2022_h1_2024=126,
        collective_share=0.74,
        running=42,  # the fewest of all districts (report)
        advisers=2,
        settlement_workers=1,
        collective_ended=(0, 6, 6),  # "few ended in the period" (line 3350)
        legacy=12,
        outcomes=(Report(47), Choice(15), Report(2), Report(3)),
        outcomes_collective=(Report(83), None),
        months_to_start=_months(0.0),
        review=_review(),
    ),
    DistrictDesign(
        slug="alna",
        settled_2021=3,
        settled_2022_h1_2024=330,
        collective_share=0.72,
        running=112,
        advisers=3,  # 30-40 per adviser (choice)
        settlement_workers=2,
        collective_ended=(0, 37, 22),
        legacy=30,
        outcomes=(Report(24), Choice(12), Choice(16), Report(36)),
        outcomes_collective=(Choice(30), Choice(42)),  # high qualifying share (line 3356)
        months_to_start=_months(0.1),
        review=_review(within=0.4),
    ),
    DistrictDesign(
        slug="ostensjo",
        settled_2021=20,
        settled_2022_h1_2024=388,
        collective_share=0.74,
        running=134,  # 6 advisers (line 1040); fewer than Sagene's 138
        advisers=6,
        settlement_workers=2,
        collective_ended=(1, 32, 18),  # 2023 and 2024: Table 1
        legacy=30,
        outcomes=(Report(30), Choice(14), Choice(22), Choice(12)),
        outcomes_collective=(None, None),  # Table 1 fixes them
        months_to_start=(Report(3.75), Report(4.1), Report(4.6)),
        review=ReviewRates(
            start_within_3_months=Report(9 / 15),
            three_party_documented=Report(10 / 15),
            practice_placement=Report(5 / 15),
            mapping_journaled=Report(12 / 15),
            contract_other_basis=Report(4 / 4),
            recognition_topic=Report(1.0),
            recognition_applied=Report(5 / 11),
            recognition_approved=Report(2 / 5),
        ),
    ),
    DistrictDesign(
        slug="nordstrand",
        settled_2021=12,
        settled_2022_h1_2024=320,
        collective_share=0.76,
        running=88,
        advisers=4,
        settlement_workers=2,
        collective_ended=(0, 33, 20),
        legacy=25,
        outcomes=(Choice(38), Choice(14), Report(29.5), Report(3)),
        outcomes_collective=(Choice(44), Choice(4)),
        months_to_start=_months(-0.1),
        review=_review(),
    ),
    DistrictDesign(
        slug="sondre_nordstrand",
        settled_2021=1,
        settled_2022_h1_2024=157,
        collective_share=0.72,
        running=55,
        advisers=2,
        settlement_workers=1,
        collective_ended=(0, 16, 10),
        legacy=14,
        outcomes=(Choice(36), Choice(13), Choice(18), Choice(16)),
        outcomes_collective=(Choice(40), Choice(18)),
        months_to_start=_months(0.0),
        review=_review(),
    ),
)

DESIGNS_BY_SLUG = {d.slug: d for d in DISTRICT_DESIGNS}

OSLO_COLLECTIVE_SHARE = 0.74  # report, lines 220-221
OSLO_MONTHS_TO_START = (3.3, 3.8, 4.3)  # 2022 and H1 2024 report (line 760); 2023 a choice

# Oslo figures by stratum (Figure 2, Figure 3, Figure 14): (stratum, reasons) -> percent.
# Strata: c = collective protection, o = other basis; 22/23/24 = year the programme ended.
OSLO_STRATUM_SHARES: dict[tuple[tuple[str, ...], tuple[EndReason, ...]], float] = {
    (("c23",), (EndReason.WORK,)): 41.5,  # "i overkant av 40" (529); 41 overall (3340)
    (("c24",), (EndReason.WORK,)): 41.5,
    (("c23",), (EndReason.EDUCATION,)): 4.0,  # line 533
    (("c24",), (EndReason.EDUCATION,)): 1.0,
    (("o23",), (EndReason.WORK,)): 30.0,  # lines 530-531
    (("o24",), (EndReason.WORK,)): 30.0,
    (("o23",), (EndReason.EDUCATION,)): 35.0,  # line 532
    (("o24",), (EndReason.EDUCATION,)): 20.0,
    (
        ("c22", "c23", "c24"),
        (EndReason.LABOUR_MARKET_MEASURE, EndReason.QUALIFICATION_MEASURE),
    ): 43.0,  # "i overkant av 40 prosent" (538-539)
}
OSLO_WORK_SHARE = 37.0  # Figure 3, lines 95, 1615
OSLO_EDUCATION_SHARE = 16.5  # "vel 16 prosent", lines 96, 1616
OSLO_COLLECTIVE_WORK_SHARE = 41.5  # Figure 14 (41) and Figure 2 (just over 40 both years)

# Share of programmes that lasted more than six months, by year ended (line 977): 2022 and
# H1 2024 from the report, 2023 a choice in between.
OVER_SIX_MONTHS = {2022: 0.97, 2023: 0.90, 2024: 0.84}

# Education at arrival of those who ended 2023 - H1 2024 (Figure 6, lines 855-856).
ENDERS_HIGHER_EDUCATION = 0.50
ENDERS_UPPER_SECONDARY = 0.25

# Table 1, the "other basis" columns (2023-2024 together in the report) split by year: a
# choice, needed because Figure 2 is by year.
TABLE_1_OTHER_BY_YEAR: dict[str, dict[int, dict[EndReason, int]]] = {
    "st_hanshaugen": {
        2023: {
            EndReason.WORK: 3,
            EndReason.EDUCATION: 2,
            EndReason.LABOUR_MARKET_MEASURE: 1,
            EndReason.QUALIFICATION_MEASURE: 2,
            EndReason.OTHER: 0,
            EndReason.NOT_REGISTERED: 1,
        },
        2024: {
            EndReason.WORK: 2,
            EndReason.EDUCATION: 0,
            EndReason.LABOUR_MARKET_MEASURE: 0,
            EndReason.QUALIFICATION_MEASURE: 1,
            EndReason.OTHER: 1,
            EndReason.NOT_REGISTERED: 1,
        },
    },
    "ostensjo": {
        2023: {
            EndReason.WORK: 4,
            EndReason.EDUCATION: 3,
            EndReason.LABOUR_MARKET_MEASURE: 1,
            EndReason.QUALIFICATION_MEASURE: 3,
            EndReason.OTHER: 0,
            EndReason.NOT_REGISTERED: 0,
        },
        2024: {
            EndReason.WORK: 2,
            EndReason.EDUCATION: 1,
            EndReason.LABOUR_MARKET_MEASURE: 1,
            EndReason.QUALIFICATION_MEASURE: 2,
            EndReason.OTHER: 1,
            EndReason.NOT_REGISTERED: 0,
        },
    },
}

# Stovner's few collective enders (Figure 14: 83 % into work, "relatively few"): 10 of 12.
FIXED_COLLECTIVE_ROWS: dict[str, dict[int, dict[EndReason, int]]] = {
    "stovner": {
        2023: {EndReason.WORK: 5, EndReason.OTHER: 1},
        2024: {EndReason.WORK: 5, EndReason.NOT_REGISTERED: 1},
    },
}

# Key dates of the snapshot and of the rules the data must respect.
COLLECTIVE_PERMITS_FROM = date(2022, 3, 11)  # temporary collective protection (line 1971)
COLLECTIVE_SETTLED_FROM = date(2022, 3, 21)
COLLECTIVE_STARTS_FROM = date(2022, 6, 15)  # chapter 6A in force (line 1968)
SETTLED_WINDOW = (date(2022, 1, 1), date(2024, 6, 30))  # "2022 to H1 2024"
SETTLED_2021 = (date(2021, 1, 1), date(2021, 12, 31))
LEGACY_SETTLED_FROM = date(2018, 6, 1)
WORK_15H_FROM = date(2024, 2, 1)  # IF § 43 h directive (lines 656, 1446)
