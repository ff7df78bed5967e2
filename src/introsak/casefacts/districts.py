"""Oslo's 15 city districts (bydeler), each with the NAV office that runs the programme.

The slug is the value of the case-facts ``district`` field. Sentrum and Marka are not
districts with their own NAV office and are not included.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DistrictInfo:
    slug: str
    name: str
    nav_office: str
    number: int  # Oslo's official district number (bydelsnummer)


DISTRICTS: tuple[DistrictInfo, ...] = (
    DistrictInfo("gamle_oslo", "Gamle Oslo", "NAV Gamle Oslo", 1),
    DistrictInfo("grunerlokka", "Grünerløkka", "NAV Grünerløkka", 2),
    DistrictInfo("sagene", "Sagene", "NAV Sagene", 3),
    DistrictInfo("st_hanshaugen", "St. Hanshaugen", "NAV St. Hanshaugen", 4),
    DistrictInfo("frogner", "Frogner", "NAV Frogner", 5),
    DistrictInfo("ullern", "Ullern", "NAV Ullern", 6),
    DistrictInfo("vestre_aker", "Vestre Aker", "NAV Vestre Aker", 7),
    DistrictInfo("nordre_aker", "Nordre Aker", "NAV Nordre Aker", 8),
    DistrictInfo("bjerke", "Bjerke", "NAV Bjerke", 9),
    DistrictInfo("grorud", "Grorud", "NAV Grorud", 10),
    DistrictInfo("stovner", "Stovner", "NAV Stovner", 11),
    DistrictInfo("alna", "Alna", "NAV Alna", 12),
    DistrictInfo("ostensjo", "Østensjø", "NAV Østensjø", 13),
    DistrictInfo("nordstrand", "Nordstrand", "NAV Nordstrand", 14),
    DistrictInfo("sondre_nordstrand", "Søndre Nordstrand", "NAV Søndre Nordstrand", 15),
)

DISTRICT_SLUGS: frozenset[str] = frozenset(d.slug for d in DISTRICTS)
DISTRICTS_BY_SLUG: dict[str, DistrictInfo] = {d.slug: d for d in DISTRICTS}
