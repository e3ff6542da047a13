"""What one run produced, handed to a formatter."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from termcheck.checks.base import Rule
from termcheck.documents.model import Document
from termcheck.findings import Finding, Severity
from termcheck.glossary.model import GlossaryFile


@dataclass
class Report:
    """Findings with what a formatter may need to present them: the documents (for context and
    highlighting), the rule catalogue (for help texts), the glossaries used, and unreadable inputs."""

    findings: list[Finding]
    files: int
    glossaries: list[GlossaryFile] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    rules: dict[str, Rule] = field(default_factory=dict)
    suppressed: int = 0  # findings an editor rejected (decisions file) or a baseline already knew
    decisions: list[dict[str, object]] = field(default_factory=list)  # the decisions file's entries, as read
    fail_on: Severity = Severity.WARNING  # the least severity that fails the run (--fail-on)

    def by_severity(self) -> dict[str, int]:
        counts = Counter(f.severity.value for f in self.findings)
        return {s.value: counts.get(s.value, 0) for s in Severity}
