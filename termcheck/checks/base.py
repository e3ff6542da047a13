"""What every check shares: its Rule (the catalogue entry) and the context it reads."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from termcheck.documents.model import Document, Segment
from termcheck.findings import Concept, Finding, Severity
from termcheck.glossary.model import Entry
from termcheck.matching.compiled import CompiledGlossary, Kind, PatternHit, TermHit
from termcheck.matching.source_terms import SourceTerm


@dataclass(frozen=True)
class Rule:
    """A catalogue entry, documented in ruff's four parts."""

    code: str
    name: str
    severity: Severity
    summary: str
    what: str
    why: str
    example: str
    use_instead: str
    fixable: bool = False


@dataclass
class DocumentContext:
    """One document and what the compiled glossary found in its prose.

    For a bilingual document, `source_terms[i]` lists the glossary terms found in the source of
    `document.segments[i]`; `target_english` says whether the targets are English (the monolingual
    checks only make sense then).
    """

    document: Document
    terms: list[TermHit] = field(default_factory=list)
    patterns: list[PatternHit] = field(default_factory=list)
    proper_names: frozenset[str] = frozenset()
    source_terms: list[list[SourceTerm]] = field(default_factory=list)
    target_english: bool = True
    # The compiled glossary itself, for checks that need more than the hits (TC107's formulas). Never
    # pickled: a worker process sends the context back, and the parent has its own glossary.
    glossary: CompiledGlossary | None = None

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state["glossary"] = None
        return state


class Check:
    """A check reports findings for one document, or for a whole run (override the one that applies)."""

    rule: Rule
    bilingual: bool = False  # True: runs only on documents with source segments (and on any target language)
    # True: reads ctx.source_terms, the glossary terms found in each source segment. Finding them needs
    # jieba's dictionary, which takes a second to load: a run whose selected checks need none skips it.
    needs_source_terms: bool = False

    def prepare(self, glossary: CompiledGlossary) -> None:
        """Build what this check derives from the glossary (`glossary.derived`), so that it is cached with
        it; a check that derives nothing need not override this."""

    def applies_to(self, ctx: DocumentContext) -> bool:
        if self.bilingual:
            return ctx.document.bilingual
        return ctx.target_english

    def check_document(self, ctx: DocumentContext) -> Iterable[Finding]:
        return ()

    def check_run(self, contexts: list[DocumentContext]) -> Iterable[Finding]:
        return ()

    def segment_finding(self, ctx: DocumentContext, index: int, message: str, entry: Entry | None = None) -> Finding:
        """A finding that covers the whole target of segment `index`."""
        segment = ctx.document.segments[index]
        return self.finding(ctx, segment.start, segment.start + len(segment.target), message, entry=entry)

    def finding(
        self,
        ctx: DocumentContext,
        start: int,
        end: int,
        message: str,
        *,
        suggestion: str | None = None,
        entry: Entry | None = None,
        fixable: bool = False,
        severity: Severity | None = None,
    ) -> Finding:
        return Finding(
            path=ctx.document.path,
            rule=self.rule.code,
            name=self.rule.name,
            severity=severity or self.rule.severity,
            start=start,
            end=end,
            text=ctx.document.text[start:end],
            message=message,
            suggestion=suggestion,
            concept=Concept(entry.zh, entry.en) if entry else None,
            fixable=fixable and suggestion is not None,
        )


def translated_segments(ctx: DocumentContext) -> Iterator[tuple[int, Segment]]:
    """Each segment with its index whose target is there to compare: not empty (TC304 reports those) and
    not fuzzy (a PO entry its translator has not confirmed)."""
    for index, segment in enumerate(ctx.document.segments):
        if segment.target.strip() and "fuzzy" not in segment.flags:
            yield index, segment


def deprecated_concepts_by_segment(ctx: DocumentContext) -> dict[int, set[str]]:
    """For each segment, the concepts (Chinese terms) whose deprecated rendering TC101 reports in its target."""
    found: dict[int, set[str]] = {}
    for hit in ctx.terms:
        if hit.kind is Kind.DEPRECATED:
            index = ctx.document.segment_index_at(hit.start)
            if index is not None:
                found.setdefault(index, set()).add(hit.entry.zh)
    return found
