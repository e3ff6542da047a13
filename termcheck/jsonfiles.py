"""Parsing termcheck's own JSON files (decisions, baselines), which users edit and CI may hand over."""
from __future__ import annotations

import json
import re

from termcheck.errors import TermcheckError


def parse_json(path: str, text: str) -> object:
    """The parsed JSON, or one clear error naming the file: a syntax error with its line and column,
    and input built to break the parser (arrays nested 100,000 deep, a 5,000-digit number) refused."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise TermcheckError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    except RecursionError:
        raise TermcheckError(f"{path}: not a termcheck file: its JSON is nested too deeply") from None
    except ValueError as exc:  # Python's limit on the digits of an integer
        raise TermcheckError(f"{path}: not a termcheck file: {' '.join(str(exc).split()[:8])}") from None


# Lone surrogates cannot be encoded; C1 controls and bidirectional overrides would reach a terminal that
# shows the file. Both are written as \u escapes, which any JSON reader turns back into the same string.
_LONE_SURROGATE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def json_text(value: object, indent: int = 2) -> str:
    """JSON that stays valid UTF-8 whatever it holds: readable Chinese, and a lone surrogate (a file name
    that is not UTF-8, kept by the OS's surrogateescape) written as its \\u escape, which reads back as
    the same string."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
