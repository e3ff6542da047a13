"""Which literal text must a pattern's every match contain? Used to run glossary patterns only near it.

Running each of a hundred patterns over a whole document costs a hundred passes; most patterns
name a word ("laurels", "chess") without which they cannot match. We find such words by walking the
pattern's parse tree from the standard library's own regular-expression parser (the same syntax as
`regex` for everything glossary patterns use); where it cannot tell, the pattern runs everywhere.
"""
from __future__ import annotations

import re
from functools import lru_cache

try:  # Python 3.11+
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

MIN_NEEDLE = 4  # shorter literals ("and", "not") occur everywhere and would not narrow the search

Needles = frozenset[str]


def pattern_error(pattern: str) -> tuple[int, str] | None:
    """(offset, reason) if the pattern is not valid `regex` syntax, else None.

    The standard library's parser is pure Python and quick; `regex` (whose compiler is slower) is asked
    only about what that parser refuses, since `regex` accepts more (\p{…}, fuzzy matching).
    """
    try:
        _parse(pattern)
        return None
    except Exception:
        pass
    import regex

    try:
        regex.compile(pattern, regex.IGNORECASE)
    except regex.error as exc:
        return (exc.pos or 0), exc.msg
    return None


def required_literals(pattern: str) -> Needles | None:
    """Lower-case strings, at least one of which occurs in every match; None if none is certain."""
    try:
        tree = _parse(pattern)
    except Exception:  # syntax only `regex` knows (\p{…}, fuzzy matching): no prefilter
        return None
    return _best(_sequence(list(tree)))


@lru_cache(maxsize=4096)
def _parse(pattern: str):  # parsed once for validation at load and once more for the prefilter: cache it
    return _sre_parse.parse(pattern, re.IGNORECASE)


def _sequence(items: list) -> list[Needles]:
    """Needle sets that are each required by a sequence of parse items."""
    required: list[Needles] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            required.append(frozenset({"".join(run).lower()}))
            run.clear()

    for op, arg in items:
        if op is _c.LITERAL:
            run.append(chr(arg))
        elif op is _c.AT:
            continue  # \b, ^, $: zero width, a literal run continues across it
        else:
            close_run()
            needles = _item(op, arg)
            if needles:
                required.append(needles)
    close_run()
    return required


def _item(op, arg) -> Needles | None:
    if op is _c.SUBPATTERN:
        return _best(_sequence(list(arg[-1])))
    if op is _c.BRANCH:
        alternatives = [_best(_sequence(list(branch))) for branch in arg[1]]
        if any(a is None for a in alternatives):
            return None
        return frozenset().union(*alternatives)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) or op is getattr(_c, "POSSESSIVE_REPEAT", None):
        low, _, body = arg
        return _best(_sequence(list(body))) if low >= 1 else None
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _best(_sequence(list(arg)))
    return None


def _best(candidates: list[Needles]) -> Needles | None:
    """The most selective needle set: the one whose shortest needle is longest."""
    usable = [c for c in candidates if c and min(len(n.strip()) for n in c) >= MIN_NEEDLE]
    if not usable:
        return None
    return max(usable, key=lambda c: (min(len(n.strip()) for n in c), -len(c)))
