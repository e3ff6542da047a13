"""HTML pages: the text a browser shows, checked where it stands in the file.

`text` is the file itself and `prose` keeps, at their own offsets, the characters of the visible text;
everything else is masked: tags, comments, the content of script, style, template, noscript, head,
title, textarea, pre, code, svg and math, and page chrome where markup tells it apart: nav, a page-level
header or footer (one outside article, aside, main, nav and section), and elements that are hidden or
have a navigation, banner, contentinfo or search role. Findings therefore point into the original file,
and --fix edits it in place, as for Markdown.

The page is tokenized here, following the HTML standard's tokenizer for what decides visibility (tags
and quoted attribute values, comments, raw-text elements, character references), rather than with
html.parser: that takes quadratic time on unclosed start tags ("<a " × 20,000 took over two minutes
on Python 3.11), and the parsers that build a tree (lxml, selectolax) keep no character offsets. Every
search is a module-level pattern run forward from where the previous one ended, so the work is linear
in the size of the file whatever it holds.

Block tags read as a blank line in `prose`, so no phrase or quotation runs from one block into the
next, and <br> as a line break; inline tags are masked. White space in the text and white-space
character references (&nbsp; &#32;) read as spaces. Any other character reference is masked: it is
several characters in the file and one on the page, and a finding must cover all of it or none of it
(a fix of the first character of &#8220; would break the page).
"""
from __future__ import annotations

import html
import re
from html.entities import html5

from termcheck.documents.decoding import decode
from termcheck.documents.model import MASK, Document
from termcheck.documents.sniffing import OLE2_MAGIC, is_zip, looks_like_docx
from termcheck.documents.suppressions import parse_suppressions
from termcheck.errors import InputError

_MARKUP = re.compile(r"[<&]")
_TAG_NAME = re.compile(r"[^\t\n\f\r />]*")
# One attribute (or none, before ">" or the end): a name, then "=" and a value. An unclosed quoted value
# runs to the end of the file, as in the standard, where the rest of the file is then inside the tag.
_ATTRIBUTE = re.compile(
    r"""[\t\n\f\r /]*(?:(?P<name>[^\t\n\f\r />][^\t\n\f\r />=]*)"""
    r"""(?:[\t\n\f\r ]*=[\t\n\f\r ]*(?P<value>"[^"]*"?|'[^']*'?|[^\t\n\f\r >]*))?)?"""
)
_COMMENT_END = re.compile(r"--!?>")
_GT = re.compile(r">")
# The end tag of a raw-text element: its content is text to the parser, never markup.
_RAW_END = re.compile(r"</(script|style|xmp|iframe|noembed|noframes|noscript|textarea|title)(?=[\t\n\f\r />])",
                      re.IGNORECASE)
_CHARACTER_REFERENCE = re.compile(r"&(?:#[xX]([0-9A-Fa-f]+);?|#([0-9]+);?|([A-Za-z][A-Za-z0-9]*;?))")
_LINE_BREAKS_TO_SPACES = str.maketrans("\t\n\f\r", "    ")
_HTML_WHITESPACE = " \t\n\f\r"
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")

RAW_TEXT = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title"})
# Not shown, or not prose: skipped with everything inside them.
SKIPPED = frozenset({"template", "nav", "svg", "math", "object", "datalist", "pre", "code", "kbd", "samp"})
SECTIONING = frozenset({"article", "aside", "main", "nav", "section"})
PAGE_CHROME = frozenset({"header", "footer"})  # skipped outside SECTIONING: the page's banner and footer
CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "menubar"})
VOID = frozenset({"area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
                  "keygen", "link", "meta", "param", "source", "track", "wbr"})
BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "dir",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "optgroup", "option", "p",
    "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
# What may stand in <head>; any other start tag, or text, ends it (the body begins without a <body>).
HEAD_CONTENT = frozenset({"base", "basefont", "bgsound", "link", "meta", "title", "noscript", "noframes", "style",
                          "script", "template", "head", "html"})
PARAGRAPH_BREAK = "\n\n"
LINE_BREAK = "\n"
_LONGEST_LEGACY_NAME = 6  # "brvbar", "middot": the longest names the standard reads without a ";"


def read_html(path: str, data: bytes) -> Document:
    _refuse_wrong_guess(path, data)
    text, encoding, bom = decode(path, data)
    return html_document(path, text, encoding, bom)


def html_document(path: str, text: str, encoding: str = "utf-8", bom: bool = False) -> Document:
    page = _Page(text)
    page.scan()
    return Document(path=path, text=text, prose="".join(page.out), encoding=encoding, bom=bom,
                    suppressions=parse_suppressions(text))


def visible_pieces(text: str) -> list[tuple[int, int, str]]:
    """The visible text of a page, piece by piece, as (start, end, shown): a stretch of text shows
    itself, a character reference shows the character(s) it stands for. In order, never overlapping."""
    page = _Page(text, record=True)
    page.scan()
    return page.pieces


