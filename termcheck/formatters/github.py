"""GitHub Actions workflow commands: one annotation line per finding, shown on the pull request's diff.

    ::error file=PATH,line=L,col=C,endLine=EL,endColumn=EC,title=CODE name::message (suggestion: X)

error → ::error, warning → ::warning, info → ::notice. Columns are 1-based code points and endColumn is
exclusive, as in the JSON format. Where a bilingual document is a target view (XLIFF, TMX, PO), the
columns count within the segment's target rather than the file's line, so only the line is given and
the message names the segment. Property values and the message are escaped as GitHub's own toolkit
does (@actions/core): %, CR and LF in both, and also : and , in property values.

No summary line is written: a file-less ::notice would add an annotation to every run for nothing, and
the job log already shows the exit code. An unreadable input is a file-less ::error line, so it is not
lost when only the annotations are read. An empty report gives an empty output.
"""
from __future__ import annotations

from termcheck.findings import Finding, Severity
from termcheck.formatters.terminal import printable
from termcheck.report import Report

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(report: Report, color: bool = False) -> str:
    virtual = {doc.path for doc in report.documents if doc.virtual}
    lines = [_finding(f, f.path in virtual) for f in report.findings]
    lines += [f"::error title=termcheck::{escape_data(error)}" for error in report.errors]
    return "".join(line + "\n" for line in lines)


def _finding(f: Finding, virtual: bool) -> str:
    props: list[tuple[str, object]] = [("file", f.path.replace("\\", "/"))]
    if f.line >= 1:
        props.append(("line", f.line))
        if not virtual:
            props.append(("col", f.column))
        props.append(("endLine", max(f.end_line, f.line)))
        if not virtual:
            props.append(("endColumn", f.end_column))
    props.append(("title", f"{f.rule} {f.name}"))
    message = f.message
    if virtual and f.segment is not None:
        message = f"[segment {f.segment}] {message}"
    if f.suggestion is not None:
        message = f"{message} (suggestion: {f.suggestion})"
    joined = ",".join(f"{key}={escape_property(str(value))}" for key, value in props)
    return f"::{COMMANDS[f.severity]} {joined}::{escape_data(message)}"


def escape_data(value: str) -> str:
    return printable(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")

