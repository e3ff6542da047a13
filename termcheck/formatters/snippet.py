"""The line of a finding with the flagged text underlined, as ruff and rustc show it:

```
   |
12 | We must resolutely achieve the “two maintenances”.
   |                                 ^^^^^^^^^^^^^^^^
```

A long line is cut around the finding (`…` marks a cut). Carets line up on a terminal: a wide character
(CJK, full-width punctuation) takes two columns, a combining mark none, and a control character is shown
by its visible escape (terminal.printable), so it takes as many columns as the escape.
"""
from __future__ import annotations

import unicodedata

from termcheck.formatters.terminal import printable

WIDTH = 100  # columns of line text shown at most
CONTEXT = 40  # columns kept before the finding when a line is cut
ELLIPSIS = "…"


def snippet(text: str, start: int, end: int, line_number: int) -> list[str]:
    """The lines that show [start, end) of `text` on its own line (a finding over several lines is
    underlined to the end of its first)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end == -1 else line_end
    if line_end > line_start and text[line_end - 1] == "\r":
        line_end -= 1
    end = max(start + 1, min(end, line_end))
    before, marked, after = _visible(text[line_start:start]), _visible(text[start:end]), _visible(text[end:line_end])
    before, marked, after = _cut(before, marked, after)
    gutter = " " * len(str(line_number))
    return [
        f"{gutter} |",
        f"{line_number} | {before}{marked}{after}".rstrip(),
        f"{gutter} | {' ' * width(before)}{'^' * max(1, width(marked))}",
    ]


def width(text: str) -> int:
    """Terminal columns of `text`."""
    return sum(_char_width(char) for char in text)


def _char_width(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _visible(text: str) -> str:
    return printable(text.replace("\t", " "))


def _cut(before: str, marked: str, after: str) -> tuple[str, str, str]:
    """Shorten the parts so that the line fits WIDTH columns, keeping the finding and some context."""
    if width(before) + width(marked) + width(after) <= WIDTH:
        return before, marked, after
    if width(before) > CONTEXT:
        before = ELLIPSIS + _last_columns(before, CONTEXT - 1)
    room = WIDTH - width(before)
    if width(marked) > room:
        return before, _first_columns(marked, room - 1) + ELLIPSIS, ""
    room -= width(marked)
    if width(after) > room:
        after = _first_columns(after, room - 1) + ELLIPSIS
    return before, marked, after


def _first_columns(text: str, columns: int) -> str:
    taken, used = [], 0
    for char in text:
        used += _char_width(char)
        if used > columns:
            break
        taken.append(char)
    return "".join(taken)


def _last_columns(text: str, columns: int) -> str:
    return _first_columns(text[::-1], columns)[::-1]
