"""TC106 variant-phrase: one phrase written two ways in a document, with no glossary entry needed."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from termcheck.checks.base import Check, DocumentContext, Rule
from termcheck.checks.casing import fit_suggestion
from termcheck.findings import Finding, Severity
from termcheck.wordlists import words

# Words, hyphenated compounds whole ("grass-roots"), and the punctuation that ends a clause.
_TOKEN = regex.compile(r"[\p{L}\p{M}]+(?:[-'’][\p{L}\p{M}]+)*|[.,;:!?()\[\]\"“”‘’—]|\n\s*\n")
_MIN_COUNT = 2  # each variant recurs
MAX_CHARS = 500_000  # larger documents are left to TC102 (counting cost 1.5 s a megabyte when this was set;
# it is now about 0.15 s, but raising the cap would change what long documents report)


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    word: str  # lower-cased


class VariantPhrase(Check):
    rule = Rule(
        code="TC106",
        name="variant-phrase",
        severity=Severity.WARNING,
        summary="A recurring word is spelled two ways in one document, with and without its hyphen.",
        what="Counts the content words of a document by their spelling without hyphens. Where a word recurs "
        "in two spellings (grassroots, grass-roots), each at least twice, each occurrence of the rarer one "
        "is flagged with the counts of both. No glossary entry is needed. Words swapped for near-synonyms "
        "(flood control, flood prevention) are not reported: without the source, two Chinese words (防汛, "
        "抗洪) cannot be told from one, and on the development set nearly every such swap was two. Documents "
        "over 500 kB (a long book chapter) are skipped.",
        why="Machine translation and several translators working on one document spell a compound "
        "whichever way comes up, so one document reads as two house styles.",
        example="Grassroots work comes first. … grass-roots officials … grassroots units … grass-roots Party "
        "organizations …",
        use_instead="Grassroots work comes first. … grassroots officials … grassroots units … grassroots Party "
        "organizations …",
    )

    def check_document(self, ctx: DocumentContext) -> Iterator[Finding]:
        text = ctx.document.prose
        if len(text) > MAX_CHARS:
            return
        variants = _spelling_variants(text)
        if not variants:
            return
        # Inside a deprecated or superseded rendering the word is TC101's or TC105's to report, with the
        # whole phrase. Inside an acceptable one nobody else reports it: the glossary's hyphens match
        # either spelling, so "grassroots Party organizations" is the same rendering as the hyphenated one.
        covered = sorted((t.start, t.end) for t in ctx.terms if not t.kind.acceptable)
        reported: set[int] = set()
        for variant in variants:
            for token in variant.minority:
                if token.start in reported or _inside(covered, token.start, token.end):
                    continue
                reported.add(token.start)
                found = text[token.start:token.end]
                yield self.finding(
                    ctx, token.start, token.end,
                    f"“{variant.minority_phrase}” ×{variant.minority_count} and “{variant.dominant_phrase}” "
                    f"×{variant.dominant_count} name one thing in this document; keep to one",
                    suggestion=fit_suggestion(found, variant.dominant_word, False, token.word),
                )


@dataclass
class _Variant:
    dominant_word: str
    dominant_phrase: str
    dominant_count: int
    minority_phrase: str
    minority_count: int
    minority: list[_Token]


def _content(word: str) -> bool:
    return word not in words("function-words-en.txt") and len(word) > 2


def _spelling_variants(text: str) -> list[_Variant]:
    """One word written with and without its hyphen: grass-roots and grassroots."""
    forms: dict[str, dict[str, list[_Token]]] = defaultdict(lambda: defaultdict(list))
    spelled = _spelled_two_ways(text)
    if spelled:
        for m in _TOKEN.finditer(text):
            word = spelled.get(m.group())
            if word is not None:
                forms[word.replace("-", "")][word].append(_Token(m.start(), m.end(), word))
    out = []
    for spellings in forms.values():
        ranked = sorted(spellings.items(), key=lambda kv: (-len(kv[1]), kv[1][0].start))
        (top, top_tokens), rest = ranked[0], ranked[1:]
        for word, tokens in rest:
            if len(tokens) >= _MIN_COUNT and len(top_tokens) >= _MIN_COUNT:
                out.append(_Variant(top, top, len(top_tokens), word, len(tokens), tokens))
    return out


def _spelled_two_ways(text: str) -> dict[str, str]:
    """The content words (as written, and lower-cased) of the text that it also spells another way, with
    or without a hyphen: found among the distinct words, so that most documents, which have none, are
    read word by word only in C."""
    lowered: dict[str, str] = {}
    for written in set(_TOKEN.findall(text)):
        if written[0].isalpha():
            word = written.lower().replace("’", "'")
            if _content(word):
                lowered[written] = word
    spellings: dict[str, set[str]] = defaultdict(set)
    for word in lowered.values():
        spellings[word.replace("-", "")].add(word)
    return {written: word for written, word in lowered.items() if len(spellings[word.replace("-", "")]) > 1}


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    from bisect import bisect_right

    i = bisect_right(spans, (start, float("inf")))
    return any(s < end and start < e for s, e in spans[max(0, i - 3):i + 1])


CHECK = VariantPhrase()
