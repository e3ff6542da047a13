"""TC103 fixed-case: an official name whose capitalization is fixed, written with other capitals."""
from __future__ import annotations

from collections.abc import Iterator

from termcheck.checks.base import Check, DocumentContext, Rule
from termcheck.findings import Finding, Severity
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
        "spelled lower-case (ecns.cn) may take a capital at the start of a sentence.",
        why="Official names (institutions, named theories) are proper nouns with one spelling; "
        "“ministry of state security” or “Xi Jinping thought” reads as careless or as a generic phrase.",
        example="He studied Xi Jinping thought on Socialism with Chinese Characteristics for a New Era.",
        use_instead="He studied Xi Jinping Thought on Socialism with Chinese Characteristics for a New Era.",
        fixable=True,
    )

    def check_document(self, ctx: DocumentContext) -> Iterator[Finding]:
        text = ctx.document.text
        for hit in ctx.terms:
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
