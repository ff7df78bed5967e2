"""What an audit can assess, and how each criterion is counted in the report's own words.

Three kinds of criteria:

- a **catalogue rule** (``START-01`` …): the rules engine's finding as of the audit date,
  turned into an outcome by the criterion's status mapping (``yes`` / ``no``; not applicable
  stays out of the count; pending and unknown are "not determined");
- a **derived criterion** computed here from the case facts, for what the report counted but
  the catalogue has no rule for: ``PRACTICE``, language or work practice;
- a **free-text criterion** the auditor assesses by hand (no computed outcome).

Each criterion has a sentence in the report's phrasing, e.g. "{n} av {of} startet ikke innen
3 måneder", which counts either the ``yes`` or the ``no`` outcomes; ``{of}`` is always the
number of cases with a determined outcome (yes + no).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from introsak.audits.enums import CriterionKind, Outcome
from introsak.casefacts.enums import ActivityKind, MeetingKind
from introsak.casefacts.model import CaseFacts
from introsak.rules import RULES, RULES_BY_ID, Finding, Status

PRACTICE = "PRACTICE"
PRACTICE_KINDS = frozenset({ActivityKind.LANGUAGE_PRACTICE, ActivityKind.WORK_PRACTICE})

# The report's five counted criteria, offered as the default for a new audit.
REPORT_CRITERIA = ("START-01", "MAP-01", "CONTRACT-01", "TRI-01", PRACTICE)

_MET = frozenset({Status.MET})
_DONE = frozenset({Status.MET, Status.MET_LATE})
_DEVIATIONS = frozenset({Status.MET_LATE, Status.OVERDUE, Status.BREACH})

Refine = Callable[[Finding, CaseFacts, date], Outcome | None]
Documented = Callable[[CaseFacts, date], bool]


@dataclass(frozen=True)
class CriterionSpec:
    """How one criterion is labelled, counted and documented.

    ``phrase`` is the count sentence with ``{n}`` and ``{of}`` (and ``{title}`` for the
    generic ones); ``counts`` says whether ``n`` counts the cases that met the criterion or
    those that did not. ``yes`` / ``no`` map rule statuses to outcomes (not applicable is
    always left out; any other status is "not determined"); ``refine`` may decide a status
    the mapping leaves open. ``evidence`` names the facts a control form shows as proof.
    """

    code: str
    kind: CriterionKind
    title: str | Promise
    phrase: str | Promise
    counts: Outcome = Outcome.YES
    yes: frozenset[Status] = _MET
    no: frozenset[Status] = _DEVIATIONS
    evidence: tuple[str, ...] = ()
    refine: Refine | None = None
    source: str = ""
    # A documentation criterion: the auditors check the fact in every sampled case, so a
    # case where the legal duty did not apply still counts, by whether it is documented
    # (and the count says how many such cases it holds; ``findings.Cell.sentence``).
    documented: Documented | None = None

    def outcome(self, finding: Finding, facts: CaseFacts, as_of: date) -> Outcome:
        if finding.status is Status.NOT_APPLICABLE:
            if self.documented is not None:
                return Outcome.YES if self.documented(facts, as_of) else Outcome.NO
            return Outcome.NOT_APPLICABLE
        if finding.status in self.yes:
            return Outcome.YES
        if finding.status in self.no:
            return Outcome.NO
        refined = self.refine(finding, facts, as_of) if self.refine else None
        return refined or Outcome.OPEN


def _documented_meeting_held(finding: Finding, facts: CaseFacts, as_of: date) -> Outcome | None:
    """TRI-01 ``pending``: the programme runs and no meeting is overdue. Documented if a
    documented three-party meeting has been held since the start; else nothing is due yet."""
    start = facts.start_date
    held = any(
        m.kind is MeetingKind.THREE_PARTY
        and m.documented
        and start is not None
        and start <= m.date <= as_of
        for m in facts.meetings
    )
    return Outcome.YES if held else None


def _mapping_documented(facts: CaseFacts, as_of: date) -> bool:
    return facts.mapping_date is not None and facts.mapping_date <= as_of


def _three_party_documented(facts: CaseFacts, as_of: date) -> bool:
    return any(
        m.kind is MeetingKind.THREE_PARTY and m.documented and m.date <= as_of
        for m in facts.meetings
    )


# The report's criteria, in its own phrasing (chapters 5–7).
_REPORT_SPECS = (
    CriterionSpec(
        code="START-01",
        kind=CriterionKind.RULE,
        title=_("Programme start within 3 months"),
        phrase=_("{n} of {of} did not start within 3 months"),
        counts=Outcome.NO,
        yes=_MET,
        no=frozenset({Status.MET_LATE, Status.OVERDUE}),
        evidence=("settlement", "claim", "decision", "start"),
    ),
    CriterionSpec(
        code="MAP-01",
        kind=CriterionKind.RULE,
        title=_("Competence mapping documented"),
        phrase=_("Competence mapping was documented for {n} of {of} participants"),
        yes=_DONE,
        no=frozenset({Status.OVERDUE}),
        evidence=("mapping", "decision"),
        documented=_mapping_documented,
    ),
    CriterionSpec(
        code="CONTRACT-01",
        kind=CriterionKind.RULE,
        title=_("Integration contract for other residence bases"),
        phrase=_(
            "An integration contract had been signed for {n} of {of} participants "
            "with another residence basis"
        ),
        yes=_DONE,
        no=frozenset({Status.OVERDUE}),
        evidence=("contract", "plan"),
    ),
    CriterionSpec(
        code="TRI-01",
        kind=CriterionKind.RULE,
        title=_("Three-party meetings documented"),
        phrase=_("Three-party meetings were documented in {n} of {of} cases"),
        yes=_DONE,
        no=frozenset({Status.OVERDUE}),
        evidence=("start", "three_party"),
        refine=_documented_meeting_held,
        documented=_three_party_documented,
    ),
)

PRACTICE_SPEC = CriterionSpec(
    code=PRACTICE,
    kind=CriterionKind.DERIVED,
    title=_("Language or work practice"),
    phrase=_("{n} of {of} had had language or work practice"),
    evidence=("start", "practice"),
    source="Kommunerevisjonen 5/2024, kap. 7",
)

# Bokmål titles of the other catalogue rules (the catalogue's own titles are English).
_RULE_TITLES: dict[str, str | Promise] = {
    "GUIDE-01": _("Career guidance before the decision"),
    "PLAN-01": _("Integration plan made with the decision"),
    "GOAL-01": _("End goal set"),
    "DURATION-01": _("Duration within the legal frame"),
    "END-01": _("Programme ends on time"),
    "WORK-15H-01": _("Work-oriented content from month 4"),
    "EDU-01": _("Recognition of education applied for early"),
    "JOBSEEK-01": _("Registered as job seeker"),
    "PARENT-01": _("Parental guidance course"),
    "LIFE-01": _("Life-skills course"),
    "CERT-01": _("Participant certificate"),
    "U25-01": _("Under 25: completed upper secondary as the end goal"),
    "FULLTIME-01": _("Full-time, all-year programme"),
    "WORK-MIN-01": _("Work-oriented minimum for the end goal work"),
    "PLANREV-01": _("Integration plan reviewed regularly"),
    "NOR-01": _("Norwegian training offered"),
    "SOC-01": _("Social studies completed"),
}

_RULE_EVIDENCE: dict[str, tuple[str, ...]] = {
    "GUIDE-01": ("career_guidance", "decision"),
    "PLAN-01": ("decision", "plan"),
    "GOAL-01": ("plan",),
    "DURATION-01": ("plan", "extension"),
    "END-01": ("start", "plan", "extension", "leave", "end"),
    "WORK-15H-01": ("start", "work_oriented"),
    "EDU-01": ("start", "recognition"),
    "JOBSEEK-01": ("start", "jobseeker"),
    "PARENT-01": ("parental_guidance",),
    "LIFE-01": ("life_skills_course",),
    "CERT-01": ("end", "certificate"),
    "U25-01": ("decision", "plan"),
    "FULLTIME-01": ("start", "end"),
    "WORK-MIN-01": ("start", "work_oriented"),
    "PLANREV-01": ("start", "plan"),
    "NOR-01": ("settlement",),
    "SOC-01": ("settlement",),
}

_GENERIC_PHRASE = _("“{title}” was met in {n} of {of} cases")
MANUAL_PHRASE = _("“{title}”: met in {n} of {of} assessed cases")


def _generic(rule_id: str) -> CriterionSpec:
    title = _RULE_TITLES.get(rule_id) or RULES_BY_ID[rule_id].title
    return CriterionSpec(
        code=rule_id,
        kind=CriterionKind.RULE,
        title=title,
        phrase=_GENERIC_PHRASE,
        evidence=_RULE_EVIDENCE.get(rule_id, ()),
    )


def _catalogue() -> dict[str, CriterionSpec]:
    report = {spec.code: spec for spec in _REPORT_SPECS}
    specs = {rule.id: report.get(rule.id) or _generic(rule.id) for rule in RULES}
    specs[PRACTICE] = PRACTICE_SPEC
    return {
        code: replace(spec, source=RULES_BY_ID[code].source) if code in RULES_BY_ID else spec
        for code, spec in specs.items()
    }


CRITERIA: dict[str, CriterionSpec] = _catalogue()


@dataclass(frozen=True)
class ManualSpec:
    """A free-text criterion: only the auditor's assessments count."""

    text: str
    kind: CriterionKind = CriterionKind.MANUAL
    phrase: str | Promise = MANUAL_PHRASE
    counts: Outcome = Outcome.YES
    evidence: tuple[str, ...] = ()
    source: str = ""

    @property
    def title(self) -> str:
        return self.text


def spec_for(*, code: str, text: str = "") -> CriterionSpec | ManualSpec:
    """The spec of an audit criterion: by its code, or a free text."""
    if not code:
        return ManualSpec(text=text)
    return CRITERIA[code]


def criterion_choices() -> list[tuple[str, str]]:
    """(code, "CODE – title") for every criterion an audit can choose, catalogue order."""
    return [(code, f"{code} – {spec.title}") for code, spec in CRITERIA.items()]


WITHOUT_DUTY = _("{k} of them where the legal duty did not apply")


def count_sentence(
    spec: CriterionSpec | ManualSpec, *, n: int, of: int, language: str, without_duty: int = 0
) -> str:
    """The count in the report's phrasing, e.g. "10 av 15 startet ikke innen 3 måneder";
    for a documentation criterion counted over cases where the duty did not apply, how many
    of them there are, beside the count."""
    with translation.override(language):
        sentence = str(spec.phrase).format(n=n, of=of, title=str(spec.title))
        if without_duty:
            sentence += f" ({str(WITHOUT_DUTY).format(k=without_duty)})"
        return sentence


def title_in(spec: CriterionSpec | ManualSpec, language: str) -> str:
    with translation.override(language):
        return str(spec.title)
