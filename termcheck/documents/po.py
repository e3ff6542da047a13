"""gettext PO catalogues, read with polib.

Each translated string is a segment: msgid is the source, msgstr the target; a plural entry gives one
segment per plural form. Obsolete entries (#~) are skipped, as Poedit hides them; fuzzy entries are
checked, and carry the flag, since a translator is still working on them.
"""
from __future__ import annotations

import re

from termcheck.documents.decoding import decode
from termcheck.documents.model import Document, Segment, segments_document
from termcheck.documents.suppressions import entry_rules
from termcheck.errors import InputError

# A keyword line (msgid, msgstr[1], #~ msgid, #| msgid ...) or a continuation line, and what it must hold:
# one complete C string. polib reads past an unterminated one and drops the entry without a word.
_STRING_LINE = re.compile(r'^(?:#[~|]\s*)?(?:msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)?\s*(?=")')
_COMPLETE_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"\s*')


def _check_strings(path: str, text: str) -> None:
    """Refuse what msgfmt refuses as "end-of-line within string", naming the line."""
    for number, line in enumerate(text.splitlines(), start=1):
        head = _STRING_LINE.match(line)
        if head is None:
            continue
        if not _COMPLETE_STRING.fullmatch(line, head.end()):
            raise InputError(path, f"line {number}: not a valid PO file: end-of-line within string")


def read_po(path: str, data: bytes) -> Document:
    import polib

    text = decode_po(path, data)
    _check_strings(path, text)
    try:
        catalogue = polib.pofile(text)
    except (OSError, ValueError) as exc:
        raise InputError(path, f"not a valid PO file: {_one_line(exc)}") from None
    segments: list[Segment] = []
    for entry in catalogue:
        if entry.obsolete or not entry.msgid:
            continue
        flags = tuple(entry.flags)
        line = entry.linenum if entry.linenum is not None else 0  # polib numbers every entry it parses
        suppressed, rules = entry_rules(entry.tcomment or "")  # the translator's own "# ..." comment
        if entry.msgid_plural:
            for index in sorted(entry.msgstr_plural):
                source = entry.msgid if index == 0 else entry.msgid_plural
                segments.append(
                    Segment(id=f"{line}[{index}]", source=source, target=entry.msgstr_plural[index],
                            line=line, context=entry.msgctxt or "", flags=flags, suppressed=suppressed,
                            suppressed_rules=rules)
                )
        else:
            segments.append(
                Segment(id=str(line), source=entry.msgid, target=entry.msgstr, line=line,
                        context=entry.msgctxt or "", flags=flags, suppressed=suppressed, suppressed_rules=rules)
            )
    language = catalogue.metadata.get("Language", "").replace("_", "-")
    return segments_document(path, segments, target_language=language)


_CHARSET = re.compile(rb"charset=([A-Za-z0-9._-]+)")


def decode_po(path: str, data: bytes) -> str:
    """A catalogue's text, decoded with the charset its header declares (UTF-8 if none: gettext's default).

    A few catalogues are still in legacy encodings (Sphinx ships a zh_TW.Big5 one)."""
    charset = po_charset(data)
    if charset in ("utf-8", "utf8"):
        return decode(path, data)[0]
    try:
        return data.decode(charset)
    except LookupError:
        raise InputError(path, f"unknown charset {charset!r} in the PO header") from None
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not valid {charset} text (byte offset {exc.start}) as its header declares") from None


def po_charset(data: bytes) -> str:
    match = _CHARSET.search(data[:4096])
    charset = match.group(1).decode("ascii").lower() if match else "utf-8"
    return "utf-8" if charset == "charset" else charset  # "charset=CHARSET": a template's placeholder


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())
