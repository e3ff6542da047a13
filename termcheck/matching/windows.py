"""Windows of text around the occurrences of a few words: rules that look for rare anchor words tokenize
only there, not a whole document."""
from __future__ import annotations

from collections.abc import Callable, Iterator

import regex

from termcheck.matching.automaton import keyword_automaton

_WORD = regex.compile(r"[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*")
_LETTER = regex.compile(r"[\p{L}\p{M}]")
_APOSTROPHES = "'’"
# The last text's lower-cased copy and set of words: the rules that call this in turn read one document.
_last: tuple[str, str, frozenset[str]] | None = None


def anchored_windows(text: str, is_anchor: Callable[[str], bool], reach: int = 300) -> Iterator[tuple[int, int]]:
    """Merged [start, end) stretches of `text` within `reach` characters of a word (lower-cased) for which
    `is_anchor` is true, cut at spaces so no word is split. One pass in C finds the words; the Python
    test runs once per distinct word."""
    lowered, vocabulary = _lowered_words(text)
    present = [w for w in vocabulary if is_anchor(w)]
    if not present:
        return
    start = end = -1
    for word_start, word_end in _occurrences(lowered, present):
        lo, hi = max(0, word_start - reach), min(len(text), word_end + reach)
        if start >= 0 and lo <= end:
            end = hi
            continue
        if start >= 0:
            yield _widen(text, start, end)
        start, end = lo, hi
    if start >= 0:
        yield _widen(text, start, end)


def _lowered_words(text: str) -> tuple[str, frozenset[str]]:
    global _last
    if _last is None or _last[0] is not text:
        lowered = text.lower()
        _last = (text, lowered, frozenset(_WORD.findall(lowered)))
    return _last[1], _last[2]


def _occurrences(lowered: str, words: list[str]) -> Iterator[tuple[int, int]]:
    """Where `words` (words of _WORD) occur in `lowered` as whole words, in order. An automaton finds
    them in C, inside longer words too; only its hits pay a Python test of their edges. (A regular
    expression of the words, with the edges as lookarounds, ran ten times slower than a Python loop over
    all the words.)"""
    automaton = keyword_automaton({word: len(word) for word in words})
    for last, size in automaton.iter(lowered):
        start, end = last + 1 - size, last + 1
        if _word_starts(lowered, start) and _word_ends(lowered, end):
            yield start, end


def _word_starts(text: str, at: int) -> bool:
    """Does a word of _WORD start at `at`, rather than continue there (after a letter, or after a letter
    and an apostrophe)?"""
    if at == 0 or not (_LETTER.match(text, at - 1) or text[at - 1] in _APOSTROPHES):
        return True
    return text[at - 1] in _APOSTROPHES and (at == 1 or not _LETTER.match(text, at - 2))


def _word_ends(text: str, at: int) -> bool:
    """Does the word before `at` end there (no letter next, nor an apostrophe and a letter)?"""
    if at == len(text):
        return True
    if _LETTER.match(text, at):
        return False
    return not (text[at] in _APOSTROPHES and at + 1 < len(text) and _LETTER.match(text, at + 1))


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    if start > 0:
        start = text.rfind(" ", 0, start) + 1
    stop = text.find(" ", end)
    return start, len(text) if stop == -1 else stop
