"""Words and their match keys.

A key is what two spellings of one word have in common: case, curly or straight apostrophes, a possessive
"'s" and a regular plural ending are folded away, so "Establishment’s", "establishments" and
"establishment" share the key "establishment". Glossary phrases and document text go through the same
function, so whatever it folds, it folds on both sides.
"""
from __future__ import annotations

import regex

WORD = regex.compile(r"[\p{L}\p{M}]+(?:['’ʼ][\p{L}\p{M}]+)*|\p{N}+")
ARTICLES = frozenset({"the", "a", "an"})
HYPHENS = "-‐‑"
_GAP = regex.compile(r"[\h\r\n*_>\-‐‑]*")


def has_words(phrase: str) -> bool:
    return WORD.search(phrase) is not None


def word_key(word: str) -> str:
    key = word.casefold().replace("’", "'").replace("ʼ", "'")
    if key.endswith("'s"):
        key = key[:-2]
    return singular(key.replace("'", ""))


def singular(word: str) -> str:
    """Strip a regular English plural ending; leaves words too short to be sure of alone."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "xes", "zes", "ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def joinable(gap: str) -> bool:
    """Can a phrase continue across this text between two words?

    Spaces, one line break (hard-wrapped text), one hyphen and Markdown emphasis markers: yes.
    Punctuation, quotes, masked non-prose and blank lines: no.
    """
    if gap == " " or not gap:
        return True
    if gap.count("\n") > 1 or sum(gap.count(h) for h in HYPHENS) > 1:
        return False
    return _GAP.fullmatch(gap) is not None


def phrase_key_variants(phrase: str) -> list[tuple[str, ...]]:
    """All key sequences a glossary phrase stands for.

    A hyphen between two words means "hyphen, space or nothing", so "battle-fort" yields
    ("battle", "fort") and ("battlefort",). A leading article is dropped: it is optional in the text.
    """
    matches = list(WORD.finditer(phrase))
    words = [m.group() for m in matches]
    hyphenated = [
        any(h in phrase[a.end():b.start()] for h in HYPHENS) for a, b in zip(matches, matches[1:])
    ]
    variants: list[list[str]] = [[words[0]]] if words else []
    for word, joined_by_hyphen in zip(words[1:], hyphenated):
        grown: list[list[str]] = []
        for variant in variants:
            grown.append([*variant, word])
            if joined_by_hyphen:
                grown.append([*variant[:-1], variant[-1] + word])
        variants = grown
    keyed = []
    for variant in variants:
        keys = [word_key(w) for w in variant]
        if len(keys) > 1 and keys[0] in ARTICLES:
            keys = keys[1:]
        keyed.append(tuple(keys))
    return list(dict.fromkeys(keyed))
