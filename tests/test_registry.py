"""The rule registry: every check module is registered once, and every rule has a stable, well-formed
code and the four-part documentation `termcheck rules` and docs/rules.md show."""
import ast
import re
from pathlib import Path

from termcheck.checks import ALL_CHECKS, CHECK_MODULES, RULES

CHECKS_DIR = Path(__file__).resolve().parent.parent / "termcheck" / "checks"


def modules_defining_checks() -> set[str]:
    found = set()
    for path in CHECKS_DIR.glob("*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            targets = node.targets if isinstance(node, ast.Assign) else []
            if any(isinstance(t, ast.Name) and t.id in ("CHECK", "CHECKS") for t in targets):
                found.add(path.stem)
    return found


def test_every_module_with_a_check_is_registered_once():
    assert sorted(CHECK_MODULES) == sorted(modules_defining_checks())
    assert len(set(CHECK_MODULES)) == len(CHECK_MODULES)


def test_codes_and_names_are_unique_and_well_formed():
    codes = [c.rule.code for c in ALL_CHECKS]
    names = [c.rule.name for c in ALL_CHECKS]
    assert len(set(codes)) == len(codes) == len(RULES)
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"TC[1-3]\d\d", code) for code in codes)
    assert all(re.fullmatch(r"[a-z]+(?:-[a-z]+)*", name) for name in names)


def test_every_rule_has_its_four_part_doc():
    for rule in RULES.values():
        for part in (rule.summary, rule.what, rule.why, rule.example, rule.use_instead):
            assert part.strip(), rule.code
