"""Values a check derives from an index of its own, kept while that index is the one in use."""
from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")
T = TypeVar("T")  # what an index holds for a key, from which Derived works out its V


def keep_last(build: Callable[[K], V]) -> Callable[[K], V]:
    """`build(index)`, computed once for each index object in turn. Keyed by identity, not by value: an
    index is a large dict, cached elsewhere (with the glossary) and the same object for the whole run."""
    last: list[tuple[K, V]] = []  # at most one (index, value) pair

    @functools.wraps(build)
    def cached(index: K) -> V:
        if not last or last[0][0] is not index:
            last[:] = [(index, build(index))]
        return last[0][1]

    return cached


class Derived(dict[K, V], Generic[K, T, V]):
    """`build(key, index[key])` for each key of `index`, worked out on the key's first lookup: a document
    needs few of an index's keys, and working out all of them can take longer than checking a page. Test
    keys against `index` (a plain dict, so the test stays in C)."""

    def __init__(self, index: dict[K, T], build: Callable[[K, T], V]) -> None:
        super().__init__()
        self.index = index
        self._build = build

    def __missing__(self, key: K) -> V:
        value = self[key] = self._build(key, self.index[key])
        return value
