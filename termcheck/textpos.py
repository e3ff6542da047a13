"""Mapping between code-point offsets and 1-based line/column positions."""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable


class LineIndex:
    """Line starts of a text, for turning offsets into (line, column) pairs.

    Lines end at "\\n" (a preceding "\\r" stays part of the line); columns count code points. A reader
    whose parser counts lines otherwise (markdown-it also ends one at a lone "\\r") builds the index from
    where its line breaks end (`after_breaks`).
    """

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self.starts = starts

    @classmethod
    def after_breaks(cls, ends: Iterable[int]) -> LineIndex:
        """The index of a text whose line breaks end at `ends`, in order."""
        index = cls("")
        index.starts = [0, *ends]
        return index

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def line_span(self, line: int) -> tuple[int, int]:
        """Start offset of a 1-based line and the start of the next one (or -1 for the last)."""
        start = self.starts[line - 1]
        nxt = self.starts[line] if line < len(self.starts) else -1
        return start, nxt
