"""TC303 untranslated-target and TC304 empty-target: a segment left as it was, or left blank."""
from __future__ import annotations

import re
from collections.abc import Iterator

from termcheck.checks.base import Check, DocumentContext, Rule
from termcheck.findings import Finding, Severity
from termcheck.han import is_chinese

# A word in lower or mixed case, not inside a placeholder: "%(name)s", "{0}" and "OPTIONS" are code.
_WORD = re.compile(r"(?<![%{(\\])\b(?=[^\W\d_]*[a-z])[^\W\d_]{2,}\b(?![)}])")


class UntranslatedTarget(Check):
    rule = Rule(
        code="TC303",
        name="untranslated-target",
        severity=Severity.WARNING,
        summary="The target is identical to the source, or is still in the source language.",
        what="Reports a segment whose target repeats the source, or whose target is Chinese where the "
        "source is Chinese (and the reverse), so the segment was never translated.",
        why="An untranslated segment ships the source language to readers of the translation.",
        example="source: 坚持总体国家安全观 target: 坚持总体国家安全观",
        use_instead="source: 坚持总体国家安全观 target: Follow the holistic approach to national security",
    )
    bilingual = True

    def check_document(self, ctx: DocumentContext) -> Iterator[Finding]:
        for index, segment in enumerate(ctx.document.segments):
            source, target = segment.source.strip(), segment.target.strip()
            if not target or not any(c.isalpha() for c in source):
                continue
            if target == source and (len(_WORD.findall(source)) > 1 or is_chinese(source)):
                # One word repeated ("URL", "Django", "%(name)s") is usually a name or code, rightly kept.
                yield self.segment_finding(ctx, index, "the target is identical to the source")
            elif is_chinese(source) and is_chinese(target):
                yield self.segment_finding(ctx, index, "the target is still Chinese")


class EmptyTarget(Check):
    rule = Rule(
        code="TC304",
        name="empty-target",
        severity=Severity.WARNING,
        summary="The source segment has text but the target is empty.",
        what="Reports segments with a non-empty source and an empty (or blank) target: untranslated PO "
        "entries, XLIFF units without a target, empty cells in an aligned table.",
        why="An empty target drops the sentence from the translation, or falls back to the source at run "
        "time.",
        example='msgid "National security" msgstr ""',
        use_instead='msgid "National security" msgstr "国家安全"',
    )
    bilingual = True

    def check_document(self, ctx: DocumentContext) -> Iterator[Finding]:
        for index, segment in enumerate(ctx.document.segments):
            if segment.source.strip() and not segment.target.strip():
                yield self.segment_finding(ctx, index, "the target is empty")


UNTRANSLATED = UntranslatedTarget()
EMPTY = EmptyTarget()
CHECKS = (UNTRANSLATED, EMPTY)
