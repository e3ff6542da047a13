"""What a file is, from its first bytes: for files whose name does not say, and to name a wrong guess.

Only the standard library, and nothing read past the first bytes except a ZIP's directory: this runs
for every file whose suffix is unknown, so it must stay cheap.
"""
from __future__ import annotations

import codecs
import re

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc, and every password-protected Office file
DOCX_MAIN_PART = "word/document.xml"
# An encrypted OOXML file is an OLE2 container holding this stream (its name is stored in UTF-16).
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_HTML_START = re.compile(r"[\t\n\f\r ]*(?:<!doctype[\t\n\f\r ]+html|<html[\t\n\f\r />])", re.IGNORECASE)
_HEAD = 1024
ENCRYPTED = "an encrypted (password-protected) Office file"


def looks_like_html(text: str) -> bool:
    """Whether a decoded text starts, after white space, with <!doctype html or <html."""
    return _HTML_START.match(text[:_HEAD].removeprefix("\ufeff")) is not None


def bytes_look_like_html(data: bytes) -> bool:
    head = data[:_HEAD]
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return looks_like_html(head[len(bom):].decode(encoding, "ignore"))
    return looks_like_html(head.removeprefix(codecs.BOM_UTF8).decode("utf-8", "ignore"))


def is_zip(data: bytes) -> bool:
    return data.startswith((ZIP_MAGIC, EMPTY_ZIP_MAGIC))


def zip_names(data: bytes) -> set[str] | None:
    """The member names of a ZIP archive (its directory only), or None if it is not a readable one."""
    if not is_zip(data):
        return None
    import io
    import zipfile  # only for what starts like a ZIP: plain-text runs never import it

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, UnicodeDecodeError):
        return None


def looks_like_docx(data: bytes) -> bool:
    names = zip_names(data)
    return names is not None and DOCX_MAIN_PART in names


def office_kind(data: bytes, names: set[str] | None = None) -> str | None:
    """What Office-like file this is, in words, when it is not a Word document (DOCX); None otherwise."""
    if data.startswith(OLE2_MAGIC):
        if _ENCRYPTED_STREAM in data:
            return ENCRYPTED
        return "a legacy Office file (a .doc, .xls or .ppt in the old binary format)"
    if names is None:
        names = zip_names(data)
    if names is None or DOCX_MAIN_PART in names:
        return None
    if "xl/workbook.xml" in names:
        return "an Excel workbook (XLSX)"
    if "ppt/presentation.xml" in names:
        return "a PowerPoint presentation (PPTX)"
    if "mimetype" in names and "content.xml" in names:
        return "an OpenDocument file (ODT, ODS or ODP)"
    return None
