"""TC307 markup-mismatch: an inline code, tag, URL or e-mail address of the source missing from the
translation, or added."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator

import regex

from termcheck.checks.base import Check, DocumentContext, Rule, translated_segments
from termcheck.findings import Finding, Severity

# A URL ends before trailing punctuation and before a closing bracket or quote of the sentence around it.
URL = regex.compile(r"\b(?:https?://|www\.)[^\s<>\"'“”‘’（）()\[\]【】，。；、]+(?<![.,;:!?])")
EMAIL = regex.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+(?<![.-])")
# A tag's attributes are name=value pairs: "<two maintenance>" in running text is no tag.
TAG = regex.compile(r"</?[A-Za-z][\w:-]*(?:\s+[\w:-]+\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s<>\"']+))*\s*/?>")
_TAG_NAME = regex.compile(r"</?([A-Za-z][\w:-]*)")


class MarkupMismatch(Check):
    rule = Rule(
        code="TC307",
        name="markup-mismatch",
        severity=Severity.WARNING,
        summary="An inline code, tag, URL or e-mail address of the source is missing from the translation, "
        "or the translation has one the source does not.",
        what="Compares each segment's source and target: the XLIFF inline codes (<x/>, <ph>, <g>, <bpt>, <pc>… "
        "by element and id), the HTML/XML tags written in the text (by name, opening or closing), the URLs "
        "and the e-mail addresses, each as many times as the source has it. A missing one is reported on "
        "the segment, an added one where it stands. Fuzzy and empty targets are left alone.",
        why="A dropped tag breaks the formatting or the document a CAT tool writes back; a dropped or "
        "mistyped link or address sends the reader nowhere. translate-toolkit's pofilter checks the same "
        "(xmltags, urls, emails).",
        example="source: 详见<a href=\"https://www.gov.cn\">中国政府网</a>。 target: See the gov.cn website.",
        use_instead="See <a href=\"https://www.gov.cn\">the gov.cn website</a>.",
    )
    bilingual = True

    def check_document(self, ctx: DocumentContext) -> Iterator[Finding]:
        for index, segment in translated_segments(ctx):
            missing_codes = Counter(segment.source_codes) - Counter(segment.target_codes)
            extra_codes = Counter(segment.target_codes) - Counter(segment.source_codes)
            for code, count in missing_codes.items():
                yield self.segment_finding(ctx, index, f"the source's inline code <{_code(code)}>{_times(count)} "
                                                       "is missing from the translation")
            for code, count in extra_codes.items():
                yield self.segment_finding(ctx, index, f"the inline code <{_code(code)}>{_times(count)} is not "
                                                       "in the source")
            for kind, pattern, key in (("tag", TAG, _tag_key), ("URL", URL, _same), ("e-mail address", EMAIL, _same)):
                yield from self._compare(ctx, index, kind, pattern, key)

    def _compare(self, ctx: DocumentContext, index: int, kind: str, pattern: regex.Pattern[str],
                 keyed: Callable[[str], str]) -> Iterator[Finding]:
        segment = ctx.document.segments[index]
        source = Counter(keyed(m.group()) for m in pattern.finditer(segment.source))
        target_matches = list(pattern.finditer(segment.target))
        target = Counter(keyed(m.group()) for m in target_matches)
        for item, count in (source - target).items():  # in the order of the source
            yield self.segment_finding(ctx, index, f"the source's {kind} {item}{_times(count)} is missing from "
                                                   "the translation")
        extra = target - source
        for m in target_matches:
            item = keyed(m.group())
            if extra[item] > 0:
                extra[item] -= 1
                start = segment.start + m.start()
                yield self.finding(ctx, start, start + len(m.group()), f"the {kind} {item} is not in the source")


def _same(text: str) -> str:
    return text


def _tag_key(tag: str) -> str:
    """A tag by its name and whether it opens or closes: attributes are translated (title, alt)."""
    name = _TAG_NAME.match(tag)
    assert name is not None
    closing = tag.startswith("</")
    empty = tag.endswith("/>")
    return f"<{'/' if closing else ''}{name.group(1).lower()}{'/' if empty else ''}>"


def _code(code: str) -> str:
    name, _, identity = code.partition("#")
    return f'{name} id="{identity}"' if identity else name


def _times(count: int) -> str:
    return f" (×{count})" if count > 1 else ""


CHECK = MarkupMismatch()
