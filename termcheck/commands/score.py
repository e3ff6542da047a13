"""`termcheck score`: corpus BLEU, chrF and TER against references, and the glossary's term success rate.

The metrics are sacrebleu's own classes, run with their default settings, so every number here is the
number `sacrebleu` itself prints for the same files; termcheck adds only what sacrebleu cannot know:
whether the glossary's terms in the source came out with a preferred or admitted rendering.
sacrebleu (and numpy under it) is imported here and nowhere else, so `termcheck lint` never loads it.
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.metrics.base import Metric, Score
from sacrebleu.significance import PairedTest

from termcheck.documents.decoding import decode
from termcheck.errors import TermcheckError
from termcheck.glossary import load_glossaries
from termcheck.glossary.model import Entry, Glossary
from termcheck.matching.compiled import CompiledGlossary
from termcheck.resources import default_glossaries

BOOTSTRAP_SAMPLES = 1000  # sacrebleu's default for --paired-bs
BOOTSTRAP_SEED = 12345  # sacrebleu's default seed: the same p-values as `sacrebleu --paired-bs`
SIGNIFICANT = 0.05
MISSED_TERMS_IN_TEXT = 20
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass
class ScoreOptions:
    hypotheses: list[str]
    references: list[str]
    source: str | None = None
    glossaries: list[str] = field(default_factory=list)
    default_glossary: bool = True
    output_format: str = "text"
    worst: int = 5


@dataclass(frozen=True)
class WorstSegment:
    line: int  # 1-based
    chrf: float
    hypothesis: str
    reference: str  # the first reference


@dataclass(frozen=True)
class MissedTerm:
    line: int
    entry: Entry


@dataclass
class TermSuccess:
    hits: int = 0
    total: int = 0
    missed: list[MissedTerm] = field(default_factory=list)

    @property
    def rate(self) -> float | None:
        return self.hits / self.total if self.total else None


@dataclass
class SystemResult:
    name: str
    scores: dict[str, float]  # keyed by the score's name: BLEU, chrF2, TER
    worst: list[WorstSegment] = field(default_factory=list)
    terms: TermSuccess | None = None
    formatted: dict[str, str] = field(default_factory=dict)  # sacrebleu's full score lines, one system only
    significance: dict[str, dict[str, float | None]] = field(default_factory=dict)


@dataclass
class Evaluation:
    segments: int
    references: list[str]
    source: str | None
    glossary_files: list[str]
    signatures: dict[str, str]
    systems: list[SystemResult]
    test_signatures: dict[str, str] = field(default_factory=dict)


def run_score(options: ScoreOptions) -> str:
    """Read and check every file first, so a misaligned file fails before any slow scoring starts."""
    if len(set(options.hypotheses)) != len(options.hypotheses):
        raise TermcheckError("a hypothesis file is given twice; each system needs its own file")
    systems = {path: read_segments(path) for path in options.hypotheses}
    references = [read_segments(path) for path in options.references]
    sources = read_segments(options.source) if options.source is not None else None
    aligned = {**systems, **dict(zip(options.references, references))}
    if options.source is not None and sources is not None:
        aligned[options.source] = sources
    segments = check_aligned(aligned)
    evaluation = evaluate(options, systems, references, sources, segments)
    return render_json(evaluation) if options.output_format == "json" else render_text(evaluation)


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


def evaluate(
    options: ScoreOptions,
    systems: dict[str, list[str]],
    references: list[list[str]],
    sources: list[str] | None,
    segments: int,
) -> Evaluation:
    metrics = corpus_metrics(references)
    if len(systems) == 1:
        results, test_signatures = [single_system(metrics, *next(iter(systems.items())))], {}
    else:
        results, test_signatures = paired_bootstrap(metrics, systems)
    signatures = {name: metric.get_signature().format() for name, metric in zip(results[0].scores, metrics.values())}
    source_terms, glossary_files = _source_terms(options, sources)
    for result in results:
        hypotheses = systems[result.name]
        result.worst = worst_segments(hypotheses, references, options.worst)
        if source_terms is not None:
            result.terms = term_success(source_terms, hypotheses)
    return Evaluation(segments, options.references, options.source, glossary_files, signatures, results, test_signatures)


def corpus_metrics(references: list[list[str]]) -> dict[str, Metric]:
    """sacrebleu's metrics with their defaults: what sacrebleu.corpus_bleu/chrf/ter use, and what the
    sacrebleu command line uses. Each caches the references' statistics once for all systems."""
    return {"BLEU": BLEU(references=references), "CHRF": CHRF(references=references), "TER": TER(references=references)}


