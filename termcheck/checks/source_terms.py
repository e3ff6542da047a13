"""TC301 term-not-rendered: a glossary term in the source whose standard rendering is not in the target."""
from __future__ import annotations

from collections.abc import Iterator

from termcheck.checks.base import Check, DocumentContext, Rule
from termcheck.findings import Finding, Severity
from termcheck.matching.compiled import Kind
from termcheck.matching.source_terms import is_chinese, renders, renders_chinese


PARAPHRASE_TAGS = frozenset({"idiom", "slogan"})


class TermNotRendered(Check):
    rule = Rule(
        code="TC301",
        name="term-not-rendered",
        severity=Severity.WARNING,
        summary="A glossary term in the source segment is not rendered with its standard rendering in the target.",
        what="Finds the glossary's Chinese terms in each source segment (on jieba word boundaries; "
        "Traditional Chinese is converted first) and checks that the target contains the preferred or "
        "an admitted rendering, allowing for inflection and word order (every content word of a "
        "rendering must be there). Idioms and slogans, which translators rightly paraphrase, are left "
        "to TC101 and TC104. Where the target uses a known deprecated rendering instead, TC101 reports "
        "it at that phrase; otherwise this rule reports the segment. For an English source (a PO catalogue "
        "translated into Chinese) it checks the other way: the English term's Chinese term in the target.",
        why="A term that is paraphrased, garbled or dropped breaks the fixed vocabulary readers and search "
        "rely on, and is invisible to a monolingual check when the wording is not a known variant.",
        example="source: 坚决维护国家安全，坚持总体国家安全观。 target: We must firmly follow the overall "
        "security thinking.",
        use_instead="We must firmly safeguard national security and follow the holistic approach to "
        "national security.",
    )
    bilingual = True

    def check_document(self, ctx: DocumentContext) -> Iterator[Finding]:
        deprecated_by_segment = _deprecated_entries_by_segment(ctx)
        for index, (segment, terms) in enumerate(zip(ctx.document.segments, ctx.source_terms)):
            if not segment.target.strip():
                continue  # TC304 reports empty targets
            english_target = not is_chinese(segment.target)
            for entry in dict.fromkeys(term.entry for term in terms):
                if PARAPHRASE_TAGS & set(entry.tags):
                    continue  # sayings and slogans are rightly paraphrased; TC101/TC104 catch garbled ones
                if english_target:
                    if renders(entry, segment.target) or id(entry) in deprecated_by_segment.get(index, ()):
                        continue
                    message = f"source term {entry.zh} is not rendered with its standard rendering “{entry.en}”"
                else:
                    if renders_chinese(entry, segment.target):
                        continue
                    message = f"source term “{entry.en}” is not rendered as {entry.zh}"
                # The finding covers the whole target: the term's rendering is no replacement for it.
                yield self.segment_finding(ctx, index, message, entry=entry)


def _deprecated_entries_by_segment(ctx: DocumentContext) -> dict[int, set[int]]:
    """Segments whose target already uses a deprecated rendering of an entry (TC101 points at it)."""
    found: dict[int, set[int]] = {}
    segments = ctx.document.segments
    for hit in ctx.terms:
        if hit.kind is Kind.DEPRECATED:
            segment = ctx.document.segment_at(hit.start)
            if segment is not None:
                found.setdefault(segments.index(segment), set()).add(id(hit.entry))
    return found


CHECK = TermNotRendered()
