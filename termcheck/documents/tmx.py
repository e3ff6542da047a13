"""Reading TMX 1.4 translation memories into bilingual Documents: one segment per <tu>."""
from __future__ import annotations

from lxml import etree

from termcheck.documents.model import Document, Segment, segments_document
from termcheck.documents.xliff import inline_text
from termcheck.documents.xml_safety import parse_untrusted_xml
from termcheck.errors import InputError

# Inline elements that stand for code; <hi> wraps text and is kept.
CODES = frozenset({"bpt", "ept", "ph", "it", "ut"})
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ANY_SOURCE = "*all*"


def read_tmx(path: str, data: bytes) -> Document:
    root = parse_untrusted_xml(path, data)
    if root.tag != "tmx":
        name = etree.QName(root).localname
        raise InputError(path, f"not a TMX file (the root element is <{name}>, not <tmx>)")
    header = root.find("header")
    srclang = header.get("srclang", ANY_SOURCE) if header is not None else ANY_SOURCE
    segments: list[Segment] = []
    source_language = "" if srclang == ANY_SOURCE else srclang
    target_language = ""
    for index, unit in enumerate(root.iter("tu"), start=1):
        source, target = _source_and_target(unit.findall("tuv"), srclang)
        source_language = source_language or _language(source)
        target_language = target_language or _language(target)
        segments.append(_segment(unit, index, source, target))
    return segments_document(path, segments, source_language, target_language)


def _source_and_target(
    variants: list[etree._Element], srclang: str
) -> tuple[etree._Element | None, etree._Element | None]:
    """The variant in the header's source language (or, failing that, the first Chinese one, else the
    first) and the first other variant."""
    if not variants:
        return None, None
    wanted = srclang.lower()
    source = next((v for v in variants if _language(v).lower() == wanted), None)
    if source is None:
        source = next((v for v in variants if _is_chinese(_language(v))), variants[0])
    target = next((v for v in variants if v is not source), None)
    return source, target


def _segment(
    unit: etree._Element, index: int, source: etree._Element | None, target: etree._Element | None
) -> Segment:
    target_seg = _seg(target)
    located = next(e for e in (target_seg, target, unit) if e is not None)
    return Segment(
        id=unit.get("tuid") or str(index),
        source=inline_text(_seg(source), CODES),
        target=inline_text(target_seg, CODES),
        line=located.sourceline or 0,
    )


def _seg(variant: etree._Element | None) -> etree._Element | None:
    return variant.find("seg") if variant is not None else None


def _language(variant: etree._Element | None) -> str:
    if variant is None:
        return ""
    return variant.get(XML_LANG) or variant.get("lang") or ""  # lang= is TMX 1.1's spelling


def _is_chinese(language: str) -> bool:
    return language.lower().replace("_", "-").split("-")[0] == "zh"
