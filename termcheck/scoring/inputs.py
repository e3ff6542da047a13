"""Reading the files to score: one segment a line, line-aligned, and short enough for TER.

Every file is read and checked before any scoring starts, so a misaligned file or an overlong line
fails in a second, not after minutes of TER.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from termcheck.documents.decoding import decode
from termcheck.errors import TermcheckError

# TER's memory grows with the product of the hypothesis' and the reference's lengths, its time faster
# still: measured on WMT21 text, a 1,000-word line takes about 140 MB and two minutes, a 2,000-word one
# 280 MB and six minutes, a 20,000-word one more than 6 GB. 1,000 words is eight times the longest
# segment of the WMT21 political data (128 words) and longer than any sentence: a line past it is a
# paragraph or a document given as one segment. See docs/score.md.
TER_MAX_WORDS = 1000

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class ScoringInputs:
    systems: dict[str, list[str]]  # hypothesis path -> its segments, the baseline first
    reference_paths: list[str]  # as given: the same file twice is two references, as in sacrebleu
    references: list[list[str]]  # each reference's segments
    source: list[str] | None
    segments: int


def read_inputs(hypotheses: list[str], references: list[str], source: str | None) -> ScoringInputs:
    if len(set(hypotheses)) != len(hypotheses):
        raise TermcheckError("a hypothesis file is given twice; each system needs its own file")
    systems = {path: read_segments(path) for path in hypotheses}
    reference_segments = [read_segments(path) for path in references]
    source_segments = read_segments(source) if source is not None else None
    aligned = {**systems, **dict(zip(references, reference_segments, strict=True))}
    if source is not None and source_segments is not None:
        aligned[source] = source_segments
    return ScoringInputs(systems, references, reference_segments, source_segments, check_aligned(aligned))


def read_segments(path: str) -> list[str]:
    """One segment a line, split and trimmed the way the `sacrebleu` command line reads its files.

    Only \\n, \\r\\n and \\r end a line (str.splitlines would also split at U+2028 and friends, which
    can occur inside a segment and would misalign the files); trailing whitespace is dropped, as
    sacrebleu does, so both tools score the same strings.
    """
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise TermcheckError(f"{path}: {exc.strerror or exc}") from None
    text, _, _ = decode(path, data)
    lines = _LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        raise TermcheckError(f"{path}: empty file; expected one segment a line")
    return [line.rstrip() for line in lines]


def check_aligned(files: dict[str, list[str]]) -> int:
    """All files must have the same number of lines: a missing line shifts every later segment."""
    counts = {path: len(lines) for path, lines in files.items()}
    if len(set(counts.values())) > 1:
        listed = ", ".join(f"{path} has {n}" for path, n in counts.items())
        raise TermcheckError(f"files are not line-aligned: {listed} lines")
    return next(iter(counts.values()))


def check_ter_lengths(inputs: ScoringInputs, other_metrics: list[str]) -> None:
    """Refuse, rather than split, a line too long for TER: splitting hypothesis and reference at
    different places would misalign them and give a number sacrebleu would not give."""
    files = [*inputs.systems.items(), *zip(inputs.reference_paths, inputs.references, strict=True)]
    for path, segments in files:
        for line, segment in enumerate(segments, start=1):
            # TER's words, as its default tercom tokenizer splits them (it only lowercases otherwise)
            words = len(segment.split())
            if words > TER_MAX_WORDS:
                raise TermcheckError(_too_long(path, line, words, other_metrics))


def _too_long(path: str, line: int, words: int, other_metrics: list[str]) -> str:
    without_ter = f" or leave TER out: --metrics {','.join(other_metrics)}" if other_metrics else ""
    return (f"{path}:{line}: a segment of {words:,} words; TER takes at most {TER_MAX_WORDS:,} words a segment"
            f" (its memory grows with the square of the length): split it in every file{without_ter}")
