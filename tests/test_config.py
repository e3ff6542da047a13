"""Configuration file, --fail-on / --exit-zero, include/exclude, and `termcheck config`."""
import json

import pytest
from conftest import SMALL_GLOSSARY, SMALL_NAMES
from typer.testing import CliRunner

from termcheck.cli import app
from termcheck.config import ConfigError, find_config, load_config

runner = CliRunner()
TEXT = "We must achieve the two maintenances and see Ye Zhiqiu's keenness.\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text(TEXT, encoding="utf-8")
    (tmp_path / "docs" / "drafts").mkdir()
    (tmp_path / "docs" / "drafts" / "b.md").write_text(TEXT, encoding="utf-8")
    (tmp_path / "terms").mkdir()
    (tmp_path / "terms" / "g.tsv").write_bytes(SMALL_GLOSSARY.read_bytes())
    (tmp_path / "terms" / "names.tsv").write_bytes(SMALL_NAMES.read_bytes())
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write_config(folder, body, name="termcheck.toml"):
    (folder / name).write_text(body, encoding="utf-8")


def lint_json(*args):
    result = runner.invoke(app, ["lint", "--format", "json", *args])
    return result, json.loads(result.stdout) if result.stdout.startswith("{") else None


def test_config_is_found_walking_up_and_applied(project, monkeypatch):
    write_config(project, 'default-glossary = false\nglossaries = ["terms/g.tsv"]\nselect = ["TC101"]\n'
                          'exclude = ["drafts/**"]\n[severity]\nTC101 = "info"\n')
    monkeypatch.chdir(project / "docs")
    assert find_config() == project / "termcheck.toml"
    result, report = lint_json("../docs")
    found = {(f["path"].split("/")[-1], f["rule"], f["severity"]) for f in report["findings"]}
    assert found == {("a.md", "TC101", "info")}
    assert result.exit_code == 0  # info does not fail by default


def test_command_line_overrides_config(project):
    write_config(project,
                 'default-glossary = false\nglossaries = ["terms/g.tsv"]\nselect = ["TC101"]\nfail-on = "error"\n')
    _, report = lint_json("--select", "TC104", "docs/a.md")
    assert report["findings"] == []
    result, _ = lint_json("--fail-on", "info", "--select", "TC101", "docs/a.md")
    assert result.exit_code == 1


def test_pyproject_table(project):
    write_config(project, '[project]\nname = "x"\n\n[tool.termcheck]\ndefault-glossary = false\n'
                          'glossaries = ["terms/g.tsv"]\nignore = ["TC1"]\n', name="pyproject.toml")
    _, report = lint_json("docs/a.md")
    assert {f["rule"] for f in report["findings"]} == {"TC204"}


def test_fail_on_and_exit_zero(project):
    args = ["--no-default-glossary", "--glossary", "terms/g.tsv", "--select", "TC204", "docs/a.md"]
    assert runner.invoke(app, ["lint", *args]).exit_code == 1  # TC204 is a warning
    assert runner.invoke(app, ["lint", "--fail-on", "error", *args]).exit_code == 0
    assert runner.invoke(app, ["lint", "--exit-zero", *args]).exit_code == 0
    missing = runner.invoke(app, ["lint", "--exit-zero", *args, "docs/missing.md"])
    assert missing.exit_code == 2


@pytest.mark.parametrize("body, line, message", [
    ('select = ["TC1"]\nfale-on = "error"\n', 2, "unknown key 'fale-on'"),
    ('fail-on = "fatal"\n', 1, "fail-on: expected one of error, warning, info"),
    ('\n\nselect = ["XX9"]\n', 3, "unknown rule code or prefix"),
    ('select = ["TC1"\n', 1, "not valid TOML"),
    ('fail-on = "error"\n\nselect = = 1\n', 3, "not valid TOML"),
    ('[severity]\nTC101 = "loud"\n', 1, "expected one of"),
])
def test_bad_config_is_one_line_naming_file_and_line(project, body, line, message):
    write_config(project, body)
    with pytest.raises(ConfigError, match=message) as info:
        load_config(project / "termcheck.toml")
    assert str(info.value).startswith(f"{project / 'termcheck.toml'}:{line}: ")  # TOML errors too
    result = runner.invoke(app, ["lint", "docs/a.md"])
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1
    assert "termcheck.toml" in result.output and "Traceback" not in result.output


def test_config_command_prints_values_and_origins(project):
    write_config(project, 'select = ["TC1"]\nfail-on = "error"\n')
    result = runner.invoke(app, ["config"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].endswith("termcheck.toml")
    assert f'fail-on = "error"    # {project / "termcheck.toml"}:2' in lines
    assert 'format = "text"    # default' in lines


def test_include_globs(project):
    (project / "docs" / "notes.text").write_text(TEXT, encoding="utf-8")
    write_config(project,
                 'default-glossary = false\nglossaries = ["terms/g.tsv"]\nselect = ["TC101"]\ninclude = ["*.text"]\n')
    _, report = lint_json("docs")
    assert {f["path"].split("/")[-1] for f in report["findings"]} == {"notes.text"}


@pytest.mark.parametrize("body, line, message", [
    ('# [tool.termcheck]\ntool = "x"\n', 2, "`tool` must be a table"),
    ("[tool]\ntermcheck = [1, 2]\n", 2, "`tool.termcheck` must be a table"),
    ('[tool.termcheck]\nselect = ["TC1O1"]\n', 2, "did you mean"),
    ('[tool.termcheck]\n[tool.termcheck.severity]\nTC9 = "info"\n', 2, "unknown rule code or prefix 'TC9'"),
    ("[tool.termcheck]\nselect = " + "[" * 100_000 + "]" * 100_000 + "\n", 2, "nested too deeply"),
])
def test_a_bad_pyproject_is_found_and_named_with_its_line(tmp_path, body, line, message):
    (tmp_path / "pyproject.toml").write_text(body, encoding="utf-8")
    found = find_config(tmp_path)
    assert found == tmp_path / "pyproject.toml"  # never silently ignored
    with pytest.raises(ConfigError) as error:
        load_config(found)
    assert f"pyproject.toml:{line}:" in str(error.value) and message in str(error.value)
