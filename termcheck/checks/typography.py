"""TC202 chinese-typography: Chinese punctuation and list markers left in the English text."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

import regex

from termcheck.checks.base import Check, DocumentContext, Rule
from termcheck.findings import Finding, Severity
from termcheck.matching.numbers import chinese_integer

_NUMERAL = r"(?:\d{1,3}|[一二三四五六七八九十]{1,3})"
LIST_MARKER = re.compile(
    rf"^[ \t]*(?P<marker>(?P<n1>{_NUMERAL})、[ \t]*"
    rf"|[（(](?P<n2>[一二三四五六七八九十]{{1,3}})[）)][ \t]*"
    rf"|（(?P<n3>\d{{1,3}})）[ \t]*)",
    re.M,
)
# Full-width and CJK punctuation, with the ASCII that replaces it (a space follows where English needs one).
PUNCTUATION = {
    "，": ", ", "。": ". ", "；": "; ", "：": ": ", "！": "! ", "？": "? ", "、": ", ",
    "（": " (", "）": ") ", "【": " [", "】": "] ", "《": " “", "》": "” ", "「": " “", "」": "” ",
    "『": " ‘", "』": "’ ", "～": "~", "　": " ", "——": "—", "……": "…",
}
# A plain character class scans about twice as fast as an alternation; the doubled dash and ellipsis
# are found separately.
FULLWIDTH = re.compile(r"[，。；：！？、（）【】《》「」『』～　]|[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")
DOUBLED_MARKS = ("——", "……")
CJK_START = "\u3000"
_HAN = regex.compile(r"\p{Han}")  # needs `regex`: the standard library has no script property


class ChineseTypography(Check):
    rule = Rule(
        code="TC202",
        name="chinese-typography",
        severity=Severity.WARNING,
        summary="Chinese punctuation or a Chinese list marker is left in the English text.",
        what="Finds full-width punctuation (，。；：、（）《》 …), full-width letters and digits, the Chinese "
        "double dash and ellipsis, and list markers such as “1、”, “一、” and “（一）” at the start of a "
        "line, and suggests the English equivalent.",
        why="Full-width characters are wider than Latin ones and break spacing, search and "
        "hyphenation; “2、” is not an English list marker.",
        example="2、 General Secretary Xi Jinping stressed，…",
        use_instead="2. General Secretary Xi Jinping stressed, …",
        fixable=True,
    )

    def check_document(self, ctx: DocumentContext) -> Iterator[Finding]:
        prose = ctx.document.prose
        covered: list[tuple[int, int]] = []
        # Every list marker and full-width character is at U+3000 or above; max() over the text runs in C
        # and lets plain English text skip the scans (the doubled dash and ellipsis are below U+3000).
        has_cjk = max(prose, default=" ") >= CJK_START
        for m in LIST_MARKER.finditer(prose) if has_cjk else ():
            start, end = m.span("marker")
            number = m.group("n1") or m.group("n2") or m.group("n3")
            value = int(number) if number.isdigit() else chinese_integer(number)
            replacement = f"{value}. " if m.group("n1") else f"({value}) "
            covered.append((start, end))
            yield self.finding(
                ctx, start, end, f"Chinese list marker “{m.group('marker').strip()}”",
                suggestion=replacement, fixable=value is not None,
            )
        for start, end in sorted(_fullwidth_spans(prose, has_cjk)):
            if any(s <= start < e for s, e in covered) or _next_to_han(prose, start, end):
                continue
            yield self.finding(
                ctx, start, end,
                f"Chinese full-width “{prose[start:end]}” in English text",
                suggestion=_replacement(prose, start, end), fixable=True,
            )


def _fullwidth_spans(text: str, has_cjk: bool) -> list[tuple[int, int]]:
    spans = [m.span() for m in FULLWIDTH.finditer(text)] if has_cjk else []
    for mark in DOUBLED_MARKS:
        at = text.find(mark)
        while at != -1:
            spans.append((at, at + len(mark)))
            at = text.find(mark, at + len(mark))
    return spans


def _next_to_han(text: str, start: int, end: int) -> bool:
    """Punctuation inside untranslated Chinese belongs to that text (TC201 reports it)."""
    return bool(_HAN.match(text[start - 1:start]) or _HAN.match(text[end:end + 1]))


def _replacement(text: str, start: int, end: int) -> str:
    found = text[start:end]
    if found not in PUNCTUATION:
        return unicodedata.normalize("NFKC", found)
    replacement = PUNCTUATION[found]
    before, after = text[start - 1:start], text[end:end + 1]
    if replacement.startswith(" ") and (not before or before.isspace() or before in "([“‘"):
        replacement = replacement[1:]
    if replacement.endswith(" ") and (not after or after.isspace() or after in ")]”’.,;:!?"):
        replacement = replacement[:-1]
    return replacement


CHECK = ChineseTypography()
