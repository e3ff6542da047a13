"""Findings: what a check reports, positioned in the original document text."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


@dataclass(frozen=True)
class Concept:
    """The glossary concept a finding is about."""

    zh: str
    en: str


@dataclass
class Finding:
    """One problem at [start, end) of a document's text (code-point offsets, end exclusive)."""

    path: str
    rule: str
    name: str
    severity: Severity
    start: int
    end: int
    text: str
    message: str
    suggestion: str | None = None
    concept: Concept | None = None
    fixable: bool = False
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    segment: str | None = None  # the segment id in a bilingual file (a unit id for XLIFF and TMX)
    fingerprint: str | None = None  # set once per run, before any finding is filtered (fingerprints.py)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.start, self.end, self.rule)
