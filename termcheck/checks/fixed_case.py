"""TC103 fixed-case: an official name whose capitalization is fixed, written with other capitals."""
from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import regex

from termcheck.checks.base import Check, DocumentContext, Rule
from termcheck.findings import Finding, Severity
from termcheck.matching.compiled import CompiledGlossary, TermHit
from termcheck.matching.tokens import WORD
from termcheck.wordlists import frequency_rank

_SENTENCE_END = ".!?:\n"


class FixedCase(Check):
    rule = Rule(
        code="TC103",
        name="fixed-case",
        severity=Severity.WARNING,
        summary="An official name whose capitalization is fixed is written with different capitals.",
        what="For glossary entries marked `case: fixed`, compares the capitals of each occurrence of an "
        "acceptable rendering with the glossary's spelling, word by word. A single lower-case word of "
        "ordinary English (“paper” for The Paper, “cast” for CAST) is taken for the word, and a name "
        "spelled lower-case (ecns.cn) may take a capital at the start of a sentence. A name of several "
        "words inside a longer phrase the glossary knows (New China in “the history of New China”) is "
        "checked too.",
        why="Official names (institutions, named theories) are proper nouns with one spelling; "
        "“ministry of state security” or “Xi Jinping thought” reads as careless or as a generic phrase.",
        example="He studied Xi Jinping thought on Socialism with Chinese Characteristics for a New Era.",
        use_instead="He studied Xi Jinping Thought on Socialism with Chinese Characteristics for a New Era.",
        fixable=True,
    )

    def prepare(self, glossary: CompiledGlossary) -> None:
        _names(glossary)

    def check_document(self, ctx: DocumentContext) -> Iterator[Finding]:
        text = ctx.document.text
        names = _names(ctx.glossary) if ctx.glossary is not None else {}
        for hit in ctx.terms:
            if hit.kind.acceptable and not hit.entry.fixed_case and names:
                yield from self._names_inside(ctx, text, hit, names)
            if not (hit.entry.fixed_case and hit.kind.acceptable):
                continue
            found = text[hit.start:hit.end]
            if found.isupper() and len(found) > 3:
                continue  # an all-capitals heading is a style, not a misspelling
            if _ordinary_word(text, hit.start, found) or _capitalized_at_sentence_start(
                text, hit.start, found, hit.rendering.phrase
            ):
                continue
            corrected = recase(found, hit.rendering.phrase)
            if corrected is not None and corrected != found:
                yield self.finding(
                    ctx, hit.start, hit.end,
                    f"“{' '.join(found.split())}” is an official name written “{hit.rendering.phrase}”",
                    suggestion=corrected, entry=hit.entry, fixable=True,
                )


    def _names_inside(self, ctx: DocumentContext, text: str, hit: TermHit,
                      names: dict[str, tuple[str, ...]]) -> Iterator[Finding]:
        """Fixed-case names of several words inside a longer acceptable phrase: the longest match wins in
        the matcher, so "history of new China" is a hit of 新中国史, never of 新中国."""
        phrase = hit.rendering.phrase
        for name in _contained_names(phrase, names):
            for m in _flexible(name).finditer(text, hit.start, hit.end):
                found = m.group()
                if found.isupper():
                    continue  # an all-capitals heading is a style, not a misspelling
                corrected = recase(found, name)
                if corrected is not None and corrected != found and not _capitalized_at_sentence_start(
                        text, m.start(), found, name):
                    yield self.finding(
                        ctx, m.start(), m.end(),
                        f"“{' '.join(found.split())}” is an official name written “{name}”",
                        suggestion=corrected, entry=hit.entry, fixable=True,
                    )


def _names(glossary: CompiledGlossary | None) -> dict[str, tuple[str, ...]]:
    """The fixed-case renderings of two or more words, by their first word lower-cased."""
    if glossary is None:
        return {}

    def build() -> dict[str, tuple[str, ...]]:
        by_first: dict[str, list[str]] = {}
        for entry in glossary.glossary.entries:
            if entry.fixed_case:
                for phrase in entry.acceptable:
                    if len(phrase.split()) >= 2 and any(c.isupper() for c in phrase):
                        by_first.setdefault(phrase.split()[0].lower(), []).append(phrase)
        return {first: tuple(found) for first, found in by_first.items()}

    return glossary.derived("TC103.names", build)


def _contained_names(phrase: str, names: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The fixed-case names (other than the phrase itself) that `phrase` contains, case aside."""
    words = phrase.split()
    lowered = " ".join(words).lower()
    return tuple(name for word in dict.fromkeys(w.lower() for w in words) for name in names.get(word, ())
                 if name.lower() in lowered and name.lower() != lowered)


@lru_cache(maxsize=4096)
def _flexible(name: str) -> regex.Pattern[str]:
    return regex.compile(r"(?<!\w)" + r"\s+".join(regex.escape(w) for w in name.split()) + r"(?!\w)",
                         regex.IGNORECASE)


def _ordinary_word(text: str, start: int, found: str) -> bool:
    """One word of ordinary English in lower case, or capitalized as a sentence's first word ("paper" for
    The Paper, "Cast" for CAST): the word, not the name, far more often than not."""
    if not (found.isalpha() and frequency_rank(found) < 1_000_000):
        return False
    return found.islower() or _capitalized_at_sentence_start(text, start, found, found.lower())


def _capitalized_at_sentence_start(text: str, start: int, found: str, spelling: str) -> bool:
    """A name spelled lower-case ("ecns.cn") given a capital only because a sentence starts with it."""
    if found[:1].lower() != spelling[:1] or found[1:] != spelling[1:]:
        return False
    before = text[:start].rstrip(" \t\"“‘'(")
    return not before or before[-1] in _SENTENCE_END


def recase(found: str, spelling: str) -> str | None:
    """Found text with each word given the capitals of the glossary spelling; separators kept.

    None when the words do not line up one to one (e.g. a hyphenated compound written solid).
    """
    found_words = list(WORD.finditer(found))
    words = [w for w in WORD.findall(spelling)]
    if words and words[0].lower() in ("the", "a", "an") and len(found_words) == len(words) - 1:
        words = words[1:]
    if len(found_words) != len(words):
        return None
    pieces, last = [], 0
    for match, model in zip(found_words, words, strict=True):
        pieces.append(found[last:match.start()])
        pieces.append(_copy_case(match.group(), model))
        last = match.end()
    pieces.append(found[last:])
    return "".join(pieces)


def _copy_case(word: str, model: str) -> str:
    # strict=False: the word may be longer or shorter than its model; the letters past the model's keep their case.
    shaped = [m if m.lower() == c.lower() else c for c, m in zip(word, model, strict=False)]
    return "".join(shaped) + word[len(model):]


CHECK = FixedCase()
