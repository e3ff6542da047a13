"""The docs tell the truth: the rule reference is the catalogue, and the README's commands exist."""
from conftest import REPO

from termcheck.checks import RULES
from termcheck.commands.rules import rules_markdown


def test_rule_reference_is_generated_from_the_catalogue():
    expected = rules_markdown(list(RULES.values()))
    assert (REPO / "docs" / "rules.md").read_text(encoding="utf-8") == expected, (
        "docs/rules.md is stale: run `termcheck rules --format markdown > docs/rules.md`"
    )


def test_every_rule_is_fully_documented():
    for code, rule in RULES.items():
        assert code.startswith("TC") and len(code) == 5
        for part in (rule.name, rule.summary, rule.what, rule.why, rule.example, rule.use_instead):
            assert part.strip(), f"{code} lacks a part of its documentation"
    assert len({r.name for r in RULES.values()}) == len(RULES)


def test_readme_gives_the_two_commands_and_ci_runs_the_test_one():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    run_command = "python -m pip install . && termcheck lint samples/national-security-study.en.md"
    test_command = "python -m pip install -e '.[test]' && python -m pytest -q"
    assert run_command in readme and test_command in readme
    assert test_command in (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert (REPO / "samples" / "national-security-study.en.md").is_file()
