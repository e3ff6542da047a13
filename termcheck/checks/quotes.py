"""TC203 unbalanced-quotes: quotation marks typed the wrong way round, or brackets and quotes unpaired."""
from __future__ import annotations

from collections.abc import Iterator

import regex

from termcheck.checks.base import Check, DocumentContext, Rule
from termcheck.findings import Finding, Severity

PARAGRAPH_BREAK = regex.compile(r"\n[ \t]*\n")
_MARKS = regex.compile(r"[“”\"()\[\]]")
STRAIGHT = '"'  # pairs with itself, or, mistyped, with a curly mark: only such a mixed pair is reported
_OPENERS = {"“": "”", "(": ")", "[": "]"}
_CLOSERS = {v: k for k, v in _OPENERS.items()}
# A closing quote comes after a word or punctuation and before space, punctuation or the end.
_WORDISH = regex.compile(r"[\p{L}\p{N}.,;:!?)\]’'…%]")
_SPACEISH = regex.compile(r"[\s,.;:!?)\]\-—–…]|$")
_LIST_PAREN = regex.compile(r"(?:^|\s)(?:\d{1,2}|[a-zA-Z]|[ivx]{1,4})\)$")


class UnbalancedQuotes(Check):
    rule = Rule(
        code="TC203",
        name="unbalanced-quotes",
        severity=Severity.WARNING,
        summary="A quotation mark is typed the wrong way round, or a quote or bracket is never closed.",
        what="Within each paragraph, finds an opening curly quote “ used where a closing one belongs (after "
        "a word, before a space or punctuation) and the reverse, a straight quote \" that closes a curly “ "
        "or opens what a curly ” closes, then reports curly quotes and brackets left without a partner. "
        "Straight quotes paired with each other are left alone.",
        why="Machine translation often emits “…“, which breaks the quotation structure readers rely on to "
        "see where a title or a quoted slogan ends.",
        example="the “Regulations on National Security Work of the Communist Party of China“, …",
        use_instead="the “Regulations on National Security Work of the Communist Party of China”, …",
        fixable=True,
    )

    def check_document(self, ctx: DocumentContext) -> Iterator[Finding]:
        prose = ctx.document.prose
        start = 0
        for brk in PARAGRAPH_BREAK.finditer(prose):
            yield from self._paragraph(ctx, prose, start, brk.start())
            start = brk.end()
        yield from self._paragraph(ctx, prose, start, len(prose))

    def _paragraph(self, ctx: DocumentContext, text: str, start: int, end: int) -> Iterator[Finding]:
        stack: list[tuple[str, int]] = []
        for m in _MARKS.finditer(text, start, end):
            pos, char = m.start(), m.group()
            if char == STRAIGHT:
                yield from self._straight(ctx, text, pos, start, end, stack)
                continue
            role = _role(text, pos, start, end)
            # Spacing misleads where a mark stands on the wrong side of its space ("of“ two bombs”"):
            # a “ with nothing open to close opens, and a ” closes the “ that is open.
            if char == "“" and role == "close" and not any(o == "“" for o, _ in stack):
                role = "open"
            elif char == "”" and role == "open" and stack and stack[-1][0] == "“":
                role = "close"
            if role == "open":
                if char == "”":
                    yield self.finding(ctx, pos, pos + 1, "closing quote ” where an opening quote “ belongs",
                                       suggestion="“", fixable=True)
                    char = "“"
                stack.append((char, pos))
            else:
                if char == "“":
                    yield self.finding(ctx, pos, pos + 1, "opening quote “ where a closing quote ” belongs",
                                       suggestion="”", fixable=True)
                    char = "”"
                if char == ")" and _LIST_PAREN.search(text[max(start, pos - 6):pos + 1]):
                    continue
                opener = _CLOSERS[char]
                if char == "”" and stack and stack[-1][0] == STRAIGHT:
                    # Which of the two is wrong depends on the document's style: the editor says (no fix).
                    opened = ctx.document.text.count("\n", 0, stack[-1][1])
                    column = stack[-1][1] - (ctx.document.text.rfind("\n", 0, stack[-1][1]) + 1) + 1
                    yield self.finding(ctx, pos, pos + 1, f"curly ” closes a straight \" (line {opened + 1}, "
                                       f"column {column}): use one style for the pair")
                    stack.pop()
                elif stack and stack[-1][0] == opener:
                    stack.pop()
                elif any(o == opener for o, _ in stack):
                    while stack and stack[-1][0] != opener:
                        unclosed = stack.pop()
                        if unclosed[0] != STRAIGHT:
                            yield self._unclosed(ctx, *unclosed)
                    stack.pop()
                else:
                    yield self.finding(
                        ctx, pos, pos + 1, f"“{char}” closes nothing: its opening {_name(opener)} is missing"
                    )
        stack = [(opener, pos) for opener, pos in stack if opener != STRAIGHT]  # a lone straight quote: no pair
        for i, (opener, pos) in enumerate(stack):
            if opener == "“" and i == 0 and pos == _first_visible(text, start, end) and _next_starts_quoted(text, end):
                continue  # a quotation running over paragraphs leaves each one open, by convention
            yield self._unclosed(ctx, opener, pos)

    def _straight(self, ctx: DocumentContext, text: str, pos: int, start: int, end: int,
                  stack: list[tuple[str, int]]) -> Iterator[Finding]:
        """A straight quote: it closes a straight one that is open, closes a curly “ (reported), or opens."""
        if stack and stack[-1][0] == STRAIGHT:
            stack.pop()
        elif stack and stack[-1][0] == "“" and _closing_position(text, pos, start, end):
            stack.pop()
            yield self.finding(ctx, pos, pos + 1, "straight quote \" closes a curly “; use ”",
                               suggestion="”", fixable=True)
        elif _opening_position(text, pos, start, end):
            stack.append((STRAIGHT, pos))

    def _unclosed(self, ctx: DocumentContext, opener: str, pos: int) -> Finding:
        return self.finding(ctx, pos, pos + 1, f"{_name(opener)} “{opener}” is never closed in this paragraph")


def _role(text: str, pos: int, start: int, end: int) -> str:
    char = text[pos]
    if char in "([":
        return "open"
    if char in ")]":
        return "close"
    before = text[pos - 1] if pos > start else ""
    after = text[pos + 1] if pos + 1 < end else ""
    if char == "“":
        return "close" if before and _WORDISH.match(before) and _SPACEISH.match(after) else "open"
    return "open" if (not before or before.isspace() or before in "([—") and after and after.isalnum() else "close"


def _closing_position(text: str, pos: int, start: int, end: int) -> bool:
    """After a word (not a digit: 5" is five inches) and before a space, punctuation or the end."""
    before = text[pos - 1] if pos > start else ""
    after = text[pos + 1] if pos + 1 < end else ""
    return bool(before) and not before.isdigit() and bool(_WORDISH.match(before)) and bool(_SPACEISH.match(after))


def _opening_position(text: str, pos: int, start: int, end: int) -> bool:
    before = text[pos - 1] if pos > start else ""
    after = text[pos + 1] if pos + 1 < end else ""
    return (not before or before.isspace() or before in "([—“") and after.isalnum()


def _name(opener: str) -> str:
    return "quotation mark" if opener == "“" else "bracket"


def _first_visible(text: str, start: int, end: int) -> int:
    pos = start
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def _next_starts_quoted(text: str, end: int) -> bool:
    rest = text[end:end + 200].lstrip()
    return rest.startswith("“")


CHECK = UnbalancedQuotes()
