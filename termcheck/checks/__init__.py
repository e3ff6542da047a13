"""The catalogue: one module per check, each with a stable rule code."""
from __future__ import annotations

from termcheck.checks import (
    consistency,
    deprecated,
    fixed_case,
    formulas,
    idioms,
    numbers,
    patterns,
    pinyin,
    quote_spacing,
    quotes,
    repeated,
    source_terms,
    superseded,
    target_text,
    typography,
    untranslated,
    variants,
)
from termcheck.checks.base import Check, DocumentContext, Rule

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
)
RULES: dict[str, Rule] = {check.rule.code: check.rule for check in ALL_CHECKS}

__all__ = ["ALL_CHECKS", "RULES", "Check", "DocumentContext", "Rule"]
