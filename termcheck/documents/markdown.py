"""Markdown: find what is not prose (front matter, code, HTML, URLs) and mask it, keeping offsets.

Block structure comes from markdown-it-py (CommonMark), so indented code, fences and HTML blocks are
recognised exactly as a Markdown renderer would; inline constructs are masked with small patterns
applied only to prose lines.
"""
from __future__ import annotations

import regex

from termcheck.documents.model import MASK, Document
from termcheck.documents.suppressions import parse_suppressions

_FRONT_MATTER = regex.compile(r"\A(?:---|\+\+\+)[ \t]*\r?\n.*?^(?:---|\.\.\.|\+\+\+)[ \t]*$", regex.S | regex.M)
_NON_PROSE_BLOCKS = {"fence", "code_block", "html_block"}
_INLINE_NON_PROSE = regex.compile(
    r"""
      <!--.*?-->                                   # HTML comment
    | (?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)   # code span
    | <(?:https?|ftp|mailto):[^\s<>]*>             # autolink
    | </?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>       # inline HTML tag
    | (?<=\])\((?:[^()\s]|\([^()\s]*\))*(?:\s+"[^"]*")?\)   # link or image destination
    | \[\^[^\]\s]+\]                               # footnote reference or label
    | (?:https?://|www\.)[^\s<>()\[\]"“”]*[^\s<>()\[\]"“”.,;:!?'’]   # bare URL
    | ^[ ]{0,3}\[[^\]\n]+\]:[ \t]+\S+.*$           # link reference definition
    """,
    regex.S | regex.M | regex.X,
)


def markdown_document(path: str, text: str, encoding: str = "utf-8", bom: bool = False) -> Document:
    chars = list(text)
    front = _FRONT_MATTER.match(text)
    body_start = front.end() if front else 0
    if front:
        _mask(chars, 0, body_start)
    lines = _line_starts(text)
    parse_source = "\n" * text.count("\n", 0, body_start) + text[body_start:]
    for begin, end in _non_prose_line_ranges(parse_source):
        start = lines[begin]
        stop = lines[end] if end < len(lines) else len(text)
        _mask(chars, start, stop)
    masked = "".join(chars)
    for m in _INLINE_NON_PROSE.finditer(masked, body_start):
        if MASK not in m.group():
            _mask(chars, m.start(), m.end())
    return Document(path=path, text=text, prose="".join(chars), encoding=encoding, bom=bom, markdown=True,
                    suppressions=parse_suppressions(text))


def _non_prose_line_ranges(source: str) -> list[tuple[int, int]]:
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark")
    return [tuple(tok.map) for tok in parser.parse(source) if tok.type in _NON_PROSE_BLOCKS and tok.map]


def _line_starts(text: str) -> list[int]:
    starts = [0]
    pos = text.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return starts


def _mask(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] not in "\r\n":
            chars[i] = MASK
