"""The decisions file as lint reads it: rejected findings suppressed and counted, stale decisions reported."""
import json

from conftest import SMALL_GLOSSARY, SMALL_NAMES, lint_text
from typer.testing import CliRunner

from termcheck.cli import app
from termcheck.decisions import DecisionsFile
from termcheck.fingerprints import fingerprints

runner = CliRunner()
SMALL = ["--no-default-glossary", "--glossary", str(SMALL_GLOSSARY), "--names", str(SMALL_NAMES)]
TEXT = "We must achieve the two maintenances.\nThe battlefort stands.\n"


def reject_first(small_linter, doc, decisions_path):
    text = doc.read_text(encoding="utf-8")
    findings = lint_text(small_linter, text, path=str(doc))
    prints = fingerprints(findings, {str(doc): text})
    decisions = DecisionsFile(str(decisions_path))
    decisions.record(findings[0], text, prints[0], "rejected")
    decisions.save()
    return findings[0]


def test_rejected_finding_is_suppressed_and_counted(tmp_path, small_linter):
    doc = tmp_path / "doc.txt"
    doc.write_text(TEXT, encoding="utf-8")
    rejected = reject_first(small_linter, doc, tmp_path / "decisions.json")
    result = runner.invoke(app, ["lint", *SMALL, "-f", "json", "--decisions", str(tmp_path / "decisions.json"), str(doc)])
    report = json.loads(result.stdout)
    assert rejected.text not in [f["text"] for f in report["findings"]]
    assert report["summary"]["suppressed"] == 1
    text_out = runner.invoke(app, ["lint", *SMALL, "--decisions", str(tmp_path / "decisions.json"), str(doc)]).output
    assert "1 suppressed (editors' decisions or baseline)" in text_out


def test_decisions_survive_edits_elsewhere_and_default_file_is_found(tmp_path, small_linter, monkeypatch):
    doc = tmp_path / "doc.txt"
    doc.write_text(TEXT, encoding="utf-8")
    reject_first(small_linter, doc, tmp_path / "termcheck-decisions.json")
    doc.write_text("A new first paragraph.\n\n" + TEXT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    report = json.loads(runner.invoke(app, ["lint", *SMALL, "-f", "json", "doc.txt"]).stdout)
    assert "two maintenances" not in [f["text"] for f in report["findings"]]


def test_stale_decision_is_reported(tmp_path, small_linter):
    doc = tmp_path / "doc.txt"
    doc.write_text(TEXT, encoding="utf-8")
    reject_first(small_linter, doc, tmp_path / "d.json")
    doc.write_text(TEXT.replace("two maintenances", "Two Upholds"), encoding="utf-8")
    result = runner.invoke(app, ["lint", *SMALL, "--decisions", str(tmp_path / "d.json"), str(doc)])
    assert "stale decision (rejected) on “two maintenances”" in result.output


def test_malformed_decisions_file(tmp_path):
    bad = tmp_path / "d.json"
    bad.write_text('{"version": 1, "decisions": [{"path": "x"}]}', encoding="utf-8")
    doc = tmp_path / "doc.txt"
    doc.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(app, ["lint", *SMALL, "--decisions", str(bad), str(doc)])
    assert result.exit_code == 2 and "decision 1 lacks fingerprint, decision" in result.output


def test_html_report_carries_earlier_decisions_into_its_export(tmp_path, small_linter):
    import re

    doc = tmp_path / "doc.txt"
    doc.write_text(TEXT, encoding="utf-8")
    reject_first(small_linter, doc, tmp_path / "d.json")
    out = tmp_path / "report.html"
    runner.invoke(app, ["lint", *SMALL, "-f", "html", "-o", str(out), "--decisions", str(tmp_path / "d.json"), str(doc)])
    payload = re.search(r'<script type="application/json"[^>]*>(.*?)</script>', out.read_text(encoding="utf-8"), re.S)
    data = json.loads(payload.group(1))
    assert [(d["decision"], d["text"]) for d in data["earlierDecisions"]] == [("rejected", "two maintenances")]
