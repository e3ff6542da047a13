"""Plain text: sacrebleu's own score lines for one system, a table with p-values for several, then
each system's missed terms and worst segments."""
from __future__ import annotations

from pathlib import Path

from termcheck.formatters.terminal import printable
from termcheck.scoring.model import (
    BOOTSTRAP_SAMPLES,
    BOOTSTRAP_SEED,
    Evaluation,
    SystemResult,
    TermSuccess,
)

SIGNIFICANT = 0.05
MISSED_TERMS_IN_TEXT = 20


def render(evaluation: Evaluation) -> str:
    lines = [_header(evaluation), ""]
    if len(evaluation.systems) == 1:
        result = evaluation.systems[0]
        lines += [_with_signature(result.formatted[name], name, sig) for name, sig in evaluation.signatures.items()]
        lines += _term_summary(result.terms)
    else:
        lines += _systems_table(evaluation)
        if evaluation.signatures:
            lines += ["", "Signatures:"] + [f"  {name}|{sig}" for name, sig in evaluation.signatures.items()]
    for result in evaluation.systems:
        lines += _details(result, several=len(evaluation.systems) > 1)
    return printable("\n".join(lines) + "\n")


def _with_signature(formatted: str, name: str, signature: str) -> str:
    """sacrebleu's own layout: `BLEU|nrefs:1|...|version:2.6.0 = 29.71 64.5/38.0/...`."""
    return f"{name}|{signature}{formatted[len(name):]}"


def _header(evaluation: Evaluation) -> str:
    refs = len(evaluation.references)
    header = f"{evaluation.segments} segments, {refs} reference{'s' if refs != 1 else ''}"
    if evaluation.source is not None:
        header += f", source {evaluation.source}"
    if evaluation.glossary_files:
        header += f", glossary {', '.join(Path(g).name for g in evaluation.glossary_files)}"
    return header


def _term_summary(terms: TermSuccess | None) -> list[str]:
    if terms is None:
        return []
    counts = f"{terms.hits}/{terms.total} source terms rendered as the glossary says"
    lines = [f"Term success rate = {_rate(terms)} ({counts})"]
    if terms.wmt25 is not None:
        official = terms.wmt25
        rate = "n/a" if official.rate is None else f"{100 * official.rate:.1f}%"
        lines.append(f"Term success rate, WMT25 definition = {rate} ({official.hits}/{official.total} terms the "
                     "reference renders, matched as lower-cased substrings)")
    return lines


def _rate(terms: TermSuccess) -> str:
    return "n/a" if terms.rate is None else f"{100 * terms.rate:.1f}%"


def _systems_table(evaluation: Evaluation) -> list[str]:
    """One row a system; each non-baseline score carries its p-value, * where p < 0.05."""
    metric_names = list(evaluation.signatures)
    header = ["System", *metric_names] + (["Terms"] if evaluation.scores_terms else [])
    rows = [_table_row(result, index == 0, metric_names) for index, result in enumerate(evaluation.systems)]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    table = ["  ".join(_aligned(cells, widths)).rstrip() for cells in [header, *rows]]
    if not evaluation.test_signatures:
        return table
    note = (f"p: paired bootstrap resampling against the baseline, {BOOTSTRAP_SAMPLES} resamples, seed {BOOTSTRAP_SEED}"
            f" (as sacrebleu --paired-bs); * p < {SIGNIFICANT}")
    return [*table, "", note]


def _aligned(cells: list[str], widths: list[int]) -> list[str]:
    """A row's cells padded to their columns' widths: the first (the system's name) to the left, the scores
    to the right."""
    return [cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(cells, widths, strict=True))]


def _table_row(result: SystemResult, baseline: bool, metric_names: list[str]) -> list[str]:
    cells = [f"{result.name} (baseline)" if baseline else result.name]
    cells += [_score_cell(result, metric) for metric in metric_names]
    if result.terms is not None:
        cells.append(f"{_rate(result.terms)} ({result.terms.hits}/{result.terms.total})")
    return cells


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
