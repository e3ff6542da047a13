"""Which literal text must a pattern's every match contain? Used to run glossary patterns only near it.

Running each of a hundred patterns over a whole document costs a hundred passes; most patterns
name a word ("laurels", "chess") without which they cannot match. We find such words by walking the
pattern's parse tree from the standard library's own regular-expression parser (the same syntax as
`regex` for everything glossary patterns use); where it cannot tell, the pattern runs everywhere.

The same parser checks each pattern when a glossary is loaded (pattern_error), after limits on its size
that keep a hostile pattern from exhausting memory or the stack in either parser or in `regex`.
"""
from __future__ import annotations

import re
import sys
import warnings
from functools import lru_cache
from typing import Any

if sys.version_info >= (3, 11):
    from re import _constants as _c
    from re import _parser as _sre_parse
else:
    import sre_constants as _c
    import sre_parse as _sre_parse

MIN_NEEDLE = 4  # shorter literals ("and", "not") occur everywhere and would not narrow the search

Needles = frozenset[str]
# One node of the standard library's parse tree: (opcode, argument), the argument's shape set by the opcode.
_Node = tuple[Any, Any]


# Limits on a glossary pattern, checked when the glossary is loaded (docs/glossary-format.md). Beyond them
# `regex` runs out of memory (a{1000000000}), out of stack (5,000 nested groups) or compiles for minutes;
# no glossary pattern needs anything near them.
MAX_PATTERN_LENGTH = 2000  # characters
MAX_GROUP_DEPTH = 20  # groups inside groups
MAX_REPEAT_COUNT = 1000  # n and m of {n}, {n,} and {n,m}
MAX_EXPANDED_SIZE = 100_000  # items the pattern stands for with every counted repeat written out
_FLAGS = frozenset("abefiLmprsuwx")  # `regex` inline flags, besides V0 and V1
# (?i) (?-i) (?i-s) and the scoped (?i:…); not (?R), (?1), (?-1) (recursion) or (?P<…>, (?<…> (groups)
_INLINE_FLAGS = re.compile(r"\(\?(?!R\))([A-Za-z][A-Za-z0-9]*)?(?:-([A-Za-z][A-Za-z0-9]*))?[:)]")
_GROUP_OPENING = re.compile(r"\(\?(?:[:=!>|]|<[=!]|P?<\w+>|'\w+')|\(")
_COUNTED_REPEAT = re.compile(r"\{(\d*)(?:,(\d*))?\}")
_BRACED_ESCAPES = frozenset("pPN")  # \p{…}, \P{…}, \N{…}: braces that are not a repeat
Problem = tuple[int, str]  # (offset in the pattern, reason)


def pattern_error(pattern: str) -> Problem | None:
    r"""(offset, reason) if the pattern is not valid `regex` syntax or is beyond the limits above, else None.

    The limits are checked on the text first, so that nothing out of bounds reaches a parser or compiler
    (which would run out of memory or stack). The standard library's parser is pure Python and quick;
    `regex` (whose compiler is slower) is asked only about what that parser refuses, since `regex` accepts
    more (\p{…}), and about inline flags and braces other than counted repeats (`regex` reads {e<=1} as
    fuzzy matching, the standard library as literal text), on which the two disagree.
    """
    if len(pattern) > MAX_PATTERN_LENGTH:
        return MAX_PATTERN_LENGTH, f"longer than {MAX_PATTERN_LENGTH:,} characters ({len(pattern):,})"
    scan = _Scan(pattern)
    if scan.problem is not None:
        return scan.problem
    if not (scan.flag_groups or scan.other_braces) and _parses(pattern):
        return None
    return _compile_error(pattern, scan.flag_groups)


def _parses(pattern: str) -> bool:
    try:
        _parse(pattern)
    except Exception:  # noqa: BLE001 - whatever the quick parser refuses, `regex` judges
        return False
    return True


def _compile_error(pattern: str, flag_groups: list[int]) -> Problem | None:
    import regex

    try:
        regex.compile(pattern, regex.IGNORECASE)
    except regex.error as exc:
        # regex.error has pos and msg (regex/_regex_core.py); the types-regex stubs leave them out.
        return (exc.pos or 0), exc.msg  # type: ignore[attr-defined]
    except RecursionError:
        return 0, "too deeply nested to compile"
    except MemoryError:
        return 0, "too large to compile"
    except Exception as exc:  # noqa: BLE001 - ValueError, OverflowError, even KeyError for "(?V0)(?V1)"
        # These come without a position and are about flags: point at the last group that sets any.
        offset = flag_groups[-1] if flag_groups else 0
        reason = str(exc).strip("'\"") if isinstance(exc, (ValueError, OverflowError)) else ""
        return offset, reason or ("incompatible inline flags" if flag_groups else type(exc).__name__)
    return None


