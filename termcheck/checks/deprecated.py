"""TC101 deprecated-rendering: a glossary concept rendered with a deprecated or garbled phrase."""
from __future__ import annotations

from collections.abc import Iterator

from termcheck.checks.base import Check, DocumentContext, Rule
from termcheck.checks.casing import fit_suggestion
from termcheck.findings import Finding, Severity
from termcheck.matching.compiled import Kind
from termcheck.matching.tokens import WORD

# Replacing a whole idiom or slogan usually needs the sentence around it reworded, so --fix leaves those
# to the translator; a term swapped for a term is safe.
UNSAFE_TO_FIX_TAGS = frozenset({"idiom", "slogan"})


class DeprecatedRendering(Check):
    rule = Rule(
        code="TC101",
        name="deprecated-rendering",
        severity=Severity.ERROR,
        summary="A glossary concept is rendered with a deprecated, literal or garbled phrase.",
        what="Finds phrases that the glossary lists as deprecated renderings of a concept and suggests the "
        "preferred rendering, fitted to the case and number of the phrase it replaces. --fix applies it only "
        "where it is a drop-in: about as many words as the phrase, not repeating its neighbours, and not an "
        "idiom or slogan, which need the sentence reworded.",
        why="Official terms have one standard English form. Machine translation renders them literally "
        "(两个维护 as \"two maintenances\"), which misleads readers and is not the published wording.",
        example="We must resolutely achieve the “two maintenances”.",
        use_instead="We must resolutely achieve the “Two Upholds”.",
        fixable=True,
    )

    def check_document(self, ctx: DocumentContext) -> Iterator[Finding]:
        for hit in ctx.terms:
            if hit.kind is not Kind.DEPRECATED:
                continue
            entry = hit.entry
            found = ctx.document.text[hit.start:hit.end]
            suggestion = fit_suggestion(found, entry.replacement, entry.fixed_case, hit.rendering.phrase)
            note = f": {entry.note.rstrip('.')}" if entry.note else ""
            yield self.finding(
                ctx,
                hit.start,
                hit.end,
                f"“{_one_line(found)}” is a deprecated rendering of {entry.zh}{note}",
                suggestion=suggestion,
                entry=entry,
                fixable=_drop_in(ctx.document.text, hit.start, hit.end, suggestion)
                and not (UNSAFE_TO_FIX_TAGS & set(entry.tags)),
                severity=entry.severity,
            )


def _drop_in(text: str, start: int, end: int, replacement: str) -> bool:
    """Can the replacement stand in the found text's place without rewording the sentence?

    Only if it is about as long (a rendering much longer or shorter than the phrase it replaces is a
    paraphrase of more than the phrase), and if it does not repeat the words just before or after it
    ("Xi Jinping's thought on …" must not become "Xi Jinping's Xi Jinping Thought on …").
    """
    found_words = WORD.findall(text[start:end])
    new_words = [w.lower() for w in WORD.findall(replacement)]
    if abs(len(new_words) - len(found_words)) > 1:
        return False
    before = {w.lower().removesuffix("'s").removesuffix("’s") for w in WORD.findall(text[max(0, start - 60):start])[-3:]}
    after = {w.lower() for w in WORD.findall(text[end:end + 60])[:3]}
    return not (set(new_words[:2]) & before - _COMMON or set(new_words[-2:]) & after - _COMMON)


_COMMON = frozenset({"the", "a", "an", "of", "and", "to", "in", "for", "on", "with", "our"})


def _one_line(text: str) -> str:
    return " ".join(text.split())


CHECK = DeprecatedRendering()
