"""Inline suppression comments, in the comment form each format has.

    <!-- termcheck-disable TC204 -->     Markdown and HTML: no TC204 findings from here ...
    <!-- termcheck-enable -->            ... to here (or to the end of the file)
    <!-- termcheck-disable-next-line -->  nothing reported on the next line
    # termcheck: disable-next-line TC101   plain text: a line of its own ("#", "//" or "%" first)
    # termcheck: disable TC101             PO translator comment, XLIFF <note>: nothing in that entry

Rules are codes or prefixes separated by spaces or commas; none means every rule.
"""
from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import regex

# The opening of a marker comment. Where it closes is found by parse_suppressions, not by the pattern:
# a pattern running on to the closing "-->" rescanned the rest of the text for every unclosed marker
# (20,000 unclosed "<!-- termcheck-disable" on one line took over a minute).
_OPENING = re.compile(r"<!--\s*termcheck-(disable-next-line|disable|enable)\b", re.IGNORECASE)
_CLOSING = re.compile(r">")  # the first ">" after the opening closes the comment, if it ends "-->"
_LINE_END = re.compile(r"\n")


@dataclass(frozen=True)
class Suppression:
    start: int
    end: int
    rules: frozenset[str] | None  # None: every rule

    def covers(self, offset: int, rule: str) -> bool:
        return self.start <= offset < self.end and (self.rules is None or any(rule.startswith(r) for r in self.rules))


def parse_suppressions(text: str) -> list[Suppression]:
    found: list[Suppression] = []
    open_ranges: dict[str | None, int] = {}  # a rule (None: all) -> where its disabled range began
    next_gt = NextMatch(text, _CLOSING)
    line_ends, next_line_ends = NextMatch(text, _LINE_END), NextMatch(text, _LINE_END)  # each asked in order
    opened: dict[str | None, int] = {}  # a rule -> when it was opened, to close rules in the order they opened
    order = itertools.count()
    pos = 0
    while (m := _OPENING.search(text, pos)) is not None:
        # The comment is "<!-- termcheck-KIND RULES -->": RULES never holds a ">", so it closes at the
        # first ">" after KIND, if that ">" ends "-->"; otherwise this is no marker.
        gt = next_gt.at(m.end())
        if gt == -1 or gt - 2 < m.end() or text[gt - 2:gt] != "--":
            pos = m.start() + 1
            continue
        pos = gt + 1
        kind, rules = m.group(1).lower(), _rules(text[m.end():gt - 2])
        if kind == "disable-next-line":
            line_end = line_ends.at(gt + 1)
            if line_end != -1:
                next_end = next_line_ends.at(line_end + 1)
                found.append(Suppression(line_end + 1, len(text) if next_end == -1 else next_end, rules))
        elif kind == "disable":
            for rule in rules or [None]:
                if rule not in open_ranges:
                    open_ranges[rule], opened[rule] = gt + 1, next(order)
        else:
            if rules is None or len(rules) >= len(open_ranges):
                closing = list(open_ranges) if rules is None else [r for r in open_ranges if r in rules]
            else:  # a few rules named while many are open: look each up rather than scan them all
                closing = sorted((r for r in rules if r in open_ranges), key=opened.__getitem__)
            for rule in closing:
                found.append(Suppression(open_ranges.pop(rule), m.start(), None if rule is None else frozenset({rule})))
    for rule, start in open_ranges.items():
        found.append(Suppression(start, len(text), None if rule is None else frozenset({rule})))
    return found


class NextMatch:
    """Where a pattern next matches at or after a position, for positions asked in increasing order:
    the answer is kept while it lies ahead, so the text is searched once however often it is asked.
    (Asked for an earlier position, it searches again: still right, only slower.)"""

    def __init__(self, text: str, pattern: re.Pattern[str] | regex.Pattern[str]) -> None:
        self.text, self.pattern = text, pattern
        # The last search: from where (None: never searched), and what it found (-1: nothing).
        self.asked: int | None = None
        self.found = -1

    def at(self, start: int) -> int:
        if self.asked is None or start < self.asked or -1 < self.found < start:
            m = self.pattern.search(self.text, start)
            self.asked, self.found = start, -1 if m is None else m.start()
        return self.found


class SuppressionIndex:
    """Whether any of many suppressions covers a finding, in time logarithmic in their number.

    The same answer as `any(s.covers(offset, rule) for s in suppressions)`, which asked of every finding
    made 20,000 "disable-next-line" comments, each silencing one finding, take a minute. The ranges are
    merged per rule code (None: every rule); a rule is covered by the codes that are prefixes of it."""

    def __init__(self, suppressions: Iterable[Suppression]) -> None:
        spans: dict[str | None, list[tuple[int, int]]] = {}
        for s in suppressions:
            if s.start < s.end:
                for code in (None,) if s.rules is None else s.rules:
                    spans.setdefault(code, []).append((s.start, s.end))
        self._merged = {code: _merge(ranges) for code, ranges in spans.items()}
        self._longest = max((len(code) for code in self._merged if code is not None), default=0)

    def __bool__(self) -> bool:
        return bool(self._merged)

    def covers(self, offset: int, rule: str) -> bool:
        merged = self._merged
        if not merged:
            return False
        for code in (None, *(rule[:n] for n in range(1, min(len(rule), self._longest) + 1))):
            ranges = merged.get(code)
            if ranges is not None:
                starts, ends = ranges
                at = bisect_right(starts, offset) - 1
                if at >= 0 and offset < ends[at]:
                    return True
        return False


def _merge(ranges: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Overlapping or touching [start, end) ranges joined: (starts, ends), sorted and disjoint."""
    starts: list[int] = []
    ends: list[int] = []
    for start, end in sorted(ranges):
        if ends and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


def _rules(raw: str) -> frozenset[str] | None:
    codes = [c.strip().upper() for c in re.split(r"[\s,]+", raw) if c.strip()]
    return frozenset(codes) if codes else None


# A plain-text marker line: "# termcheck: disable-next-line TC101" (also "//", "%", or "termcheck-...").
_LINE_MARKER = re.compile(r"^[ \t]*(?:#|//|%)[ \t]*termcheck[:-][ \t]*disable-next-line\b([^\n]*)$",
                          re.IGNORECASE | re.MULTILINE)
# In an entry's own comment or note: "termcheck: disable TC101" (or "termcheck-disable TC101").
_ENTRY_MARKER = re.compile(r"\btermcheck[:-][ \t]*disable\b(?!-)([^\n]*)", re.IGNORECASE)


def parse_line_markers(text: str) -> list[Suppression]:
    """The lines after plain-text marker lines, each suppressed for the rules its marker names."""
    found = []
    for m in _LINE_MARKER.finditer(text):
        next_start = m.end() + 1
        if next_start > len(text):
            continue
        next_end = text.find("\n", next_start)
        found.append(Suppression(next_start, len(text) if next_end == -1 else next_end, _rules(m.group(1))))
    return found


def entry_rules(comment: str) -> tuple[bool, frozenset[str] | None]:
    """Does a PO comment or an XLIFF note disable rules for its entry, and which (None: every rule)?"""
    m = _ENTRY_MARKER.search(comment)
    return (False, None) if m is None else (True, _rules(m.group(1)))
