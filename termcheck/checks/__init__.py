"""The catalogue: one module per check, each with a stable rule code."""
from __future__ import annotations

from termcheck.checks import (
    brackets,
    consistency,
    deprecated,
    fixed_case,
    formulas,
    idioms,
    markup,
    numbers,
    patterns,
    pinyin,
    placeholders,
    quote_spacing,
    quotes,
    repeated,
    source_idioms,
    source_terms,
    superseded,
    target_text,
    typography,
    untranslated,
    variants,
)
from termcheck.checks.base import Check, DocumentContext, Rule
from termcheck.matching.compiled import CompiledGlossary

ALL_CHECKS: tuple[Check, ...] = (
    deprecated.CHECK,
    consistency.CHECK,
    fixed_case.CHECK,
    patterns.CHECK,
    superseded.CHECK,
    variants.CHECK,
    formulas.CHECK,
    idioms.CHECK,
    untranslated.CHECK,
    typography.CHECK,
    quotes.CHECK,
    pinyin.CHECK,
    repeated.CHECK,
    quote_spacing.CHECK,
    source_terms.CHECK,
    numbers.CHECK,
    target_text.UNTRANSLATED,
    target_text.EMPTY,
    source_idioms.CHECK,
    placeholders.CHECK,
    markup.CHECK,
    brackets.CHECK,
)
RULES: dict[str, Rule] = {check.rule.code: check.rule for check in ALL_CHECKS}


def prepare_checks(glossary: CompiledGlossary) -> None:
    """Build everything the glossary and the checks would build on first use, before it is cached."""
    glossary.prepare()
    for check in ALL_CHECKS:
        check.prepare(glossary)


def unknown_code(code: str) -> str | None:
    """None if `code` is a rule code or the prefix of one (TC1, TC10); else an error naming the nearest."""
    if any(known.startswith(code) for known in RULES):
        return None
    import difflib

    prefixes = sorted({c[:n] for c in RULES for n in (3, 4)} | set(RULES))
    near = difflib.get_close_matches(code, prefixes, n=1, cutoff=0.0)
    hint = f"; did you mean {near[0]}?" if near else ""
    return f"unknown rule code or prefix {code!r}{hint} (`termcheck rules` lists them)"

__all__ = ["ALL_CHECKS", "RULES", "Check", "DocumentContext", "Rule", "prepare_checks", "unknown_code"]
