"""Parsing untrusted XML (XLIFF, TMX) without letting it read local files or exhaust memory.

Two protections, either of which suffices on its own: the parser never resolves entities, loads a DTD or
touches the network, and any document whose DTD declares entities is refused outright, so neither an
external entity (XXE) nor an entity expansion ("billion laughs") ever reaches the text we check.
"""
from __future__ import annotations

from lxml import etree

from termcheck.errors import InputError

ENTITIES_REFUSED = "XML entity declarations are not accepted"
REFERENCES_REFUSED = "XML entity references are not accepted (only &amp; &lt; &gt; &quot; &apos; and &#...;)"


def safe_parser() -> etree.XMLParser:
    """A parser that never resolves entities, loads a DTD or touches the network, and keeps lxml's limits
    on tree size (_safe_pull_parser has the same settings)."""
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=False
    )


def _safe_pull_parser() -> etree.XMLPullParser:
    """safe_parser's settings in a parser fed incrementally, reporting where each element starts."""
    return etree.XMLPullParser(
        events=("start",),
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=False,
    )


def parse_untrusted_xml(path: str, data: bytes) -> etree._Element:
    """The root element of `data`, or InputError with a one-line reason."""
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        # libxml2 stops an entity expansion with a syntax error; say why rather than "malformed".
        if _prolog_declares_entities(data):
            raise InputError(path, ENTITIES_REFUSED) from None
        raise InputError(path, _malformed(exc)) from None
    if _declares_entities(root):
        raise InputError(path, ENTITIES_REFUSED)
    # An entity declared only in an external DTD (never loaded) is left as an unresolved reference node.
    if next(root.iter(etree.Entity), None) is not None:
        raise InputError(path, REFERENCES_REFUSED)
    return root


def _declares_entities(element: etree._Element) -> bool:
    dtd = element.getroottree().docinfo.internalDTD
    return dtd is not None and next(dtd.iterentities(), None) is not None


def _prolog_declares_entities(data: bytes) -> bool:
    """Whether the DTD before the root element declares entities, even if the document fails later.

    The DTD is complete when the root element starts, so the first start event's tree already has it.
    """
    parser = _safe_pull_parser()
    try:
        parser.feed(data)
        parser.close()
    except etree.XMLSyntaxError:
        pass
    first = next(iter(parser.read_events()), None)
    return first is not None and _declares_entities(first[1])


def _malformed(exc: etree.XMLSyntaxError) -> str:
    line, column = exc.position
    message = exc.msg.removesuffix(f", line {line}, column {column}")
    return f"malformed XML at line {line}, column {column}: {' '.join(message.split())}"
