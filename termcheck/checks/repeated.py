"""TC205 repeated-word: a word written twice in a row, or doubled around "and"."""
from __future__ import annotations

from collections.abc import Iterator

import re

from termcheck.checks.base import Check, DocumentContext, Rule
from termcheck.findings import Finding, Severity

# The standard library's engine runs these back-references about twice as fast as `regex`.
DOUBLED = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)
JOINED_BY_AND = re.compile(r"\b([^\W\d_]{4,})\s+and\s+(\1)\b", re.IGNORECASE)
# English grammar allows these doubled ("that that", "had had") or joined ("again and again").
GRAMMATICAL_DOUBLES = frozenset({"that", "had", "is", "do", "bye", "ha", "no", "very", "so", "tut", "well"})
GRAMMATICAL_AND_PAIRS = frozenset({"more", "less", "again", "over", "round", "through", "on", "ever", "forth", "wait", "step", "side"})


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
        prose = ctx.document.prose
        for m in DOUBLED.finditer(prose):
            word = m.group(1)
            if word.lower() in GRAMMATICAL_DOUBLES or not word.isalpha() or m.group().count("\n") > 1:
                continue
            yield self.finding(
                ctx, m.start(), m.end(), f"“{word}” is repeated",
                suggestion=word, fixable=True,
            )
        for m in JOINED_BY_AND.finditer(prose):
            word = m.group(1).lower()
            if word in GRAMMATICAL_AND_PAIRS or word.endswith("er"):
                continue
            yield self.finding(
                ctx, m.start(), m.end(),
                f"“{' '.join(m.group().split())}” joins a word to itself; the source probably had two "
                "different words",
            )


CHECK = RepeatedWord()
