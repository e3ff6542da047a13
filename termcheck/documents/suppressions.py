"""Inline suppression comments in Markdown.

    <!-- termcheck-disable TC204 -->     no TC204 findings from here ...
    <!-- termcheck-enable -->            ... to here (or to the end of the file)
    <!-- termcheck-disable-next-line -->  nothing reported on the next line

Rules are codes or prefixes separated by spaces or commas; none means every rule.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_COMMENT = re.compile(r"<!--\s*termcheck-(disable-next-line|disable|enable)\b([^>]*?)-->", re.IGNORECASE)


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
    for m in _COMMENT.finditer(text):
        kind, rules = m.group(1).lower(), _rules(m.group(2))
        if kind == "disable-next-line":
            line_end = text.find("\n", m.end())
            if line_end != -1:
                next_end = text.find("\n", line_end + 1)
                found.append(Suppression(line_end + 1, len(text) if next_end == -1 else next_end, rules))
        elif kind == "disable":
            for rule in rules or [None]:
                open_ranges.setdefault(rule, m.end())
        else:
            closing = list(open_ranges) if rules is None else [r for r in open_ranges if r in rules]
            for rule in closing:
                found.append(Suppression(open_ranges.pop(rule), m.start(), None if rule is None else frozenset({rule})))
    for rule, start in open_ranges.items():
        found.append(Suppression(start, len(text), None if rule is None else frozenset({rule})))
    return found


def _rules(raw: str) -> frozenset[str] | None:
    codes = [c.strip().upper() for c in re.split(r"[\s,]+", raw) if c.strip()]
    return frozenset(codes) if codes else None
