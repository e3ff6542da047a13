"""Writing fixes back into a Word document (DOCX), keeping everything else as it was.

A fix replaces a span of a segment's target (a paragraph, or the translation cell of a bilingual table
row) with new text. The span is found in the w:t elements the reader took the target from: the new text
goes into the first run the span touches, which keeps that run's formatting; the rest of the span is taken
out of the runs after it. A span that covers what a run shows without holding it as text (a tab, a line
break, the boundary between two paragraphs of a cell) is not rewritten, nor is one whose text is no longer
what the finding saw.

Only the XML parts that changed are written anew; every other member of the package is copied as it was
read, in the same order, with the same names, dates and compression.
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from lxml import etree

from termcheck.documents.docx_file import _Piece, _Reader, check_container
from termcheck.errors import InputError

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@dataclass(frozen=True)
class TargetEdit:
    """Replace [start, end) of segment `segment`'s target, which reads `expected`, with `replacement`."""

    segment: str
    start: int
    end: int
    expected: str
    replacement: str


def rewrite_docx(path: str, data: bytes, edits: list[TargetEdit]) -> tuple[bytes, int]:
    """The document with `edits` applied, and how many were. Overlapping edits after the first are left out."""
    fixed, applied = rewrite_docx_edits(path, data, edits)
    return fixed, len(applied)


def rewrite_docx_edits(path: str, data: bytes, edits: list[TargetEdit]) -> tuple[bytes, list[TargetEdit]]:
    """The document with `edits` applied, and the edits that were, in document order."""
    check_container(path, data)
    import docx

    try:
        reader = _Reader(path)
        reader.read(docx.Document(io.BytesIO(data)))
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - the file was read before: whatever fails now is one line
        raise InputError(path, f"not rewritten: {type(exc).__name__}: {exc}") from None
    touched: set[int] = set()
    applied: list[TargetEdit] = []
    by_segment: dict[str, list[TargetEdit]] = {}
    for edit in edits:
        by_segment.setdefault(edit.segment, []).append(edit)
    for segment, segment_edits in by_segment.items():
        pieces = reader.pieces.get(segment)
        if pieces is None:
            continue
        # From the end: an edit never moves the offsets of the spans before it.
        for edit in _without_overlaps(segment_edits)[::-1]:
            elements = _replace(pieces, edit)
            if elements:
                applied.append(edit)
                touched.update(id(e.getroottree().getroot()) for e in elements)
    if not applied:
        return data, []
    changed = {name.lstrip("/"): _serialized(root) for name, root in reader.part_roots if id(root) in touched}
    return _repacked(data, changed), applied


def _without_overlaps(edits: list[TargetEdit]) -> list[TargetEdit]:
    kept: list[TargetEdit] = []
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if not kept or edit.start >= kept[-1].end:
            kept.append(edit)
    return kept


def _replace(pieces: list[_Piece], edit: TargetEdit) -> list[etree._Element]:
    """Rewrite the w:t elements under the edit's span; the elements changed, or [] if it cannot be done."""
    covered: list[tuple[etree._Element | None, int]] = []  # each element with where its text starts
    position = 0
    for element, length in pieces:
        if position < edit.end and edit.start < position + length:
            covered.append((element, position))
        position += length
    texts = [element.text or "" for element, _ in covered if element is not None]
    if not covered or len(texts) != len(covered):
        return []
    (first, first_at), (last, last_at) = covered[0], covered[-1]
    assert first is not None and last is not None
    head, tail = texts[0][:edit.start - first_at], texts[-1][edit.end - last_at:]
    seen = (texts[0][edit.start - first_at:edit.end - first_at] if first is last else
            texts[0][edit.start - first_at:] + "".join(texts[1:-1]) + texts[-1][:edit.end - last_at])
    if seen != edit.expected:
        return []
    changed = [element for element, _ in covered if element is not None]
    for element in changed:
        element.text = ""
    first.text = head + edit.replacement + (tail if first is last else "")
    if first is not last:
        last.text = tail
    for element in changed:
        element.set(_XML_SPACE, "preserve")  # Word drops a w:t's edge spaces without it
    return changed


def _serialized(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _repacked(data: bytes, changed: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as original, zipfile.ZipFile(out, "w") as fixed:
        for info in original.infolist():
            fixed.writestr(info, changed.get(info.filename) or original.read(info), info.compress_type)
    return out.getvalue()
