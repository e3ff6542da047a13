"""Word documents (DOCX), read with python-docx: one segment per paragraph.

The paragraphs of the body, of table cells (nested tables too), of text boxes, of footnotes and endnotes
and of headers and footers each become a segment, in that order, named where a reader finds it:
"paragraph 3", "table 1 row 2 cell 3", "footnote 2", "header". A two-column table with Chinese in the
first column and a translation in the second is a bilingual table: each row is one segment, source and
target, named "table 1 row 2". The document is a target view, as for XLIFF: a finding gives its segment
and the column within the paragraph. --fix rewrites the text of the runs it covers (`rewrite_docx`), so a
fixed document keeps its formatting, and every other part of the package stays as it was.

What a paragraph says is read from its runs, as Word shows it: deleted and moved-away text, hidden runs
and field codes are left out; tabs and line breaks are kept.

A DOCX is a ZIP of XML parts, and a hostile one is refused before python-docx opens it: too many
members, too much uncompressed data, a compression ratio only a zip bomb has, encryption, or an XML
part with a DTD (Word never writes one; python-docx's own parser already resolves no entities).
"""
from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING

from lxml import etree

from termcheck.documents.model import Document, Segment, segments_document
from termcheck.documents.sniffing import (
    DOCX_MAIN_PART,
    ENCRYPTED,
    OLE2_MAGIC,
    bytes_look_like_html,
    is_zip,
    office_kind,
)
from termcheck.documents.xml_safety import ENTITIES_REFUSED, parse_untrusted_xml
from termcheck.documents.zip_safety import MAX_MEMBERS, check_members
from termcheck.errors import InputError
from termcheck.han import is_chinese

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

_PROLOG_CHUNK = 16 * 1024

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _TBL, _TR, _TC, _R, _T = W + "p", W + "tbl", W + "tr", W + "tc", W + "r", W + "t"
_TXBX = W + "txbxContent"
# Containers whose children are blocks (paragraphs, tables) or rows or cells: content controls, custom
# XML, tracked insertions.
_WRAPPERS = frozenset({W + "sdt", W + "sdtContent", W + "customXml", W + "ins", W + "moveTo"})
# Never shown, or shown elsewhere: deleted and moved-away text, properties, field codes, and the fallback
# copy of a drawing (its text box is read once, from the drawing itself).
_NOT_SHOWN = frozenset({W + "del", W + "moveFrom", W + "pPr", W + "rPr", W + "sdtPr", W + "instrText",
                        W + "delText", W + "delInstrText", W + "tblPr", W + "trPr", W + "tcPr", MC + "Fallback"})
_CHARACTERS = {W + "tab": "\t", W + "ptab": "\t", W + "br": "\n", W + "cr": "\n", W + "noBreakHyphen": "\u2011"}
_NOTE_KINDS = (("footnote", "footnotes"), ("endnote", "endnotes"))
_SPECIAL_NOTES = frozenset({"separator", "continuationSeparator", "continuationNotice"})
_HEADER_KINDS = {"default": "", "first": "first-page ", "even": "even-page "}
_FALSE = frozenset({"0", "false", "off"})


def read_docx(path: str, data: bytes) -> Document:
    check_container(path, data)
    import docx  # python-docx: imported only when a Word document is read

    try:
        word = docx.Document(io.BytesIO(data))
        reader = _Reader(path)
        reader.read(word)
    except InputError:
        raise
    except ValueError as exc:
        if (kind := _other_word_kind(str(exc))) is not None:
            raise InputError(path, f"is {kind}, not a Word document (DOCX): save it as .docx") from None
        raise InputError(path, f"not a valid DOCX document: {_one_line(exc)}") from None
    except Exception as exc:  # noqa: BLE001 - a damaged package fails anywhere in python-docx or lxml: one line
        raise InputError(path, f"not a valid DOCX document: {_one_line(exc)}") from None
    document = segments_document(path, reader.segments)
    document.rewritable = True
    return document


