"""Formatters: turn a Report into text for people or machines.

Each format is a module with `render(report, color=False) -> str`, imported only when it is used.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable

from termcheck.report import Report

FORMATS: dict[str, str] = {
    "text": "termcheck.formatters.text",
    "concise": "termcheck.formatters.concise",
    "json": "termcheck.formatters.json_format",
    "sarif": "termcheck.formatters.sarif",
    "github": "termcheck.formatters.github",
    "junit": "termcheck.formatters.junit",
    "html": "termcheck.formatters.html",
}
# Views of a text report chosen by an option, not by --format: `--statistics`.
VIEWS: dict[str, str] = {"statistics": "termcheck.formatters.statistics"}


def formatter(name: str) -> Callable[..., str]:
    render: Callable[..., str] = importlib.import_module(FORMATS.get(name) or VIEWS[name]).render
    return render


__all__ = ["FORMATS", "VIEWS", "Report", "formatter"]
