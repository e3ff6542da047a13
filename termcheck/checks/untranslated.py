"""TC201 untranslated-chinese: Chinese characters left in the English text."""
from __future__ import annotations

from collections.abc import Iterator

import regex

from termcheck.checks.base import Check, DocumentContext, Rule
from termcheck.findings import Finding, Severity

# A run of Han characters, with the Chinese punctuation and digits inside it.
HAN_RUN = regex.compile(
    r"\p{Han}(?:[\p{Han}\p{Nd}\u3000-\u303f\uff00-\uffef]*\p{Han})?[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]?"
)
FIRST_HAN = "\u2e80"  # the CJK radicals block; every Han character is at or above it
# "Ye Zhiqiu (一叶知秋)": a deliberate gloss in brackets after English text.
_GLOSS_BEFORE = regex.compile(r"[\p{Latin}\p{Nd}][\p{Latin}\p{Nd}\s,.'’-]*\s?[(（]\s*$")
_GLOSS_AFTER = regex.compile(r"^\s*[)）]")


class UntranslatedChinese(Check):
    rule = Rule(
        code="TC201",
        name="untranslated-chinese",
        severity=Severity.WARNING,
        summary="Chinese characters are left untranslated in the English text.",
        what="Finds runs of Chinese (Han) characters in the prose. A Chinese gloss in brackets right after "
        "English words, such as “holistic approach to national security (总体国家安全观)”, is left alone.",
        why="Text the engine skipped or failed to translate is invisible to an English reader and usually "
        "marks a sentence that lost part of its meaning.",
        example="We must implement the 总体国家安全观.",
        use_instead="We must implement the holistic approach to national security.",
    )

    def check_document(self, ctx: DocumentContext) -> Iterator[Finding]:
        prose = ctx.document.prose
        if max(prose, default=" ") < FIRST_HAN:
            return  # plain English: max() runs in C, far faster than the scan
        for m in HAN_RUN.finditer(prose):
            before = prose[max(0, m.start() - 200):m.start()].rpartition("\n")[2]
            after = prose[m.end():m.end() + 200].partition("\n")[0]
            if _GLOSS_BEFORE.search(before) and _GLOSS_AFTER.match(after):
                continue
            yield self.finding(ctx, m.start(), m.end(), f"Chinese text “{m.group()}” is left untranslated")


CHECK = UntranslatedChinese()
