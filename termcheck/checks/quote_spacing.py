"""TC206 quote-spacing: a curly quotation mark glued to the word outside it ("the“baton”of")."""
from __future__ import annotations

from collections.abc import Iterator

import regex

from termcheck.checks.base import Check, DocumentContext, Rule
from termcheck.findings import Finding, Severity

# An opening mark right after a letter, a digit or a clause's punctuation ("pointed out:“Learning",
# "”,“follow me”"), or a closing mark right before a letter or digit. The single ’ is an apostrophe as
# often as a quotation mark, so only the double marks are checked.
_GLUED_OPEN = regex.compile(r"(?<=[\p{L}\p{N},;:!?])“(?=[\p{L}\p{N}])")
_GLUED_CLOSE = regex.compile(r"(?<=[\p{L}\p{N}.,!?])”(?=[\p{L}\p{N}])")


class QuoteSpacing(Check):
    rule = Rule(
        code="TC206",
        name="quote-spacing",
        severity=Severity.WARNING,
        summary="A curly quotation mark is glued to the word outside it, as Chinese typesetting does.",
        what="Finds an opening “ directly after a letter, a digit or a comma, colon, semicolon, ! or ?, and a "
        "closing ” directly before a letter or digit, and "
        "inserts the missing space. Chinese text puts no space around its quotation marks, and machine "
        "translation keeps them that way.",
        why="English sets a space outside quotation marks; without it two words run together "
        "(“the“baton”of”) and spell checkers and search miss them.",
        example="take the“baton”of the times",
        use_instead="take the “baton” of the times",
        fixable=True,
    )

    def check_document(self, ctx: DocumentContext) -> Iterator[Finding]:
        text = ctx.document.prose
        for m in _GLUED_OPEN.finditer(text):
            yield self.finding(ctx, m.start(), m.end(), "no space before the opening quotation mark “",
                               suggestion=" “", fixable=True)
        for m in _GLUED_CLOSE.finditer(text):
            yield self.finding(ctx, m.start(), m.end(), "no space after the closing quotation mark ”",
                               suggestion="” ", fixable=True)


CHECK = QuoteSpacing()
