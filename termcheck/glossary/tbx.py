"""Reading TBX term bases (ISO 30042): TBX-Basic and TBX v2 (`termEntry/langSet/tig|ntig`), TBX v3 /
TBX-Core (`conceptEntry/langSec/termSec`), and the MARTIF dialects that Microsoft's terminology export
and Weblate write. Each concept becomes one glossary entry: its Chinese term, its English terms sorted
by status (preferred, admitted, deprecated, superseded: termcheck/data/tbx-status.tsv), its
definitions and notes as the note, and its source note (or else its id) as the source.

translate-toolkit reads TBX too, but as source/target pairs: it keeps neither the term status that
makes a rendering deprecated nor more than one term a language, which is the whole of what termcheck
needs from a term base. The file is parsed as safely as the XLIFF reader parses (no entities, DTD or
network).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from lxml import etree

from termcheck.documents.xml_safety import parse_untrusted_xml, safe_parser
from termcheck.errors import GlossaryError, InputError
from termcheck.glossary.model import Entry
from termcheck.matching.automaton import phrase_limit_error
from termcheck.matching.tokens import has_words
from termcheck.wordlists import pairs

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CONCEPTS = frozenset({"termEntry", "conceptEntry"})
LANGUAGES = frozenset({"langSet", "langSec"})
TERMS = frozenset({"tig", "ntig", "termSec"})
STATUS_TYPES = frozenset({"administrativeStatus", "normativeAuthorization"})
NOTE_TYPES = frozenset({"definition", "explanation", "context"})


def parse_tbx(path: str, data: bytes) -> list[Entry]:
    root = _parse(path, data)
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    for concept in root.iter():
        if _name(concept) not in CONCEPTS:
            continue
        entry = _entry(path, concept)
        if entry is None:
            continue  # a concept without a Chinese term or an acceptable English one checks nothing
        line = concept.sourceline or 1
        if entry.zh in seen:
            raise GlossaryError(path, line, 1, f"duplicate zh term {entry.zh!r} (first on line {seen[entry.zh]})")
        seen[entry.zh] = line
        entries.append(entry)
    return entries


def _parse(path: str, data: bytes) -> etree._Element:
    try:
        etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        line, column = exc.position
        reason = exc.msg.removesuffix(f", line {line}, column {column}")
        raise GlossaryError(path, line or 1, column or 1, f"malformed TBX: {' '.join(reason.split())}") from None
    try:
        return parse_untrusted_xml(path, data)  # refuses entity declarations and references
    except InputError as exc:
        raise GlossaryError(path, 1, 1, exc.reason) from None


@dataclass
class _Terms:
    zh: list[str] = field(default_factory=list)
    en: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in ("preferred", "admitted",
                                                                              "deprecated", "superseded", "")})


def _entry(path: str, concept: etree._Element) -> Entry | None:
    terms = _Terms()
    notes: list[str] = []
    source = ""
    for element in concept.iter():
        name = _name(element)
        if name in LANGUAGES:
            _read_language(path, element, terms)
        elif name in ("admin", "descrip") and element.get("type") == "source":
            source = source or _text(element)
        elif (name == "descrip" and element.get("type") in NOTE_TYPES) or name == "note":
            text = _text(element)
            if text and text not in notes:
                notes.append(text)
    if not terms.zh:
        return None
    unmarked = terms.en[""]
    preferred = terms.en["preferred"] + unmarked
    acceptable = preferred + terms.en["admitted"]
    if not acceptable:
        return None
    ident = concept.get("id") or concept.get(_XML_LANG) or ""
    return Entry(
        zh=terms.zh[0],
        en=acceptable[0],
        admitted=tuple(dict.fromkeys(acceptable[1:])),
        deprecated=tuple(dict.fromkeys(terms.en["deprecated"])),
        superseded=tuple((phrase, None, None) for phrase in dict.fromkeys(terms.en["superseded"])),
        note=" ".join(notes),
        source=source or (f"TBX concept {ident}" if ident else "TBX"),
        origin=f"{path}:{concept.sourceline or 1}",
    )


def _read_language(path: str, language: etree._Element, terms: _Terms) -> None:
    code = (language.get(_XML_LANG) or language.get("lang") or "").lower().replace("_", "-")
    for group in language.iter():
        if _name(group) not in TERMS:
            continue
        term = next((e for e in group.iter() if _name(e) == "term"), None)
        phrase = " ".join(_text(term).split()) if term is not None else ""
        if not phrase:
            continue  # an empty <term/>: tolerated, as CAT exports write them
        _check(path, term, phrase)
        if code.startswith("zh"):
            terms.zh.append(_simplified(phrase) if _traditional(code) else phrase)
        elif code.startswith("en"):
            terms.en[_status(group)].append(phrase)


def _check(path: str, term: etree._Element | None, phrase: str) -> None:
    problem = phrase_limit_error(phrase)
    if problem is None and not has_words(phrase) and not any("\u2e80" <= c <= "\u9fff" for c in phrase):
        problem = "contains no word to match"
    if problem is not None:
        line = term.sourceline if term is not None and term.sourceline else 1
        raise GlossaryError(path, line, 1, f"term {phrase[:40]!r} {problem}")


def _status(group: etree._Element) -> str:
    for element in group.iter():
        if _name(element) == "termNote" and element.get("type") in STATUS_TYPES:
            return _statuses().get(_text(element).lower(), "")
    return ""


@cache
def _statuses() -> dict[str, str]:
    return dict(pairs("tbx-status.tsv", ("value", "kind")))


def _traditional(code: str) -> bool:
    return "hant" in code or code.endswith(("-tw", "-hk", "-mo"))


def _simplified(phrase: str) -> str:
    from termcheck.matching.source_terms import to_simplified  # OpenCC, loaded only for a Traditional base

    return to_simplified(phrase)


def _name(element: etree._Element) -> str:
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _text(element: etree._Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""
