"""Reading XLIFF files (1.2 and 2.x) into bilingual Documents: one segment per translation unit, or per
<segment> of an XLIFF 2 unit that has several."""
from __future__ import annotations

from typing import Any

from lxml import etree

from termcheck.documents.model import Document, Segment, segments_document
from termcheck.documents.suppressions import entry_rules
from termcheck.documents.xml_safety import parse_untrusted_xml
from termcheck.errors import InputError

NAMESPACE_PREFIX = "urn:oasis:names:tc:xliff:document:"
# Inline elements that stand for code (a tag, a variable): their content is not text, but the text after
# them (their tail) is. Elements not listed here (g, mrk, pc) wrap text, which is kept.
CODES = frozenset({"x", "ph", "bx", "ex", "bpt", "ept", "it", "sc", "ec"})


def read_xliff(path: str, data: bytes) -> Document:
    root = parse_untrusted_xml(path, data)
    name = etree.QName(root)
    namespace = name.namespace or ""
    if name.localname != "xliff" or (namespace and not namespace.startswith(NAMESPACE_PREFIX)):
        raise InputError(path, f"not an XLIFF file (the root element is <{name.localname}>, not <xliff>)")
    version = namespace.removeprefix(NAMESPACE_PREFIX) or root.get("version", "1.2")
    if version.startswith("2"):
        return _xliff2_document(path, root, namespace)
    if version.startswith("1"):
        return _xliff1_document(path, root, namespace)
    raise InputError(path, f"unsupported XLIFF version {version!r}; termcheck reads XLIFF 1.2 and 2.x")


def inline_text(element: etree._Element | None, codes: frozenset[str]) -> str:
    """The text of `element` with the text of inline markup, leaving out the content of `codes` and of
    comments and processing instructions (the text after each of them is kept)."""
    if element is None:
        return ""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and etree.QName(child).localname not in codes:
            parts.append(inline_text(child, codes))
        parts.append(child.tail or "")
    return "".join(parts)


# Inline elements compared as codes between source and target: the code elements and the paired codes that
# wrap text (g, pc); annotation markers (mrk) may rightly differ and are left out.
_INLINE = CODES | {"g", "pc"}


def inline_codes(element: etree._Element | None) -> tuple[str, ...]:
    """The inline code elements inside `element`, each as "name#id" (or "name" without an id), in order."""
    if element is None:
        return ()
    codes = []
    for child in element.iter():
        if child is element or not isinstance(child.tag, str):
            continue
        name = etree.QName(child).localname
        if name in _INLINE:
            identity = child.get("id") or child.get("rid") or ""
            codes.append(f"{name}#{identity}" if identity else name)
    return tuple(codes)


def _xliff1_document(path: str, root: etree._Element, namespace: str) -> Document:
    segments = [
        _xliff1_segment(unit, namespace, index)
        for index, unit in enumerate(root.iter(_qualified(namespace, "trans-unit")), start=1)
    ]
    # Languages are per <file>; a document has one pair, so the first file's stands for all.
    first = root.find(_qualified(namespace, "file"))
    languages = first if first is not None else root
    return segments_document(
        path, segments, languages.get("source-language", ""), languages.get("target-language", "")
    )


def _xliff1_segment(unit: etree._Element, namespace: str, index: int) -> Segment:
    # Only the unit's own children: an <alt-trans> inside it has a <source>/<target> of its own.
    source = unit.find(_qualified(namespace, "source"))
    target = unit.find(_qualified(namespace, "target"))
    return Segment(
        id=unit.get("id") or str(index),
        source=inline_text(source, CODES),
        target=inline_text(target, CODES),
        line=_line(target, unit),
        context=unit.get("resname", ""),
        source_codes=inline_codes(source),
        target_codes=inline_codes(target),
        **_suppression(unit.findall(_qualified(namespace, "note"))),
    )


def _xliff2_document(path: str, root: etree._Element, namespace: str) -> Document:
    segments: list[Segment] = []
    for index, unit in enumerate(root.iter(_qualified(namespace, "unit")), start=1):
        segments.extend(_xliff2_segments(unit, namespace, unit.get("id") or str(index)))
    return segments_document(path, segments, root.get("srcLang", ""), root.get("trgLang", ""))


def _xliff2_segments(unit: etree._Element, namespace: str, unit_id: str) -> list[Segment]:
    parts = unit.findall(_qualified(namespace, "segment"))
    segments = []
    for number, part in enumerate(parts, start=1):
        if len(parts) == 1:
            segment_id = unit_id
        elif part.get("id"):
            segment_id = f"{unit_id}/{part.get('id')}"
        else:
            segment_id = f"{unit_id}#{number}"
        target = part.find(_qualified(namespace, "target"))
        source = part.find(_qualified(namespace, "source"))
        segments.append(Segment(
            id=segment_id,
            source=inline_text(source, CODES),
            target=inline_text(target, CODES),
            line=_line(target, unit),
            context=unit.get("name", ""),
            source_codes=inline_codes(source),
            target_codes=inline_codes(target),
            **_suppression(unit.findall(f"{_qualified(namespace, 'notes')}/{_qualified(namespace, 'note')}")),
        ))
    return segments


def _suppression(notes: list[etree._Element]) -> dict[str, Any]:
    """The Segment fields for a "termcheck: disable [RULES]" in one of the unit's notes."""
    for note in notes:
        suppressed, rules = entry_rules("".join(note.itertext()))
        if suppressed:
            return {"suppressed": True, "suppressed_rules": rules}
    return {}


def _qualified(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}" if namespace else name


def _line(target: etree._Element | None, unit: etree._Element) -> int:
    return (target if target is not None else unit).sourceline or 0
