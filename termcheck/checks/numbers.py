"""TC302 number-mismatch: a number in the source that the target does not give."""
from __future__ import annotations

from collections.abc import Iterator

from termcheck.checks.base import Check, DocumentContext, Rule
from termcheck.findings import Finding, Severity
from termcheck.han import is_chinese
from termcheck.matching.numbers import chinese_numbers, found_in, read_english


class NumberMismatch(Check):
    rule = Rule(
        code="TC302",
        name="number-mismatch",
        severity=Severity.WARNING,
        summary="A number in the Chinese source does not appear, in any form, in the English target.",
        what="Reads the quantities and dates in each Chinese source segment — Arabic digits with 万/亿 and %, "
        "Chinese numerals before a measure word or 万/亿 (三千五百名, 两人, 二〇二〇年), 百分之…, ordinals 第…, "
        "congresses such as 二十大, approximations (9000多万, 近3000, 约5%), ranges (3至5万), months, days, "
        "weekdays and decades (2月11日, 上世纪90年代) — and looks for each in the target in any English form: digits "
        "or words, with thousand/million/billion (9000万 as “90 million”, 12亿 as “1.2 billion”), “third” or "
        "“3rd”, “Feb. 11”, “the 1990s”; an approximation admits the values it covers. Numerals that are words or "
        "idioms (一线, 一带一路, 千万不要, 几十) and small counts of items the source lists (防疫、防汛两场硬仗) "
        "are not read.",
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
            numbers = chinese_numbers(segment.source)
            if not numbers:
                continue  # most segments have none: reading the English for them was a third of the rule
            english = read_english(segment.target)
            reported: set[tuple[str, str]] = set()
            for number in sorted(numbers, key=lambda n: n.start):
                if found_in(number, english) or (number.kind, number.text) in reported:
                    continue
                reported.add((number.kind, number.text))
                yield self.segment_finding(
                    ctx, index, f"the source's {number.label} {number.text} ({number.describe()}) is not in the target"
                )

CHECK = NumberMismatch()
