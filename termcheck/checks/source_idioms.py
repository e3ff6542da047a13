"""TC305 literal-source-idiom: an idiom or set metaphor of the source rendered word for word."""
from __future__ import annotations

import re
from collections.abc import Hashable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from termcheck.checks.base import (
    Check,
    DocumentContext,
    Rule,
    deprecated_concepts_by_segment,
)
from termcheck.checks.word_runs import Run, longest_run
from termcheck.findings import Finding, Severity
from termcheck.glossary.model import Entry
from termcheck.han import is_chinese
from termcheck.matching.automaton import keyword_automaton
from termcheck.matching.compiled import CompiledGlossary
from termcheck.matching.source_terms import (
    renders,
    to_simplified,
)
from termcheck.matching.tokens import singular
from termcheck.resources import DATA
from termcheck.wordlists import tags_with, words

# Glossary entries that translators rightly paraphrase: TC301 leaves them alone, so a word-for-word
# rendering of one is this rule's to report.
FIGURATIVE_TAGS = tags_with("figurative")
_SPLIT = re.compile(r"[^\w'’-]+")
MIN_WORDS = 2  # a run of at least two words...
MIN_WORDS_OF_ENTRY = 2  # ...two different words of a glossary entry's literal renderings...
MIN_CHARACTERS = 3  # ...or glosses of three characters of a dictionary idiom: many four-character words
# of CC-CEDICT are compounds (抢险救灾) that two of their glosses render rightly


@dataclass(frozen=True)
class _Idiom:
    zh: str
    meaning: str
    # word (lower-case, singular) -> what it glosses (a character's position, or itself)
    vocabulary: dict[str, Hashable]
    min_parts: int


class LiteralSourceIdiom(Check):
    rule = Rule(
        code="TC305",
        name="literal-source-idiom",
        severity=Severity.WARNING,
        summary="An idiom or set metaphor in the source segment is rendered word for word in the target.",
        what="Finds, in each Chinese source segment, the glossary's idioms, slogans and set metaphors and the "
        "4,600 four-character idioms of CC-CEDICT (termcheck/data/idiom-glosses.tsv). For each, it looks in "
        "the target for a run of two or more adjacent words (“of”, “the”, “and” aside) that are dictionary "
        "glosses of two or more of its characters, or words of its known literal renderings, and none of "
        "which is a word of what the idiom means or of an acceptable rendering. Such a run is reported with "
        "the meaning. A target that contains an acceptable rendering, or a deprecated one (TC101 reports "
        "that), is left alone.",
        why="A paraphrase of an idiom is right, so a missing standard rendering (TC301) proves nothing; a "
        "character-by-character rendering (一盘棋 as “a game of chess”, 红色江山 as “red rivers and "
        "mountains”) is nonsense to the reader, and it can only be told with the source at hand.",
        example="source: 全国一盘棋。 target: The whole country is a game of chess.",
        use_instead="The whole country acts in concert.",
    )
    bilingual = True
    needs_source_terms = True

    def check_document(self, ctx: DocumentContext) -> Iterator[Finding]:
        flagged_by_segment = deprecated_concepts_by_segment(ctx)
        for index, segment in enumerate(ctx.document.segments):
            target = segment.target
            if not target.strip() or is_chinese(target) or not is_chinese(segment.source):
                continue
            flagged = flagged_by_segment.get(index, set())
            taken: list[tuple[int, int]] = []
            for idiom, entry in _idioms_in(ctx, index):
                if entry is not None and (entry.zh in flagged or renders(entry, target)):
                    continue
                run = _literal_run(target, idiom)
                if run is None or any(s < run.end and run.start < e for s, e in taken):
                    continue
                taken.append((run.start, run.end))
                start, end = segment.start + run.start, segment.start + run.end
                if ctx.document.text[start:end] != target[run.start:run.end]:
                    continue  # the target is not the text at its offset (an escaped PO string)
                yield self.finding(
                    ctx, start, end,
                    f"“{' '.join(target[run.start:run.end].split())}” renders the source's {idiom.zh} word for "
                    f"word; it means “{idiom.meaning}”",
                    entry=entry,
                )


def _literal_run(target: str, idiom: _Idiom) -> Run | None:
    vocabulary = idiom.vocabulary
    return longest_run(target, lambda word: vocabulary.get(_singular(word)), MIN_WORDS, idiom.min_parts)


