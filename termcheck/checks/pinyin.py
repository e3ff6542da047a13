"""TC204 pinyin-transliteration: a pinyin "name" that is not a known proper name."""
from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import regex

from termcheck.checks.base import Check, DocumentContext, Rule
from termcheck.findings import Finding, Severity
from termcheck.resources import DATA

_WORD = r"[A-Z][a-z]+(?:['’][a-z]+)?"
CAPITALIZED_RUN = regex.compile(rf"(?<![\p{{L}}'’-]){_WORD}(?:[ -]{_WORD}){{0,2}}(?![\p{{L}}-])")
# Letter groups that English words rarely have but pinyin syllables often do.
PINYIN_SIGNAL = regex.compile(r"zh|x[aeiou]|q[aeiv]|qi|iu|uo|ao|ui(?!t|l|d|s)|ei(?!ght|r)|ia[on]")


class PinyinTransliteration(Check):
    rule = Rule(
        code="TC204",
        name="pinyin-transliteration",
        severity=Severity.INFO,
        summary="A capitalized pinyin word sequence is not a known proper name: perhaps an untranslated idiom.",
        what="Finds capitalized words that spell Mandarin syllables and look like a Chinese personal name "
        "or place name, and are not in the proper-names list (glossaries/proper-names.tsv).",
        why="Machine translation sometimes reads an idiom as a name: 一叶知秋 (“one falling leaf heralds "
        "autumn”) came out as “see Ye Zhiqiu's keenness”. Real names belong in the names list.",
        example="we should see Ye Zhiqiu's keenness",
        use_instead="we should see the big picture from small signs",
    )

    def check_document(self, ctx: DocumentContext) -> Iterator[Finding]:
        known = _casefolded(ctx.proper_names)
        for m in CAPITALIZED_RUN.finditer(ctx.document.prose):
            words = [_strip_possessive(w) for w in regex.split(r"[ -]", m.group())]
            if not _looks_like_pinyin_name(words) or _is_known(words, known):
                continue
            end = m.start() + len(" ".join(words)) if m.group().endswith(("'s", "’s")) else m.end()
            name = ctx.document.text[m.start():end]
            yield self.finding(
                ctx, m.start(), end,
                f"“{name}” looks like pinyin; if it is not a person or place, translate its meaning "
                "(names belong in proper-names.tsv)",
            )


def _strip_possessive(word: str) -> str:
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _looks_like_pinyin_name(words: list[str]) -> bool:
    syllables = [_syllable_count(w) for w in words]
    if not all(syllables):
        return False
    signal = any(PINYIN_SIGNAL.search(w.lower()) for w in words)
    if len(words) >= 2:
        return signal and syllables[-1] >= 2 and syllables[0] <= 2
    return signal and syllables[0] >= 3


def _is_known(words: list[str], known: frozenset[str]) -> bool:
    joined = " ".join(words).casefold()
    if joined in known:
        return True
    return any(" ".join(words[i:j]).casefold() in known for i in range(len(words)) for j in range(i + 1, len(words) + 1))


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    lines = (DATA / "pinyin_syllables.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


@lru_cache(maxsize=4096)
def _syllable_count(word: str) -> int:
    """How many syllables a word splits into (fewest), or 0 if it does not split into pinyin."""
    letters = word.lower().replace("'", "").replace("’", "")
    syllables = _syllables()
    best = [0] + [0] * len(letters)
    for end in range(1, len(letters) + 1):
        for size in range(1, 7):
            start = end - size
            if start < 0:
                break
            if (start == 0 or best[start]) and letters[start:end] in syllables:
                count = best[start] + 1
                if not best[end] or count < best[end]:
                    best[end] = count
    return best[len(letters)]


_known_cache: dict[int, frozenset[str]] = {}


def _casefolded(names: frozenset[str]) -> frozenset[str]:
    key = id(names)
    if key not in _known_cache:
        _known_cache[key] = frozenset(n.casefold().replace("-", " ") for n in names)
    return _known_cache[key]


CHECK = PinyinTransliteration()
