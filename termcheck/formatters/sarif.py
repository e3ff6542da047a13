"""SARIF 2.1.0: one run, for code-scanning services (GitHub, GitLab, Azure DevOps) and SARIF viewers.

- The rules are the report's rule catalogue (plus a bare entry for any finding whose rule is not in it),
  each with its four-part help as text and Markdown and its default severity as the default level.
- Columns count code points, as ours do: the run says so with `columnKind: "unicodeCodePoints"`, so
  nothing is converted to UTF-16 units. End columns are exclusive, as in SARIF.
- A relative path stays relative, against the uriBaseId %SRCROOT% (the consumer says where that is);
  an absolute path becomes a file: URI. Back slashes become forward slashes; characters a URI may not
  hold (spaces, non-ASCII) are percent-encoded.
- Each result carries `partialFingerprints["termcheck/v1"]` (termcheck.fingerprints), so a service can
  follow a finding across commits even when lines move.
- A fixable finding carries a SARIF fix (delete the region, insert the suggestion); the suggestion of a
  finding that is not safe to fix goes into the message text instead.
- A finding in a bilingual file names its segment in `properties.segment`. Where the document is a
  target view (XLIFF, TMX, PO) the columns count within the segment's target, not the file's line, so
  the region gives the segment's line only.
- Unreadable inputs are error notifications of the run's invocation, whose executionSuccessful is
  then false.
"""
from __future__ import annotations

import os
import re
from urllib.parse import quote

from termcheck import __version__
from termcheck.checks.base import Rule
from termcheck.findings import Finding, Severity
from termcheck.fingerprints import fingerprints
from termcheck.jsonfiles import json_text
from termcheck.report import Report

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_VERSION = "2.1.0"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "termcheck/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

_URI_SAFE = "/:@!$&'()*+,;=-._~"
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:/")


def render(report: Report, color: bool = False) -> str:
    return json_text(sarif_log(report)) + "\n"


def sarif_log(report: Report) -> dict[str, object]:
    rules = _rules(report)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    texts = {doc.path: doc.text for doc in report.documents}
    virtual = {doc.path for doc in report.documents if doc.virtual}
    prints = fingerprints(report.findings, texts)
    results = [_result(f, index[f.rule], fp, f.path in virtual) for f, fp in zip(report.findings, prints, strict=True)]
    invocation: dict[str, object] = {"executionSuccessful": not report.errors}
    if report.errors:
        invocation["toolExecutionNotifications"] = [
            {"level": "error", "message": {"text": error}} for error in report.errors
        ]
    run = {
        "tool": {"driver": {"name": "termcheck", "version": __version__, "rules": rules}},
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}


def _rules(report: Report) -> list[dict[str, object]]:
    out = [_rule(rule) for _, rule in sorted(report.rules.items())]
    known = set(report.rules)
    for f in report.findings:
        if f.rule not in known:
            known.add(f.rule)
            out.append({"id": f.rule, "name": f.name})
    return out


def _rule(rule: Rule) -> dict[str, object]:
    text = (
        f"{rule.what}\n\nWhy is this bad?\n{rule.why}\n\n"
        f"Example:\n{rule.example}\n\nUse instead:\n{rule.use_instead}"
    )
    markdown = (
        f"### What it does\n\n{rule.what}\n\n### Why is this bad?\n\n{rule.why}\n\n"
        f"### Example\n\n```text\n{rule.example}\n```\n\n### Use instead\n\n```text\n{rule.use_instead}\n```"
    )
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.what},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"fixable": rule.fixable},
    }


def _result(f: Finding, rule_index: int, fingerprint: str, virtual: bool) -> dict[str, object]:
    location = _artifact_location(f.path)
    physical: dict[str, object] = {"artifactLocation": location}
    region = _region(f, virtual)
    if region:
        physical["region"] = region
    message = f.message
    if f.suggestion is not None and not f.fixable:
        message = f"{message}{'' if message.endswith(('.', '!', '?')) else '.'} Suggestion: {f.suggestion}"
    result: dict[str, object] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[f.severity],
        "message": {"text": message},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }
    if f.fixable and f.suggestion is not None and region and not virtual:
        result["fixes"] = [{
            "description": {"text": f"Replace with “{f.suggestion}”"},
            "artifactChanges": [{
                "artifactLocation": dict(location),
                "replacements": [{"deletedRegion": dict(region), "insertedContent": {"text": f.suggestion}}],
            }],
        }]
    if f.segment is not None:
        result["properties"] = {"segment": f.segment}
    return result


def _region(f: Finding, virtual: bool) -> dict[str, int]:
    if f.line < 1:
        return {}
    if virtual:
        return {"startLine": f.line, "endLine": max(f.end_line, f.line)}
    return {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column}


def _artifact_location(path: str) -> dict[str, str]:
    """The path as given, with forward slashes; relative paths against %SRCROOT%."""
    slashed = path.replace("\\", "/")
    if _WINDOWS_DRIVE.match(slashed):
        return {"uri": "file:///" + quote(os.fsencode(slashed), safe=_URI_SAFE)}
    if slashed.startswith("/"):
        return {"uri": "file://" + quote(os.fsencode(slashed), safe=_URI_SAFE)}
    # A colon is encoded in a relative reference, so "a:b.md" cannot be read as a URI scheme.
    return {"uri": quote(os.fsencode(slashed), safe=_URI_SAFE.replace(":", "")), "uriBaseId": SRCROOT}
