"""TC104 glossary-pattern: text matching a glossary entry's pattern for a wrong rendering."""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

from termcheck.checks.base import Check, DocumentContext, Rule
from termcheck.checks.casing import fit_suggestion
from termcheck.checks.fitting import seam_safe
from termcheck.findings import Finding, Severity
from termcheck.matching.compiled import Kind, PatternHit


class GlossaryPattern(Check):
    rule = Rule(
        code="TC104",
        name="glossary-pattern",
        severity=Severity.ERROR,
        summary="Text matches a glossary pattern for a wrong rendering, such as an inverted slogan.",
        what="Runs each glossary entry's `pattern` (a regular expression) over the prose and reports every "
        "match with the entry's note and preferred rendering. Where the row gives a `replace` text, that "
        "replaces the pattern's `fix` group (or the whole match) as the suggestion; otherwise the finding "
        "names the standard rendering and offers nothing to apply.",
        why="Some errors vary in form and cannot be listed phrase by phrase. A dropped negation turns "
        "决不能躺在功劳簿上 (“must never rest on our laurels”) into its opposite.",
        example="We need to rest on our laurels.",
        use_instead="We must never rest on our laurels.",
    )

    def check_document(self, ctx: DocumentContext) -> Iterator[Finding]:
        deprecated = sorted((t.start, t.end) for t in ctx.terms if t.kind is Kind.DEPRECATED)
        starts = [s for s, _ in deprecated]
        for hit in _longest_first(ctx.patterns):
            if _overlaps(deprecated, starts, hit.start, hit.end):
                continue  # TC101 already reports this text, with a more specific suggestion
            entry = hit.entry
            found = " ".join(ctx.document.text[hit.start:hit.end].split())
            why = f": {entry.note.rstrip('.')}" if entry.note else ""
            yield self.finding(
                ctx, hit.start, hit.end,
                f"“{found}” is a wrong rendering of {entry.zh}{why}; the standard rendering is “{entry.en}”",
                suggestion=_suggestion(ctx.document.text, hit.start, hit.end,
                                       entry.pattern_replacement if hit.replaceable else None),
                entry=entry, severity=entry.severity,
            )


def _suggestion(text: str, start: int, end: int, replacement: str | None) -> str | None:
    """Only the glossary's own replacement for the matched part: a pattern locates a wrong rendering by
    its surroundings, so the concept's preferred rendering seldom fits the match as a whole."""
    if replacement is None or not seam_safe(text, start, end, replacement):
        return None
    return fit_suggestion(text[start:end], replacement, False)


def _longest_first(hits: list[PatternHit]) -> list[PatternHit]:
    """Where two patterns match overlapping text, only the longer match: it names the more specific
    concept ("the theme of the party day" is 主题党日, not only a lower-case Party)."""
    kept: list[PatternHit] = []
    for cluster in _overlapping_clusters(sorted(hits, key=lambda h: (h.start, h.end))):
        chosen: list[PatternHit] = []
        for hit in sorted(cluster, key=lambda h: (h.start - h.end, h.start)):
            if not any(k.start < hit.end and hit.start < k.end for k in chosen):
                chosen.append(hit)
        kept.extend(sorted(chosen, key=lambda h: (h.start, h.end)))
    return kept


def _overlapping_clusters(hits: list[PatternHit]) -> Iterator[list[PatternHit]]:
    """Runs of hits (sorted by start) that overlap one another in a chain; almost always of one."""
    cluster: list[PatternHit] = []
    reach = -1
    for hit in hits:
        if cluster and hit.start >= reach:
            yield cluster
            cluster = []
        cluster.append(hit)
        reach = max(reach, hit.end) if len(cluster) > 1 else hit.end
    if cluster:
        yield cluster


def _overlaps(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Does [start, end) overlap any of the sorted, non-overlapping spans?"""
    i = bisect_left(starts, end)
    return i > 0 and spans[i - 1][1] > start


CHECK = GlossaryPattern()
