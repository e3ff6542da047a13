"""Text made safe to print: nothing a document or a file name holds may drive the reader's terminal.

Control characters (an ESC starting a colour, title or clear-screen sequence, a BEL, a carriage return
that hides what came before), Unicode bidirectional overrides (which reorder what is shown), and the lone
surrogates by which Python carries the bytes of a file name that is not UTF-8, are all written as
visible escapes: ``\\x1b``, ``\\u202e``, ``\\xff``. Newlines and tabs are kept.
"""
from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str) -> str:
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the undecodable byte itself
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
