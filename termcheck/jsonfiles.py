"""Parsing termcheck's own JSON files (decisions, baselines), which users edit and CI may hand over."""
from __future__ import annotations

import json

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
