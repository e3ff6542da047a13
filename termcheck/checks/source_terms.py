"""TC301 term-not-rendered: a glossary term in the source whose standard rendering is not in the target."""
from __future__ import annotations

from collections.abc import Iterator

from termcheck.checks.base import (
    Check,
    DocumentContext,
    Rule,
    deprecated_concepts_by_segment,
)
from termcheck.checks.word_runs import longest_run, stem
from termcheck.findings import Finding, Severity
from termcheck.glossary.model import Entry
from termcheck.han import is_chinese
from termcheck.matching.compiled import TermHit
from termcheck.matching.source_terms import (
    content_stems,
    renders,
    renders_chinese,
)
from termcheck.wordlists import tags_with

PARAPHRASE_TAGS = tags_with("paraphrasable")


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
        "it at that phrase; otherwise this rule points at the words that render the term (a run of two or "
        "more words from its renderings or its dictionary glosses, such as “battle fortress” for 战斗堡垒), "
        "or reports the whole segment when no such run is there. For an English source (a PO catalogue "
        "translated into Chinese) it checks the other way: the English term's Chinese term in the target.",
        why="A term that is paraphrased, garbled or dropped breaks the fixed vocabulary readers and search "
        "rely on, and is invisible to a monolingual check when the wording is not a known variant.",
        example="source: 坚决维护国家安全，坚持总体国家安全观。 target: We must firmly follow the overall "
        "security thinking.",
        use_instead="We must firmly safeguard national security and follow the holistic approach to "
        "national security.",
    )
    bilingual = True
    needs_source_terms = True

    def check_document(self, ctx: DocumentContext) -> Iterator[Finding]:
        deprecated_by_segment = deprecated_concepts_by_segment(ctx)
        rendered_by_segment = _acceptable_hits_by_segment(ctx)
        # strict=False: source_terms is empty when nothing filled it (a context built without the engine).
        for index, (segment, terms) in enumerate(zip(ctx.document.segments, ctx.source_terms, strict=False)):
            if not segment.target.strip():
                continue  # TC304 reports empty targets
            english_target = not is_chinese(segment.target)
            for entry in dict.fromkeys(term.entry for term in terms):
                if PARAPHRASE_TAGS & set(entry.tags):
                    continue  # sayings and slogans are rightly paraphrased; TC101/TC104 catch garbled ones
                if english_target:
                    if renders(entry, segment.target) or entry.zh in deprecated_by_segment.get(index, ()):
                        continue
                    message = f"source term {entry.zh} is not rendered with its standard rendering “{entry.en}”"
                    others = [h for h in rendered_by_segment.get(index, ()) if h.entry is not entry]
                    located = _locate(entry, _masked(segment.target, segment.start, others))
                    if located is not None and _target_in_text(ctx, index):
                        start, end = (segment.start + offset for offset in located)
                        yield self.finding(ctx, start, end, message, entry=entry)
                        continue
                else:
                    if renders_chinese(entry, segment.target):
                        continue
                    message = f"source term “{entry.en}” is not rendered as {entry.zh}"
                # Where the rendering cannot be located, the finding covers the whole target: the term's
                # rendering is no replacement for it.
                yield self.segment_finding(ctx, index, message, entry=entry)


def _locate(entry: Entry, target: str) -> tuple[int, int] | None:
    """Where in the target the term was rendered, if that can be told: the longest run of two or more words
    (joined only by "of", "the", "and") each of which is a word of one of the entry's renderings, known
    wrong renderings or dictionary glosses ("battle fortress" for 战斗堡垒). None when no such run exists."""
    vocabulary: set[str] = set()
    for phrase in (*entry.acceptable, *entry.deprecated, *entry.literal):
        vocabulary |= content_stems(phrase.partition("=>")[0])
    run = longest_run(target, lambda word: True if stem(word) in vocabulary else None)
    return None if run is None else (run.start, run.end)


def _masked(target: str, offset: int, hits: list[TermHit]) -> str:
    """The target with the acceptable renderings of other terms blanked out (as punctuation, which ends a
    run): "Party branches" renders 党支部, and is no place to look for 三会一课. Only renderings of several
    words are given: "party" alone may as well be part of the term looked for ("party cadre")."""
    chars = list(target)
    for hit in hits:
        for i in range(max(hit.start - offset, 0), min(hit.end - offset, len(chars))):
            chars[i] = "|"
    return "".join(chars)


def _acceptable_hits_by_segment(ctx: DocumentContext) -> dict[int, list[TermHit]]:
    found: dict[int, list[TermHit]] = {}
    text = ctx.document.text
    for hit in ctx.terms:
        if hit.kind.acceptable and " " in text[hit.start:hit.end].strip():
            index = ctx.document.segment_index_at(hit.start)
            if index is not None:
                found.setdefault(index, []).append(hit)
    return found


def _target_in_text(ctx: DocumentContext, index: int) -> bool:
    """Is the segment's target the document's text at its offset (so offsets inside it are exact)?"""
    segment = ctx.document.segments[index]
    return ctx.document.text[segment.start:segment.start + len(segment.target)] == segment.target


CHECK = TermNotRendered()
