"""What a scoring run produces: plain data, free of sacrebleu, for the formatters to render."""
from __future__ import annotations

from dataclasses import dataclass, field

from termcheck.glossary.model import Entry

BOOTSTRAP_SAMPLES = 1000  # sacrebleu's default for --paired-bs
BOOTSTRAP_SEED = 12345  # sacrebleu's default seed: the same p-values as `sacrebleu --paired-bs`


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
    wmt25: Wmt25Terms | None = None  # the same terms counted as the WMT25 terminology track's scorer counts

    @property
    def rate(self) -> float | None:
        return self.hits / self.total if self.total else None


@dataclass
class Wmt25Terms:
    """Term success as the WMT25 terminology track's official scorer defines it: lower-cased substring
    matches; a (segment, term) pair counts only where a reference contains one of the term's renderings,
    and once per segment however often the term recurs."""

    hits: int = 0
    total: int = 0

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
    metrics: list[str]  # the metrics computed, as --metrics names them: bleu, chrf, ter, terms
    signatures: dict[str, str]  # keyed by the score's name, in the order the scores are shown
    systems: list[SystemResult]
    test_signatures: dict[str, str] = field(default_factory=dict)  # empty unless a significance test ran

    @property
    def scores_terms(self) -> bool:
        return "terms" in self.metrics
