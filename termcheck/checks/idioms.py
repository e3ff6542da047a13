"""TC108 literal-idiom: a four-character idiom translated character by character."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TypeAlias

import regex

from termcheck.checks.base import Check, DocumentContext, Rule
from termcheck.checks.memo import Derived, keep_last
from termcheck.findings import Finding, Severity
from termcheck.matching.compiled import CompiledGlossary
from termcheck.matching.tokens import singular
from termcheck.matching.windows import anchored_windows
from termcheck.resources import DATA
from termcheck.wordlists import frequency_rank, words

_WORD = regex.compile(r"[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*|[.;:!?,()\"“”]|\n\s*\n")
MIN_CHARACTERS = 3  # of the four
UNCOMMON_RANK = 1500  # at least one matched word outside the 1,500 commonest English words


@dataclass(frozen=True)
class _Idiom:
    zh: str
    meaning: str
    glosses: tuple[frozenset[str], ...]  # per character


class LiteralIdiom(Check):
    rule = Rule(
        code="TC108",
        name="literal-idiom",
        severity=Severity.WARNING,
        summary="A four-character idiom (chengyu) is rendered character by character, so the English is "
        "opaque.",
        what="Looks for the English glosses of at least three of an idiom's four characters, in the "
        "characters' order, each right after the last (function words aside), in one clause, one of them an "
        "uncommon word, for the 4,600 four-character idioms of CC-CEDICT (termcheck/data/idiom-glosses.tsv). "
        "It names the idiom and what it means; the wording that fits the sentence is the editor's.",
        why="Speeches quote idioms; machine translation renders their characters one by one (青黄不接 as "
        "“green and yellow do not answer”), which reads as nonsense.",
        example="The village faces the problem that green and yellow do not answer.",
        use_instead="The village faces a shortage of successors.",
    )

    def prepare(self, glossary: CompiledGlossary) -> None:
        _index(glossary)

    def check_document(self, ctx: DocumentContext) -> Iterator[Finding]:
        index = _index(ctx.glossary)
        plans = _plans(index)
        # Only an uncommon word can anchor a match: common words ("work", "people") gloss hundreds of
        # characters, and trying every idiom at every one of them made a 50 MB file take minutes. Text is
        # tokenized only around the anchors.
        text = ctx.document.prose
        for start, end in anchored_windows(text, lambda w: singular(w) in index, reach=50):
            yield from self._check_window(ctx, plans, _Tokens(text[start:end], start))

    def _check_window(self, ctx: DocumentContext, plans: _Plans, tokens: _Tokens) -> Iterator[Finding]:
        taken: list[tuple[int, int]] = []
        content = tokens.words
        for i, word in enumerate(content):
            if word not in plans.index:
                continue
            anchored = plans[word]
            # A match has a gloss right next to the anchor: most anchors have none, and are not walked.
            before = content[i - 1] if i > 0 else ""
            after = content[i + 1] if i + 1 < len(content) else ""
            if before not in anchored.next_before and after not in anchored.next_after:
                continue
            for plan in anchored.plans:
                if before not in plan.next_before and after not in plan.next_after:
                    continue
                span = _match(content, i, plan)
                if span is None:
                    continue
                start, end = tokens.span(*span)
                if any(s < end and start < e for s, e in taken):
                    continue
                taken.append((start, end))
                idiom = plan.idiom
                yield self.finding(
                    ctx, start, end,
                    f"“{' '.join(ctx.document.prose[start:end].split())}” looks like the idiom {idiom.zh} "
                    f"rendered character by character; it means “{idiom.meaning}”",
                )
                break


class _Tokens:
    """A window's content words (lower-cased, singular; function words left out, "" for a clause break).
    Found by one call in C; where they are is worked out only for a window with a match."""

    def __init__(self, text: str, offset: int) -> None:
        self.text, self.offset = text, offset
        self.words = [word for word in map(_word, _WORD.findall(text)) if word is not None]
        self._spans: list[tuple[int, int]] | None = None

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Where the text from content word `first` to content word `last` is."""
        if self._spans is None:
            self._spans = [m.span() for m in _WORD.finditer(self.text) if _word(m.group()) is not None]
        return self.offset + self._spans[first][0], self.offset + self._spans[last][1]


