"""TC308 bracket-mismatch: the source and the translation have different numbers of brackets."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from termcheck.checks.base import Check, DocumentContext, Rule, translated_segments
from termcheck.findings import Finding, Severity
from termcheck.wordlists import pairs

_PAIRS = (("(", ")"), ("[", "]"))


class BracketMismatch(Check):
    rule = Rule(
        code="TC308",
        name="bracket-mismatch",
        severity=Severity.INFO,
        summary="The source and the translation of a segment have different numbers of round or square "
        "brackets (full-width （） and 【】 count as () and []).",
        what="Counts the opening and the closing round and square brackets of each segment's source and "
        "target, reading the Chinese full-width forms （）［］【】〔〕 as their ASCII counterparts, and reports "
        "a segment where a kind of bracket occurs a different number of times. Braces are left to TC306 "
        "(placeholders); fuzzy and empty targets are left alone.",
        why="A bracket dropped or added in translation is often a parenthesis lost with its content (an "
        "abbreviation, a date, a reference) or one left unclosed. It is a hint, at info: English adds "
        "brackets of its own (“the Communist Party of China (CPC)”), so an editor decides.",
        example="source: 请参阅附件（第3页）。 target: See the attachment, page 3).",
        use_instead="See the attachment (page 3).",
    )
    bilingual = True

    def check_document(self, ctx: DocumentContext) -> Iterator[Finding]:
        folding = _folding()
        for index, segment in translated_segments(ctx):
            source, target = _counts(segment.source, folding), _counts(segment.target, folding)
            differing = [_difference(pair, source, target) for pair in _PAIRS]
            if any(differing):
                yield self.segment_finding(ctx, index, f"brackets differ: {'; '.join(d for d in differing if d)}")


_BRACKETS = tuple(c for pair in _PAIRS for c in pair)


def _difference(pair: tuple[str, str], source: Counter[str], target: Counter[str]) -> str:
    """"() 1 in the source, 0 in the translation" for a pair counted alike, else each bracket apart."""
    opening, closing = pair
    if source[opening] == source[closing] and target[opening] == target[closing]:
        if source[opening] == target[opening]:
            return ""
        return f"{opening}{closing} {source[opening]} in the source, {target[opening]} in the translation"
    return ", ".join(f"{b} {source[b]} in the source, {target[b]} in the translation"
                     for b in pair if source[b] != target[b])


def _folding() -> dict[int, str]:
    """str.translate's table: each full-width bracket to its ASCII twin."""
    return str.maketrans(dict(pairs("full-width-brackets.tsv", ("full-width", "ascii"))))


def _counts(text: str, folding: dict[int, str]) -> Counter[str]:
    """How often each bracket occurs, full-width ones folded: counted in C, not a character at a time."""
    folded = text.translate(folding)
    return Counter({bracket: folded.count(bracket) for bracket in _BRACKETS})


CHECK = BracketMismatch()
