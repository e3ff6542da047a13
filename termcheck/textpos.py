"""Mapping between code-point offsets and 1-based line/column positions."""
from __future__ import annotations

from bisect import bisect_right


class LineIndex:
    """Line starts of a text, for turning offsets into (line, column) pairs.

    Lines end at "\\n" (a preceding "\\r" stays part of the line); columns count code points.
    """

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def line_span(self, line: int) -> tuple[int, int]:
        """Start offset of a 1-based line and the start of the next one (or -1 for the last)."""
        start = self._starts[line - 1]
        nxt = self._starts[line] if line < len(self._starts) else -1
        return start, nxt