def single_system(metrics: dict[str, Metric], name: str, hypotheses: list[str]) -> SystemResult:
    scores: list[Score] = [metric.corpus_score(hypotheses, None) for metric in metrics.values()]
    return SystemResult(name, {s.name: s.score for s in scores}, formatted={s.name: str(s) for s in scores})


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


def _source_terms(options: ScoreOptions, sources: list[str] | None) -> tuple[list[list[Entry]] | None, list[str]]:
    """The distinct glossary entries in each source segment, found once and shared by every system."""
    if sources is None:
        return None, []
    from termcheck.matching.source_terms import SourceTermFinder

    glossary = _glossary(options)
    finder = SourceTermFinder(CompiledGlossary(glossary))
    found = []
    for source in sources:
        entries: dict[str, Entry] = {}
        for term in finder.find(source):
            entries.setdefault(term.entry.zh, term.entry)
        found.append(list(entries.values()))
    return found, [f.path for f in glossary.files]


def _glossary(options: ScoreOptions) -> Glossary:
    """The glossaries as lint resolves them: the bundled one first, then each --glossary overriding it.
    Loaded here rather than through lint's Linter, which would also load the proper names for nothing."""
    paths = ([str(p) for p in default_glossaries()] if options.default_glossary else []) + options.glossaries
    if not paths:
        raise TermcheckError("no glossary: give --glossary FILE or drop --no-default-glossary")
    return load_glossaries(paths)


def term_success(source_terms: list[list[Entry]], hypotheses: list[str]) -> TermSuccess:
    """WMT terminology-task term success rate: of all (segment, source term) pairs, the share whose
    hypothesis contains a preferred or admitted rendering. A term repeated within a segment counts once,
    as the shared task counts it, so one long segment cannot outweigh the rest."""
    from termcheck.matching.source_terms import renders

    success = TermSuccess()
    for line, (entries, hypothesis) in enumerate(zip(source_terms, hypotheses), start=1):
        for entry in entries:
            success.total += 1
            if renders(entry, hypothesis):
                success.hits += 1
            else:
                success.missed.append(MissedTerm(line, entry))
    return success


def paired_bootstrap(metrics: dict[str, Metric], systems: dict[str, list[str]]) -> tuple[list[SystemResult], dict[str, str]]:
    """sacrebleu's paired bootstrap resampling (`sacrebleu --paired-bs`), the first system the baseline.

    The test scores every system itself, with the same statistics corpus_score uses, so its scores are
    taken as they are: scoring the systems again would double the run time, most of it TER's.
    Returns each system's scores, p-values, bootstrap means and 95% CIs, and the test's signatures.
    """
    with _seed(BOOTSTRAP_SEED):
        test = PairedTest(list(systems.items()), metrics, references=None, test_type="bs", n_samples=BOOTSTRAP_SAMPLES)
    signatures, table = test()
    results = [SystemResult(name, {}) for name in table.pop("System")]
    for metric_name, column in table.items():
        for result, outcome in zip(results, column):
            result.scores[metric_name] = outcome.score
            result.significance[metric_name] = {
                "p_value": _plain(outcome.p_value), "mean": _plain(outcome.mean), "ci": _plain(outcome.ci)
            }
    return results, {name: sig.format() for name, sig in signatures.items()}


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


# ---- rendering ---------------------------------------------------------------------------------------


