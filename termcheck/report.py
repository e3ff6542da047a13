"""What one run produced, handed to a formatter."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from termcheck.findings import Finding, Severity
from termcheck.glossary.model import GlossaryFile


@dataclass
class Report:
    findings: list[Finding]
    files: int
    glossaries: list[GlossaryFile] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def by_severity(self) -> dict[str, int]:
        counts = Counter(f.severity.value for f in self.findings)
        return {s.value: counts.get(s.value, 0) for s in Severity}
