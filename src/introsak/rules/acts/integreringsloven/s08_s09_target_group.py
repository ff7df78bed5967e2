"""IL §§ 8–9 (and § 37 c for collective protection): who has a right, or a duty, to the programme.

Not a rule with a status: the result is the person's category, which every finding carries
(rules.md section 2). Parameters read: the age limits on the permit date, the two-year
decision limit on the settlement date, and the temporary rules' dates as known on the
evaluation date. Whether chapter 6A governs a case is judged on the case's own date: the
decision date once decided (the programme was decided under the law of that day), else the
as-of date. When chapter 6A does not govern it, a § 34 permit is a § 9 basis and the ordinary
rules apply (never ``may_offer`` for that reason alone). Past the sunset's confirmation
horizon the parameter ``temporary_rules_lapse_reading`` says which reading applies, and every
finding of the case says so.
"""

from __future__ import annotations

from datetime import date

from introsak.casefacts.enums import ResidenceBasis
from introsak.rules.context import Context
from introsak.rules.dates import add_years, age_on
from introsak.rules.findings import Category
from introsak.rules.phrases import Note, Phrase, Qty

RIGHT_AND_DUTY_BASES = frozenset(
    {
        ResidenceBasis.REFUGEE,
        ResidenceBasis.RESETTLEMENT_REFUGEE,
        ResidenceBasis.HUMANITARIAN,
        ResidenceBasis.FAMILY_REUNIFICATION,
        ResidenceBasis.INDEPENDENT_PERMIT,
    }
)
# Bases whose right does not depend on settlement by agreement with the integration authorities.
NO_AGREEMENT_NEEDED = frozenset(
    {ResidenceBasis.FAMILY_REUNIFICATION, ResidenceBasis.INDEPENDENT_PERMIT}
)

PARAMETERS = (
    "participant_age_min",
    "participant_age_max",
    "decision_limit_years",
    "temporary_rules_from",
    "temporary_rules_sunset",
    "collective_protection_permit_from",
    "temporary_rules_lapse_reading",
)
LAPSED_READING = "ordinary_rules"
PROLONGED_READING = "prolonged"

NOT_YET_SETTLED = Phrase(
    "category.not_yet_settled",
    "personen er ikke bosatt per {as_of} (tillatelse {permit}, bosetting {settlement})",
    "the person is not settled as of {as_of} (permit {permit}, settlement {settlement})",
)
ACT_NOT_IN_FORCE = Phrase(
    "category.act_not_in_force",
    "integreringsloven gjaldt ikke på tillatelsesdatoen {permit}",
    "the Integration Act was not in force on the permit date {permit}",
)
TOO_YOUNG = Phrase(
    "category.too_young",
    "personen var {age} år på tillatelsesdatoen {permit}, under {limit} år",
    "the person was {age} on the permit date {permit}, under {limit}",
)
TOO_OLD = Phrase(
    "category.too_old",
    "personen var {age} år på tillatelsesdatoen {permit}, over {limit} år",
    "the person was {age} on the permit date {permit}, over {limit}",
)
NO_AGREEMENT = Phrase(
    "category.no_agreement",
    "personen er bosatt uten avtale med integreringsmyndighetene",
    "the person was settled without an agreement with the integration authorities",
)
LATE_DECISION = Phrase(
    "category.late_decision",
    "programvedtaket {decision} kom {limit} eller mer etter bosettingen {settlement}",
    "the programme decision {decision} came {limit} or more after settlement {settlement}",
)
NO_BASIS = Phrase(
    "category.no_basis",
    "oppholdsgrunnlaget ({basis}) gir ikke rett til introduksjonsprogram",
    "the residence basis ({basis}) gives no right to the introduction programme",
)
PERMIT_BEFORE_TEMPORARY_RULES = Phrase(
    "category.permit_before_temporary_rules",
    "tillatelsen {permit} er fra før {permit_from}, som de midlertidige reglene gjelder fra",
    "the permit {permit} predates {permit_from}, from which the temporary rules apply",
)
READ_AS_LAPSED = Phrase(
    "category.read_as_lapsed",
    "de midlertidige reglene i kapittel 6A gjaldt til {sunset} etter siste forlengelse vi har "
    "kilde for; saken er vurdert etter de alminnelige reglene i IL §§ 8–9, fordi en tillatelse "
    "etter utlendingsloven § 34 er et grunnlag etter § 9 – den best støttede lesningen, men "
    "ikke bekreftet etter {confirmed_until} (ved en ny forlengelse ville personen hatt rett, "
    "men ikke plikt)",
    "the temporary rules of chapter 6A applied until {sunset} by the last prolongation we "
    "have a source for; the case is judged under the ordinary rules of IL §§ 8–9, because a "
    "permit under the Immigration Act § 34 is a § 9 basis – the best-supported reading, but "
    "not confirmed after {confirmed_until} (had they been prolonged again, the person would "
    "have a right but no duty)",
)
READ_AS_PROLONGED = Phrase(
    "category.read_as_prolonged",
    "de midlertidige reglene i kapittel 6A er lest som forlenget etter {sunset}; det er ikke "
    "bekreftet etter {confirmed_until}",
    "the temporary rules of chapter 6A are read as prolonged after {sunset}; this is not "
    "confirmed after {confirmed_until}",
)

PHRASES = (
    NOT_YET_SETTLED,
    ACT_NOT_IN_FORCE,
    TOO_YOUNG,
    TOO_OLD,
    NO_AGREEMENT,
    LATE_DECISION,
    NO_BASIS,
    PERMIT_BEFORE_TEMPORARY_RULES,
    READ_AS_LAPSED,
    READ_AS_PROLONGED,
)

