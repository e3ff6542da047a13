"""The worst segments of a system, by sentence chrF."""
from __future__ import annotations

from sacrebleu.metrics.chrf import CHRF

from termcheck.scoring.model import WorstSegment


def worst_segments(hypotheses: list[str], references: list[list[str]], count: int) -> list[WorstSegment]:
    """The lowest sentence chrF first. chrF, not sentence BLEU: BLEU is zero for most short or reworded
    segments, so it cannot rank them; chrF's character n-grams give every segment a usable score."""
    if count <= 0:
        return []
    chrf = CHRF()  # its own instance: sentence_score re-caches references on the metric it runs on
    scored = [
        WorstSegment(i + 1, chrf.sentence_score(hyp, [refs[i] for refs in references]).score, hyp, references[0][i])
        for i, hyp in enumerate(hypotheses)
    ]
    return sorted(scored, key=lambda s: (s.chrf, s.line))[:count]
