"""TC105 superseded-rendering: an older official rendering that official English has since replaced."""
from __future__ import annotations

from collections.abc import Iterator

from termcheck.checks.base import Check, DocumentContext, Rule
from termcheck.checks.casing import fit_suggestion
from termcheck.checks.fitting import seam_safe, similar_length
from termcheck.findings import Finding, Severity
from termcheck.matching.compiled import Kind


class SupersededRendering(Check):
    rule = Rule(
        code="TC105",
        name="superseded-rendering",
        severity=Severity.INFO,
        summary="A concept is rendered the way official English wrote it before a newer rendering replaced it.",
        what="Finds renderings that the glossary lists as superseded: once official, since replaced (with "
        "the year of the change where known). It names the current rendering and suggests it where it "
        "fits the span. It reports at a lower severity than TC101: the old wording is dated, not garbled.",
        why="Official English changes over time; a new text should use the current wording, but a "
        "reader of the old one was not misled, and quotations of older documents keep their wording.",
        example="China is fostering a new development pattern.",
        use_instead="China is fostering a new development paradigm.",
        fixable=False,
    )

    def check_document(self, ctx: DocumentContext) -> Iterator[Finding]:
        text = ctx.document.text
        for hit in ctx.terms:
            if hit.kind is not Kind.SUPERSEDED:
                continue
            entry = hit.entry
            found = text[hit.start:hit.end]
            year, replacement = next((y, r) for p, y, r in entry.superseded if p == hit.rendering.phrase)
            since = f" in {year}" if year else ""
            fitted = fit_suggestion(found, replacement or entry.replacement, entry.fixed_case, hit.rendering.phrase)
            fits = replacement is not None or similar_length(found, fitted)
            suggestion = fitted if fits and seam_safe(text, hit.start, hit.end, fitted) else None
            yield self.finding(
                ctx, hit.start, hit.end,
                f"“{' '.join(found.split())}” is an older official rendering of {entry.zh}, superseded{since} by "
                f"“{entry.en}”",
                suggestion=suggestion, entry=entry,
            )


CHECK = SupersededRendering()
