"""Corpus BLEU, chrF and TER with sacrebleu's own classes and defaults, and its paired bootstrap test.

Every number here is the number `sacrebleu` itself prints for the same files. sacrebleu (and numpy
under it) is imported by this package only, and the package only by `termcheck score`, so
`termcheck lint` never loads it.
"""
from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sacrebleu.metrics.base import Metric
from sacrebleu.metrics.bleu import BLEU
from sacrebleu.metrics.chrf import CHRF
from sacrebleu.metrics.ter import TER
from sacrebleu.significance import PairedTest, Result

from termcheck.scoring.model import BOOTSTRAP_SAMPLES, BOOTSTRAP_SEED, SystemResult

Progress = Callable[[str], None]

_METRIC_CLASSES: dict[str, type[BLEU | CHRF | TER]] = {"bleu": BLEU, "chrf": CHRF, "ter": TER}


def corpus_metrics(names: list[str], references: list[list[str]]) -> dict[str, Metric]:
    """The named metrics only, so a metric left out costs nothing: TER is most of a run's time.
    Each caches the references' statistics once, for all systems."""
    return {name: _METRIC_CLASSES[name](references=references) for name in names if name in _METRIC_CLASSES}


def signatures(metrics: dict[str, Metric], score_names: list[str]) -> dict[str, str]:
    """Each metric's signature, keyed by its score's name (BLEU, chrF2, TER): known only after scoring."""
    return {name: metric.get_signature().format() for name, metric in zip(score_names, metrics.values(), strict=True)}


def single_system(
    metrics: dict[str, Metric], name: str, hypotheses: list[str], progress: Progress | None = None
) -> SystemResult:
    result = SystemResult(name, {})
    for metric_name, metric in metrics.items():
        if progress is not None:
            progress(f"{_label(metric_name)}: {name}")
        score = metric.corpus_score(hypotheses, None)
        result.scores[score.name] = score.score
        result.formatted[score.name] = str(score)
    return result


def paired_bootstrap(
    metrics: dict[str, Metric], systems: dict[str, list[str]], progress: Progress | None = None
) -> tuple[list[SystemResult], dict[str, str]]:
    """sacrebleu's paired bootstrap resampling (`sacrebleu --paired-bs`), the first system the baseline.

    The test scores every system itself, with the same statistics corpus_score uses, so its scores are
    taken as they are: scoring the systems again would double the run time, most of it TER's.
    Returns each system's scores, p-values, bootstrap means and 95% CIs, and the test's signatures.
    """
    with _seed(BOOTSTRAP_SEED), _progress_from_sacrebleu(progress, list(systems)):
        test = PairedTest(list(systems.items()), metrics, references=None, test_type="bs", n_samples=BOOTSTRAP_SAMPLES)
        test_signatures, table = test()
    names, columns = _split_table(table)
    results = [SystemResult(name, {}) for name in names]
    for metric_name, column in columns.items():
        for result, outcome in zip(results, column, strict=True):
            result.scores[metric_name] = outcome.score
            result.significance[metric_name] = {
                "p_value": _plain(outcome.p_value), "mean": _plain(outcome.mean), "ci": _plain(outcome.ci)
            }
    return results, {name: sig.format() for name, sig in test_signatures.items()}


def _split_table(table: dict[str, list[str | Result]]) -> tuple[list[str], dict[str, list[Result]]]:
    """PairedTest's table, typed: its "System" column holds the systems' names, and every other column
    one metric's Result per system, in the same order."""
    names = [cell for cell in table["System"] if isinstance(cell, str)]
    columns = {
        metric: [cell for cell in column if isinstance(cell, Result)]
        for metric, column in table.items() if metric != "System"
    }
    return names, columns


def _plain(value: float | None) -> float | None:
    """numpy's float32 (the bootstrap means and CIs) as a Python float, which json can write."""
    return None if value is None else float(value)


@contextmanager
def _seed(seed: int) -> Iterator[None]:
    """PairedTest takes its seed only from SACREBLEU_SEED, read when it is created. Pin it for that
    moment, so a SACREBLEU_SEED=none in the environment cannot make two runs disagree."""
    before = os.environ.get("SACREBLEU_SEED")
    os.environ["SACREBLEU_SEED"] = str(seed)
    try:
        yield
    finally:
        if before is None:
            del os.environ["SACREBLEU_SEED"]
        else:
            os.environ["SACREBLEU_SEED"] = before


# PairedTest scores system after system inside one call; its log records are the only sign of where
# it is. Only progress reads them: should their wording change, the progress just gets sparser.
_SACREBLEU_STEP = re.compile(r"(?:Pre-computing|Computing) (\S+) (?:statistics )?for (['\"])(.*?)\2(?: and |$)")


def _label(metric: str) -> str:
    """bleu, chrf, chrF2, ter as a person reads them: BLEU, chrF, TER."""
    lower = metric.lower()
    return "chrF" if lower.startswith("chrf") else lower.upper()


class _ProgressHandler(logging.Handler):
    def __init__(self, progress: Progress, systems: list[str]) -> None:
        super().__init__(logging.INFO)
        self.progress = progress
        self.position = {name: index for index, name in enumerate(systems, start=1)}

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            if logging.lastResort is not None:
                logging.lastResort.handle(record)  # where it would have gone without this handler
            return
        step = _SACREBLEU_STEP.match(record.getMessage())
        if step:
            metric, _, system = step.groups()
            place = self.position.get(system)
            of = f" (system {place} of {len(self.position)})" if place else ""
            self.progress(f"{_label(metric)}: {system}{of}")


@contextmanager
def _progress_from_sacrebleu(progress: Progress | None, systems: list[str]) -> Iterator[None]:
    if progress is None:
        yield
        return
    logger = logging.getLogger("sacrebleu")
    handler = _ProgressHandler(progress, systems)
    level, propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # its INFO records are ours to show, not for any handler of the root logger
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate
