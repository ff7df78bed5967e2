"""The demo data set is generated once per test session (with the documented seed)."""

from __future__ import annotations

import pytest

from introsak_demo import DEFAULT_SEED, DemoData, generate
from introsak_demo.calibration import Result, evaluate


@pytest.fixture(scope="session")
def demo() -> DemoData:
    return generate(seed=DEFAULT_SEED)


@pytest.fixture(scope="session")
def results(demo: DemoData) -> dict[str, Result]:
    return {r.target.id: r for r in evaluate(demo)}
