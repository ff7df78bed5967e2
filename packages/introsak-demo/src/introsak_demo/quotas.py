"""Exact allocation helpers: the generator reaches its targets by quota, not by luck.

Drawing each case's outcome at random would reproduce a 37 % share only to within a few
points on a district of a hundred cases. Instead a share is turned into a whole number of
cases (largest remainder), and the cases that get each value are chosen at random.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def largest_remainder(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` into whole parts proportional to ``weights`` (Hamilton's method).

    The parts always sum to ``total``; ties in the remainders go to the earlier weight, so
    the result does not depend on any random state.
    """
    if total < 0:
        raise ValueError(f"total must be 0 or more, not {total}")
    weight_sum = sum(weights)
    if total == 0 or weight_sum <= 0:
        return [0] * len(weights)
    exact = [total * w / weight_sum for w in weights]
    parts = [int(x) for x in exact]
    short = total - sum(parts)
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in order[:short]:
        parts[i] += 1
    return parts


def allocate(values: Sequence[T], shares: Sequence[float], total: int) -> list[T]:
    """``total`` items where each value appears in proportion to its share (unshuffled)."""
    out: list[T] = []
    for value, count in zip(values, largest_remainder(total, shares), strict=True):
        out.extend([value] * count)
    return out


def shuffled(items: Sequence[T], rng: random.Random) -> list[T]:
    out = list(items)
    rng.shuffle(out)
    return out


def flags(total: int, share: float, rng: random.Random) -> list[bool]:
    """``total`` booleans of which ``round(share * total)`` are true, in random order."""
    count = largest_remainder(total, [share, 1.0 - share])[0] if total else 0
    return shuffled([True] * count + [False] * (total - count), rng)


def weighted_choice(rng: random.Random, values: Sequence[T], weights: Sequence[float]) -> T:
    return rng.choices(values, weights=weights, k=1)[0]
