"""Scoring MT output against references: corpus BLEU, chrF and TER (sacrebleu), the worst segments, and
the glossary's term success rate. Used by `termcheck score` only.

`termcheck.scoring.evaluation.evaluate` runs it; `termcheck.scoring.model` holds what it returns, free
of sacrebleu, for the formatters in `termcheck.formatters.score`. This module imports nothing, so that
importing the model does not load sacrebleu.
"""
