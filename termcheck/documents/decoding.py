"""Decoding bytes into text: UTF-8 (with or without BOM) and UTF-16 with BOM; anything else is refused."""
from __future__ import annotations

import codecs

from termcheck.errors import InputError


def decode(path: str, data: bytes) -> tuple[str, str, bool]:
    """Return (text, encoding, had_bom) or raise InputError with a one-line reason."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(path, data[3:], "utf-8"), "utf-8", True
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _strict(path, data, "utf-16")
        return text, "utf-16", True
    if b"\x00" in data:
        raise InputError(path, "binary file (contains NUL bytes); termcheck reads UTF-8 or UTF-16 text")
    return _strict(path, data, "utf-8"), "utf-8", False


def encode(text: str, encoding: str, bom: bool) -> bytes:
    """Encode text the way it was read, so a fixed file keeps its encoding and BOM."""
    if encoding == "utf-16":
        return text.encode("utf-16")  # Python writes a BOM for "utf-16"
    data = text.encode("utf-8")
    return codecs.BOM_UTF8 + data if bom else data


def _strict(path: str, data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            path, f"not valid {encoding.upper()} text (byte offset {exc.start}); save it as UTF-8 and retry"
        ) from None
    if "\x00" in text:
        raise InputError(path, "binary file (contains NUL characters)")
    return text
