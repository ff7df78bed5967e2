"""The model choices hold exactly the case-facts format's values."""

from __future__ import annotations

import pytest

from introsak.casefacts import enums as fmt
from introsak.cases import enums as choices


@pytest.mark.parametrize(
    ("format_enum", "model_choices"),
    [
        (fmt.ResidenceBasis, choices.ResidenceBasis),
        (fmt.Sex, choices.Sex),
        (fmt.EducationLevel, choices.EducationLevel),
        (fmt.ProtectedAddress, choices.ProtectedAddress),
        (fmt.EndGoal, choices.EndGoal),
        (fmt.CefrLevel, choices.CefrLevel),
        (fmt.MeetingKind, choices.MeetingKind),
        (fmt.ActivityKind, choices.ActivityKind),
        (fmt.SentBy, choices.SentBy),
        (fmt.RecognitionOutcome, choices.RecognitionOutcome),
        (fmt.EndReason, choices.EndReason),
    ],
)
def test_model_choices_equal_format_values(format_enum: type, model_choices: type) -> None:
    assert [m.value for m in format_enum] == list(model_choices.values)


def test_finding_statuses_equal_rules_engine_statuses() -> None:
    from introsak.rules import Status

    assert [s.value for s in Status] == list(choices.FindingStatus.values)
