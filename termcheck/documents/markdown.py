"""Markdown: find what is not prose (front matter, code, HTML, URLs) and mask it, keeping offsets.

Block structure comes from markdown-it-py (CommonMark), so indented code, fences and HTML blocks are
recognised exactly as a Markdown renderer would; inline constructs are masked with small patterns
applied only to prose lines.

Everything here is linear in the size of the text, whatever the text: hostile input (hundreds of
unclosed backtick runs or "<!--", one word of 20,000 "[^") once made the inline patterns rescan the
rest of the text from every opener that never closes. Those three constructs are now recognised by
their opening only, and where they close is looked up in tables built in one pass (see _InlineScan).
"""
from __future__ import annotations

from bisect import bisect_right, insort
from collections.abc import Iterator

import regex

from termcheck.documents.model import MASK, Document
from termcheck.documents.suppressions import NextMatch, parse_suppressions
from termcheck.textpos import LineIndex

_FRONT_MATTER = regex.compile(
    r"\A(?:---|\+\+\+)[ \t]*\r?\n.*?^(?:---|\.\.\.|\+\+\+)[ \t]*(?=\r?$)", regex.S | regex.M)
_NON_PROSE_BLOCKS = {"fence", "code_block", "html_block"}
# Line breaks as markdown-it counts lines: it reads a lone "\r" as a line break too.
_LINE_BREAK = regex.compile(r"\r\n?|\n")
_NOT_LINE_BREAK = regex.compile(r"[^\r\n]")

# What is not prose inside prose lines, leftmost first and, at one position, in this order:
#   an HTML comment (<!-- ... -->), a code span, an autolink, an inline HTML tag, a link or image
#   destination, a footnote reference or label, a bare URL, a link reference definition.
# A comment, a code span and a footnote are matched here by their opening only: _InlineScan finds where
# they close (a pattern running on to the close rescans the rest of the text for each opener that never
# closes). The others end by the next "<", ">", whitespace, quote or line end: tries that fail at
# different positions do not run over the same text.
_INLINE_START = regex.compile(
    r"""
      (?P<comment><!--)                            # HTML comment: <!-- ... -->
    | (?P<code>`+)                                 # code span: the rest of a run of backticks ...
    | (?P<other>
        <(?:https?|ftp|mailto):[^\s<>]*>           # autolink
      | </?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>   # inline HTML tag
      | (?<=\])\((?:[^()\s]|\([^()\s]*\))*+(?:\s+"[^"]*")?\)  # link or image destination (*+: giving
                                                   # back cannot help, and the regex module's giving back
                                                   # is quadratic: 200 KB of "](x)" took 2.5 s)
      )
    | (?P<footnote>\[\^)                           # footnote reference or label: [^label]
    | (?P<tail>
        (?:https?://|www\.)[^\s<>()\[\]"“”]*[^\s<>()\[\]"“”.,;:!?'’]   # bare URL
      | ^[ ]{0,3}\[[^\]\n]+\]:[ \t]+\S+[^\n]*$     # link reference definition (to the end of its line)
      )
    """,
    regex.M | regex.X,
)
_LINK_REFERENCE = regex.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]+\S+[^\n]*$", regex.M)
_COMMENT_END = regex.compile(r"-->")
_FOOTNOTE_END = regex.compile(r"[\]\s]")  # a footnote label runs to "]" and holds no whitespace
_BACKTICK_RUN = regex.compile(r"`+")


def markdown_document(path: str, text: str, encoding: str = "utf-8", bom: bool = False) -> Document:
    chars = list(text)
    front = _FRONT_MATTER.match(text)
    body_start = front.end() if front else 0
    if front:
        _mask(chars, text, 0, body_start)
    lines = _line_starts(text)
    breaks_in_front = sum(1 for _ in _LINE_BREAK.finditer(text, 0, body_start))
    parse_source = "\n" * breaks_in_front + text[body_start:]
    for begin, end in _non_prose_line_ranges(parse_source):
        start = lines[begin]
        stop = lines[end] if end < len(lines) else len(text)
        _mask(chars, text, start, stop)
    masked = "".join(chars)
    for start, end in _InlineScan(masked).spans(body_start):
        if MASK not in masked[start:end]:
            _mask(chars, text, start, end)
    return Document(path=path, text=text, prose="".join(chars), encoding=encoding, bom=bom, markdown=True,
                    suppressions=parse_suppressions(text))


