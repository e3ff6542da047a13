"""Plain text: `path:line:col: CODE severity message -> suggestion` and the line with the finding
underlined (left out by the `concise` format), grouped per file, then a summary."""
from __future__ import annotations

from itertools import groupby

from termcheck.formatters.snippet import snippet
from termcheck.formatters.terminal import printable
from termcheck.report import Report

_COLORS = {"error": "31", "warning": "33", "info": "36"}


def render(report: Report, color: bool = False, quiet: bool = False, snippets: bool = True) -> str:
    """The findings, then a summary line (left out when `quiet`: nothing at all for a clean run)."""
    lines: list[str] = []
    texts = {d.path: d.text for d in report.documents} if snippets else {}
    for path, group in groupby(report.findings, key=lambda f: f.path):
        if lines:
            lines.append("")
        for f in group:
            severity = _paint(f.severity.value, _COLORS[f.severity.value], color)
            code = _paint(f.rule, "1", color)
            arrow = f" -> {f.suggestion.strip() or repr(f.suggestion)}" if f.suggestion is not None else ""
            where = f" [segment {f.segment}]" if f.segment is not None and f.segment != str(f.line) else ""
            lines.append(printable(f"{f.path}:{f.line}:{f.column}:{where} ") + f"{code} {severity} "
                         + printable(f"{f.message}{arrow}"))
            text = texts.get(path)
            if text is not None and f.line and f.start < len(text):
                shown = snippet(text, f.start, f.end, f.line)
                shown[-1] = _paint(shown[-1], _COLORS[f.severity.value], color)
                lines.extend(shown)
    if quiet:
        return "\n".join(lines) + "\n" if lines else ""
    if lines:
        lines.append("")
    lines.append(summary(report))
    return "\n".join(lines) + "\n"


def summary(report: Report) -> str:
    counts = report.by_severity()
    total = len(report.findings)
    files = f"{report.files} file{'s' if report.files != 1 else ''}"
    parts = ", ".join(f"{n} {name}{'s' if n != 1 and name != 'info' else ''}" for name, n in counts.items())
    text = f"Found {total} problem{'s' if total != 1 else ''} ({parts}) in {files}."
    fixable = sum(1 for f in report.findings if f.fixable)
    if fixable:
        text += f" {fixable} fixable with --fix."
    if report.suppressed:
        text += f" {report.suppressed} suppressed (editors' decisions or baseline)."
    if report.errors:
        text += (f" {len(report.errors)} file{'s' if len(report.errors) != 1 else ''} could not be checked or "
                 "written (see the errors above).")
    return text


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text
