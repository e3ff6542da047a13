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
    test_command = "python -m pip install -e '.[test]' && python -m pytest -q -n auto"
    assert run_command in readme and test_command in readme
    assert test_command in (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert (REPO / "samples" / "national-security-study.en.md").is_file()


def test_a_built_wheel_carries_the_bundled_data(tmp_path):
    """The README's run command installs with `pip install .`: the wheel must hold the glossaries."""
    import subprocess
    import sys
    import zipfile

    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(REPO)],
                   check=True, capture_output=True)
    (wheel,) = tmp_path.glob("termcheck-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"termcheck/_glossaries/zh-en-party-theory.tsv", "termcheck/_glossaries/proper-names.tsv",
            "termcheck/_glossaries/zh-en-state-law.tsv", "termcheck/data/idiom-glosses.tsv",
            "termcheck/data/gloss-synonyms.tsv", "termcheck/data/common-words-en.txt",
            "termcheck/data/idiom_pinyin.tsv", "termcheck/data/pinyin_syllables.txt"} <= names