@lru_cache(maxsize=65536)
def _singular(word: str) -> str:
    return singular(word)  # cached: each target is read once for every idiom of its source


def _idioms_in(ctx: DocumentContext, index: int) -> Iterator[tuple[_Idiom, Entry | None]]:
    """The figurative glossary entries and the dictionary idioms in segment `index`'s source."""
    seen: set[str] = set()
    for term in ctx.source_terms[index] if index < len(ctx.source_terms) else ():
        entry = term.entry
        if FIGURATIVE_TAGS & set(entry.tags) and entry.zh not in seen:
            seen.add(entry.zh)
            yield _glossary_idiom(entry, ctx.glossary), entry
    glosses: dict[str, tuple[str, list[set[str]]]] | None = None
    for _, zh in _idiom_automaton().iter(to_simplified(ctx.document.segments[index].source)):
        if zh not in seen:
            seen.add(zh)
            glosses = glosses if glosses is not None else _dictionary_glosses(ctx.glossary)
            meaning, characters = glosses[zh]
            yield _dictionary_idiom(zh, meaning, tuple(frozenset(c) for c in characters)), None


def _glossary_idiom(entry: Entry, glossary: CompiledGlossary | None) -> _Idiom:
    allowed = set().union(*(_content_words(p) for p in entry.acceptable))
    vocabulary: dict[str, Hashable] = {}
    for phrase in (*entry.literal, *(d.partition("=>")[0] for d in entry.deprecated)):
        for word in _content_words(phrase) - allowed:
            vocabulary[word] = word
    # The dictionary's own definition of an idiom is often literal itself ("the yellow autumn crop does not
    # last until the green spring crop"): with the glossary's rendering at hand, only that is allowed.
    _, characters = _dictionary_glosses(glossary).get(entry.zh, ("", []))
    for position, glosses in enumerate(characters):
        for word in glosses - allowed:
            vocabulary.setdefault(word, position)
    return _Idiom(entry.zh, entry.en, vocabulary, MIN_WORDS_OF_ENTRY)


def _content_words(phrase: str) -> set[str]:
    function = words("function-words-en.txt")
    return {singular(w) for w in _SPLIT.split(phrase.lower()) if w and w not in function}


@lru_cache(maxsize=1)
def _idiom_automaton() -> Any:  # an ahocorasick.Automaton (a C extension without types)
    """The dictionary's idioms, to find in a source (their first column is quick to read)."""
    lines = (DATA / "idiom-glosses.tsv").read_text(encoding="utf-8").splitlines()
    return keyword_automaton({zh: zh for zh in (line.partition("\t")[0] for line in lines if line and line[0] != "#")})


@lru_cache(maxsize=8192)
def _dictionary_idiom(zh: str, meaning: str, characters: tuple[frozenset[str], ...]) -> _Idiom:
    """A dictionary idiom with the glosses of its characters that are not words of its meaning."""
    meant = _content_words(meaning)
    vocabulary: dict[str, Hashable] = {}
    for position, glosses in enumerate(characters):
        for word in glosses - meant:
            vocabulary.setdefault(word, position)
    return _Idiom(zh, meaning, vocabulary, MIN_CHARACTERS)


def _dictionary_glosses(glossary: CompiledGlossary | None = None) -> dict[str, tuple[str, list[set[str]]]]:
    """Each idiom of idiom-glosses.tsv: its meaning, and the content words glossing each character. Reading
    them takes most of a second; they are kept beside the compiled glossary (glossary_cache.side_data)."""
    if glossary is None:
        return _read_dictionary_glosses()
    from termcheck.matching.glossary_cache import side_data

    return side_data(glossary, "idiom-glosses", _read_dictionary_glosses)


@lru_cache(maxsize=1)
def _read_dictionary_glosses() -> dict[str, tuple[str, list[set[str]]]]:
    found: dict[str, tuple[str, list[set[str]]]] = {}
    for line in (DATA / "idiom-glosses.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            zh, meaning, characters = line.split("\t")
            found[zh] = (meaning, [_content_words(part.replace("|", " ")) for part in characters.split("/")])
    return found


CHECK = LiteralSourceIdiom()
