"""Finding where a term was rendered: the longest run of words drawn from a given vocabulary.

Shared by the bilingual checks that point at a rendering instead of a whole segment (TC301, TC305).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import lru_cache

from termcheck.wordlists import words_with_role

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
# Words that may sit inside a run without belonging to the vocabulary.
JOINERS = words_with_role("joiner")
STEM = 5  # as in matching.source_terms: comparing word starts tolerates inflection


@dataclass(frozen=True)
class Run:
    start: int
    end: int
    words: int  # vocabulary words in the run
    keys: frozenset[Hashable]  # what the words stood for (e.g. which source characters)


def stem(word: str) -> str:
    return word.lower()[:STEM]


def longest_run(text: str, key_of: Callable[[str], Hashable | None], min_words: int = 2,
                min_keys: int = 1) -> Run | None:
    """The run of consecutive vocabulary words (joiners aside, no punctuation between) with the most words,
    among those with at least `min_words` words standing for at least `min_keys` different keys.
    `key_of(word)` is None for a word outside the vocabulary."""
    best: Run | None = None
    spans: list[tuple[int, int]] = []
    keys: set[Hashable] = set()

    def close() -> None:
        nonlocal best
        if len(spans) >= min_words and len(keys) >= min_keys and (best is None or len(spans) > best.words):
            best = Run(spans[0][0], spans[-1][1], len(spans), frozenset(keys))

    for start, end, word, after_punctuation in _words(text):
        if spans and after_punctuation:
            close()  # punctuation ends a run: "night, striving" is two phrases
            spans, keys = [], set()
        key = None if word in JOINERS else key_of(word)
        if key is not None:
            spans.append((start, end))
            keys.add(key)
        elif word in JOINERS and spans:
            continue
        else:
            close()
            spans, keys = [], set()
    close()
    return best


@lru_cache(maxsize=256)
def _words(text: str) -> tuple[tuple[int, int, str, bool], ...]:
    """Each word's span, lower-cased form, and whether anything but space comes between it and the word
    before. Cached: a target is searched once for each idiom or term of its source."""
    out = []
    last_end = 0
    for m in _WORD.finditer(text):
        out.append((m.start(), m.end(), m.group().lower(), bool(text[last_end:m.start()].strip())))
        last_end = m.end()
    return tuple(out)
