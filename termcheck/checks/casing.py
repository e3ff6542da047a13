"""Fitting a suggested rendering to the text it replaces (case and number)."""
from __future__ import annotations

from termcheck.matching.tokens import WORD, pluralize, singular

_SMALL_WORDS = frozenset("a an and as at but by for in of on or the to with".split())


def fit_suggestion(found: str, replacement: str, fixed_case: bool) -> str:
    """Adapt `replacement` to the case and number of `found`.

    The glossary's own capitals are kept ("Two Upholds"); a sentence-initial or Title Case `found` makes
    the suggestion start with a capital or be title-cased; a plural `found` pluralizes a singular
    replacement ("battleforts" -> "fighting bastions").
    """
    suggestion = _fit_number(found, replacement)
    if fixed_case:
        return suggestion
    words = [m.group() for m in WORD.finditer(found) if not m.group().isdigit()]
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


def _fit_number(found: str, replacement: str) -> str:
    found_words = WORD.findall(found)
    replacement_words = WORD.findall(replacement)
    if not found_words or not replacement_words:
        return replacement
    last_found = found_words[-1].lower()
    last = replacement_words[-1]
    if not last.isalpha() or singular(last_found) == last_found or singular(last.lower()) != last.lower():
        return replacement
    cut = replacement.rfind(last)
    return replacement[:cut] + pluralize(last) + replacement[cut + len(last):]