def check_container(path: str, data: bytes) -> None:
    """Refuse, with one line, what is not a ZIP a DOCX could be, or is one that must not be unpacked."""
    if not is_zip(data):
        if data.startswith(OLE2_MAGIC):
            kind = office_kind(data)
            if kind == ENCRYPTED:
                raise InputError(path, f"is {kind}; save a copy without a password")
            raise InputError(path, f"is {kind}, not a DOCX document: save it as .docx")
        if bytes_look_like_html(data):
            raise InputError(path, "is an HTML page, not a DOCX document: rename it to .html")
        raise InputError(path, "not a DOCX document (not a ZIP archive)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            _check_members(path, members, data)
            _check_no_dtd(path, archive, members)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - zipfile raises many kinds of error on a damaged archive
        raise InputError(path, f"not a DOCX document: damaged ZIP archive ({_one_line(exc)})") from None


def _check_members(path: str, members: list[zipfile.ZipInfo], data: bytes) -> None:
    names = {m.filename for m in members}
    if len(members) <= MAX_MEMBERS and DOCX_MAIN_PART not in names:
        kind = office_kind(data, names)
        if kind is not None:
            raise InputError(path, f"is {kind}, not a Word document (DOCX)")
        raise InputError(path, f"not a DOCX document: the ZIP archive has no {DOCX_MAIN_PART}")
    check_members(path, members, "DOCX")


def _check_no_dtd(path: str, archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> None:
    """A DTD may declare entities (XXE, "billion laughs"): no part of a Word document has one."""
    for m in members:
        if m.filename.endswith((".xml", ".rels")):
            with archive.open(m) as part:
                if _has_dtd(part):
                    raise InputError(path, f"{ENTITIES_REFUSED} ({m.filename} has a DTD)")


def _has_dtd(part: IO[bytes]) -> bool:
    """Whether an XML part has a DTD: its prolog is parsed, up to the root element, with the safe settings
    (those of xml_safety.safe_parser)."""
    parser = etree.XMLPullParser(events=("start",), resolve_entities=False, no_network=True, load_dtd=False,
                                 huge_tree=False)
    try:
        while chunk := part.read(_PROLOG_CHUNK):
            parser.feed(chunk)
            if (first := next(iter(parser.read_events()), None)) is not None:
                return first[1].getroottree().docinfo.doctype != ""
    except etree.XMLSyntaxError:
        return False  # malformed: python-docx refuses it with its own one-line reason
    return False


# Where each piece of a segment's target came from: a w:t element's text, or None for what a run shows
# without holding it as text (a tab, a break, the line between two paragraphs of a cell).
_Piece = tuple["etree._Element | None", int]


@dataclass
class _Reader:
    """Walks the parts of a document in reading order, collecting one segment per paragraph."""

    path: str
    segments: list[Segment] = field(default_factory=list)
    paragraphs: int = 0  # every paragraph read so far, empty ones too: a segment's `line`
    pieces: dict[str, list[_Piece]] = field(default_factory=dict)  # per segment id, for rewrite_docx
    part_roots: list[tuple[str, etree._Element]] = field(default_factory=list)  # (part name, XML root) read

    def read(self, word: WordDocument) -> None:
        self.part_roots.append((str(word.part.partname), word.element))
        self._container(word.element.body, "", number_every_paragraph=True)
        for kind, plural in _NOTE_KINDS:
            for number, note in enumerate(self._notes(word, plural, kind), start=1):
                self._container(note, f"{kind} {number}")
        self._headers_and_footers(word)

    # Containers, tables and paragraphs --------------------------------------------------------------------

    def _container(self, element: etree._Element, label: str, number_every_paragraph: bool = False) -> None:
        """The blocks of the body, a cell, a note, a header or a text box. Its paragraphs are named by
        number, unless there is only one (then the container's label names it)."""
        blocks = list(_children(element, (_P, _TBL)))
        paragraph_count = sum(1 for b in blocks if b.tag == _P)
        paragraph, table = 0, 0
        for block in blocks:
            if block.tag == _P:
                paragraph += 1
                named = number_every_paragraph or paragraph_count > 1
                self._paragraph(block, _join(label, f"paragraph {paragraph}" if named else ""))
            else:
                table += 1
                self._table(block, _join(label, f"table {table}"))

    def _table(self, table: etree._Element, label: str) -> None:
        rows = [list(_children(row, (_TC,))) for row in _children(table, (_TR,))]
        if _bilingual(rows):
            for number, cells in enumerate(rows, start=1):
                self._bilingual_row(cells, f"{label} row {number}")
            return
        for number, cells in enumerate(rows, start=1):
            for column, cell in enumerate(cells, start=1):
                self._container(cell, f"{label} row {number} cell {column}")

    def _bilingual_row(self, cells: list[etree._Element], label: str) -> None:
        pieces: list[_Piece] = []
        source, target = _cell_text(cells[0]), _cell_text(cells[1], pieces)
        self.paragraphs += 1
        if target.strip() or source.strip():
            self.segments.append(Segment(id=label, source=source, target=target, line=self.paragraphs))
            self.pieces[label] = pieces

    def _paragraph(self, paragraph: etree._Element, label: str) -> None:
        self.paragraphs += 1
        text_boxes: list[etree._Element] = []
        pieces: list[_Piece] = []
        text = paragraph_text(paragraph, text_boxes, pieces)
        if text.strip():
            self.segments.append(Segment(id=label, source="", target=text, line=self.paragraphs,
                                         context=_style(paragraph)))
            self.pieces[label] = pieces
        for number, box in enumerate(text_boxes, start=1):
            self._container(box, f"{label} text box {number}")

    # Notes, headers and footers -----------------------------------------------------------------------------

    def _notes(self, word: WordDocument, plural: str, kind: str) -> Iterator[etree._Element]:
        """The footnotes or endnotes, in the order Word numbers them (python-docx does not read them)."""
        from docx.opc.constants import RELATIONSHIP_TYPE

        reltype = getattr(RELATIONSHIP_TYPE, plural.upper())
        for relationship in word.part.rels.values():
            if relationship.reltype == reltype and not relationship.is_external:
                root = parse_untrusted_xml(self.path, relationship.target_part.blob)
                self.part_roots.append((str(relationship.target_part.partname), root))
                for note in root.iter(W + kind):
                    if note.get(W + "type", "normal") not in _SPECIAL_NOTES:
                        yield note

    def _headers_and_footers(self, word: WordDocument) -> None:
        sections = list(word.sections)
        seen: set[str] = set()
        for part_kind in ("header", "footer"):
            for number, section in enumerate(sections, start=1):
                for reference in section._sectPr.findall(f"{W}{part_kind}Reference"):
                    part = word.part.related_parts.get(reference.get(_R_ID))
                    if part is None or str(part.partname) in seen:
                        continue
                    seen.add(str(part.partname))
                    self.part_roots.append((str(part.partname), part.element))
                    where = f"section {number} " if len(sections) > 1 else ""
                    kind = _HEADER_KINDS.get(reference.get(W + "type", "default"), "")
                    self._container(part.element, f"{where}{kind}{part_kind}")


_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def paragraph_text(paragraph: etree._Element, text_boxes: list[etree._Element] | None = None,
                   pieces: list[_Piece] | None = None) -> str:
    """What a paragraph shows: the text of its runs, in order, without what Word does not show. Text
    boxes anchored in it are not part of it; they are added to `text_boxes` to be read on their own.
    `pieces`, if given, gets where each piece of the text came from."""
    out: list[str] = []
    stack = [iter(paragraph)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if not isinstance(tag, str) or tag in _NOT_SHOWN:
            continue
        if tag == _T:
            out.append(child.text or "")
            if pieces is not None:
                pieces.append((child, len(out[-1])))
        elif tag in _CHARACTERS:
            out.append(_CHARACTERS[tag])
            if pieces is not None:
                pieces.append((None, 1))
        elif tag == _TXBX:
            if text_boxes is not None:
                text_boxes.append(child)
        elif tag == _P:  # a paragraph inside a paragraph is inside a text box: read there
            continue
        elif tag != _R or not _hidden(child):
            stack.append(iter(child))
    return "".join(out)


def _children(element: etree._Element, tags: tuple[str, ...]) -> Iterator[etree._Element]:
    """The children of `element` with one of `tags`, looking through content controls and the like."""
    for child in element:
        if child.tag in tags:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tags)


def _hidden(run: etree._Element) -> bool:
    properties = run.find(W + "rPr")
    vanish = properties.find(W + "vanish") if properties is not None else None
    return vanish is not None and vanish.get(W + "val", "true").lower() not in _FALSE


def _style(paragraph: etree._Element) -> str:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return style.get(W + "val", "") if style is not None else ""


def _cell_text(cell: etree._Element, pieces: list[_Piece] | None = None) -> str:
    texts: list[str] = []
    for paragraph in _cell_paragraphs(cell):
        own: list[_Piece] = []
        text = paragraph_text(paragraph, None, own)
        if text:
            if texts and pieces is not None:
                pieces.append((None, 1))  # the "\n" between two paragraphs
            texts.append(text)
            if pieces is not None:
                pieces.extend(own)
    return "\n".join(texts)


def _cell_paragraphs(cell: etree._Element) -> Iterator[etree._Element]:
    for block in _children(cell, (_P, _TBL)):
        if block.tag == _P:
            yield block
        else:
            for row in _children(block, (_TR,)):
                for inner in _children(row, (_TC,)):
                    yield from _cell_paragraphs(inner)


def _bilingual(rows: list[list[etree._Element]]) -> bool:
    """A table of two columns, Chinese on the left and not on the right in every row that has both (a
    header row naming the columns aside)."""
    if len(rows) < 1 or any(len(cells) != 2 for cells in rows):
        return False
    pairs = [(_cell_text(a), _cell_text(b)) for a, b in rows]
    filled = [(a, b) for a, b in pairs if a.strip() and b.strip()]
    if filled and not is_chinese(filled[0][0]):
        filled = filled[1:]  # a header row: "中文 | English", "Source | Target"
    return bool(filled) and all(is_chinese(a) and not is_chinese(b) for a, b in filled)


def _other_word_kind(message: str) -> str | None:
    """What python-docx's "is not a Word file, content type is ..." refusal names, in words."""
    if "is not a Word file" not in message:
        return None
    if "macroEnabled" in message:
        return "a macro-enabled Word file (DOCM or DOTM)"
    if "template.main" in message:
        return "a Word template (DOTX)"
    return "another kind of Office file"


def _join(label: str, part: str) -> str:
    return f"{label} {part}".strip()


def _one_line(exc: Exception) -> str:
    message = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__