def _non_prose_line_ranges(source: str) -> list[tuple[int, int]]:
    from markdown_it import MarkdownIt

    # Only the block structure is wanted: inline parsing (emphasis, links) is switched off, as it
    # decides nothing here and costs up to a second on 40 KB of brackets.
    parser = MarkdownIt("commonmark").disable("inline")
    return [(tok.map[0], tok.map[1]) for tok in parser.parse(source) if tok.type in _NON_PROSE_BLOCKS and tok.map]


class _InlineScan:
    """The inline constructs of a text (already masked block by block), leftmost first, each ending
    before the next begins: what matching the constructs' full patterns one after another would give,
    in time linear in the text however many openers never close.

    A code span is a run of backticks and the text up to the next run of exactly as many backticks;
    when that run never comes, a span may still open later in the run, so that "```" followed only by
    "``" opens at its second backtick. Each run's closing run is found from a table built right to left.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.comment_end = NextMatch(text, _COMMENT_END)
        self.footnote_end = NextMatch(text, _FOOTNOTE_END)
        self._runs: dict[int, int] | None = None  # a run's start -> its index, built on first use

    def spans(self, pos: int) -> Iterator[tuple[int, int]]:
        text = self.text
        while (m := _INLINE_START.search(text, pos)) is not None:
            kind, start = m.lastgroup, m.start()
            end: int | None = None
            if kind == "comment":
                close = self.comment_end.at(start + 4)
                end = None if close == -1 else close + 3
            elif kind == "code":
                start, end = self._code_span(start, m.end())
            elif kind == "footnote":
                close = self.footnote_end.at(start + 2)
                if close > start + 2 and text[close] == "]":
                    end = close + 1
                elif (link := _LINK_REFERENCE.match(text, start)) is not None:
                    end = link.end()
            else:
                end = m.end()
            if end is None:  # no construct here: go on after this opening ("`": after the run)
                pos = m.end() if kind == "code" else start + 1
                continue
            yield start, end
            pos = end

    def _code_span(self, start: int, end: int) -> tuple[int, int | None]:
        """The code span opening in the backtick run text[start:end] (which ends where the run ends):
        (where it opens, where it ends), or (start, None) when none opens in it."""
        runs = self._runs if self._runs is not None else self._build_runs()
        index = runs.get(start)
        # The whole run: the longest length a later run has, up to the run's own. A part of a run: never
        # asked (every match ends after a whole run), answered all the same.
        closer = self._closer[index] if index is not None else self._closer_for_part(end, end - start)
        if closer is None:
            return start, None
        length = self._ends[closer] - self._starts[closer]
        return end - length, self._ends[closer]

    def _build_runs(self) -> dict[int, int]:
        """The backtick runs' tables, built once: returns `_runs`, a run's start -> its index."""
        starts: list[int] = []
        ends: list[int] = []
        for m in _BACKTICK_RUN.finditer(self.text):
            starts.append(m.start())
            ends.append(m.end())
        self._starts, self._ends = starts, ends
        self._runs = {s: i for i, s in enumerate(starts)}
        # Right to left: the distinct lengths of the runs further right, and the nearest run of each.
        closer: list[int | None] = [None] * len(starts)
        later_lengths: list[int] = []
        nearest: dict[int, int] = {}
        for i in range(len(starts) - 1, -1, -1):
            length = ends[i] - starts[i]
            at = bisect_right(later_lengths, length)
            if at:
                closer[i] = nearest[later_lengths[at - 1]]
            if length not in nearest:
                insort(later_lengths, length)  # at most sqrt(2n) distinct lengths: linear in all
            nearest[length] = i
        self._closer = closer
        return self._runs

    def _closer_for_part(self, end: int, longest: int) -> int | None:
        first_later = bisect_right(self._starts, end)
        by_length: dict[int, int] = {}
        for i in range(first_later, len(self._starts)):
            by_length.setdefault(self._ends[i] - self._starts[i], i)
        fits = [length for length in by_length if length <= longest]
        return by_length[max(fits)] if fits else None


def _line_starts(text: str) -> list[int]:
    return LineIndex.after_breaks(m.end() for m in _LINE_BREAK.finditer(text)).starts


def _mask(chars: list[str], text: str, start: int, end: int) -> None:
    chars[start:end] = _NOT_LINE_BREAK.sub(MASK, text[start:end])
