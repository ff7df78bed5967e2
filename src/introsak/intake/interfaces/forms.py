"""The what-if form: the planner's changes to the baseline scenario."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from introsak.intake.domain.scenario import MAX_CAPACITY, Scenario

MAX_ARRIVALS_PERCENT = 300


class WhatIfForm(forms.Form):
    """Arrivals as a share of the settlement plan, the service centre's mapping capacity and
    the places per intake at each school (split over the tracks as today)."""

    arrivals_percent = forms.IntegerField(
        label=_("Arrivals, % of the settlement plan"),
        min_value=0,
        max_value=MAX_ARRIVALS_PERCENT,
        help_text=_("100 is the settlement plan; 120 means a fifth more arrivals each month."),
    )
    mapping_per_month = forms.IntegerField(
        label=_("Mapping appointments per month at the service centre"),
        min_value=1,
        max_value=MAX_CAPACITY,
    )

    target_percent = forms.IntegerField(
        label=_("Find the capacity that starts this share within 3 months (%)"),
        min_value=1,
        max_value=100,
        required=False,
        help_text=_(
            "Optional. The smallest capacity on every class at which the share is reached in "
            "at least 9 of 10 runs; this takes a few seconds."
        ),
    )

    def __init__(self, *args: Any, scenario: Scenario, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scenario = scenario
        self.fields["arrivals_percent"].initial = 100
        self.fields["mapping_per_month"].initial = scenario.mapping_per_month
        for school in scenario.schools:
            self.fields[f"places_{school.code}"] = forms.IntegerField(
                label=_("Places per intake at %(school)s") % {"school": school.name},
                min_value=0,
                max_value=3 * MAX_CAPACITY,
                initial=school.places(),
            )

    def school_fields(self) -> list[forms.BoundField]:
        return [self[f"places_{school.code}"] for school in self.scenario.schools]

    def changed_scenario(self) -> Scenario:
        """The baseline with the form's values (call after ``is_valid``)."""
        data = self.cleaned_data
        scenario = self.scenario.with_arrivals_percent(data["arrivals_percent"])
        for school in self.scenario.schools:
            places = data[f"places_{school.code}"]
            if places != school.places():
                scenario = scenario.with_school_places(school.code, places)
        mapping = data["mapping_per_month"]
        if mapping != scenario.mapping_per_month:
            scenario = replace(scenario, mapping_per_month=mapping)
        return scenario
