"""Placement offers and the language-requirement catalogue: bad input names the field and
writes nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from introsak.casefacts.enums import LanguageSkill
from introsak.casefacts.occupations import occupations
from introsak.placements.domain.errors import Rejected
from introsak.placements.domain.requirements import catalogue, rank, required_levels
from introsak.placements.models import PlacementOffer
from tests.placements.builders import employer, offer

pytestmark = pytest.mark.django_db


def test_the_isco_file_has_every_major_and_sub_major_group() -> None:
    groups = occupations()
    majors = [o.code for o in groups if o.level == "major"]
    subs = [o.code for o in groups if o.level == "sub_major"]
    assert majors == ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]
    assert len(subs) == 43
    assert all(code[:1] in majors for code in subs)
    assert all(o.en and o.nb for o in groups)


def test_the_catalogue_holds_the_reports_requirements_with_sources() -> None:
    found = catalogue()
    assert {k: {s.value: v.value for s, v in e.levels.items()} for k, e in found.items()} == {
        "health_personnel_non_nordic": dict.fromkeys(
            ("oral", "reading", "listening", "writing"), "B2"
        ),
        "unskilled_health_care": dict.fromkeys(("oral", "reading", "listening", "writing"), "B1"),
        "kindergarten_without_upper_secondary": dict.fromkeys(
            ("oral", "reading", "listening", "writing"), "B1"
        ),
    }
    assert all("Kommunerevisjonen" in e.source and e.last_confirmed for e in found.values())


def test_an_offer_requires_the_higher_of_its_own_level_and_its_catalogue_entry() -> None:
    own = {LanguageSkill.ORAL: "B2", LanguageSkill.WRITING: "A2"}
    levels = required_levels(own, "kindergarten_without_upper_secondary")
    assert levels == {
        LanguageSkill.ORAL: rank("B2"),
        LanguageSkill.READING: rank("B1"),
        LanguageSkill.LISTENING: rank("B1"),
        LanguageSkill.WRITING: rank("B1"),
    }


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"occupation": "99"}, "occupation"),
        ({"req_oral": "B3"}, "req_oral"),
        ({"req_writing": "D1"}, "req_writing"),
        ({"kind": "volunteering"}, "kind"),
        ({"hours_per_week": 0.0}, "hours_per_week"),
        ({"end": date(2024, 7, 1)}, "end"),
        ({"capacity": 0}, "capacity"),
        ({"requirement": "pilot_licence"}, "requirement"),
        ({"district": "bergen"}, "district"),
    ],
)
def test_bad_offer_input_is_refused_naming_the_field(overrides: dict[str, Any], field: str) -> None:
    employer_pk = employer().pk
    with pytest.raises(Rejected) as refused:
        offer(employer_id=employer_pk, **overrides)
    assert list(refused.value.errors) == [field]
    assert PlacementOffer.objects.count() == 0


def test_an_offer_takes_the_employers_district_unless_given() -> None:
    own = offer()
    other = offer(employer_id=own.employer_id, district="gamle_oslo")
    assert (
        own.district.slug if own.district else "",
        other.district.slug if other.district else "",
    ) == (
        "st_hanshaugen",
        "gamle_oslo",
    )
