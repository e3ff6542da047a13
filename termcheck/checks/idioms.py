"""TC108 literal-idiom: a four-character idiom translated character by character."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

from termcheck.checks.base import Check, DocumentContext, Rule
from termcheck.findings import Finding, Severity
from termcheck.matching.compiled import CompiledGlossary
from termcheck.matching.windows import anchored_windows
from termcheck.matching.tokens import singular
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

    def prepare(self, glossary: CompiledGlossary) -> None:
        _index(glossary)

    def check_document(self, ctx: DocumentContext) -> Iterator[Finding]:
        index = _index(ctx.glossary)
        # Only an uncommon word can anchor a match: common words ("work", "people") gloss hundreds of
        # characters, and trying every idiom at every one of them made a 50 MB file take minutes. Text is
        # tokenized only around the anchors.
        text = ctx.document.prose
        for start, end in anchored_windows(text, lambda w: singular(w) in index, reach=50):
            yield from self._check_window(ctx, index, _tokens(text[start:end], start))

    def _check_window(self, ctx: DocumentContext, index: dict[str, tuple[tuple[_Idiom, int], ...]],
                      tokens: list[_Token]) -> Iterator[Finding]:
        taken: list[tuple[int, int]] = []
        for i, token in enumerate(tokens):
            for idiom, position in index.get(token.word, ()):
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


def _tokens(text: str, offset: int = 0) -> list[_Token]:
    function = words("function-words-en.txt")
    out = []
    for m in _WORD.finditer(text):
        word = m.group().lower()
        if not word[0].isalpha():
            out.append(_Token(offset + m.start(), offset + m.end(), ""))
        elif word not in function:
            out.append(_Token(offset + m.start(), offset + m.end(), singular(word)))
    return out


def _match(tokens: list[_Token], anchor: int, idiom: _Idiom, position: int) -> tuple[int, int] | None:
    """Around token `anchor` (an uncommon gloss of character `position`), the other characters' glosses
    in order, each right next to the last (function words aside), one character at most left out, in
    one clause: the span's first and last token, or None."""
    before = _walk(tokens, anchor, -1, [idiom.glosses[c] for c in range(position - 1, -1, -1)])
    after = _walk(tokens, anchor, 1, [idiom.glosses[c] for c in range(position + 1, len(idiom.glosses))])
    (first, found_before), (last, found_after) = before, after
    if 1 + found_before + found_after < MIN_CHARACTERS:
        return None
    return first, last


def _walk(tokens: list[_Token], anchor: int, step: int, wanted: list[frozenset[str]]) -> tuple[int, int]:
    """From the anchor outwards: how far the glosses of `wanted` (nearest character first) reach."""
    found, reach, j, c, skipped = 0, anchor, anchor + step, 0, False
    while 0 <= j < len(tokens) and c < len(wanted) and tokens[j].word:
        word = tokens[j].word
        if word in wanted[c]:
            found, reach, c = found + 1, j, c + 1
        elif not skipped and c + 1 < len(wanted) and word in wanted[c + 1]:
            found, reach, c, skipped = found + 1, j, c + 2, True
        else:
            break
        j += step
    return reach, found


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
