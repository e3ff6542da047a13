"""TC302 number-mismatch: a number in the source that the target does not give."""
from __future__ import annotations

from collections.abc import Iterator

from termcheck.checks.base import Check, DocumentContext, Rule
from termcheck.findings import Finding, Severity
from termcheck.matching.numbers import chinese_numbers, english_values, same_value
from termcheck.matching.source_terms import is_chinese


class NumberMismatch(Check):
    rule = Rule(
        code="TC302",
        name="number-mismatch",
        severity=Severity.WARNING,
        summary="A number in the Chinese source does not appear, in any form, in the English target.",
        what="Reads the quantities in each Chinese source segment — Arabic digits with 万/亿 and %, Chinese "
        "numerals with 万/亿, 百分之…, ordinals 第…, congresses such as 二十大 — and looks for the same value "
        "in the target, written in digits or words, with or without thousand/million/billion.",
        why="A dropped or altered figure changes what the text says: 14亿 is 1.4 billion, not 14 billion, "
        "and 二十大 is the 20th Congress.",
        example="source: 全国14亿人民 target: the 14 billion people of the country",
        use_instead="the 1.4 billion people of the country",
    )
    bilingual = True

    def check_document(self, ctx: DocumentContext) -> Iterator[Finding]:
        for index, segment in enumerate(ctx.document.segments):
            if not segment.target.strip() or not is_chinese(segment.source) or is_chinese(segment.target):
                continue
            values = english_values(segment.target)
            for number in chinese_numbers(segment.source):
                if not any(same_value(number.value, v) for v in values):
                    yield self.segment_finding(
                        ctx, index, f"the source's number {number.text} ({number.value:,.10g}) is not in the target"
                    )


CHECK = NumberMismatch()
