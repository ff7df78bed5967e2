"""``introsak demo-data``: the generator is a development package; without it the command
says what is missing instead of failing with an import error."""

from __future__ import annotations

import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from introsak.demo_site.management.commands.demo_data import MISSING_GENERATOR
from tests.workspace.builders import load, running, staff

pytestmark = pytest.mark.django_db


def test_demo_data_without_the_generator_package_names_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "introsak_demo", None)  # as in a production install
    with pytest.raises(CommandError) as refused:
        call_command("demo_data", "--if-empty")
    assert str(refused.value) == MISSING_GENERATOR
    assert "introsak-demo" in MISSING_GENERATOR


def test_demo_data_refuses_to_run_in_production() -> None:
    with override_settings(PRODUCTION=True), pytest.raises(CommandError) as refused:
        call_command("demo_data")
    assert str(refused.value) == "demo-data refuses to run with INTROSAK_ENV=production"


def test_demo_data_if_empty_keeps_existing_cases_and_prints_the_logins() -> None:
    staff()
    load([running("C-1", "radgiver.sth")])
    out = StringIO()
    call_command("demo_data", "--if-empty", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "Demo data already present."
    assert "Demo log-ins (password for all: introsak-demo):" in lines
    assert any(line.split()[:1] == ["radgiver.st_hanshaugen.1"] for line in lines)
