"""TC102 inconsistent-rendering: one concept rendered several acceptable ways in a file or a run."""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from termcheck.checks.base import Check, DocumentContext, Rule
from termcheck.findings import Finding, Severity
from termcheck.glossary.model import Entry
from termcheck.matching.compiled import TermHit
from termcheck.matching.source_terms import content_stems
from termcheck.wordlists import words_with_role


class InconsistentRendering(Check):
    rule = Rule(
        code="TC102",
        name="inconsistent-rendering",
        severity=Severity.WARNING,
        summary="One concept is rendered in more than one way within a file or across the files of a run.",
        what="Counts every rendering of each glossary concept in a file. Where a file mixes acceptable "
        "renderings, each occurrence of a minority rendering is flagged, and the message lists every "
        "rendering with its count. A phrase that is an acceptable rendering of two concepts (“poverty "
        "alleviation” for 扶贫 and 脱贫攻坚) is not counted: which concept it renders is unknown. "
        "Abbreviations (CPC), shortenings (Xi Jinping for General Secretary Xi Jinping) and the same words "
        "reordered count as the same rendering. In a bilingual file a rendering counts only in segments "
        "whose source has the concept (“fighting spirit” may render 斗志 as well as 斗争精神). Across "
        "several files, a file whose rendering differs from the one most files use is flagged too.",
        why="Readers take two names for two things. A document that says both “sense of gain” and “sense "
        "of fulfillment” for 获得感 suggests two concepts where the source has one.",
        example="… a sense of gain … (later) … a sense of fulfillment …",
        use_instead="… a sense of gain … (later) … a sense of gain …",
    )

    needs_source_terms = True  # a bilingual file's renderings count only where the source has the concept

    def check_run(self, contexts: list[DocumentContext]) -> Iterator[Finding]:
        per_file = [_renderings_by_concept(ctx) for ctx in contexts]
        run_counts: dict[str, Counter[str]] = defaultdict(Counter)
        for concepts in per_file:
            for key, hits in concepts.items():
                run_counts[key].update(_rendering(h) for h in hits if h.kind.acceptable)
        for ctx, concepts in zip(contexts, per_file, strict=True):
            for key, hits in concepts.items():
                yield from self._check_concept(ctx, hits, run_counts[key], several_files=len(contexts) > 1)

    def _check_concept(
        self, ctx: DocumentContext, hits: list[TermHit], run_counts: Counter[str], several_files: bool
    ) -> Iterator[Finding]:
        entry = hits[0].entry
        all_counts = Counter(_rendering(h) for h in hits)
        acceptable = Counter(_rendering(h) for h in hits if h.kind.acceptable)
        if len(acceptable) > 1:
            dominant = _dominant(acceptable, entry)
            listing = _listing(all_counts)
            for hit in hits:
                if hit.kind.acceptable and not _compatible(_rendering(hit), dominant):
                    yield self.finding(
                        ctx, hit.start, hit.end,
                        f"{entry.zh} is rendered {len(all_counts)} ways in this file ({listing}); "
                        f"keep to “{dominant}”",
                        suggestion=dominant, entry=entry,
                    )
        elif len(acceptable) == 1 and several_files and len(run_counts) > 1:
            dominant = _dominant(run_counts, entry)
            used = next(iter(acceptable))
            if not _compatible(used, dominant):
                listing = _listing(run_counts)
                for hit in hits:
                    if _rendering(hit) == used:
                        # Files of one run may come from different hands: a hint, not a warning.
                        yield self.finding(
                            ctx, hit.start, hit.end,
                            f"{entry.zh} is rendered differently across the files of this run ({listing}); "
                            f"keep to “{dominant}”",
                            suggestion=dominant, entry=entry, severity=Severity.INFO,
                        )


