"""IL §§ 13–14 after the 2025 revision: the programme's duration within the legal frame.

The revision splits the programme into § 13 (participants with upper secondary education or
higher) and § 14 (those without) and lengthens programmes with upper-secondary content. The
frames are read from the revision's parameters (``parameters/revisions/il-2025/``); the
verdict's shape is the base rule's.
"""

from __future__ import annotations

from introsak.rules.acts.integreringsloven import s13_s14_programme_duration as base
from introsak.rules.context import Context
from introsak.rules.findings import Finding, Severity
from introsak.rules.spec import LOVDATA_IL, RuleSpec


def il_s13_s14_programme_duration_2025(ctx: Context, spec: RuleSpec) -> Finding:
    """IL § 13 (2025): with upper secondary education or higher, a programme of 3–6 months
    that may be extended; IL § 14 (2025): without it, a longer programme, longest when its
    content is upper secondary education, extendable within a maximum; under 25 without
    upper secondary, the end goal shall as a main rule be completed upper secondary.

    Same test as the base rule (``breach`` if the latest plan's base duration or the sum of
    extensions is outside the frame, else ``met``), with the frames of the revision read on
    the decision date.
    """
    return base.il_s13_s14_programme_duration(ctx, spec)


RULE = RuleSpec(
    id="DURATION-01",
    title="Duration within the legal frame",
    severity=Severity.SHALL,
    source="IL §§ 13–14 (2025)",
    url=f"{LOVDATA_IL}/§14",
    parameters=base.RULE.parameters,
    evaluate=il_s13_s14_programme_duration_2025,
    phrases=base.RULE.phrases,
)
