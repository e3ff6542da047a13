"""Windows of text around the occurrences of a few words: rules that look for rare anchor words tokenize
only there, not a whole document."""
from __future__ import annotations

from collections.abc import Callable, Iterator

import regex

_WORD = regex.compile(r"[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*")


def anchored_windows(text: str, is_anchor: Callable[[str], bool], reach: int = 300) -> Iterator[tuple[int, int]]:
    """Merged [start, end) stretches of `text` within `reach` characters of a word (lower-cased) for which
    `is_anchor` is true, cut at spaces so no word is split. One pass in C finds the words; the Python
    test runs once per distinct word."""
    lowered = text.lower()
    present = {w for w in set(_WORD.findall(lowered)) if is_anchor(w)}
    if not present:
        return
    start = end = -1
    # One scan of the words: an alternation of hundreds of anchors is slow to compile and to run.
    for m in _WORD.finditer(lowered):
        if m.group() not in present:
            continue
        lo, hi = max(0, m.start() - reach), min(len(text), m.end() + reach)
        if start >= 0 and lo <= end:
            end = hi
            continue
        if start >= 0:
            yield _widen(text, start, end)
        start, end = lo, hi
    if start >= 0:
        yield _widen(text, start, end)


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    if start > 0:
        start = text.rfind(" ", 0, start) + 1
    stop = text.find(" ", end)
    return start, len(text) if stop == -1 else stop
