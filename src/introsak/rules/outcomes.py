"""The shapes most rules share: a deadline met or not, and the common reasons not to apply.

Most catalogue rules are "fact X by date D". ``deadline_finding`` turns such a pair into the
right status and a sentence built from ``deadline_phrases``, so every rule words its four
outcomes the same way and only says what was due.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from introsak.rules.context import Context, Used
from introsak.rules.dates import add_days, add_months, add_weeks
from introsak.rules.findings import Category, Finding, Status, new_finding
from introsak.rules.phrases import Note, Phrase, Qty, Text
from introsak.rules.spec import RuleSpec


@dataclass(frozen=True, slots=True)
class DeadlinePhrases:
    met: Phrase
    met_late: Phrase
    pending: Phrase
    overdue: Phrase

    def all(self) -> tuple[Phrase, ...]:
        return (self.met, self.met_late, self.pending, self.overdue)


def deadline_phrases(
    rule_id: str,
    *,
    done: tuple[str, str],
    missing: tuple[str, str],
    noun: tuple[str, str] = ("fristen", "the deadline"),
) -> DeadlinePhrases:
    """The four sentences of a deadline rule.

    ``done`` says what happened, with ``{satisfied}`` where its date goes (nb, en);
    ``missing`` says it has not happened; ``noun`` names the deadline.
    """
    nb_done, en_done = done
    nb_missing, en_missing = missing
    nb_noun, en_noun = noun
    return DeadlinePhrases(
        met=Phrase(
            f"{rule_id}.met",
            f"{nb_done}, innen {nb_noun} {{deadline}}",
            f"{en_done}, within {en_noun} {{deadline}}",
        ),
        met_late=Phrase(
            f"{rule_id}.met_late",
            f"{nb_done}, {{late}} etter {nb_noun} {{deadline}}",
            f"{en_done}, {{late}} after {en_noun} {{deadline}}",
        ),
        pending=Phrase(
            f"{rule_id}.pending",
            f"{nb_missing}; {nb_noun} er {{deadline}}",
            f"{en_missing}; {en_noun} is {{deadline}}",
        ),
        overdue=Phrase(
            f"{rule_id}.overdue",
            f"{nb_missing}, og {nb_noun} {{deadline}} gikk ut for {{late}} siden",
            f"{en_missing}, and {en_noun} {{deadline}} passed {{late}} ago",
        ),
    )


def deadline_finding(
    ctx: Context,
    spec: RuleSpec,
    phrases: DeadlinePhrases,
    *,
    deadline: date,
    satisfied_on: date | None,
    basis: Note | None = None,
    notes: tuple[Note, ...] = (),
    used: Used = (),
) -> Finding:
    """The finding of "``satisfied_on`` by ``deadline``"; ``basis`` says how the deadline arose.

    met / met_late when satisfied ("by" = on or before), else pending / overdue.
    """
    as_of = ctx.as_of
    if satisfied_on is not None:
        if satisfied_on <= deadline:
            status, phrase, late = Status.MET, phrases.met, 0
        else:
            status, phrase = Status.MET_LATE, phrases.met_late
            late = satisfied_on.toordinal() - deadline.toordinal()
    elif as_of <= deadline:
        status, phrase, late = Status.PENDING, phrases.pending, 0
    else:
        status, phrase = Status.OVERDUE, phrases.overdue
        late = as_of.toordinal() - deadline.toordinal()
    values = {"deadline": deadline, "satisfied": satisfied_on, "late": Qty(late, "day")}
    parameters, uncertain = ctx.law.bundle(used)
    if basis is not None:
        notes = (basis, *notes)
    if uncertain:
        notes += uncertain
    if ctx.notes:
        notes += ctx.notes
    # Built directly rather than through ctx.finding: this is the engine's hottest path.
    return new_finding(
        ctx.case_id, spec.id, status, ctx.category, spec.severity, spec.source, deadline,
        satisfied_on, parameters, None, None, phrase, values, notes,
    )  # fmt: skip


# --- deadlines a parameter's number of units after a date -----------------------------------

AFTER_START = Phrase(
    "basis.after_start",
    "{period} etter programstart {day}",
    "{period} after the programme start {day}",
)
AFTER_END = Phrase(
    "basis.after_end",
    "{period} etter programslutt {day}",
    "{period} after the programme ended on {day}",
)
_ADD = {"month": add_months, "week": add_weeks, "day": add_days}


def period_after(
    ctx: Context,
    spec: RuleSpec,
    phrases: DeadlinePhrases,
    *,
    day: date,
    parameter: str,
    unit: str,
    satisfied_on: date | None,
    basis: Phrase = AFTER_START,
    notes: tuple[Note, ...] = (),
) -> Finding:
    """Deadline = ``day`` + the parameter's number of ``unit``s (month, week or day), read on
    ``day``; ``not_in_force`` when the parameter has no value then."""
    n = ctx.value(parameter, day)
    if n is None:
        return not_in_force(ctx, spec, day)
    return deadline_finding(
        ctx, spec, phrases, deadline=_ADD[unit](day, n), satisfied_on=satisfied_on,
        basis=(basis, {"period": Qty(n, unit), "day": day}), notes=notes,
        used=((parameter, n),),
    )  # fmt: skip


# --- common reasons not to apply ------------------------------------------------------------

NOT_PARTICIPANT = Phrase(
    "reason.not_participant",
    "Regelen gjelder deltakere, og det er ikke fattet vedtak om introduksjonsprogram per {as_of}",
    "The rule applies to participants, and there is no programme decision as of {as_of}",
)
NOT_STARTED = Phrase(
    "reason.not_started",
    "Regelen gjelder deltakere som har startet, og programmet har ikke startet per {as_of}",
    "The rule applies to participants who have started, and the programme has not started "
    "as of {as_of}",
)
NO_PLAN = Phrase(
    "reason.no_plan",
    "Regelen gjelder deltakere med integreringsplan, og ingen plan er vedtatt per {as_of}",
    "The rule applies to participants with an integration plan, and no plan has been "
    "decided as of {as_of}",
)
NOT_IN_FORCE = Phrase(
    "reason.not_in_force",
    "{source} gjaldt ikke {day}, som er datoen regelen måles fra",
    "{source} was not in force on {day}, the date the rule is measured from",
)
OUTSIDE_CATEGORY = Phrase(
    "reason.category",
    "Regelen gjelder ikke personer i kategorien «{category}»",
    "The rule does not apply to persons in the category “{category}”",
)
NOT_COLLECTIVE = Phrase(
    "reason.not_collective",
    "Regelen gjelder bare deltakere med kollektiv beskyttelse",
    "The rule applies only to participants with collective protection",
)

CATEGORY_TEXT = {
    Category.RIGHT_AND_DUTY: Text("rett og plikt", "right and duty"),
    Category.RIGHT_ONLY: Text("rett, men ikke plikt", "right but no duty"),
    Category.MAY_OFFER: Text(
        "kommunen kan tilby program", "the municipality may offer a programme"
    ),
    Category.NONE: Text("utenfor målgruppen", "outside the target group"),
}

COMMON_PHRASES = (
    NOT_PARTICIPANT,
    NOT_STARTED,
    NO_PLAN,
    NOT_IN_FORCE,
    OUTSIDE_CATEGORY,
    NOT_COLLECTIVE,
)


def not_participant(ctx: Context, spec: RuleSpec) -> Finding:
    return ctx.not_applicable(spec, "not_participant", NOT_PARTICIPANT, {"as_of": ctx.as_of})


def not_started(ctx: Context, spec: RuleSpec) -> Finding:
    return ctx.not_applicable(spec, "not_started", NOT_STARTED, {"as_of": ctx.as_of})


def no_plan(ctx: Context, spec: RuleSpec) -> Finding:
    return ctx.not_applicable(spec, "no_plan", NO_PLAN, {"as_of": ctx.as_of})


def not_collective(ctx: Context, spec: RuleSpec) -> Finding:
    return ctx.not_applicable(spec, "not_collective_protection", NOT_COLLECTIVE, {})


def not_in_force(ctx: Context, spec: RuleSpec, day: date) -> Finding:
    """A parameter the rule needs has no value on ``day``: the provision did not apply then."""
    values = {"source": spec.source, "day": day}
    return ctx.not_applicable(spec, "not_in_force", NOT_IN_FORCE, values)


def outside_category(ctx: Context, spec: RuleSpec) -> Finding:
    """The person's category is not one the rule covers; the note says why, where known."""
    why = (ctx.category_why,) if ctx.category_why is not None else ()
    values = {"category": CATEGORY_TEXT[ctx.category]}
    reason = f"category_{ctx.category.value}"
    return ctx.not_applicable(spec, reason, OUTSIDE_CATEGORY, values, notes=why)
