"""What a participant's work page shows: the work profile in words and the pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import get_language, gettext_lazy

from introsak.casefacts.occupations import is_known, occupation
from introsak.cases.enums import Sector
from introsak.cases.models import ProgrammeCase, WorkProfile
from introsak.core.models import District
from introsak.placements.enums import NEXT_STATUSES
from introsak.placements.models import Placement

LEVEL_LABELS = {
    "norwegian_oral": gettext_lazy("Norwegian, oral"),
    "norwegian_reading": gettext_lazy("Norwegian, reading"),
    "norwegian_listening": gettext_lazy("Norwegian, listening"),
    "norwegian_writing": gettext_lazy("Norwegian, writing"),
}
STEP_OF_STATUS = {
    "offered": "offer",
    "accepted": "accept",
    "declined": "decline",
    "started": "start",
    "ended": "end",
}


def work_profile_of(case: ProgrammeCase) -> WorkProfile | None:
    try:
        return case.work_profile
    except WorkProfile.DoesNotExist:
        return None


def occupation_label(code: str) -> str:
    if not is_known(code):
        return code
    return f"{code} {occupation(code).name(get_language() or 'nb')}"


@dataclass
class ProfileView:
    profile: WorkProfile
    experience: list[tuple[str, float]]
    occupations: list[str]
    sectors: list[str]
    districts: list[str]
    levels: list[tuple[str, str]]


@dataclass
class PlacementRow:
    placement: Placement
    steps: list[str] = field(default_factory=list)


@dataclass
class ParticipantPage:
    profile: ProfileView | None
    placements: list[PlacementRow]
    today: date


def _profile_view(profile: WorkProfile) -> ProfileView:
    sector_names = dict(Sector.choices)
    district_names = dict(District.objects.values_list("slug", "name"))
    return ProfileView(
        profile=profile,
        experience=[(occupation_label(x["occupation"]), x["years"]) for x in profile.experience],
        occupations=[occupation_label(c) for c in profile.wished_occupations],
        sectors=[str(sector_names.get(s, s)) for s in profile.wished_sectors],
        districts=[district_names.get(d, d) for d in profile.wished_districts],
        levels=[(str(LEVEL_LABELS[name]), getattr(profile, name) or "–") for name in LEVEL_LABELS],
    )


def participant_page(case: ProgrammeCase, today: date) -> ParticipantPage:
    """The profile (if any) and every placement of the case with the steps it may take."""
    profile = work_profile_of(case)
    rows = Placement.objects.filter(case=case).select_related("offer__employer")
    return ParticipantPage(
        profile=None if profile is None else _profile_view(profile),
        placements=[
            PlacementRow(p, [STEP_OF_STATUS[s] for s in sorted(NEXT_STATUSES[p.status])])
            for p in rows
        ],
        today=today,
    )
