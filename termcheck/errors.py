"""Errors caused by the user's input. The CLI prints them as one line and exits with status 2."""
from __future__ import annotations


class TermcheckError(Exception):
    """A problem with something the user supplied: a file, a glossary, an option."""


class InputError(TermcheckError):
    """A document that cannot be read as text."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class GlossaryError(TermcheckError):
    """A malformed glossary, located by file, line and column (both 1-based)."""

    def __init__(self, path: str, line: int, column: int, reason: str) -> None:
        super().__init__(f"{path}:{line}:{column}: {reason}")
        self.path = path
        self.line = line
        self.column = column
        self.reason = reason