def _renderings_by_concept(ctx: DocumentContext) -> dict[str, list[TermHit]]:
    # Keyed by the Chinese term (unique in a merged glossary), not by object: contexts may come back
    # from worker processes, each with its own copy of the glossary.
    grouped: dict[str, list[TermHit]] = defaultdict(list)
    in_source = _source_concepts(ctx)
    for hit in ctx.terms:
        phrase = hit.rendering.phrase
        if " " not in phrase.strip() and phrase.islower():
            continue  # one ordinary word ("all", "governance") is too common to count as the concept
        if hit.rendering.shared:
            continue  # "poverty alleviation" may render 扶贫, not the 脱贫攻坚 it would be counted for
        if in_source is not None and not _in_source(ctx, in_source, hit):
            continue  # the source of this segment does not have the concept: the phrase renders another
        grouped[hit.entry.zh].append(hit)
    return grouped


def _in_source(ctx: DocumentContext, in_source: dict[int | None, set[str]], hit: TermHit) -> bool:
    """Does the source of the hit's segment have its concept? Found there as a term, or written inside a
    longer one (党中央 in 以习近平同志为核心的党中央, which the term finder reports whole)."""
    index = ctx.document.segment_index_at(hit.start)
    if index is None:
        return True
    return hit.entry.zh in in_source.get(index, ()) or hit.entry.zh in ctx.document.segments[index].source


def _source_concepts(ctx: DocumentContext) -> dict[int | None, set[str]] | None:
    """For a bilingual file, the concepts the glossary finds in each segment's source; None otherwise."""
    if not ctx.document.bilingual or not ctx.source_terms:
        return None
    return {index: {term.entry.zh for term in terms} for index, terms in enumerate(ctx.source_terms)}


def _compatible(rendering: str, dominant: str) -> bool:
    """Is this rendering the dominant one, or a legitimate short form of it?

    An abbreviation ("CPC"), a shortening ("Xi Jinping" for "General Secretary Xi Jinping") or the same
    words in another order ("the Party's leadership", "leadership of the Party") is one name, not two.
    """
    if rendering == dominant or _is_acronym(rendering) or _is_acronym(dominant):
        return True
    mine = content_stems(_spell_out(rendering, dominant))
    theirs = content_stems(_spell_out(dominant, rendering))
    return bool(mine) and (mine <= theirs or theirs <= mine)


def _spell_out(phrase: str, other: str) -> str:
    """Replace an acronym in `phrase` by the words of `other` whose initials spell it ("CPC" ->
    "Communist Party of China"), so "20th CPC National Congress" and "20th National Congress of the
    Communist Party of China" compare as the same words."""
    words = other.split()
    for token in phrase.split():
        if not _is_acronym(token):
            continue
        letters = token.removesuffix("s")
        for start in range(len(words)):
            initials, end = "", start
            while end < len(words) and len(initials) < len(letters):
                word = words[end]
                if word.lower() not in _MINOR_WORDS or end == start:
                    initials += "".join(part[:1].upper() for part in word.split("-") if part)  # state-owned: SO
                end += 1
            if initials == letters:
                phrase = phrase.replace(token, " ".join(words[start:end]), 1)
                break
    return phrase


def _is_acronym(word: str) -> bool:
    """"CPC", "SASAC", and an acronym's plural ("SOEs")."""
    letters = word.removesuffix("s")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


_MINOR_WORDS = words_with_role("minor")


def _rendering(hit: TermHit) -> str:
    """The glossary phrase a hit matched, so "China" and "China's" count as one rendering."""
    phrase = hit.rendering.phrase
    for suffix in ("'s", "’s"):
        if phrase.endswith(suffix):
            return phrase[: -len(suffix)]
    return phrase


def _dominant(counts: Counter[str], entry: Entry) -> str:
    """The most used rendering; on a tie the preferred one, then the first in glossary order."""
    order = {phrase: i for i, phrase in enumerate(entry.acceptable)}
    return min(counts, key=lambda p: (-counts[p], order.get(p, len(order))))


def _listing(counts: Counter[str]) -> str:
    return ", ".join(f"“{phrase}” ×{n}" for phrase, n in counts.most_common())


CHECK = InconsistentRendering()
