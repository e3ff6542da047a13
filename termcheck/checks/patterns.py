"""TC104 glossary-pattern: text matching a glossary entry's pattern for a wrong rendering."""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

from termcheck.checks.base import Check, DocumentContext, Rule
from termcheck.findings import Finding, Severity
from termcheck.matching.compiled import Kind


class GlossaryPattern(Check):
    rule = Rule(
        code="TC104",
        name="glossary-pattern",
        severity=Severity.ERROR,
        summary="Text matches a glossary pattern for a wrong rendering, such as an inverted slogan.",
        what="Runs each glossary entry's `pattern` (a regular expression) over the prose and reports every "
        "match with the entry's note and preferred rendering.",
        why="Some errors vary in form and cannot be listed phrase by phrase. A dropped negation turns "
        "决不能躺在功劳簿上 (“must never rest on our laurels”) into its opposite.",
        example="We need to rest on our laurels.",
        use_instead="We must never rest on our laurels.",
    )

    def check_document(self, ctx: DocumentContext) -> Iterator[Finding]:
        deprecated = sorted((t.start, t.end) for t in ctx.terms if t.kind is Kind.DEPRECATED)
        starts = [s for s, _ in deprecated]
        for hit in ctx.patterns:
            if _overlaps(deprecated, starts, hit.start, hit.end):
                continue  # TC101 already reports this text, with a more specific suggestion
            entry = hit.entry
            found = " ".join(ctx.document.text[hit.start:hit.end].split())
            why = f": {entry.note.rstrip('.')}" if entry.note else ""
            yield self.finding(
                ctx, hit.start, hit.end,
                f"“{found}” is a wrong rendering of {entry.zh}{why}; the standard rendering is “{entry.en}”",
                suggestion=entry.en, entry=entry, severity=entry.severity,
            )


def _overlaps(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Does [start, end) overlap any of the sorted, non-overlapping spans?"""
    i = bisect_left(starts, end)
    return i > 0 and spans[i - 1][1] > start


CHECK = GlossaryPattern()
