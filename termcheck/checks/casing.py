"""Fitting a suggested rendering to the text it replaces (case and number)."""
from __future__ import annotations

from termcheck.matching.tokens import WORD, pluralize, singular

_SMALL_WORDS = frozenset("a an and as at but by for in of on or the to with".split())


def fit_suggestion(found: str, replacement: str, fixed_case: bool, matched: str | None = None) -> str:
    """Adapt `replacement` to how `found` departs from the glossary phrase it matched (`matched`).

    Only a departure is carried over: a sentence-initial capital, Title Case or capitals where the
    glossary phrase has lower case, and a plural where the glossary phrase is singular
    ("battleforts" for "battle-fort" -> "fighting bastions"). The glossary's own capitals are kept.
    """
    matched = matched or found
    suggestion = _fit_number(found, matched, replacement)
    if fixed_case or _case_shape(found) == _case_shape(matched):
        return suggestion
    words = _words(found)
    if len(words) > 1 and found.isupper():
        return suggestion.upper()
    if len(words) > 1 and all(w[0].isupper() for w in words if w.lower() not in _SMALL_WORDS):
        return title_case(suggestion)
    if found[:1].isupper() and suggestion[:1].islower():
        return suggestion[0].upper() + suggestion[1:]
    return suggestion


def title_case(text: str) -> str:
    def cap(i: int, word: str) -> str:
        if i > 0 and word.lower() in _SMALL_WORDS:
            return word
        return word[0].upper() + word[1:]

    parts = text.split(" ")
    return " ".join(cap(i, w) if w else w for i, w in enumerate(parts))


def _words(text: str) -> list[str]:
    return [w for w in WORD.findall(text) if not w.isdigit()]


def _case_shape(text: str) -> tuple[bool, ...]:
    return tuple(w[:1].isupper() for w in _words(text))


def _fit_number(found: str, matched: str, replacement: str) -> str:
    found_words, matched_words = WORD.findall(found), WORD.findall(matched)
    replacement_words = WORD.findall(replacement)
    if not (found_words and matched_words and replacement_words):
        return replacement
    last_found, last_matched = found_words[-1].lower(), matched_words[-1].lower()
    inflected = singular(last_found) != last_found and singular(last_matched) == last_matched
    last = replacement_words[-1]
    if not inflected or not last.isalpha() or singular(last.lower()) != last.lower():
        return replacement
    cut = replacement.rfind(last)
    return replacement[:cut] + pluralize(last) + replacement[cut + len(last):]
