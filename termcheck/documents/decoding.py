"""Decoding bytes into text: UTF-8 (with or without BOM) and UTF-16 with BOM; anything else is refused."""
from __future__ import annotations

import codecs

from termcheck.errors import InputError


def decode(path: str, data: bytes) -> tuple[str, str, bool]:
    """Return (text, encoding, had_bom) or raise InputError with a one-line reason."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(path, data[3:], "utf-8"), "utf-8", True
    if data.startswith(codecs.BOM_UTF16_LE):
        return _strict(path, data[2:], "utf-16-le"), "utf-16-le", True
    if data.startswith(codecs.BOM_UTF16_BE):
        return _strict(path, data[2:], "utf-16-be"), "utf-16-be", True
    if b"\x00" in data:
        raise InputError(path, "binary file (contains NUL bytes); termcheck reads UTF-8 or UTF-16 text")
    return _strict(path, data, "utf-8"), "utf-8", False


def encode(text: str, encoding: str, bom: bool) -> bytes:
    """Encode text the way it was read, so a fixed file keeps its encoding and BOM."""
    # Byte order as read: Python's "utf-16" codec would write the machine's (little-endian) order.
    if encoding == "utf-16-le":
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    if encoding == "utf-16-be":
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    data = text.encode("utf-8")
    return codecs.BOM_UTF8 + data if bom else data


def _strict(path: str, data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        name = encoding.upper().removesuffix("-LE").removesuffix("-BE")
        raise InputError(path, f"not valid {name} text (byte offset {exc.start}); save it as UTF-8 and retry") from None
    if "\x00" in text:
        raise InputError(path, "binary file (contains NUL characters)")
    return text
