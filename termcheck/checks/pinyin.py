"""TC204 pinyin-transliteration: an idiom transliterated as if it were a name ("see Ye Zhiqiu's keenness")."""
from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import regex

from termcheck.checks.base import Check, DocumentContext, Rule
from termcheck.findings import Finding, Severity
from termcheck.resources import DATA

_WORD = r"[A-Z][a-z]+(?:['’][a-z]+)?"
CAPITALIZED_RUN = regex.compile(rf"(?<![\p{{L}}'’-]){_WORD}(?:[ -]{_WORD}){{0,3}}(?![\p{{L}}-])")
MIN_SYLLABLES = 3  # two-syllable names are common and too short to tell from an idiom
# A word longer than this cannot be (part of) an idiom's pinyin and is not split at all. The longest idiom
# in the table spelled as one word is 28 letters (shangliangbuzhengxialiangwai, 8 syllables); 8 syllables
# of the longest syllable (6 letters, "chuang") are 48. Without a cap, one 20,000-letter word took 2 GB.
MAX_WORD_LETTERS = 60


class PinyinTransliteration(Check):
    rule = Rule(
        code="TC204",
        name="pinyin-transliteration",
        severity=Severity.WARNING,
        summary="Capitalized pinyin that spells a Chinese idiom: an idiom transliterated as if it were a name.",
        what="Finds runs of capitalized words that spell Mandarin syllables, and reports those whose "
        "syllables are a Chinese idiom or three or more consecutive characters of one (from the idiom "
        "table in termcheck/data), unless the run is in the proper-names list (glossaries/proper-names.tsv).",
        why="Machine translation sometimes reads an idiom as a person's name: 一叶知秋 (“one falling leaf "
        "heralds autumn”: small signs show the big trend) came out as “see Ye Zhiqiu's keenness”, "
        "which means nothing to an English reader.",
        example="we should see Ye Zhiqiu's keenness",
        use_instead="we should be quick to see the big picture from small signs",
    )

    def check_document(self, ctx: DocumentContext) -> Iterator[Finding]:
        known = _casefolded(ctx.proper_names)
        for m in CAPITALIZED_RUN.finditer(ctx.document.prose):
            found = _idiom_spelled_by_run(m.group())
            if found is None:
                continue
            words = [_strip_possessive(w) for w in m.group().replace("-", " ").split(" ")]
            if " ".join(words).casefold() in known:
                continue
            characters, idiom = found
            end = m.start() + len(" ".join(words)) if m.group().endswith(("'s", "’s")) else m.end()
            name = ctx.document.text[m.start():end]
            source = f"the idiom {idiom}" if characters == idiom else f"{characters}, part of the idiom {idiom}"
            yield self.finding(
                ctx, m.start(), end,
                f"“{name}” spells {source}: translate its meaning rather than transliterate it",
            )


def _strip_possessive(word: str) -> str:
    return word[:-2] if word.endswith(("'s", "’s")) else word


@lru_cache(maxsize=65536)
def _idiom_spelled_by_run(run: str) -> tuple[str, str] | None:
    """Cached per run of words: the same capitalized words recur all through a document."""
    return _idiom_spelled_by([_strip_possessive(w) for w in run.replace("-", " ").split(" ")])


def _idiom_spelled_by(words: list[str]) -> tuple[str, str] | None:
    """(characters, idiom) when the words' syllables spell an idiom or 3+ consecutive characters of one."""
    syllables: list[str] = []
    for word in words:
        split = _split_syllables(word.lower().replace("'", "").replace("’", ""))
        if split is None:
            return None
        syllables.extend(split)
    if len(syllables) < MIN_SYLLABLES:
        return None
    return _idiom_lookup(syllables)


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    lines = (DATA / "pinyin_syllables.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


@lru_cache(maxsize=4096)
def _split_syllables(letters: str) -> tuple[str, ...] | None:
    """Split a word into pinyin syllables, preferring the fewest (so "xian" stays one syllable).

    None when the word does not split, or is longer than MAX_WORD_LETTERS. Linear in time and memory:
    each position keeps only its fewest-syllables count and where its last syllable starts."""
    if len(letters) > MAX_WORD_LETTERS:
        return None
    syllables = _syllables()
    count: list[int | None] = [0] + [None] * len(letters)  # fewest syllables spelling letters[:end]
    back = [0] * (len(letters) + 1)  # where the last of those syllables starts
    for end in range(1, len(letters) + 1):
        for size in range(1, 7):
            start = end - size
            if start < 0:
                break
            prefix = count[start]
            if prefix is not None and letters[start:end] in syllables:
                current = count[end]
                if current is None or prefix + 1 < current:
                    count[end], back[end] = prefix + 1, start
    if count[len(letters)] is None:
        return None
    split: list[str] = []
    end = len(letters)
    while end:
        split.append(letters[back[end]:end])
        end = back[end]
    return tuple(reversed(split))


@lru_cache(maxsize=1)
def _idiom_table() -> str:
    """The idiom table as one string, "pinyin<TAB>idiom" per line: searched in place, never indexed,
    so a run that needs it pays a millisecond to read it rather than a tenth of a second to index it."""
    return "\n" + (DATA / "idiom_pinyin.tsv").read_text(encoding="utf-8")


def _idiom_lookup(syllables: list[str]) -> tuple[str, str] | None:
    """(characters, idiom) for the first idiom whose pinyin contains these syllables in a row."""
    table = _idiom_table()
    needle = " ".join(syllables)
    at = table.find(needle)
    while at != -1:
        after = at + len(needle)
        if table[at - 1] in "\n " and table[after] in " \t":
            line_start = table.rfind("\n", 0, at) + 1
            tab = table.index("\t", line_start)
            idiom = table[tab + 1:table.index("\n", tab)]
            first = table.count(" ", line_start, at)
            return idiom[first:first + len(syllables)], idiom
        at = table.find(needle, at + 1)
    return None


@lru_cache(maxsize=8)
def _casefolded(names: frozenset[str]) -> frozenset[str]:
    # Keyed by the set itself (a frozenset caches its hash), not by id(): an id is reused once its set
    # is freed, which handed one linter the names of another.
    return frozenset(n.casefold().replace("-", " ") for n in names)


CHECK = PinyinTransliteration()
