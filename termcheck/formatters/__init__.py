"""Formatters: turn a Report into text for people or machines."""
from __future__ import annotations

from collections.abc import Callable

from termcheck.formatters import json_format, text
from termcheck.report import Report

FORMATTERS: dict[str, Callable[..., str]] = {
    "text": text.render,
    "json": json_format.render,
}

__all__ = ["FORMATTERS", "Report"]
