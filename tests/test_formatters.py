"""Golden files: the exact text and JSON a fixed input produces. Set UPDATE_GOLDEN=1 to rewrite them."""
import os

import pytest
from conftest import DATA, SMALL_GLOSSARY, TESTS

from termcheck.documents.loading import document_from_bytes
from termcheck.formatters import formatter
from termcheck.glossary import load_glossary_file
from termcheck.glossary.model import GlossaryFile
from termcheck.report import Report

GOLDEN = TESTS / "golden"


def golden_report(small_linter) -> Report:
    data = (DATA / "golden-input.md").read_bytes()
    document = document_from_bytes("golden-input.md", data)
    info, _ = load_glossary_file(str(SMALL_GLOSSARY))
    findings = small_linter.lint([document])
    return Report(findings, 1, [GlossaryFile("small-glossary.tsv", info.entries, info.sha256)])


@pytest.mark.parametrize("name, suffix", [("text", "txt"), ("json", "json")])
def test_formatter_matches_golden_file(small_linter, name, suffix, monkeypatch):
    monkeypatch.setattr("termcheck.formatters.json_format.__version__", "0.0.0-golden")
    rendered = formatter(name)(golden_report(small_linter), color=False)
    path = GOLDEN / f"report.{suffix}"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(rendered, encoding="utf-8")
    assert rendered == path.read_text(encoding="utf-8")


def test_text_colour_only_when_asked(small_linter):
    report = golden_report(small_linter)
    assert "\x1b[" not in formatter("text")(report, color=False)
    assert "\x1b[31merror\x1b[0m" in formatter("text")(report, color=True)


def test_every_output_format_is_offered_by_the_command_line_and_the_config():
    from termcheck.cli import LintFormat
    from termcheck.config import FORMATS as CONFIG_FORMATS
    from termcheck.formatters import FORMATS

    assert [f.value for f in LintFormat] == list(FORMATS) == list(CONFIG_FORMATS)