@dataclass(frozen=True)
class _Plan:
    """An idiom as tried from an uncommon gloss of one of its characters, with its walks worked out once."""

    idiom: _Idiom
    before: tuple[frozenset[str], ...]  # the glosses of the characters before, nearest first
    after: tuple[frozenset[str], ...]  # and after
    next_before: frozenset[str]  # what the word before the anchor must be for the walk back to find one
    next_after: frozenset[str]


@dataclass(frozen=True)
class _Anchored:
    plans: tuple[_Plan, ...]
    next_before: frozenset[str]  # the union of the plans'
    next_after: frozenset[str]


@lru_cache(maxsize=65536)
def _word(token: str) -> str | None:
    """The token as the index spells it; "" for punctuation, None for a function word (left out).
    Cached: the same words recur all through a document."""
    word = token.lower()
    if not word[0].isalpha():
        return ""
    return None if word in words("function-words-en.txt") else singular(word)


def _match(content: list[str], anchor: int, plan: _Plan) -> tuple[int, int] | None:
    """Around token `anchor` (an uncommon gloss of one of the idiom's characters), the other characters'
    glosses in order, each right next to the last (function words aside), one character at most left out,
    in one clause: the span's first and last token, or None."""
    first, found_before = _walk(content, anchor, -1, plan.before)
    last, found_after = _walk(content, anchor, 1, plan.after)
    if 1 + found_before + found_after < MIN_CHARACTERS:
        return None
    return first, last


def _walk(content: list[str], anchor: int, step: int, wanted: tuple[frozenset[str], ...]) -> tuple[int, int]:
    """From the anchor outwards: how far the glosses of `wanted` (nearest character first) reach."""
    found, reach, j, c, skipped = 0, anchor, anchor + step, 0, False
    while 0 <= j < len(content) and c < len(wanted) and content[j]:
        word = content[j]
        if word in wanted[c]:
            found, reach, c = found + 1, j, c + 1
        elif not skipped and c + 1 < len(wanted) and word in wanted[c + 1]:
            found, reach, c, skipped = found + 1, j, c + 2, True
        else:
            break
        j += step
    return reach, found


# Each uncommon gloss, with the idioms it anchors (and the anchor's position), worked out as _Anchored.
_Plans: TypeAlias = Derived[str, tuple[tuple[_Idiom, int], ...], _Anchored]


@keep_last
def _plans(index: dict[str, tuple[tuple[_Idiom, int], ...]]) -> _Plans:
    return Derived(index, _anchored)


def _anchored(word: str, found: tuple[tuple[_Idiom, int], ...]) -> _Anchored:
    plans = tuple(_plan(idiom, position) for idiom, position in found)
    return _Anchored(plans, frozenset().union(*(p.next_before for p in plans)),
                     frozenset().union(*(p.next_after for p in plans)))


@cache
def _plan(idiom: _Idiom, position: int) -> _Plan:
    before = tuple(idiom.glosses[c] for c in range(position - 1, -1, -1))
    after = idiom.glosses[position + 1:]
    return _Plan(idiom, before, after, frozenset().union(*before[:2]), frozenset().union(*after[:2]))


def _index(glossary: CompiledGlossary | None) -> dict[str, tuple[tuple[_Idiom, int], ...]]:
    """The idioms under their characters' uncommon glosses (from the package's data, not the glossary, but
    kept with the compiled glossary so that its cache brings it along)."""
    return glossary.derived("TC108.index", _build_index) if glossary is not None else _build_index()


@lru_cache(maxsize=1)
def _build_index() -> dict[str, tuple[tuple[_Idiom, int], ...]]:
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
                if frequency_rank(gloss) > UNCOMMON_RANK:
                    by_word[gloss].append((idiom, position))
    return {word: tuple(found) for word, found in by_word.items()}


CHECK = LiteralIdiom()