def _refuse_wrong_guess(path: str, data: bytes) -> None:
    if looks_like_docx(data):
        raise InputError(path, "is a Word document (DOCX), not an HTML page: rename it to .docx")
    if is_zip(data):
        raise InputError(path, "is a ZIP archive, not an HTML page")
    if data.startswith(OLE2_MAGIC):
        raise InputError(path, "is a binary Office file, not an HTML page")


class _Page:
    """One pass over a page, writing `out` (the prose, in pieces that add up to the text's length)."""

    def __init__(self, text: str, record: bool = False) -> None:
        self.text = text
        self.out: list[str] = []
        self.done = 0  # how much of the text `out` covers
        self.pieces: list[tuple[int, int, str]] = []
        self.record = record
        self.open: list[tuple[str, bool]] = []  # open elements: (name, hides its content)
        self.open_count: dict[str, int] = {}
        self.hiding = 0  # open elements that hide their content
        self.sectioning = 0  # open SECTIONING elements
        self.head = "before"  # before, in or after <head>

    @property
    def visible(self) -> bool:
        return self.hiding == 0 and self.head != "in"

    def scan(self) -> None:
        text, pos = self.text, 0
        while pos < len(text):
            m = _MARKUP.search(text, pos)
            stop = m.start() if m else len(text)
            if stop > pos:
                self._data(stop)
            if m is None:
                break
            pos = self._reference(stop) if text[stop] == "&" else self._markup(stop)
        self._mask(len(text))

    # What goes into `out` -------------------------------------------------------------------------------

    def _mask(self, end: int) -> None:
        if end > self.done:
            self.out.append(MASK * (end - self.done))
            self.done = end

    def _put(self, end: int, prose: str) -> None:
        self.out.append(prose)
        self.done = end

    def _break(self, end: int, separator: str) -> None:
        """The tag ending at `end` ends a line or a block: its last characters read as `separator`."""
        self._mask(end - len(separator))
        self._put(end, separator)

    # Text and character references ----------------------------------------------------------------------

    def _data(self, end: int) -> None:
        start = self.done
        if self.head != "after" and self.text[start:end].strip(_HTML_WHITESPACE):
            self.head = "after"  # text: the body has begun
        if not self.visible:
            self._mask(end)
            return
        self._put(end, self.text[start:end].translate(_LINE_BREAKS_TO_SPACES))
        if self.record:
            self.pieces.append((start, end, self.text[start:end]))

    def _reference(self, pos: int) -> int:
        m = _CHARACTER_REFERENCE.match(self.text, pos)
        decoded = _decode_reference(m) if m else None
        if decoded is None:  # a bare "&": text
            self._data(pos + 1)
            return pos + 1
        end, shown = decoded
        if self.head != "after" and not shown.isspace():
            self.head = "after"
        if not self.visible:
            self._mask(end)
        elif shown.isspace():
            self._put(end, " " * (end - pos))
        else:
            self._mask(end)
        if self.record and self.visible:
            self.pieces.append((pos, end, shown))
        return end

    # Markup ---------------------------------------------------------------------------------------------

    def _markup(self, pos: int) -> int:
        text = self.text
        after = text[pos + 1:pos + 2]
        if after == "!":
            end = self._comment_end(pos) if text.startswith("<!--", pos) else _through(_GT, text, pos)
        elif after == "?":
            end = _through(_GT, text, pos)
        elif after == "/":
            return self._end_tag(pos)
        elif after in _ASCII_LETTERS:
            return self._start_tag(pos)
        else:  # "<" before anything else is text
            self._data(pos + 1)
            return pos + 1
        self._mask(end)
        return end

    def _comment_end(self, pos: int) -> int:
        text = self.text
        for abrupt in ("<!-->", "<!--->"):  # comments the standard closes at once
            if text.startswith(abrupt, pos):
                return pos + len(abrupt)
        return _through(_COMMENT_END, text, pos + 4)

    def _start_tag(self, pos: int) -> int:
        tag = _Tag.read(self.text, pos + 1)
        if tag.end is None:  # unclosed: the rest of the file is inside the tag
            self._mask(len(self.text))
            return len(self.text)
        name = tag.name
        if self.head == "before" and name == "head":
            self.head = "in"
        elif self.head != "after" and name not in HEAD_CONTENT:
            self.head = "after"
        if name in RAW_TEXT:
            return self._raw_text(name, tag.end)
        if name == "plaintext":  # everything after it is text, never markup: not prose either
            self._mask(len(self.text))
            return len(self.text)
        visible = self.visible
        if name in VOID or (tag.self_closing and name in ("svg", "math")):
            pass
        else:
            self._push(name, self._hides(name, tag.attributes))
        if visible and name == "br":
            self._break(tag.end, LINE_BREAK)
        elif visible and name in BLOCK:
            self._break(tag.end, PARAGRAPH_BREAK)
        else:
            self._mask(tag.end)
        return tag.end

    def _end_tag(self, pos: int) -> int:
        text = self.text
        first = text[pos + 2:pos + 3]
        if first == ">":  # "</>" is dropped
            self._mask(pos + 3)
            return pos + 3
        if first == "":  # "</" at the end of the file is text
            self._data(len(text))
            return len(text)
        if first not in _ASCII_LETTERS:
            end = _through(_GT, text, pos)
            self._mask(end)
            return end
        tag = _Tag.read(text, pos + 2)
        if tag.end is None:
            self._mask(len(text))
            return len(text)
        name = tag.name
        if self.head == "in" and name in ("head", "body", "html", "br"):
            self.head = "after"
        self._pop(name)
        if self.visible and name == "br":  # "</br>" is read as "<br>"
            self._break(tag.end, LINE_BREAK)
        elif self.visible and name in BLOCK:
            self._break(tag.end, PARAGRAPH_BREAK)
        else:
            self._mask(tag.end)
        return tag.end

    def _raw_text(self, name: str, pos: int) -> int:
        """Skip a raw-text element's content and its end tag (or to the end of the file)."""
        text = self.text
        while (m := _RAW_END.search(text, pos)) is not None:
            if m.group(1).lower() == name:
                end = _Tag.read(text, m.start() + 2).end or len(text)
                self._mask(end)
                return end
            pos = m.end()
        self._mask(len(text))
        return len(text)

    # Open elements ----------------------------------------------------------------------------------------

    def _hides(self, name: str, attributes: dict[str, str]) -> bool:
        if name in SKIPPED or (name in PAGE_CHROME and self.sectioning == 0):
            return True
        if "hidden" in attributes or attributes.get("role", "").strip().lower() in CHROME_ROLES:
            return True
        style = "".join(attributes.get("style", "").lower().split())
        return "display:none" in style or "visibility:hidden" in style

    def _push(self, name: str, hides: bool) -> None:
        self.open.append((name, hides))
        self.open_count[name] = self.open_count.get(name, 0) + 1
        self.hiding += hides
        self.sectioning += name in SECTIONING

    def _pop(self, name: str) -> None:
        """Close the innermost open `name` and everything opened inside it; an end tag that closes
        nothing is ignored. The count per name keeps this linear: no stack is searched in vain."""
        if not self.open_count.get(name):
            return
        while True:
            top, hides = self.open.pop()
            self.open_count[top] -= 1
            self.hiding -= hides
            self.sectioning -= top in SECTIONING
            if top == name:
                return


