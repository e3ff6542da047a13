"""Words: what a word is, and the regular English plural."""
from __future__ import annotations

import regex

from termcheck.wordlists import words_with_role

WORD = regex.compile(r"[\p{L}\p{M}]+(?:['’ʼ][\p{L}\p{M}]+)*|\p{N}+")
ARTICLES = words_with_role("article")


def has_words(phrase: str) -> bool:
    return WORD.search(phrase) is not None


def singular(word: str) -> str:
    """Strip a regular English plural ending; leaves words too short to be sure of alone."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "xes", "zes", "ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def pluralize(word: str) -> str:
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"
