"""Which metrics a run computes: `--metrics bleu,chrf,ter,terms`, validated before any file is read."""
from __future__ import annotations

from termcheck.errors import TermcheckError

METRICS = ("bleu", "chrf", "ter", "terms")  # also the order in which they are computed and shown
CORPUS_METRICS = ("bleu", "chrf", "ter")  # sacrebleu's; "terms" is the glossary's


def select_metrics(requested: list[str] | None, has_source: bool) -> list[str]:
    """The metrics to compute, in METRICS order, each once.

    Without --metrics every metric is computed that the inputs allow: the term success rate only with a
    source. Asked for by name, it needs one, and an unknown name is an error rather than skipped, so a
    typo cannot quietly drop a metric from a comparison.
    """
    if requested is None:
        return [m for m in METRICS if m != "terms" or has_source]
    names = {name.strip().lower() for value in requested for name in value.split(",") if name.strip()}
    unknown = sorted(names - set(METRICS))
    if unknown:
        raise TermcheckError(f"unknown metric {unknown[0]!r} in --metrics; expected some of {', '.join(METRICS)}")
    if not names:
        raise TermcheckError(f"--metrics names no metric; expected some of {', '.join(METRICS)}")
    if "terms" in names and not has_source:
        raise TermcheckError("--metrics terms needs --source: the term success rate counts the source's terms")
    return [m for m in METRICS if m in names]
