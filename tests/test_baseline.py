import json

from conftest import SMALL_GLOSSARY, SMALL_NAMES
from typer.testing import CliRunner

from termcheck.cli import app

runner = CliRunner()
SMALL = ["--no-default-glossary", "--glossary", str(SMALL_GLOSSARY), "--names", str(SMALL_NAMES)]
TEXT = "We must achieve the two maintenances.\nThe battlefort stands.\n"


def test_baseline_reports_only_new_findings_and_survives_moved_lines(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text(TEXT, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    written = runner.invoke(app, ["lint", *SMALL, "--write-baseline", str(baseline), str(doc)])
    assert written.exit_code == 0 and "wrote 2 finding(s) to the baseline" in written.output
    assert runner.invoke(app, ["lint", *SMALL, "--baseline", str(baseline), str(doc)]).exit_code == 0
    # Lines move and a new problem arrives: only the new one is reported.
    doc.write_text("A new opening paragraph.\n\nThe battlefort stands.\nWe must achieve the two maintenances.\n"
                   "\nThe magic weapon is new.\n", encoding="utf-8")
    result = runner.invoke(app, ["lint", *SMALL, "-f", "json", "--baseline", str(baseline), str(doc)])
    report = json.loads(result.stdout)
    assert [f["text"] for f in report["findings"]] == ["magic weapon"]
    assert report["summary"]["suppressed"] == 2 and result.exit_code == 1


def test_missing_or_broken_baseline_is_a_clear_error(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text(TEXT, encoding="utf-8")
    missing = runner.invoke(app, ["lint", *SMALL, "--baseline", str(tmp_path / "none.json"), str(doc)])
    assert missing.exit_code == 2 and "no such baseline" in missing.output
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    bad = runner.invoke(app, ["lint", *SMALL, "--baseline", str(tmp_path / "bad.json"), str(doc)])
    assert bad.exit_code == 2 and "bad.json:1:2: not valid JSON" in bad.output


def test_paths_are_written_relative_with_forward_slashes(tmp_path):
    from termcheck.paths import relative_posix

    document = tmp_path / "docs" / "chapter 1" / "a.txt"
    assert relative_posix(document, tmp_path) == "docs/chapter 1/a.txt"
    assert relative_posix(tmp_path / "a.txt", tmp_path / "docs") == "../a.txt"