class _Tag:
    """A start or end tag read from just after its "<" or "</"."""

    def __init__(self, name: str, attributes: dict[str, str], end: int | None, self_closing: bool) -> None:
        self.name, self.attributes, self.end, self.self_closing = name, attributes, end, self_closing

    @classmethod
    def read(cls, text: str, pos: int) -> _Tag:
        name_end = _matched(_TAG_NAME, text, pos).end()
        name = text[pos:name_end].lower()
        pos = name_end
        attributes: dict[str, str] = {}
        unquoted_end = -1  # where the last unquoted value ended: a "/" there belongs to the value
        while True:
            m = _matched(_ATTRIBUTE, text, pos)
            key, value = m.group("name"), m.group("value")
            if key is not None:
                attributes.setdefault(key.lower(), _unquote(value))
                if value and value[0] not in "\"'":
                    unquoted_end = m.end("value")
            pos = m.end()
            if pos >= len(text):
                return cls(name, attributes, None, False)
            if text[pos] == ">":
                self_closing = text[pos - 1] == "/" and unquoted_end != pos
                return cls(name, attributes, pos + 1, self_closing)


def _matched(pattern: re.Pattern[str], text: str, pos: int) -> re.Match[str]:
    """The match of a pattern that matches everywhere (possibly empty)."""
    m = pattern.match(text, pos)
    assert m is not None
    return m


def _unquote(value: str | None) -> str:
    if not value:
        return ""
    if value[0] in "\"'":
        return value[1:-1] if len(value) > 1 and value[-1] == value[0] else value[1:]
    return value


def _through(pattern: re.Pattern[str], text: str, pos: int) -> int:
    """Where the next match of `pattern` ends, or the end of the text."""
    m = pattern.search(text, pos)
    return m.end() if m else len(text)


def _decode_reference(m: re.Match[str]) -> tuple[int, str] | None:
    """(where the reference ends, what it shows), or None if this "&" starts no reference."""
    hexadecimal, decimal, name = m.groups()
    if name is None:
        digits = hexadecimal if hexadecimal is not None else decimal
        # Thousands of digits would make int() slow (and Python refuse): any such number is out of range.
        if len(digits) > 8:
            return m.end(), "\ufffd"
        # The standard's decoding: 0x80-0x9F as Windows-1252 (&#150; is an en dash), invalid ones as U+FFFD.
        return m.end(), html.unescape(f"&#{'x' if hexadecimal is not None else ''}{digits};")
    if name.endswith(";") and name in html5:
        return m.end(), html5[name]
    # Without its ";", only a legacy name (the longest that starts this one) is a reference.
    bare = name.rstrip(";")
    for length in range(min(len(bare), _LONGEST_LEGACY_NAME), 1, -1):
        if bare[:length] in html5:
            return m.start() + 1 + length, html5[bare[:length]]
    return None
