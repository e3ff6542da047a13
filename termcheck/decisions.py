"""The decisions file: an editor's verdict on each finding, kept beside the documents.

Format (docs/decisions.md): one JSON object, `{"version": 1, "decisions": [...]}`, each decision naming
the document (path relative to the decisions file), the finding's fingerprint, and what the editor
decided: "accepted" (apply the suggestion), "rejected" (a false alarm: never report it again) or
"edited" (apply her own `replacement`). The rule, concept, text and context are stored too, so a person
can read the file and a stale decision can be explained.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from termcheck.errors import TermcheckError
from termcheck.findings import Finding
from termcheck.fingerprints import context, fingerprints

DEFAULT_NAME = "termcheck-decisions.json"
VERDICTS = ("accepted", "rejected", "edited")


@dataclass
class Decision:
    path: str
    fingerprint: str
    decision: str
    rule: str = ""
    concept: str = ""
    text: str = ""
    context: list[str] = field(default_factory=list)
    replacement: str | None = None
    note: str = ""


@dataclass
class Outcome:
    """What applying decisions to a run's findings gave."""

    findings: list[Finding]
    suppressed: list[Finding]
    stale: list[Decision]


class DecisionsFile:
    def __init__(self, path: str, decisions: list[Decision] | None = None) -> None:
        self.path = path
        self.decisions = decisions or []

    @property
    def base(self) -> Path:
        return Path(self.path).resolve().parent

    @classmethod
    def load(cls, path: str) -> "DecisionsFile":
        try:
            raw = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls(path)
        except (OSError, UnicodeDecodeError) as exc:
            raise TermcheckError(f"{path}: cannot read decisions: {exc}") from None
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise TermcheckError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
        if not isinstance(data, dict) or data.get("version") != 1 or not isinstance(data.get("decisions"), list):
            raise TermcheckError(f"{path}: not a termcheck decisions file (expected version 1 and a decisions list)")
        return cls(path, [_decision(path, i, d) for i, d in enumerate(data["decisions"])])

    def as_dicts(self) -> list[dict]:
        return [_clean(asdict(d)) for d in self.decisions]

    def save(self) -> None:
        from termcheck.fixes import write_new_atomically

        payload = {"version": 1, "decisions": self.as_dicts()}
        write_new_atomically(self.path, (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))

    def relative(self, document_path: str) -> str:
        try:
            return Path(os.path.relpath(Path(document_path).resolve(), self.base)).as_posix()
        except ValueError:  # another drive on Windows
            return Path(document_path).resolve().as_posix()

    def record(self, finding: Finding, text: str, fingerprint: str, verdict: str, replacement: str | None = None) -> None:
        """Add or replace the decision on one finding."""
        decision = Decision(
            path=self.relative(finding.path), fingerprint=fingerprint, decision=verdict,
            rule=finding.rule, concept=finding.concept.zh if finding.concept else "",
            text=finding.text, context=list(context(finding, text)), replacement=replacement,
        )
        self.decisions = [d for d in self.decisions if (d.path, d.fingerprint) != (decision.path, fingerprint)]
        self.decisions.append(decision)

    def apply(self, findings: list[Finding], texts: dict[str, str], linted_paths: list[str]) -> Outcome:
        """Suppress rejected findings; report decisions on linted documents that match no finding as stale."""
        prints = fingerprints(findings, texts)
        by_key = {(d.path, d.fingerprint): d for d in self.decisions}
        kept, suppressed, used = [], [], set()
        for finding, fp in zip(findings, prints):
            key = (self.relative(finding.path), fp)
            decision = by_key.get(key)
            if decision is not None:
                used.add(key)
            if decision is not None and decision.decision == "rejected":
                suppressed.append(finding)
            else:
                kept.append(finding)
        linted = {self.relative(p) for p in linted_paths}
        stale = [d for d in self.decisions if d.path in linted and (d.path, d.fingerprint) not in used]
        return Outcome(kept, suppressed, stale)


def _decision(path: str, index: int, raw: object) -> Decision:
    if not isinstance(raw, dict):
        raise TermcheckError(f"{path}: decision {index + 1} is not an object")
    missing = [k for k in ("path", "fingerprint", "decision") if not isinstance(raw.get(k), str)]
    if missing:
        raise TermcheckError(f"{path}: decision {index + 1} lacks {', '.join(missing)}")
    if raw["decision"] not in VERDICTS:
        raise TermcheckError(f"{path}: decision {index + 1}: decision must be one of {', '.join(VERDICTS)}")
    known = {f for f in Decision.__dataclass_fields__}
    return Decision(**{k: v for k, v in raw.items() if k in known})


def _clean(data: dict) -> dict:
    return {k: v for k, v in data.items() if v not in (None, "", [])}
