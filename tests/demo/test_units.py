"""Small pieces: quotas, transliteration, surnames, the end-reason fitting."""

from __future__ import annotations

import random

import pytest

from introsak.casefacts.enums import EndReason
from introsak_demo.design import DISTRICT_DESIGNS, OSLO_COLLECTIVE_SHARE
from introsak_demo.households import collective_targets
from introsak_demo.names import feminine_surname, transliterate_ru, transliterate_uk
from introsak_demo.outcomes import solve
from introsak_demo.quotas import flags, largest_remainder


@pytest.mark.parametrize(
    ("total", "weights", "parts"),
    [
        (10, [1, 1, 1], [4, 3, 3]),
        (7, [0.5, 0.5], [4, 3]),
        (0, [1, 2], [0, 0]),
        (5, [0, 0], [0, 0]),
        (3, [0.2, 0.3, 0.5], [1, 1, 1]),
    ],
)
def test_largest_remainder(total: int, weights: list[float], parts: list[int]) -> None:
    assert largest_remainder(total, weights) == parts


def test_flags_are_exact() -> None:
    drawn = flags(15, 5 / 15, random.Random(1))
    assert sum(drawn) == 5 and len(drawn) == 15


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Олександр", "Oleksandr"),
        ("Юлія", "Yuliia"),
        ("Євген", "Yevhen"),
        ("Згурський", "Zghurskyi"),
        ("Їжакевич", "Yizhakevych"),
        ("Щербак-Коваль", "Shcherbak-Koval"),
    ],
)
def test_ukrainian_transliteration(cyrillic: str, latin: str) -> None:
    assert transliterate_uk(cyrillic) == latin


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [("Наталья", "Natalia"), ("Сергей", "Sergei"), ("Хрущёв", "Khrushchev")],
)
def test_russian_transliteration(cyrillic: str, latin: str) -> None:
    assert transliterate_ru(cyrillic) == latin


@pytest.mark.parametrize(
    ("male", "russian", "female"),
    [
        ("Ковальський", False, "Ковальська"),
        ("Шевченко", False, "Шевченко"),
        ("Іванов", True, "Іванова"),
        ("Смирнов", True, "Смирнова"),
        ("Достоевский", True, "Достоевская"),
        ("Толстой", True, "Толстая"),
    ],
)
def test_feminine_surnames(male: str, russian: bool, female: str) -> None:
    assert feminine_surname(male, russian) == female


def test_collective_targets_give_oslo_74_percent() -> None:
    targets = collective_targets(DISTRICT_DESIGNS)
    total = sum(d.settled_2022_h1_2024 for d in DISTRICT_DESIGNS)
    assert sum(targets.values()) == round(OSLO_COLLECTIVE_SHARE * total)


def test_solve_meets_fixed_rows_and_row_totals() -> None:
    sizes = {(d.slug, s): 40 for d in DISTRICT_DESIGNS for s in ("c23", "c24", "o22", "o23", "o24")}
    fixed = {("stovner", "c23"): {EndReason.WORK: 30, EndReason.OTHER: 10}}
    counts = solve(sizes, fixed, DISTRICT_DESIGNS)
    assert all(sum(counts[row].values()) == n for row, n in sizes.items())
    assert counts[("stovner", "c23")][EndReason.WORK] == 30
    grunerlokka = [row for row in sizes if row[0] == "grunerlokka"]
    work = sum(counts[row][EndReason.WORK] for row in grunerlokka)
    assert abs(work / (40 * len(grunerlokka)) - 0.57) < 0.02
