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
    result = runner.invoke(app, ["lint", *SMALL, "-f", "json", "--decisions", str(tmp_path / "decisions.json"),
                                 str(doc)])
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
    runner.invoke(app, ["lint", *SMALL, "-f", "html", "-o", str(out), "--decisions", str(tmp_path / "d.json"),
                        str(doc)])
    payload = re.search(r'<script type="application/json"[^>]*>(.*?)</script>', out.read_text(encoding="utf-8"), re.S)
    data = json.loads(payload.group(1))
    assert [(d["decision"], d["text"]) for d in data["earlierDecisions"]] == [("rejected", "two maintenances")]


def test_html_report_with_a_baseline_still_carries_earlier_decisions(tmp_path, small_linter):
    # `lint -f html --decisions d.json --baseline b.json` wrote "earlierDecisions": 0, the number of
    # findings the baseline knew, in place of the decisions (found by mypy, issue 12).
    import re

    doc = tmp_path / "doc.txt"
    doc.write_text(TEXT, encoding="utf-8")
    reject_first(small_linter, doc, tmp_path / "d.json")
    runner.invoke(app, ["lint", *SMALL, "--write-baseline", str(tmp_path / "b.json"), str(doc)])
    out = tmp_path / "report.html"
    runner.invoke(app, ["lint", *SMALL, "-f", "html", "-o", str(out), "--decisions", str(tmp_path / "d.json"),
                        "--baseline", str(tmp_path / "b.json"), str(doc)])
    payload = re.search(r'<script type="application/json"[^>]*>(.*?)</script>', out.read_text(encoding="utf-8"), re.S)
    data = json.loads(payload.group(1))
    assert [(d["decision"], d["text"]) for d in data["earlierDecisions"]] == [("rejected", "two maintenances")]


def _decide(small_linter, doc, decisions_path, text_of_finding, verdict, replacement=None):
    text = doc.read_text(encoding="utf-8")
    findings = lint_text(small_linter, text, path=str(doc))
    prints = fingerprints(findings, {str(doc): text})
    decisions = DecisionsFile.load(str(decisions_path))
    index = next(i for i, f in enumerate(findings) if f.text == text_of_finding)
    decisions.record(findings[index], text, prints[index], verdict, replacement)
    decisions.save()


def _lint_json(*args):
    result = runner.invoke(app, ["lint", *SMALL, "-f", "json", *args])
    return json.loads(result.stdout), result


def test_a_rejection_survives_an_edit_of_its_neighbouring_words(tmp_path, small_linter):
    doc = tmp_path / "doc.txt"
    doc.write_text("Here the battlefort stands tall today.\n", encoding="utf-8")
    decisions = tmp_path / "decisions.json"
    _decide(small_linter, doc, decisions, "battlefort", "rejected")
    doc.write_text("Over there, a battlefort was standing.\n", encoding="utf-8")  # all three words each side changed
    report, result = _lint_json("--decisions", str(decisions), str(doc))
    assert [f["text"] for f in report["findings"]] == []
    assert report["summary"]["suppressed"] == 1
    assert "stale" not in result.output


def test_fix_then_lint_keeps_a_rejection_next_to_the_fixed_words(tmp_path, small_linter):
    doc = tmp_path / "doc.txt"
    doc.write_text("And the the battlefort stands.\n", encoding="utf-8")
    decisions = tmp_path / "decisions.json"
    _decide(small_linter, doc, decisions, "battlefort", "rejected")
    fixed = runner.invoke(app, ["lint", *SMALL, "--fix", "--decisions", str(decisions), str(doc)])
    assert doc.read_text(encoding="utf-8") == "And the battlefort stands.\n", fixed.output
    report, result = _lint_json("--decisions", str(decisions), str(doc))
    assert report["findings"] == [] and report["summary"]["suppressed"] == 1
    assert "stale" not in result.output


def test_fix_never_changes_a_rejected_finding(tmp_path, small_linter):
    doc = tmp_path / "doc.txt"
    doc.write_text("We must achieve the two maintenances.\n", encoding="utf-8")
    decisions = tmp_path / "decisions.json"
    _decide(small_linter, doc, decisions, "two maintenances", "rejected")
    runner.invoke(app, ["lint", *SMALL, "--fix", "--decisions", str(decisions), str(doc)])
    assert doc.read_text(encoding="utf-8") == "We must achieve the two maintenances.\n"


def test_fix_applies_accepted_and_edited_decisions_and_then_forgets_them(tmp_path, small_linter):
    doc = tmp_path / "doc.txt"
    doc.write_text("See Ye Zhiqiu's keenness. The battlefort stands.\n", encoding="utf-8")
    decisions = tmp_path / "decisions.json"
    _decide(small_linter, doc, decisions, "See Ye Zhiqiu's keenness", "edited", "See the whole from a part")
    _decide(small_linter, doc, decisions, "battlefort", "accepted")
    result = runner.invoke(app, ["lint", *SMALL, "--fix", "--decisions", str(decisions), str(doc)])
    assert doc.read_text(encoding="utf-8") == "See the whole from a part. The fighting bastion stands.\n"
    assert "applied 2 decision(s)" in result.output
    assert json.loads(decisions.read_text(encoding="utf-8"))["decisions"] == []


def test_a_decision_is_stale_only_when_its_text_is_gone(tmp_path, small_linter):
    doc = tmp_path / "doc.txt"
    doc.write_text("The battlefort stands. Another battlefort.\n", encoding="utf-8")
    decisions = tmp_path / "decisions.json"
    _decide(small_linter, doc, decisions, "battlefort", "rejected")
    doc.write_text("The fighting bastion stands. Another battlefort.\n", encoding="utf-8")
    report, result = _lint_json("--decisions", str(decisions), str(doc))
    # One battlefort is left: the rejection moves to it rather than going stale.
    assert report["findings"] == [] and "stale" not in result.output
    doc.write_text("The fighting bastion stands.\n", encoding="utf-8")
    report, result = _lint_json("--decisions", str(decisions), str(doc))
    assert "stale decision (rejected) on “battlefort”" in result.output
