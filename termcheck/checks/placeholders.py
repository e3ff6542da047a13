"""TC306 placeholder-mismatch: a format placeholder of the source missing from the translation, or added."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import regex

from termcheck.checks.base import Check, DocumentContext, Rule, translated_segments
from termcheck.documents.model import Segment
from termcheck.findings import Finding, Severity

# printf: %s, %d, %5.2f, %1$s, %(name)s; "%%" is a literal percent sign.
PRINTF = regex.compile(
    r"%%|%(?:\d+\$|\([A-Za-z_]\w*\))?[-+ #0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[hlLqjzt]*[diouxXeEfFgGcrsaA]"
)
NAMED_PRINTF = regex.compile(r"%\([A-Za-z_]\w*\)[-+ #0]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
# Python's str.format: {}, {0}, {name}, {name!r:>10}; "{{" and "}}" are literal braces.
BRACE = regex.compile(r"\{\{|\}\}|\{(?:[A-Za-z_]\w*|\d+)?(?:\.[A-Za-z_]\w*|\[[^\]{}]*\])*(?:![rsa])?(?::[^{}]*)?\}")
NAMED_BRACE = regex.compile(r"\{[A-Za-z_]\w*(?:![rsa])?(?::[^{}]*)?\}")
PRINTF_FLAGS = frozenset({"c-format", "python-format", "perl-format", "php-format", "sh-format", "objc-format"})
BRACE_FLAGS = frozenset({"python-brace-format"})


class PlaceholderMismatch(Check):
    rule = Rule(
        code="TC306",
        name="placeholder-mismatch",
        severity=Severity.ERROR,
        summary="A format placeholder of the source (%s, %(name)d, {name}) is missing from the translation, "
        "or the translation has one the source does not.",
        what="Compares the placeholders of each segment's source and target: each positional one (%s, {}) "
        "as many times as the source has it, each named one (%(name)s, {name}) at least once. A PO entry "
        "flagged c-format, python-format (and the other printf-style formats) is read for printf "
        "placeholders (%s, %1$d, %(name)s) and one flagged python-brace-format for str.format fields "
        "({0}, {name}); the literal %% and {{ }} do not count. In other bilingual files, which declare no "
        "format, only the named forms (%(name)s, {name}) are compared: “50%” or “{” in running text is no "
        "placeholder. A plural form is checked only for what it lacks (its placeholders may come from "
        "msgid_plural). Fuzzy and empty targets are left alone.",
        why="A placeholder the translation drops or mistypes makes the program fail or print garbage when "
        "it fills the message in; the same check is what translate-toolkit's pofilter and msgfmt --check do.",
        example="msgid \"已删除 %(count)d 个文件\" msgstr \"Deleted %(num)d files\"",
        use_instead="msgstr \"Deleted %(count)d files\"",
    )
    bilingual = True

    def check_document(self, ctx: DocumentContext) -> Iterator[Finding]:
        for index, segment in translated_segments(ctx):
            for pattern in _patterns(segment):
                yield from self._compare(ctx, index, segment, pattern)

    def _compare(self, ctx: DocumentContext, index: int, segment: Segment,
                 pattern: regex.Pattern[str]) -> Iterator[Finding]:
        source = _counts(_placeholders(pattern, segment.source))
        target_matches = [m for m in pattern.finditer(segment.target) if m.group() not in ("%%", "{{", "}}")]
        target = _counts([m.group() for m in target_matches])
        for placeholder, count in sorted((source - target).items()):
            times = f" ({count} of {source[placeholder]})" if source[placeholder] > 1 else ""
            yield self.segment_finding(ctx, index, f"the source's placeholder {placeholder}{times} is missing "
                                                   "from the translation")
        if segment.id.endswith("]"):
            return  # a plural form: its placeholders may come from msgid_plural, which the segment lacks
        extra = target - source
        for m in target_matches:
            if extra[m.group()] > 0:
                extra[m.group()] -= 1
                start = segment.start + m.start()
                yield self.finding(ctx, start, start + len(m.group()),
                                   f"the placeholder {m.group()} is not in the source")


def _counts(placeholders: list[str]) -> Counter[str]:
    """How many of each placeholder: a named one (%(name)s, {name}) may be used any number of times, so it
    counts once; positional ones (%s, {}) are filled in order and count each time."""
    counts = Counter(placeholders)
    for placeholder in counts:
        if _named(placeholder):
            counts[placeholder] = 1
    return counts


def _named(placeholder: str) -> bool:
    return placeholder.startswith("%(") or (placeholder.startswith("{") and placeholder[1:2].isalpha())


def _patterns(segment: Segment) -> list[regex.Pattern[str]]:
    flags = set(segment.flags)
    declared = [PRINTF] if flags & PRINTF_FLAGS else []
    declared += [BRACE] if flags & BRACE_FLAGS else []
    if declared:
        return declared
    if any(flag.startswith("no-") and flag.endswith("-format") for flag in flags):
        return []
    return [NAMED_PRINTF, NAMED_BRACE]


def _placeholders(pattern: regex.Pattern[str], text: str) -> list[str]:
    return [m.group() for m in pattern.finditer(text) if m.group() not in ("%%", "{{", "}}")]


CHECK = PlaceholderMismatch()
