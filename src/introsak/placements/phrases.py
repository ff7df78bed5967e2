"""The matching reasons in words (bokmål and English through the catalogues)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from introsak.casefacts.enums import CefrLevel
from introsak.placements.domain.requirements import CEFR_ORDER
from introsak.placements.domain.scoring import Reason

SKILL_NAMES = {
    "oral": gettext_lazy("oral"),
    "reading": gettext_lazy("reading"),
    "listening": gettext_lazy("listening"),
    "writing": gettext_lazy("writing"),
}


def level_name(rank: int) -> str:
    """A ``requirements.rank`` as its CEFR level ("–": none)."""
    return CefrLevel(CEFR_ORDER[rank - 1]).value if rank else "–"


def _years(value: object) -> str:
    return f"{float(str(value)):g}"


def reason_text(reason: Reason) -> str:
    p = dict(reason.params)
    code = reason.code
    if code == "experience":
        return _("%(years)s years of experience in this occupation") % {"years": _years(p["years"])}
    if code == "related_experience":
        return _("%(years)s years of experience in a related occupation") % {
            "years": _years(p["years"])
        }
    if code in ("language_met", "language_below"):
        values = {
            "skill": SKILL_NAMES[str(p["skill"])],
            "have": level_name(int(str(p["have"]))),
            "need": level_name(int(str(p["need"]))),
        }
        if code == "language_met":
            return _("Norwegian %(skill)s: %(have)s meets %(need)s") % values
        return _("Norwegian %(skill)s: %(have)s is below the required %(need)s") % values
    if code == "hours_fit":
        return _("%(hours)s hours a week fit the participant's availability") % {
            "hours": _years(p["hours"])
        }
    if code == "hours_over":
        return _("%(hours)s hours a week, more than the %(available)s available") % {
            "hours": _years(p["hours"]),
            "available": _years(p["available"]),
        }
    if code == "places_left":
        return _("%(places)s place(s) left") % {"places": p["places"]}
    return str(FIXED[code])


FIXED = {
    "wished_occupation": gettext_lazy("A wished occupation"),
    "wished_major": gettext_lazy("Close to a wished occupation"),
    "not_wished_occupation": gettext_lazy("Not among the wished occupations"),
    "wished_sector": gettext_lazy("A wished sector"),
    "district": gettext_lazy("In a wished district"),
    "other_district": gettext_lazy("Outside the wished districts"),
    "no_language_requirement": gettext_lazy("No Norwegian requirement"),
    "formal_missing": gettext_lazy("Formal competence required, not documented"),
    "no_formal_requirement": gettext_lazy("No formal competence required"),
    "no_places": gettext_lazy("No places left"),
}