def render_json(evaluation: Evaluation) -> str:
    document = {
        "segments": evaluation.segments,
        "references": evaluation.references,
        "source": evaluation.source,
        "glossaries": evaluation.glossary_files,
        "signatures": evaluation.signatures,
        "systems": [_system_json(result, evaluation.signatures) for result in evaluation.systems],
        "significance": _significance_json(evaluation),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _system_json(result: SystemResult, signatures: dict[str, str]) -> dict:
    return {
        "name": result.name,
        "scores": {
            name: {"score": score, "signature": signatures[name], **_formatted(result, name)}
            for name, score in result.scores.items()
        },
        "term_success": _terms_json(result.terms),
        "worst_segments": [
            {"line": s.line, "chrf": s.chrf, "hypothesis": s.hypothesis, "reference": s.reference} for s in result.worst
        ],
    }


def _formatted(result: SystemResult, name: str) -> dict[str, str]:
    return {"formatted": result.formatted[name]} if name in result.formatted else {}


def _terms_json(terms: TermSuccess | None) -> dict | None:
    if terms is None:
        return None
    return {
        "hits": terms.hits,
        "total": terms.total,
        "rate": terms.rate,
        "missed": [
            {"line": m.line, "zh": m.entry.zh, "expected": m.entry.en, "admitted": list(m.entry.admitted)}
            for m in terms.missed
        ],
    }


def _significance_json(evaluation: Evaluation) -> dict | None:
    if not evaluation.test_signatures:
        return None
    baseline, *others = evaluation.systems
    return {
        "test": "paired bootstrap resampling (sacrebleu --paired-bs)",
        "baseline": baseline.name,
        "samples": BOOTSTRAP_SAMPLES,
        "seed": BOOTSTRAP_SEED,
        "signatures": evaluation.test_signatures,
        "systems": {r.name: r.significance for r in others},
    }


def render_text(evaluation: Evaluation) -> str:
    lines = [_header(evaluation), ""]
    if len(evaluation.systems) == 1:
        result = evaluation.systems[0]
        lines += [_with_signature(result.formatted[name], name, sig) for name, sig in evaluation.signatures.items()]
        lines += _term_summary(result.terms)
    else:
        lines += _systems_table(evaluation)
        lines += ["", "Signatures:"] + [f"  {name}|{sig}" for name, sig in evaluation.signatures.items()]
    for result in evaluation.systems:
        lines += _details(result, several=len(evaluation.systems) > 1)
    return "\n".join(lines) + "\n"


def _with_signature(formatted: str, name: str, signature: str) -> str:
    """sacrebleu's own layout: `BLEU|nrefs:1|...|version:2.6.0 = 29.71 64.5/38.0/...`."""
    return f"{name}|{signature}{formatted[len(name):]}"


def _header(evaluation: Evaluation) -> str:
    refs = len(evaluation.references)
    header = f"{evaluation.segments} segments, {refs} reference{'s' if refs != 1 else ''}"
    if evaluation.source is not None:
        header += f", source {evaluation.source}, glossary {', '.join(Path(g).name for g in evaluation.glossary_files)}"
    return header


def _term_summary(terms: TermSuccess | None) -> list[str]:
    if terms is None:
        return []
    return [f"Term success rate = {_rate(terms)} ({terms.hits}/{terms.total} source terms rendered as the glossary says)"]


def _rate(terms: TermSuccess | None) -> str:
    if terms is None:
        return "-"
    return "n/a" if terms.rate is None else f"{100 * terms.rate:.1f}%"


def _systems_table(evaluation: Evaluation) -> list[str]:
    """One row a system; each non-baseline score carries its p-value, * where p < 0.05."""
    metric_names = list(evaluation.signatures)
    with_terms = evaluation.source is not None
    header = ["System", *metric_names] + (["Terms"] if with_terms else [])
    rows = []
    for index, result in enumerate(evaluation.systems):
        name = f"{result.name} (baseline)" if index == 0 else result.name
        cells = [name] + [_score_cell(result, metric) for metric in metric_names]
        if with_terms and result.terms is not None:
            cells.append(f"{_rate(result.terms)} ({result.terms.hits}/{result.terms.total})")
        rows.append(cells)
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    table = ["  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths))).rstrip()
             for row in [header, *rows]]
    note = (f"p: paired bootstrap resampling against the baseline, {BOOTSTRAP_SAMPLES} resamples, seed {BOOTSTRAP_SEED}"
            f" (as sacrebleu --paired-bs); * p < {SIGNIFICANT}")
    return table + ["", note]


def _score_cell(result: SystemResult, metric: str) -> str:
    cell = f"{result.scores[metric]:.2f}"
    p_value = result.significance.get(metric, {}).get("p_value")
    if p_value is not None:
        cell += f" (p={p_value:.4f}){'*' if p_value < SIGNIFICANT else ' '}"
    return cell


def _details(result: SystemResult, several: bool) -> list[str]:
    lines: list[str] = []
    title = f" — {result.name}" if several else ""
    if result.terms is not None and result.terms.missed:
        shown = result.terms.missed[:MISSED_TERMS_IN_TEXT]
        lines += ["", f"Missed terms{title} ({len(shown)} of {len(result.terms.missed)}; all in --format json):"]
        lines += [f"  line {m.line}: {m.entry.zh} → {m.entry.en}" for m in shown]
    if result.worst:
        lines += ["", f"Worst {len(result.worst)} segments by sentence chrF{title}:"]
        for segment in result.worst:
            lines += [f"  line {segment.line}  chrF {segment.chrf:.2f}", f"    hyp: {segment.hypothesis}",
                      f"    ref: {segment.reference}"]
    return lines
