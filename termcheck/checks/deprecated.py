"""TC101 deprecated-rendering: a glossary concept rendered with a deprecated or garbled phrase."""
from __future__ import annotations

from collections.abc import Iterator

from termcheck.checks.base import Check, DocumentContext, Rule
from termcheck.checks.casing import fit_suggestion
from termcheck.checks.fitting import seam_safe, similar_length
from termcheck.findings import Finding, Severity
from termcheck.glossary.model import Entry
from termcheck.matching.compiled import Kind
from termcheck.wordlists import tags_with

# Replacing a whole idiom or slogan usually needs the sentence around it reworded, so --fix leaves those
# to the translator; a term swapped for a term is safe.
UNSAFE_TO_FIX_TAGS = tags_with("ask-before-fix")


class DeprecatedRendering(Check):
    rule = Rule(
        code="TC101",
        name="deprecated-rendering",
        severity=Severity.ERROR,
        summary="A glossary concept is rendered with a deprecated, literal or garbled phrase.",
        what="Finds phrases that the glossary lists as deprecated renderings of a concept and suggests the "
        "preferred rendering, fitted to the case and number of the phrase it replaces. A suggestion replaces "
        "the flagged words only: the glossary's own replacement for that phrase, or the preferred rendering "
        "where it is about as long and doubles no word at its seams; otherwise the message names the "
        "standard rendering and nothing is offered to apply. --fix leaves idioms and slogans alone, since "
        "they need the sentence reworded.",
        why="Official terms have one standard English form. Machine translation renders them literally "
        "(两个维护 as \"two maintenances\"), which misleads readers and is not the published wording.",
        example="We must resolutely achieve the “two maintenances”.",
        use_instead="We must resolutely achieve the “Two Upholds”.",
        fixable=True,
    )

    def check_document(self, ctx: DocumentContext) -> Iterator[Finding]:
        text = ctx.document.text
        for hit in ctx.terms:
            if hit.kind is not Kind.DEPRECATED:
                continue
            entry = hit.entry
            found = text[hit.start:hit.end]
            suggestion = _suggestion(text, hit.start, hit.end, entry, hit.rendering.phrase)
            note = f": {entry.note.rstrip('.')}" if entry.note else ""
            whole = "" if suggestion is not None else f"; the standard rendering of the term is “{entry.en}”"
            if hit.rendering.generated:
                message = (f"“{_one_line(found)}” renders {entry.zh} word for word; the standard rendering is "
                           f"“{entry.en}”")
            else:
                message = f"“{_one_line(found)}” is a deprecated rendering of {entry.zh}{note}{whole}"
            yield self.finding(
                ctx,
                hit.start,
                hit.end,
                message,
                suggestion=suggestion,
                entry=entry,
                fixable=not (UNSAFE_TO_FIX_TAGS & set(entry.tags)) and not hit.rendering.generated,
                severity=_severity(entry.severity, hit.rendering.generated),
            )


def _severity(listed: Severity | None, generated: bool) -> Severity | None:
    """A generated rendering flags at warning at most: no editor listed it."""
    if not generated:
        return listed
    if listed is None or listed.rank > Severity.WARNING.rank:
        return Severity.WARNING
    return listed


def _suggestion(text: str, start: int, end: int, entry: Entry, phrase: str) -> str | None:
    """The replacement for the found text, or None where no replacement fits it.

    The glossary's own replacement for this phrase (`phrase => replacement`) fits by definition; the
    preferred rendering fits only if it is about as long as the found text (else the phrase renders
    part of the term, or a paraphrase of more). Either must not double a word at its seams.
    """
    found = text[start:end]
    explicit = entry.replacement_for(phrase)
    suggestion = fit_suggestion(found, entry.replacement if explicit is None else explicit, entry.fixed_case, phrase)
    if explicit is None and not similar_length(found, suggestion):
        return None
    return suggestion if seam_safe(text, start, end, suggestion) else None


def _one_line(text: str) -> str:
    return " ".join(text.split())


CHECK = DeprecatedRendering()
