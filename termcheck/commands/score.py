"""`termcheck score`: corpus BLEU, chrF and TER against references, and the glossary's term success rate.

The scoring is termcheck.scoring's, the rendering termcheck.formatters.score's; this module joins them
and shows progress. Both are imported when the command runs, so `termcheck lint` never loads sacrebleu.
"""
from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TextIO

from termcheck.formatters.terminal import printable


@dataclass
class ScoreOptions:
    hypotheses: list[str]
    references: list[str]
    source: str | None = None
    glossaries: list[str] = field(default_factory=list)
    default_glossary: bool = True
    output_format: str = "text"
    worst: int = 5
    metrics: list[str] | None = None  # --metrics values, comma-separated names; None: all of them


def run_score(options: ScoreOptions) -> str:
    from termcheck.formatters.score import formatter
    from termcheck.scoring.evaluation import ScoringTask, evaluate

    task = ScoringTask(
        hypotheses=options.hypotheses,
        references=options.references,
        source=options.source,
        glossaries=options.glossaries,
        default_glossary=options.default_glossary,
        metrics=options.metrics,
        worst=options.worst,
    )
    with stderr_progress(sys.stderr) as progress:
        evaluation = evaluate(task, progress)
    return formatter(options.output_format)(evaluation)


class _StatusLine:
    """One line on the terminal, rewritten at each step and erased at the end, so the report that
    follows on stdout starts on a clean line."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def __call__(self, step: str) -> None:
        width = shutil.get_terminal_size().columns - 1  # a wrapped line could not be erased
        self.stream.write("\r\x1b[K" + f"termcheck: {printable(step)} …"[:width])
        self.stream.flush()

    def erase(self) -> None:
        self.stream.write("\r\x1b[K")
        self.stream.flush()


@contextmanager
def stderr_progress(stream: TextIO) -> Iterator[_StatusLine | None]:
    """Progress for a person watching: only when stderr is a terminal, never in a pipe, file or CI log."""
    if not stream.isatty():
        yield None
        return
    status = _StatusLine(stream)
    try:
        yield status
    finally:
        status.erase()