class _Scan:
    """The limits checked on a pattern's text, without parsing it: group depth, repeat counts, the size
    with counted repeats written out, and inline flag letters. Also collects where inline flag groups are.

    Lexical, so it can err only towards strictness: a parenthesis in a verbose-mode comment counts as a
    group, and every alternative counts towards the size.
    """

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self.flag_groups: list[int] = []
        self.other_braces = False  # a { that opens no counted repeat: fuzzy matching or literal text
        self.sizes = [0]  # the written-out size of each open group, outermost first
        self.last = 0  # the size of the item just before the current position: what a repeat repeats
        self.problem = self._run()

    def _item(self, size: int = 1) -> None:
        self.sizes[-1] += size
        self.last = size

    def _run(self) -> Problem | None:
        pattern, i = self.pattern, 0
        while i < len(pattern):
            char = pattern[i]
            if char == "\\":
                i = self._escape_end(i)
                self._item()
            elif char == "[":
                i = _class_end(pattern, i)
                self._item()
            elif char == "(":
                i, problem = self._open(i)
                if problem is not None:
                    return problem
            elif char == ")":
                if len(self.sizes) > 1:
                    self._item(max(self.sizes.pop(), 1))
                i += 1
            elif char == "{" and (repeat := _COUNTED_REPEAT.match(pattern, i)) and any(repeat.groups()):
                problem = self._repeat(i, int(repeat.group(1) or 0), repeat.group(2))
                if problem is not None:
                    return problem
                i = repeat.end()
            elif char == "{":
                self.other_braces = True
                self._item()
                i += 1
            elif char in "*+?|":
                i += 1  # an unbounded repeat is not written out; an alternative only adds its own size
            else:
                self._item()
                i += 1
        return None

    def _escape_end(self, i: int) -> int:
        end = i + 2
        if self.pattern[i + 1:i + 2] in _BRACED_ESCAPES and self.pattern[end:end + 1] == "{":
            close = self.pattern.find("}", end)
            return len(self.pattern) if close == -1 else close + 1
        return end

    def _open(self, i: int) -> tuple[int, Problem | None]:
        pattern = self.pattern
        if pattern.startswith("(?#", i):  # a comment
            close = pattern.find(")", i)
            return (len(pattern) if close == -1 else close + 1), None
        flags = _INLINE_FLAGS.match(pattern, i)
        if flags and (flags.group(1) or flags.group(2)):
            problem = _flag_problem(i, flags.group(0))
            if problem is not None:
                return i, problem
            self.flag_groups.append(i)
            if flags.group(0).endswith(")"):  # (?i): a flag for the rest of the pattern, no group
                return flags.end(), None
            end = flags.end()
        else:
            opening = _GROUP_OPENING.match(pattern, i)
            end = opening.end() if opening else i + 1
        self.sizes.append(0)
        if len(self.sizes) - 1 > MAX_GROUP_DEPTH:
            return i, (i, f"groups nested more than {MAX_GROUP_DEPTH} deep")
        return end, None

    def _repeat(self, i: int, low: int, high_text: str | None) -> Problem | None:
        high = int(high_text) if high_text else None
        text = self.pattern[i:self.pattern.index("}", i) + 1]
        if low > MAX_REPEAT_COUNT or (high is not None and high > MAX_REPEAT_COUNT):
            return i, f"repeat count {text} is above {MAX_REPEAT_COUNT:,}"
        count = max(low, high or 0)
        self.sizes[-1] += self.last * (count - 1)
        self.last *= count
        if sum(self.sizes) > MAX_EXPANDED_SIZE:
            return i, (f"too large with its repeats written out (over {MAX_EXPANDED_SIZE:,} items at {text}): "
                       "nest fewer counted repeats")
        return None


def _class_end(pattern: str, start: int) -> int:
    """The offset just past the character class opening at `start` (a `]` first in it is a member)."""
    i = start + 1
    if pattern[i:i + 1] == "^":
        i += 1
    if pattern[i:i + 1] == "]":
        i += 1
    while i < len(pattern):
        if pattern[i] == "\\":
            i += 2
        elif pattern[i] == "]":
            return i + 1
        else:
            i += 1
    return len(pattern)


def _flag_problem(offset: int, group: str) -> Problem | None:
    """An unknown letter in an inline flag group such as `(?iV1-s:`."""
    letters = group[2:-1]
    position = 0
    while position < len(letters):
        flag = letters[position]
        if flag == "V" and letters[position + 1:position + 2] in ("0", "1"):
            position += 2
            continue
        if flag != "-" and flag not in _FLAGS:
            return offset + 2 + position, f"unknown inline flag {flag!r} in {group}"
        position += 1
    return None


def required_literals(pattern: str) -> Needles | None:
    """Lower-case strings, at least one of which occurs in every match; None if none is certain."""
    try:
        tree = _parse(pattern)
    except Exception:  # noqa: BLE001 - syntax only `regex` knows (\p{…}, fuzzy matching): no prefilter
        return None
    return _best(_sequence(list(tree.data)))


# Parsed once for validation at load and once more for the prefilter: cached.
@lru_cache(maxsize=4096)
def _parse(pattern: str) -> _sre_parse.SubPattern:
    with warnings.catch_warnings():  # "Possible nested set": `regex` reads [[ as the standard library does
        warnings.simplefilter("ignore")
        return _sre_parse.parse(pattern, re.IGNORECASE)


def _sequence(items: list[_Node]) -> list[Needles]:
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


def _item(op: Any, arg: Any) -> Needles | None:
    if op is _c.SUBPATTERN:
        return _best(_sequence(list(arg[-1])))
    if op is _c.BRANCH:
        best = [_best(_sequence(list(branch))) for branch in arg[1]]
        alternatives = [a for a in best if a is not None]
        if len(alternatives) < len(best):
            return None
        return frozenset[str]().union(*alternatives)
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
