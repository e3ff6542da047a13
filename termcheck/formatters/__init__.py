"""Formatters: turn a Report into text for people or machines.

Each format is a module with `render(report, color=False) -> str`, imported only when it is used.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable

from termcheck.report import Report

FORMATS: dict[str, str] = {
    "text": "termcheck.formatters.text",
    "json": "termcheck.formatters.json_format",
    "sarif": "termcheck.formatters.sarif",
    "github": "termcheck.formatters.github",
    "junit": "termcheck.formatters.junit",
    "html": "termcheck.formatters.html",
}


def formatter(name: str) -> Callable[..., str]:
    render: Callable[..., str] = importlib.import_module(FORMATS[name]).render
    return render


__all__ = ["FORMATS", "Report", "formatter"]
