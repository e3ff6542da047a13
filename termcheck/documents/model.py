"""The Document: a decoded text plus the view of it that checks may read, and, for bilingual
formats, the aligned segments it is made of."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from termcheck.documents.suppressions import Suppression

# Non-prose characters (code, URLs, markup) are replaced by MASK in `prose`. NUL never occurs in a
# decoded document (files with NUL bytes are rejected as binary), so MASK cannot be confused with text.
MASK = "\x00"
# Between two targets in a segment document's text: a blank line, so no phrase or quotation runs on
# from one segment into the next.
SEGMENT_SEPARATOR = "\n\n"


@dataclass
class Segment:
    """One aligned source/target pair of a bilingual file.

    `id` is what a user searches for to find it: a line number for text, TSV and PO files ("12"), the
    unit id for XLIFF and TMX. `start` is where the target begins in the Document's text.
    """

    id: str
    source: str
    target: str
    line: int = 0
    start: int = 0
    context: str = ""  # e.g. a PO msgctxt or an XLIFF resname: shown to help find the segment
    flags: tuple[str, ...] = ()  # e.g. ("fuzzy",) for a PO entry
    # XLIFF inline codes (<x id="1"/>, <g id="2">, <ph>, <pc>...) as "name#id", in order: their content is
    # not text, so they are compared apart (TC307).
    source_codes: tuple[str, ...] = ()
    target_codes: tuple[str, ...] = ()
    # A "termcheck: disable [RULES]" in the entry's own comment or note: nothing (or nothing of RULES) is
    # reported in this segment's target.
    suppressed: bool = False
    suppressed_rules: frozenset[str] | None = None  # None: every rule


@dataclass
class Document:
    """A document to lint.

    `text` is the decoded file (BOM removed); every finding's offsets index into it. `prose` has the same
    length, with everything that is not prose replaced by MASK (newlines are kept), so checks read `prose`
    and report offsets that are valid in `text` without any mapping.

    A bilingual document (PO, XLIFF, TMX, aligned TSV) has `segments`. Unless its targets are the file
    itself (two line-aligned text files), `text` is then the *target view*: the targets joined by blank
    lines, and `virtual` is true: positions are reported per segment rather than per file line.
    """

    path: str
    text: str
    prose: str
    encoding: str = "utf-8"
    bom: bool = False
    markdown: bool = False
    digest: str | None = None  # sha256 of the bytes read, so --fix can tell if the file changed since
    segments: list[Segment] = field(default_factory=list)
    virtual: bool = False
    rewritable: bool = False  # a target view whose reader can write fixed targets back (DOCX)
    source_language: str = ""
    target_language: str = ""
    suppressions: list[Suppression] = field(default_factory=list)  # inline "termcheck-disable" ranges (Markdown)

    @classmethod
    def plain(cls, path: str, text: str, encoding: str = "utf-8", bom: bool = False) -> Document:
        return cls(path=path, text=text, prose=text, encoding=encoding, bom=bom)

    @property
    def bilingual(self) -> bool:
        return bool(self.segments)

    def segment_at(self, offset: int) -> Segment | None:
        """The segment whose target contains (or ends at) an offset of `text`."""
        index = self.segment_index_at(offset)
        return None if index is None else self.segments[index]

    def segment_index_at(self, offset: int) -> int | None:
        """The index of segment_at(offset) in `segments`."""
        if not self.segments:
            return None
        return max(bisect_right(self._segment_starts(), offset) - 1, 0)

    def _segment_starts(self) -> list[int]:
        # Built once per list of segments: a finding per segment made rebuilding it on every call
        # quadratic (20,000 XLIFF units took two minutes).
        cached = self.__dict__.get("_starts")
        if cached is None or cached[0] is not self.segments or len(cached[1]) != len(self.segments):
            cached = (self.segments, [segment.start for segment in self.segments])
            self.__dict__["_starts"] = cached
        return cached[1]


def segments_document(
    path: str,
    segments: list[Segment],
    source_language: str = "",
    target_language: str = "",
    digest: str | None = None,
) -> Document:
    """A bilingual document whose text is the target view: targets joined by blank lines."""
    pieces: list[str] = []
    position = 0
    for segment in segments:
        if pieces:
            pieces.append(SEGMENT_SEPARATOR)
            position += len(SEGMENT_SEPARATOR)
        segment.start = position
        pieces.append(segment.target)
        position += len(segment.target)
    text = "".join(pieces)
    from termcheck.documents.suppressions import Suppression

    suppressions = [Suppression(s.start, s.start + len(s.target), s.suppressed_rules) for s in segments if s.suppressed]
    return Document(
        path=path, text=text, prose=text, digest=digest, segments=segments, virtual=True,
        source_language=source_language, target_language=target_language, suppressions=suppressions,
    )
