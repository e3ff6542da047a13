"""JSON: one object with every score unrounded, exactly as sacrebleu returns it, and its signature."""
from __future__ import annotations

from termcheck.jsonfiles import json_text
from termcheck.scoring.model import (
    BOOTSTRAP_SAMPLES,
    BOOTSTRAP_SEED,
    Evaluation,
    SystemResult,
    TermSuccess,
)


def render(evaluation: Evaluation) -> str:
    document = {
        "segments": evaluation.segments,
        "references": evaluation.references,
        "source": evaluation.source,
        "glossaries": evaluation.glossary_files,
        "metrics": evaluation.metrics,
        "signatures": evaluation.signatures,
        "systems": [_system(result, evaluation.signatures) for result in evaluation.systems],
        "significance": _significance(evaluation),
    }
    return json_text(document) + "\n"


def _system(result: SystemResult, signatures: dict[str, str]) -> dict[str, object]:
    return {
        "name": result.name,
        "scores": {
            name: {"score": score, "signature": signatures[name], **_formatted(result, name)}
            for name, score in result.scores.items()
        },
        "term_success": _terms(result.terms),
        "worst_segments": [
            {"line": s.line, "chrf": s.chrf, "hypothesis": s.hypothesis, "reference": s.reference} for s in result.worst
        ],
    }


def _formatted(result: SystemResult, name: str) -> dict[str, str]:
    return {"formatted": result.formatted[name]} if name in result.formatted else {}


def _terms(terms: TermSuccess | None) -> dict[str, object] | None:
    if terms is None:
        return None
    return {
        "hits": terms.hits,
        "total": terms.total,
        "rate": terms.rate,
        "wmt25": None if terms.wmt25 is None else
        {"hits": terms.wmt25.hits, "total": terms.wmt25.total, "rate": terms.wmt25.rate},
        "missed": [
            {"line": m.line, "zh": m.entry.zh, "expected": m.entry.en, "admitted": list(m.entry.admitted)}
            for m in terms.missed
        ],
    }


def _significance(evaluation: Evaluation) -> dict[str, object] | None:
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
