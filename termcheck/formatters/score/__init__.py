"""Formatters for `termcheck score`: turn an Evaluation into text for people or JSON for machines.

Each format is a module with `render(evaluation) -> str`, imported only when it is used.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable

from termcheck.scoring.model import Evaluation

FORMATS: dict[str, str] = {
    "text": "termcheck.formatters.score.text",
    "json": "termcheck.formatters.score.json_format",
}


def formatter(name: str) -> Callable[[Evaluation], str]:
    render: Callable[[Evaluation], str] = importlib.import_module(FORMATS[name]).render
    return render


__all__ = ["FORMATS", "Evaluation", "formatter"]
