"""The data-classification registry covers every field of every model, and what it says can
be acted on (the retention job can erase what it marks for erasure)."""

from __future__ import annotations

import pytest
from django.apps import apps

from introsak.access.classification import (
    REGISTRY,
    Category,
    Retention,
    model_fields,
)
from introsak.access.domain.retention import erasure_plan


def _stored_fields() -> dict[str, set[str]]:
    return {model._meta.label: {f.name for f in model_fields(model)} for model in apps.get_models()}


def test_every_model_and_field_has_a_purpose_and_a_retention_class() -> None:
    stored = _stored_fields()
    missing = {
        label: sorted(fields - set(REGISTRY[label].fields) if label in REGISTRY else fields)
        for label, fields in stored.items()
    }
    missing = {label: names for label, names in missing.items() if names}
    assert missing == {}, (
        "classify these fields in src/introsak/access/classification.py "
        "(docs/security.md, 'Adding a model')"
    )


def test_registry_names_no_field_or_model_that_does_not_exist() -> None:
    stored = _stored_fields()
    stale = {
        label: sorted(set(entry.fields) - stored.get(label, set()))
        for label, entry in REGISTRY.items()
    }
    assert {label: names for label, names in stale.items() if names} == {}


def test_every_entry_states_a_purpose() -> None:
    blank = [
        (label, name)
        for label, entry in REGISTRY.items()
        for name, fc in entry.fields.items()
        if len(fc.purpose.strip()) < 3
    ]
    assert blank == []


def test_identifying_participant_data_is_erased_at_anonymisation() -> None:
    """Every identifying or sensitive field about a participant is erased or generalised."""
    kept = [
        (label, name)
        for label, entry in REGISTRY.items()
        if entry.subject
        for name, fc in entry.fields.items()
        if fc.category == Category.IDENTIFYING
        and fc.retention not in (Retention.ERASE, Retention.GENERALISE, Retention.STAFF)
    ]
    assert kept == []


@pytest.mark.django_db
def test_subject_lookups_reach_the_case() -> None:
    broken = []
    for label, entry in REGISTRY.items():
        if entry.subject:
            try:
                list(apps.get_model(label)._default_manager.filter(**{entry.subject: 0})[:1])
            except Exception as exc:  # the lookup itself is wrong
                broken.append((label, entry.subject, type(exc).__name__))
    assert broken == []


def test_every_field_marked_for_erasure_can_be_erased() -> None:
    plan = {model._meta.label: set(updates) for model, _, updates in erasure_plan()}
    marked = {
        label: {
            name
            for name, fc in entry.fields.items()
            if fc.retention in (Retention.ERASE, Retention.GENERALISE)
        }
        for label, entry in REGISTRY.items()
        if entry.subject
    }
    assert plan == {label: names for label, names in marked.items() if names}
