"""TC108 literal-idiom: a four-character idiom translated character by character."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

from termcheck.checks.base import Check, DocumentContext, Rule
from termcheck.findings import Finding, Severity
from termcheck.matching.tokens import singular
from termcheck.resources import DATA
from termcheck.wordlists import frequency_rank, words

_WORD = regex.compile(r"[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*|[.;:!?,()\"“”]|\n\s*\n")
MAX_GAP = 0  # content words allowed between the glosses of two characters
MIN_CHARACTERS = 3  # of the four
UNCOMMON_RANK = 1500  # at least one matched word outside the 1,500 commonest English words


@dataclass(frozen=True)
class _Idiom:
    zh: str
    meaning: str
    glosses: tuple[frozenset[str], ...]  # per character


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    word: str  # lower-cased, singular; "" for a clause break


class LiteralIdiom(Check):
    rule = Rule(
        code="TC108",
        name="literal-idiom",
        severity=Severity.WARNING,
        summary="A four-character idiom (chengyu) is rendered character by character, so the English is "
        "opaque.",
        what="Looks for the English glosses of at least three of an idiom's four characters, in the "
        "characters' order, each right after the last (function words aside), in one clause, one of them an uncommon word, for "
        "the 4,600 four-character idioms of CC-CEDICT (termcheck/data/idiom-glosses.tsv). It names the "
        "idiom and what it means; the wording that fits the sentence is the editor's.",
        why="Speeches quote idioms; machine translation renders their characters one by one (青黄不接 as "
        "“green and yellow do not answer”), which reads as nonsense.",
        example="The village faces the problem that green and yellow do not answer.",
        use_instead="The village faces a shortage of successors.",
    )

    def check_document(self, ctx: DocumentContext) -> Iterator[Finding]:
        index = _index()
        tokens = _tokens(ctx.document.prose)
        taken: list[tuple[int, int]] = []
        for i, token in enumerate(tokens):
            for idiom, position in index.get(token.word, ()):
                if position > 1:
                    continue
                span = _match(tokens, i, idiom, position)
                if span is None:
                    continue
                start, end = tokens[span[0]].start, tokens[span[1]].end
                if any(s < end and start < e for s, e in taken):
                    continue
                taken.append((start, end))
                yield self.finding(
                    ctx, start, end,
                    f"“{' '.join(ctx.document.prose[start:end].split())}” looks like the idiom {idiom.zh} "
                    f"rendered character by character; it means “{idiom.meaning}”",
                )
                break


def _tokens(text: str) -> list[_Token]:
    function = words("function-words-en.txt")
    out = []
    for m in _WORD.finditer(text):
        word = m.group().lower()
        if not word[0].isalpha():
            out.append(_Token(m.start(), m.end(), ""))
        elif word not in function:
            out.append(_Token(m.start(), m.end(), singular(word)))
    return out


def _match(tokens: list[_Token], first: int, idiom: _Idiom, position: int) -> tuple[int, int] | None:
    """From token `first` (the gloss of character `position`), the later characters' glosses in order,
    each within MAX_GAP content words of the one before, in one clause: the span's first and last token,
    or None."""
    found, last, character = 1, first, position + 1
    matched = [tokens[first].word]
    j = first + 1
    while j < len(tokens) and j - last <= MAX_GAP + 1 and character < len(idiom.glosses):
        word = tokens[j].word
        if not word:
            break
        for c in range(character, min(character + 2, len(idiom.glosses))):  # a character may be left out
            if word in idiom.glosses[c]:
                found, last, character = found + 1, j, c + 1
                matched.append(word)
                break
        j += 1
    if found < MIN_CHARACTERS or len(set(matched)) < MIN_CHARACTERS:
        return None
    if not any(frequency_rank(w) > UNCOMMON_RANK for w in matched):
        return None
    return first, last


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[tuple[_Idiom, int], ...]]:
    function = words("function-words-en.txt")
    by_word: dict[str, list[tuple[_Idiom, int]]] = defaultdict(list)
    for line in (DATA / "idiom-glosses.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        zh, meaning, characters = line.split("\t")
        glosses = tuple(frozenset(singular(g) for g in part.split("|") if g and g not in function)
                        for part in characters.split("/"))
        idiom = _Idiom(zh, meaning, glosses)
        for position, options in enumerate(glosses):
            for gloss in options:
                by_word[gloss].append((idiom, position))
    return {word: tuple(found) for word, found in by_word.items()}


CHECK = LiteralIdiom()
