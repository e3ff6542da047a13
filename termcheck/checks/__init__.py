"""The catalogue: one module per check, each with a stable rule code."""
from __future__ import annotations

import importlib

from termcheck.checks.base import Check, DocumentContext, Rule
from termcheck.matching.compiled import CompiledGlossary

# The registry: one line a check module, in the order the checks run. Each module gives its check as
# CHECK (or several as CHECKS); the rule catalogue, `termcheck rules`, docs/rules.md and the tests read
# them from here, so adding a rule is its module and its line.
CHECK_MODULES = (
    "deprecated",
    "consistency",
    "fixed_case",
    "patterns",
    "superseded",
    "variants",
    "formulas",
    "idioms",
    "untranslated",
    "typography",
    "quotes",
    "pinyin",
    "repeated",
    "quote_spacing",
    "source_terms",
    "numbers",
    "target_text",
    "source_idioms",
    "placeholders",
    "markup",
    "brackets",
)


def _registered() -> tuple[Check, ...]:
    found: list[Check] = []
    for name in CHECK_MODULES:
        module = importlib.import_module(f"termcheck.checks.{name}")
        found.extend(getattr(module, "CHECKS", None) or (module.CHECK,))
    return tuple(found)


ALL_CHECKS: tuple[Check, ...] = _registered()
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