Verdict = tuple[Category, Note | None]


def il_s8_s9_target_group(ctx: Context) -> Verdict:
    """IL § 8 first para.: immigrants aged 18–55 with a § 9 permit, settled by agreement,
    have a right and a duty to the programme; IL § 37 c: persons with collective protection
    (utl. § 34) have a right only, under the temporary rules. Otherwise the municipality may
    offer a programme (over 55, settled without agreement), or the person is outside the
    target group. The right and duty lapse if the decision comes two years or more after
    settlement.

    Returns the category and, for ``may_offer`` and ``none``, a note saying why.
    """
    person = ctx.person
    if person.permit_date > ctx.as_of or person.settlement_date > ctx.as_of:
        values = {
            "as_of": ctx.as_of,
            "permit": person.permit_date,
            "settlement": person.settlement_date,
        }
        return Category.NONE, (NOT_YET_SETTLED, values)
    basis = person.residence_basis
    if basis in RIGHT_AND_DUTY_BASES:
        return _right_and_duty_basis(ctx)
    if basis is ResidenceBasis.COLLECTIVE_PROTECTION:
        return _collective_protection(ctx)
    return Category.NONE, (NO_BASIS, {"basis": basis})


def _age_limits(ctx: Context) -> tuple[int, int, int] | None:
    """(age on the permit date, lowest, highest age) or None if the Act did not apply then."""
    permit = ctx.person.permit_date
    low = ctx.value("participant_age_min", permit)
    high = ctx.value("participant_age_max", permit)
    if low is None or high is None:
        return None
    return age_on(ctx.person.birth_date, permit), low, high


def _age_verdict(ctx: Context) -> Verdict | None:
    """The verdict when age alone decides it (outside 18–55), else None."""
    permit = ctx.person.permit_date
    limits = _age_limits(ctx)
    if limits is None:
        return Category.NONE, (ACT_NOT_IN_FORCE, {"permit": permit})
    age, low, high = limits
    if age < low:
        return Category.NONE, (TOO_YOUNG, {"age": age, "permit": permit, "limit": low})
    if age > high:
        return Category.MAY_OFFER, (TOO_OLD, {"age": age, "permit": permit, "limit": high})
    return None


def _right_and_duty_basis(ctx: Context) -> Verdict:
    person = ctx.person
    by_age = _age_verdict(ctx)
    if by_age is not None:
        return by_age
    if not person.settled_by_agreement and person.residence_basis not in NO_AGREEMENT_NEEDED:
        return Category.MAY_OFFER, (NO_AGREEMENT, {})
    late = _late_decision(ctx)
    if late is not None:
        return Category.NONE, late
    return Category.RIGHT_AND_DUTY, None


def _late_decision(ctx: Context) -> Note | None:
    """A note if the decision came two years or more after settlement (the right lapsed)."""
    settlement = ctx.person.settlement_date
    years = ctx.value("decision_limit_years", settlement)
    if ctx.decision is None or years is None:
        return None
    if ctx.decision < add_years(settlement, years):
        return None
    values = {"decision": ctx.decision, "limit": Qty(years, "year"), "settlement": settlement}
    return LATE_DECISION, values


def _collective_protection(ctx: Context) -> Verdict:
    """IL § 37 c while chapter 6A governs the case; the ordinary rules (§§ 8–9) otherwise."""
    person = ctx.person
    permit_from = ctx.value("collective_protection_permit_from", ctx.as_of)
    if permit_from is None or person.permit_date < permit_from:
        values = {"permit": person.permit_date, "permit_from": permit_from or "—"}
        return Category.NONE, (PERMIT_BEFORE_TEMPORARY_RULES, values)
    day = ctx.decision if ctx.decision is not None else ctx.as_of
    if not temporary_rules_in_force(ctx, day):
        ctx.collective = False  # the ordinary rules: no chapter 6A special rules apply
        ctx.notes = _reading_notes(ctx, day)
        return _right_and_duty_basis(ctx)
    ctx.notes = _reading_notes(ctx, day)
    by_age = _age_verdict(ctx)
    if by_age is not None:
        return by_age
    if not person.settled_by_agreement:
        return Category.MAY_OFFER, (NO_AGREEMENT, {})
    return Category.RIGHT_ONLY, None


def _reading_notes(ctx: Context, day: date) -> tuple[Note, ...]:
    """The note saying which reading of chapter 6A's end a case past the sunset's
    confirmation horizon is judged under; none while the sources confirm the law."""
    parameter = ctx.law.parameters["temporary_rules_sunset"]
    if not parameter.unconfirmed_on(day):
        return ()
    sunset = ctx.value("temporary_rules_sunset", ctx.as_of)
    reading = ctx.value("temporary_rules_lapse_reading", day)
    if sunset is None or day < sunset:
        return ()
    phrase = READ_AS_PROLONGED if reading == PROLONGED_READING else READ_AS_LAPSED
    return ((phrase, {"sunset": sunset, "confirmed_until": parameter.confirmed_until}),)


def temporary_rules_in_force(ctx: Context, day: date) -> bool:
    """Whether IL chapter 6A applies on ``day``, by its dates as known on the as-of date;
    after the sunset, only under the reading that it was prolonged."""
    rules_from = ctx.value("temporary_rules_from", ctx.as_of)
    sunset = ctx.value("temporary_rules_sunset", ctx.as_of)
    if rules_from is None or day < rules_from:
        return False
    if sunset is None or day < sunset:
        return True
    return bool(ctx.value("temporary_rules_lapse_reading", day) == PROLONGED_READING)
