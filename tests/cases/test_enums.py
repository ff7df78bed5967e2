"""The model choices are built from the case-facts enumerations (cases.enums.labelled)."""

from __future__ import annotations

from enum import StrEnum

import pytest
from django.db import models
from django.utils import translation

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
def test_model_choices_equal_format_values(
    format_enum: type[StrEnum], model_choices: type[models.TextChoices]
) -> None:
    assert [member.value for member in format_enum] == list(model_choices.values)


def test_finding_statuses_equal_rules_engine_statuses() -> None:
    from introsak.rules import Status

    assert [s.value for s in Status] == list(choices.FindingStatus.values)


def test_labelled_refuses_a_value_without_a_label() -> None:
    with pytest.raises(ValueError) as refused:
        choices.labelled(fmt.SentBy, {fmt.SentBy.NAV: "NAV"})
    assert str(refused.value) == "SentBy: no label for ['participant'], no value for []"


def test_labelled_choices_keep_the_format_order_with_translated_labels() -> None:
    with translation.override("en"):
        assert choices.SentBy.choices == [("nav", "NAV"), ("participant", "The participant")]
    with translation.override("nb"):
        assert choices.SentBy("participant").label == "Deltakeren selv"
