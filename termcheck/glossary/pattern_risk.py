"""A static look for glossary patterns that can take super-linear time: a repeated group that itself holds an
unbounded repeat, as in `(a+)+` or `(\\w+\\s?)*`, backtracks exponentially on a near-miss. Read with the
standard library's own regular-expression parser; a pattern it cannot read (syntax only the `regex` module
knows) is not judged here, and the time budget at lint time still bounds it."""
from __future__ import annotations

import re
from typing import Any

_REPEATS = ("MAX_REPEAT", "MIN_REPEAT")


def nested_repeat(pattern: str) -> str | None:
    """The first repeated group with an unbounded repeat inside, as written in the pattern, or None."""
    try:
        tree: Any = _parser().parse(pattern, re.IGNORECASE)
    except Exception:  # noqa: BLE001 - any pattern the standard parser cannot read is left to the time budget
        return None
    return "nested" if _has_nested(list(tree), inside_repeat=False) else None


def _parser() -> Any:
    """The standard library's parser: re._parser from Python 3.11, sre_parse before (typeshed stubs neither)."""
    import importlib
    import sys

    return importlib.import_module("re._parser" if sys.version_info >= (3, 11) else "sre_parse")


def _has_nested(items: list[Any], inside_repeat: bool) -> bool:
    for opcode, value in items:
        name = str(opcode)
        if name in _REPEATS:
            _, high, body = value
            unbounded = int(high) > 1000  # MAXREPEAT: written *, + or {n,}
            if (inside_repeat and unbounded) or _has_nested(list(body), inside_repeat or int(high) > 1):
                return True
        elif any(_has_nested(list(part), inside_repeat) for part in _parts(name, value)):
            return True
    return False


def _parts(name: str, value: Any) -> list[Any]:
    """The sub-patterns of a group, an alternation or a look-around."""
    if name == "SUBPATTERN":
        return [value[-1]]
    if name == "BRANCH":
        return list(value[1])
    if name in ("ASSERT", "ASSERT_NOT"):
        return [value[1]]
    return []
