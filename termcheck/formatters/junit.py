"""JUnit XML, the dialect GitLab (artifacts:reports:junit) and Jenkins (junit step) read.

    <testsuites name="termcheck" tests failures errors>
      <testsuite name=PATH tests failures errors skipped>   one per linted file
        <testcase classname=PATH name="CODE name">          one per rule with findings in the file
          <failure type=CODE message="N findings">line:col severity message -> suggestion ...</failure>
        <testcase classname=PATH name="termcheck"/>         a clean file: one passing test case

A rule whose findings in a file are all info passes, with its findings in <system-out>: info findings
are hints and do not fail a run (the exit code's rule, lint.FAIL_AT). Unreadable inputs form one more
suite, "termcheck: unreadable inputs", with an <error> test case each. Counts on every suite and on the
root add up. Characters XML 1.0 cannot hold become U+FFFD.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from termcheck.findings import Finding, Severity
from termcheck.formatters.terminal import printable
from termcheck.report import Report

CLEAN_CASE = "termcheck"
ERRORS_SUITE = "termcheck: unreadable inputs"

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render(report: Report, color: bool = False) -> str:
    root = ET.Element("testsuites", name="termcheck")
    by_path: dict[str, list[Finding]] = {doc.path: [] for doc in report.documents}
    for f in report.findings:
        by_path.setdefault(f.path, []).append(f)
    for path, findings in by_path.items():
        _suite(root, path, findings, report.fail_on)
    if report.errors:
        suite = ET.SubElement(root, "testsuite", name=ERRORS_SUITE)
        for error in report.errors:
            case = ET.SubElement(suite, "testcase", classname="termcheck", name=_clean(error))
            ET.SubElement(case, "error", type="unreadable", message=_clean(error))
        _count(suite, tests=len(report.errors), failures=0, errors=len(report.errors))
    _count(
        root,
        tests=sum(int(s.get("tests", 0)) for s in root),
        failures=sum(int(s.get("failures", 0)) for s in root),
        errors=sum(int(s.get("errors", 0)) for s in root),
        suite=False,
    )
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(root: ET.Element, path: str, findings: list[Finding], fail_on: Severity) -> None:
    suite = ET.SubElement(root, "testsuite", name=_clean(path))
    by_rule: dict[str, list[Finding]] = {}
    for f in findings:
        by_rule.setdefault(f.rule, []).append(f)
    failures = 0
    for code, group in sorted(by_rule.items()):
        case = ET.SubElement(suite, "testcase", classname=_clean(path), name=f"{code} {group[0].name}")
        body = "\n".join(_line(f) for f in group)
        if any(f.severity.rank >= fail_on.rank for f in group):
            failures += 1
            noun = "finding" if len(group) == 1 else "findings"
            failure = ET.SubElement(case, "failure", type=code, message=f"{len(group)} {noun}")
            failure.text = body
        else:
            ET.SubElement(case, "system-out").text = body
    if not by_rule:
        ET.SubElement(suite, "testcase", classname=_clean(path), name=CLEAN_CASE)
    _count(suite, tests=max(len(by_rule), 1), failures=failures, errors=0)


def _line(f: Finding) -> str:
    where = f"{f.line}:{f.column}" + (f" [segment {f.segment}]" if f.segment is not None else "")
    suggestion = f" -> {f.suggestion}" if f.suggestion is not None else ""
    return _clean(f"{where} {f.severity.value} {f.message}{suggestion}")


def _count(element: ET.Element, tests: int, failures: int, errors: int, suite: bool = True) -> None:
    element.set("tests", str(tests))
    element.set("failures", str(failures))
    element.set("errors", str(errors))
    if suite:
        element.set("skipped", "0")


def _clean(text: str) -> str:
    """Text XML can hold: control characters and the bytes of a name that is not UTF-8 as visible escapes."""
    return _NOT_XML.sub("\ufffd", printable(text))
