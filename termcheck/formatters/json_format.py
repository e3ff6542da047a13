"""JSON: exactly one object (schema version 1), read by other tools and by our own evaluation."""
from __future__ import annotations

from termcheck import __version__
from termcheck.findings import Finding
from termcheck.jsonfiles import json_text
from termcheck.report import Report


def render(report: Report, color: bool = False) -> str:
    payload = {
        "version": 1,
        "tool": {"name": "termcheck", "version": __version__},
        "glossaries": [{"path": g.path, "entries": g.entries, "sha256": g.sha256} for g in report.glossaries],
        "findings": [_finding(f) for f in report.findings],
        "summary": {
            "files": report.files,
            "findings": len(report.findings),
            "by_severity": report.by_severity(),
            "suppressed": report.suppressed,
            "errors": report.errors,
        },
    }
    return json_text(payload) + "\n"


def _finding(f: Finding) -> dict[str, object]:
    return {
        "path": f.path,
        "rule": f.rule,
        "name": f.name,
        "severity": f.severity.value,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "start": f.start,
        "end": f.end,
        "text": f.text,
        "message": f.message,
        "suggestion": f.suggestion,
        "fixable": f.fixable,
        "concept": {"zh": f.concept.zh, "en": f.concept.en} if f.concept else None,
        "segment": f.segment,
    }
