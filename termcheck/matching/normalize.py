"""Normalising text for phrase search, with an exact way back to the original offsets.

The search text is the original lower-cased, with curly apostrophes made straight, line breaks, tabs,
hyphens and Markdown emphasis marks made spaces, blank lines made barriers, possessive determiners made
"the" (MT renders 我们的 and 其 as "our", "their", "its" or "the" at random, and a garbled phrase is the same
garble with any of them), and every run of spaces collapsed to one; block-quote markers at the start of a
line count as spaces. All steps but the last keep the length ("their" becomes "the" and two spaces), so only
the collapsed runs need recording.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

BARRIER = "\x01"  # stands for a blank line: no phrase continues across it
_TO_SPACE = ("\r", "\n", "\t", "\xa0", "\u2009", "\u202f", "-", "\u2010", "\u2011", "*", "_")
_TO_APOSTROPHE = ("\u2019", "\u02bc")
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
_SPACE_RUN = re.compile(r"  +")
_QUOTE_MARKER = re.compile(r"(?<=\n)[ \t]*>[ >\t]*")
# Each determiner as "the" padded to its own length; "her" and "my" are left alone ("her" is also an object).
# The word comes first and the look-behind after it, so that the regex engine scans for the literal in C
# (a leading look-behind made the five passes twenty times slower).
_DETERMINERS = tuple((re.compile(rf"{word}\b(?<![\w']{word})(?!')"), "the".ljust(len(word)))
                     for word in ("their", "our", "its", "his", "your"))


@dataclass(frozen=True)
class Normalized:
    text: str
    _run_ends: tuple[int, ...] = ()  # normalized offsets just after each collapsed run
    _removed: tuple[int, ...] = ()  # characters removed up to and including that run

    def original(self, offset: int) -> int:
        """The original offset of a normalized start offset."""
        i = bisect_right(self._run_ends, offset)
        return offset + (self._removed[i - 1] if i else 0)

    def original_end(self, offset: int) -> int:
        """The original offset of a normalized (exclusive) end offset."""
        return self.original(offset - 1) + 1 if offset else 0


def normalize(text: str) -> Normalized:
    lowered = lower_keeping_length(text)
    if "\n" in lowered:
        lowered = _BLANK_LINE.sub(lambda m: BARRIER * len(m.group()), lowered)
        if ">" in lowered:  # a hard-wrapped Markdown block quote: "two\n> maintenances"
            lowered = _QUOTE_MARKER.sub(lambda m: " " * len(m.group()), lowered)
    return _collapse_spaces(_fold_determiners(_fold_characters(lowered)))


def normalize_phrase(phrase: str) -> str:
    """A glossary phrase as normalize() would render it (without the offset map, which phrases need not)."""
    return " ".join(_fold_determiners(_fold_characters(lower_keeping_length(phrase))).split())


def _fold_determiners(text: str) -> str:
    for pattern, replacement in _DETERMINERS:
        text = pattern.sub(replacement, text)
    return text


def _fold_characters(text: str) -> str:
    """Breaks, tabs, hyphens and emphasis marks to spaces, curly apostrophes to straight: same length."""
    for char in _TO_SPACE:
        if char in text:
            text = text.replace(char, " ")
    for char in _TO_APOSTROPHE:
        if char in text:
            text = text.replace(char, "'")
    return text


def lower_keeping_length(text: str) -> str:
    """Lower-cased, one character for one, so that offsets stay aligned. "İ" (U+0130) is the only
    character whose lower case is two ("i̇"); it becomes a plain "i" first, in C like the rest."""
    return (text.replace("\u0130", "i") if "\u0130" in text else text).lower()


def _collapse_spaces(text: str) -> Normalized:
    pieces: list[str] = []
    run_ends: list[int] = []
    removed: list[int] = []
    total, last = 0, 0
    for m in _SPACE_RUN.finditer(text):
        pieces.append(text[last:m.start() + 1])
        last = m.end()
        total += m.end() - m.start() - 1
        run_ends.append(m.end() - total)
        removed.append(total)
    if not pieces:
        return Normalized(text)
    pieces.append(text[last:])
    return Normalized("".join(pieces), tuple(run_ends), tuple(removed))
