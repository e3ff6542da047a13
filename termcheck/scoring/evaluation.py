"""One scoring run: read and check the files, then compute the metrics asked for, nothing more."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from termcheck.errors import TermcheckError
from termcheck.glossary.model import Entry
from termcheck.scoring.inputs import ScoringInputs, check_ter_lengths, read_inputs
from termcheck.scoring.model import Evaluation, SystemResult
from termcheck.scoring.selection import select_metrics
from termcheck.scoring.terms import load_glossary, source_terms, term_success


@dataclass(frozen=True)
class ScoringTask:
    hypotheses: list[str]  # paths, the baseline first
    references: list[str]
    source: str | None = None
    glossaries: list[str] = field(default_factory=list)
    default_glossary: bool = True
    metrics: list[str] | None = None  # as --metrics gives them; None: every metric the inputs allow
    worst: int = 5


Progress = Callable[[str], None]
SACREBLEU_METRICS = frozenset({"bleu", "chrf", "ter"})  # and the worst segments, by sentence chrF


def evaluate(task: ScoringTask, progress: Progress | None = None) -> Evaluation:
    """Everything that can fail on the user's input fails first: metric names, files, line lengths and
    the glossary are all checked before the first, possibly minutes-long, metric runs."""
    metrics = select_metrics(task.metrics, has_source=task.source is not None)
    if SACREBLEU_METRICS & set(metrics) or task.worst > 0:
        _require_sacrebleu()
    inputs = read_inputs(task.hypotheses, task.references, task.source)
    if "ter" in metrics:
        check_ter_lengths(inputs, [m for m in metrics if m != "ter"])
    glossary = load_glossary(task.glossaries, task.default_glossary) if "terms" in metrics else None
    results, score_signatures, test_signatures = _corpus_scores(metrics, inputs, progress)
    if task.worst > 0:
        from termcheck.scoring.segments import worst_segments

        _announce(progress, "worst segments by sentence chrF")
        for result in results:
            result.worst = worst_segments(inputs.systems[result.name], inputs.references, task.worst)
    glossary_files: list[str] = []
    if glossary is not None and inputs.source is not None:
        _announce(progress, "term success rate")
        _add_term_success(results, inputs, source_terms(glossary, inputs.source))
        glossary_files = [f.path for f in glossary.files]
    return Evaluation(inputs.segments, task.references, task.source, glossary_files, metrics, score_signatures,
                      results, test_signatures)


def _corpus_scores(
    metrics: list[str], inputs: ScoringInputs, progress: Progress | None
) -> tuple[list[SystemResult], dict[str, str], dict[str, str]]:
    """Each system's corpus scores, and with several systems the paired bootstrap test, which scores
    them itself. Returns the results, the metrics' signatures and the test's (empty for one system)."""
    if not SACREBLEU_METRICS & set(metrics):
        return [SystemResult(name, {}) for name in inputs.systems], {}, {}
    from termcheck.scoring.corpus import corpus_metrics, paired_bootstrap, signatures, single_system

    corpus = corpus_metrics(metrics, inputs.references)
    if not corpus:
        return [SystemResult(name, {}) for name in inputs.systems], {}, {}
    test_signatures: dict[str, str]
    if len(inputs.systems) == 1:
        results, test_signatures = [single_system(corpus, *next(iter(inputs.systems.items())), progress)], {}
    else:
        results, test_signatures = paired_bootstrap(corpus, inputs.systems, progress)
    return results, signatures(corpus, list(results[0].scores)), test_signatures


def _require_sacrebleu() -> None:
    try:
        import sacrebleu  # noqa: F401 - only whether it is there
    except ImportError:
        raise TermcheckError(
            "BLEU, chrF, TER and the worst segments need sacrebleu: pip install 'termcheck[score]' "
            "(the term success rate alone needs nothing more: --metrics terms --worst 0)"
        ) from None


def _add_term_success(results: list[SystemResult], inputs: ScoringInputs, terms: list[list[Entry]]) -> None:
    for result in results:
        result.terms = term_success(terms, inputs.systems[result.name], inputs.references)


def _announce(progress: Progress | None, step: str) -> None:
    if progress is not None:
        progress(step)
