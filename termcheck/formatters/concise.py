"""Concise text: one line a finding, `path:line:col: CODE severity message -> suggestion`, then a summary
(the text format without the underlined source lines, for grep and for editors that read such lines)."""
from __future__ import annotations

from termcheck.formatters import text
from termcheck.report import Report


def render(report: Report, color: bool = False, quiet: bool = False) -> str:
    return text.render(report, color=color, quiet=quiet, snippets=False)
