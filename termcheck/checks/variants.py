"""TC106 variant-phrase: one phrase written two ways in a document, with no glossary entry needed."""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from termcheck.checks.base import Check, DocumentContext, Rule
from termcheck.checks.casing import fit_suggestion
from termcheck.findings import Finding, Severity
from termcheck.matching.tokens import singular
from termcheck.wordlists import near_synonyms, words

# Words, hyphenated compounds whole ("grass-roots"), and the punctuation that ends a clause.
_TOKEN = regex.compile(r"[\p{L}\p{M}]+(?:[-'’][\p{L}\p{M}]+)*|[.,;:!?()\[\]\"“”‘’—]|\n\s*\n")
_MIN_COUNT = 2  # each variant recurs
_SIZES = (2, 3, 4)
MAX_CHARS = 500_000  # counting phrases costs about 1.5 s a megabyte: larger documents are left to TC102


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
        summary="A recurring phrase is written two ways in one document, one word swapped for a near-synonym "
        "or spelled differently.",
        what="Counts the phrases of two to four words that recur in a document. Where two of them differ in "
        "one word, each form recurs, and the two words are spelling variants (grassroots, grass-roots) or "
        "glosses that a Chinese–English dictionary (CC-CEDICT) gives for one Chinese word (officials, "
        "cadres for 干部), each occurrence of the rarer form is flagged with the counts of both. No glossary "
        "entry is needed. Documents over 500 kB (a long book chapter) are skipped.",
        why="Machine translation renders one source term with whichever synonym comes up, so one concept "
        "reads as two. Phrases that differ in a word that is not a synonym (political security, economic "
        "security) name different things and are left alone.",
        example="The village officials met. … The village cadres agreed. … The village cadres left. The "
        "village officials came back.",
        use_instead="The village cadres met. … The village cadres agreed. … (one rendering throughout)",
    )

    def check_document(self, ctx: DocumentContext) -> Iterator[Finding]:
        text = ctx.document.prose
        if len(text) > MAX_CHARS:
            return
        clauses = _clauses(text)
        # A glossary phrase of several words is TC101's or TC102's to report; a one-word rendering is not
        # enough to call the swap known ("officials" is admitted for 领导干部, "cadres" for 干部).
        covered = sorted((t.start, t.end) for t in ctx.terms if " " in text[t.start:t.end].strip())
        reported: set[int] = set()
        for variant in _spelling_variants(clauses) + _swapped_words(clauses):
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


def _clauses(text: str) -> list[list[_Token]]:
    clauses: list[list[_Token]] = [[]]
    for m in _TOKEN.finditer(text):
        word = m.group()
        if not word[0].isalpha():
            if clauses[-1]:
                clauses.append([])
            continue
        clauses[-1].append(_Token(m.start(), m.end(), word.lower().replace("’", "'")))
    return [c for c in clauses if c]


def _content(word: str) -> bool:
    return word not in words("function-words-en.txt") and len(word) > 2


def _spelling_variants(clauses: list[list[_Token]]) -> list[_Variant]:
    """One word written with and without its hyphen: grass-roots and grassroots."""
    forms: dict[str, dict[str, list[_Token]]] = defaultdict(lambda: defaultdict(list))
    for clause in clauses:
        for token in clause:
            if _content(token.word):
                forms[token.word.replace("-", "")][token.word].append(token)
    out = []
    for spellings in forms.values():
        if len(spellings) < 2:
            continue
        ranked = sorted(spellings.items(), key=lambda kv: (-len(kv[1]), kv[1][0].start))
        (top, top_tokens), rest = ranked[0], ranked[1:]
        for word, tokens in rest:
            if len(tokens) >= _MIN_COUNT and len(top_tokens) >= _MIN_COUNT:
                out.append(_Variant(top, top, len(top_tokens), word, len(tokens), tokens))
    return out


def _swapped_words(clauses: list[list[_Token]]) -> list[_Variant]:
    """Recurring phrases identical but for one word, where the two words are near-synonyms."""
    occurrences: dict[tuple[str, ...], list[tuple[_Token, ...]]] = defaultdict(list)
    for clause in clauses:
        for size in _SIZES:
            for i in range(len(clause) - size + 1):
                gram = tuple(clause[i:i + size])
                if _content(gram[0].word) and _content(gram[-1].word):
                    occurrences[tuple(t.word for t in gram)].append(gram)
    slots: dict[tuple[int, tuple[str, ...]], Counter[str]] = defaultdict(Counter)
    for phrase, found in occurrences.items():
        if len(found) < _MIN_COUNT:
            continue
        for i, word in enumerate(phrase):
            if _content(word):
                slots[(i, phrase[:i] + ("",) + phrase[i + 1:])][word] = len(found)
    out = []
    for (i, frame), counts in slots.items():
        if len(counts) < 2:
            continue
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        top, top_count = ranked[0]
        for word, count in ranked[1:]:
            if singular(word) == singular(top) or not _swap(frame, i, top, word):
                continue
            minority = frame[:i] + (word,) + frame[i + 1:]
            dominant = frame[:i] + (top,) + frame[i + 1:]
            tokens = [gram[i] for gram in occurrences[minority]]
            out.append(_Variant(top, " ".join(dominant), top_count, " ".join(minority), count, tokens))
    return out


def _swap(frame: tuple[str, ...], i: int, a: str, b: str) -> bool:
    """Are `a` and `b` in slot `i` of the phrase one Chinese word's glosses, alone or with a neighbour?"""
    if near_synonyms(singular(a), singular(b)) or near_synonyms(a, b):
        return True
    for j in (i - 1, i + 1):
        if 0 <= j < len(frame):
            left, right = (frame[j], a), (frame[j], b)
            pair_a = " ".join(left if j < i else left[::-1])
            pair_b = " ".join(right if j < i else right[::-1])
            if near_synonyms(pair_a, pair_b) or near_synonyms(singular_phrase(pair_a), singular_phrase(pair_b)):
                return True
    return False


def singular_phrase(phrase: str) -> str:
    head, _, last = phrase.rpartition(" ")
    return f"{head} {singular(last)}".strip()


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    from bisect import bisect_right

    i = bisect_right(spans, (start, float("inf")))
    return any(s < end and start < e for s, e in spans[max(0, i - 3):i + 1])


CHECK = VariantPhrase()
