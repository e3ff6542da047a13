"""Does a replacement fit the span it replaces? Shared by the checks that suggest renderings.

A suggestion is the replacement for the flagged text only: accepting it must leave a sentence in which
no word is doubled at the seams and nothing around the span is lost or repeated.
"""
from __future__ import annotations

import regex

from termcheck.matching.tokens import WORD
from termcheck.wordlists import words_with_role

_COMMON = words_with_role("common")
_LAST_WORD = regex.compile(r"(\w+)[\s'’\"“”‘(\[-]*$")
_FIRST_WORD = regex.compile(r"^[\s'’\"“”‘)\].,;:!?-]*(\w+)")
_NEIGHBOURHOOD = 60
_SENTENCE_END = regex.compile(r"[.!?;。！？；]\s|\n\s*\n")


def similar_length(found: str, replacement: str) -> bool:
    """Within one word of the found text: a much longer or shorter rendering paraphrases more than it."""
    return abs(len(WORD.findall(replacement)) - len(WORD.findall(found))) <= 1


def seam_safe(text: str, start: int, end: int, replacement: str) -> bool:
    """No word repeats where the replacement meets the text before and after it ("the the", "Congress
    of the 20th National Congress"), counting the three words on either side for all but common words."""
    new_words = [w.lower() for w in WORD.findall(replacement)]
    if not new_words:
        return True
    before_text, after_text = text[max(0, start - _NEIGHBOURHOOD):start], text[end:end + _NEIGHBOURHOOD]
    # Only the words of the same sentence are neighbours.
    before_text = _SENTENCE_END.split(before_text)[-1]
    after_text = _SENTENCE_END.split(after_text, maxsplit=1)[0]
    last, first = _LAST_WORD.search(before_text), _FIRST_WORD.search(after_text)
    if (last and last.group(1).lower() == new_words[0]) or (first and first.group(1).lower() == new_words[-1]):
        return False
    before = {_base(w) for w in WORD.findall(before_text)[-3:]}
    after = {_base(w) for w in WORD.findall(after_text)[:3]}
    head = {_base(w) for w in new_words[:2]} - _COMMON
    tail = {_base(w) for w in new_words[-2:]} - _COMMON
    return not (head & before or tail & after)


def _base(word: str) -> str:
    return word.lower().removesuffix("'s").removesuffix("’s")
