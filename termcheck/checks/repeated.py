"""TC205 repeated-word: a word written twice in a row, or doubled around "and"."""
from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from termcheck.checks.base import Check, DocumentContext, Rule
from termcheck.findings import Finding, Severity
from termcheck.matching.automaton import paragraph_chunks
from termcheck.matching.normalize import normalize
from termcheck.wordlists import words as word_list

# The standard library's engine runs these back-references about twice as fast as `regex`.
DOUBLED = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)
# A hyphenated compound counts as one word: "state-owned and state-owned enterprises" (国资国企).
JOINED_BY_AND = re.compile(r"\b([^\W\d_]{4,}(?:-[^\W\d_]+)*)\s+and\s+(\1)\b", re.IGNORECASE)


class RepeatedWord(Check):
    rule = Rule(
        code="TC205",
        name="repeated-word",
        severity=Severity.WARNING,
        summary="A word is repeated (“the the”) or doubled around “and” (“instructions and instructions”).",
        what="Finds a word written twice in a row, which --fix removes, and a word joined to itself by "
        "“and”, which machine translation produces when two Chinese near-synonyms (指示批示) get one "
        "English word. Grammatical doubles such as “had had” and “again and again” are left alone.",
        why="Both read as mistakes and the second loses a distinction the source made.",
        example="made important instructions and instructions for the the work",
        use_instead="gave important instructions and directives for the work",
        fixable=True,
    )

    def check_document(self, ctx: DocumentContext) -> Iterator[Finding]:
        for offset, prose in paragraph_chunks(ctx.document.prose):
            yield from self._check_chunk(ctx, offset, prose)

    def _check_chunk(self, ctx: DocumentContext, offset: int, prose: str) -> Iterator[Finding]:
        words = prose.lower().split()  # per chunk: a word list of a whole big file would be huge
        for start, end, word in _runs(_doubled_words(prose, words)):
            grammatical = word.lower() in word_list("grammatical-doubles-en.txt")
            if grammatical or not word.isalpha() or prose.count("\n", start, end) > 1:
                continue
            yield self.finding(
                ctx, offset + start, offset + end, f"“{word}” is repeated",
                suggestion=word, fixable=True,
            )
        for m in _joined_by_and(prose, words):
            word = m.group(1).lower()
            if word in word_list("grammatical-and-pairs-en.txt") or word.endswith("er"):
                continue
            yield self.finding(
                ctx, offset + m.start(), offset + m.end(),
                f"“{' '.join(m.group().split())}” joins a word to itself; the source probably had two "
                "different words",
            )


def _runs(matches: Iterator[re.Match[str]]) -> Iterator[tuple[int, int, str]]:
    """Overlapping doubles of one word ("a a a a") as one run: the fix keeps a single copy."""
    run: list[int] | None = None
    word = ""
    for m in matches:
        if run is not None and m.start() < run[1] and m.group(1).lower() == word.lower():
            run[1] = max(run[1], m.end())
            continue
        if run is not None:
            yield run[0], run[1], word
        run, word = [m.start(), m.end()], m.group(1)
    if run is not None:
        yield run[0], run[1], word


def _doubled_words(text: str, words: list[str]) -> Iterator[re.Match[str]]:
    """Matches of DOUBLED, found fast.

    A regular expression with a back-reference tries every word of the text (about 10 MB/s). Instead,
    splitting on white space (in C) shows which words are doubled at all; their places are then found
    by plain substring search in the normalized text and confirmed with the pattern at that place.
    `words` is the text lower-cased and split on white space.
    """
    candidates = {f"{a} {a}" for a, b in pairwise(words) if a == b and a.isalpha()}
    return _confirmed(text, candidates, DOUBLED)


def _joined_by_and(text: str, words: list[str]) -> Iterator[re.Match[str]]:
    """Matches of JOINED_BY_AND, found the same way as doubled words."""
    candidates = {
        normalize(f"{a} and {a}").text  # the needle is searched for in the normalized text
        # strict=False: the shifted lists are one and two words shorter; the zip stops at the last triple.
        for a, conj, b in zip(words, words[1:], words[2:], strict=False)
        if conj == "and" and len(a) >= 4 and _is_word(a) and b.rstrip(".,;:!?”’)") == a
    }
    return _confirmed(text, candidates, JOINED_BY_AND)


def _is_word(token: str) -> bool:
    """Letters, or letters joined by hyphens ("state-owned")."""
    return all(part.isalpha() for part in token.split("-"))


def _confirmed(text: str, needles: set[str], pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    if not needles:
        return iter(())
    normalized = normalize(text)
    matches = []
    for needle in needles:
        haystack = normalized.text
        at = haystack.find(needle)
        while at != -1:
            after = at + len(needle)
            whole_words = (at == 0 or not haystack[at - 1].isalnum()) and (
                after == len(haystack) or not haystack[after].isalnum()
            )
            if whole_words:
                match = pattern.fullmatch(text, normalized.original(at), normalized.original_end(after))
                if match:
                    matches.append(match)
            at = haystack.find(needle, at + 1)
    return iter(sorted(matches, key=lambda m: m.start()))


CHECK = RepeatedWord()
