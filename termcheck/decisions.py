"""The decisions file: an editor's verdict on each finding, kept beside the documents.

Format (docs/decisions.md): one JSON object, `{"version": 1, "decisions": [...]}`, each decision naming
the document (path relative to the decisions file), the finding's fingerprint, and what the editor
decided: "accepted" (apply the suggestion), "rejected" (a false alarm: never report it again) or
"edited" (apply her own `replacement`). The rule, concept, text and context are stored too, so a person
can read the file and a stale decision can be explained.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from termcheck.errors import TermcheckError
from termcheck.findings import Finding
from termcheck.fingerprints import context, fingerprints
from termcheck.jsonfiles import json_text, parse_json
from termcheck.paths import relative_posix

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
    occurrence: int | None = None  # among the document's findings of the same rule, concept and text


@dataclass
class Outcome:
    """What applying decisions to a run's findings gave. `decided` maps the index of each finding (in
    the list given to `apply`) that a decision matched to that decision."""

    findings: list[Finding]
    suppressed: list[Finding]
    stale: list[Decision]
    decided: dict[int, Decision] = field(default_factory=dict)


class DecisionsFile:
    def __init__(self, path: str, decisions: list[Decision] | None = None) -> None:
        self.path = path
        self.decisions = decisions or []

    @property
    def base(self) -> Path:
        return Path(self.path).resolve().parent

    @classmethod
    def load(cls, path: str) -> DecisionsFile:
        try:
            raw = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls(path)
        except (OSError, UnicodeDecodeError) as exc:
            raise TermcheckError(f"{path}: cannot read decisions: {exc}") from None
        data = parse_json(path, raw)
        if not isinstance(data, dict) or data.get("version") != 1 or not isinstance(data.get("decisions"), list):
            raise TermcheckError(f"{path}: not a termcheck decisions file (expected version 1 and a decisions list)")
        return cls(path, [_decision(path, i, d) for i, d in enumerate(data["decisions"])])

    def as_dicts(self) -> list[dict[str, object]]:
        return [as_dict(d) for d in self.decisions]

    def save(self) -> None:
        from termcheck.fixes import write_new_atomically

        payload = {"version": 1, "decisions": self.as_dicts()}
        write_new_atomically(self.path, (json_text(payload) + "\n").encode("utf-8"))

    def relative(self, document_path: str) -> str:
        return relative_posix(document_path, self.base)

    def record(self, finding: Finding, text: str, fingerprint: str, verdict: str, replacement: str | None = None,
               occurrence: int | None = None, note: str = "") -> None:
        """Add or replace the decision on one finding."""
        decision = decision_on(finding, text, fingerprint, verdict, self.relative(finding.path), replacement,
                               occurrence, note)
        self.decisions = [d for d in self.decisions if (d.path, d.fingerprint) != (decision.path, fingerprint)]
        self.decisions.append(decision)

    def forget(self, applied: list[Decision]) -> None:
        """Drop decisions whose change has been written: their text is gone, and they are done."""
        done = {id(d) for d in applied}
        self.decisions = [d for d in self.decisions if id(d) not in done]

    def changes(self, findings: list[Finding], texts: dict[str, str]) -> tuple[list[Finding], list[Decision]]:
        """The findings to fix with the editor's decisions taken into account: rejected ones left out,
        accepted ones applied even where lint would not apply them alone, edited ones with her wording.
        Also the decisions that those changes carry out."""
        outcome = self.apply(findings, texts, [])
        out, applied = [], []
        for index, finding in enumerate(findings):
            decision = outcome.decided.get(index)
            if decision is None:
                out.append(finding)
            elif decision.decision == "accepted" and finding.suggestion is not None:
                out.append(replace(finding, fixable=True))
                applied.append(decision)
            elif decision.decision == "edited" and decision.replacement is not None:
                out.append(replace(finding, suggestion=decision.replacement, fixable=True))
                applied.append(decision)
        return out, applied

    def apply(self, findings: list[Finding], texts: dict[str, str], linted_paths: list[str]) -> Outcome:
        """Suppress rejected findings; report decisions on linted documents that match no finding as stale.

        A decision is about a finding's own text, not its surroundings: it matches the finding with its
        fingerprint, or else a finding of the same rule, concept and text in the same document, the one
        whose occurrence index and neighbouring words agree best with the decision's. So a decision
        survives edits next to its text, termcheck's own --fix of a neighbouring finding included, and is
        stale only when no finding with its text is left.
        """
        prints = fingerprints(findings, texts)
        matched = _match(self.decisions, findings, prints, texts, self.relative)
        kept: list[Finding] = []
        suppressed: list[Finding] = []
        for index, finding in enumerate(findings):
            decision = matched.get(index)
            (suppressed if decision is not None and decision.decision == "rejected" else kept).append(finding)
        linted = {self.relative(p) for p in linted_paths}
        used = {id(d) for d in matched.values()}
        stale = [d for d in self.decisions if d.path in linted and id(d) not in used]
        return Outcome(kept, suppressed, stale, matched)


def decision_on(finding: Finding, text: str, fingerprint: str, verdict: str, path: str,
                replacement: str | None = None, occurrence: int | None = None, note: str = "") -> Decision:
    """The decision on one finding of `text`; `path` names its document as the decisions file does."""
    return Decision(
        path=path, fingerprint=fingerprint, decision=verdict,
        rule=finding.rule, concept=finding.concept.zh if finding.concept else "",
        text=finding.text, context=list(context(finding, text)), replacement=replacement,
        occurrence=occurrence, note=note,
    )


def as_dict(decision: Decision) -> dict[str, object]:
    """A decision as the file stores it: the documented key order, empty fields left out."""
    # Not dataclasses.asdict, whose deep copy made the HTML report's thousands of records slow.
    data = {f.name: getattr(decision, f.name) for f in fields(decision)}
    data["context"] = list(decision.context)
    return _clean(data)


def identity(finding: Finding) -> tuple[str, str, str]:
    """What a decision is about, whatever surrounds it: the rule, the concept and the found text."""
    concept = finding.concept.zh if finding.concept else ""
    return finding.rule, concept, " ".join(finding.text.split()).casefold()


def occurrences(findings: list[Finding]) -> list[int]:
    """Each finding's index among the findings of its document with the same identity, in text order."""
    counts: dict[tuple[str, tuple[str, str, str]], int] = {}
    out = []
    for finding in findings:
        key = (finding.path, identity(finding))
        out.append(counts.get(key, 0))
        counts[key] = out[-1] + 1
    return out


def _match(decisions: list[Decision], findings: list[Finding], prints: list[str], texts: dict[str, str],
           relative: Callable[[str], str]) -> dict[int, Decision]:
    by_print = {(d.path, d.fingerprint): d for d in decisions}
    matched: dict[int, Decision] = {}
    paths = [relative(f.path) for f in findings]
    for index, (path, fingerprint) in enumerate(zip(paths, prints, strict=True)):
        decision = by_print.get((path, fingerprint))
        if decision is not None:
            matched[index] = decision
    used = {id(d) for d in matched.values()}
    open_findings: dict[tuple[str, str, str, str], list[int]] = {}
    order = occurrences(findings)
    for index, finding in enumerate(findings):
        if index not in matched:
            open_findings.setdefault((paths[index], *identity(finding)), []).append(index)
    for decision in decisions:
        if id(decision) in used:
            continue
        key = (decision.path, decision.rule, decision.concept, " ".join(decision.text.split()).casefold())
        candidates = open_findings.get(key)
        if not candidates:
            continue
        best = max(candidates, key=lambda i: _agreement(decision, findings[i], order[i], texts))
        candidates.remove(best)
        matched[best] = decision
        used.add(id(decision))
    return matched


def _agreement(decision: Decision, finding: Finding, occurrence: int, texts: dict[str, str]) -> tuple[int, int]:
    """How well a finding fits a decision whose fingerprint it lacks: neighbouring words that agree and
    the same occurrence index first, then the nearest occurrence."""
    before, after = context(finding, texts.get(finding.path, ""))
    said = [*decision.context, "", ""]
    score = _shared_words(said[0], before, last=True) + _shared_words(said[1], after, last=False)
    if decision.occurrence is not None and decision.occurrence == occurrence:
        score += 2
    distance = abs((decision.occurrence or 0) - occurrence)
    return score, -distance


def _shared_words(said: str, now: str, last: bool) -> int:
    """Words next to the finding that are unchanged (counted from the finding outwards)."""
    a, b = said.split(), now.split()
    if last:
        a, b = a[::-1], b[::-1]
    count = 0
    for x, y in zip(a, b, strict=False):  # the words the two contexts share, up to the shorter
        if x != y:
            break
        count += 1
    return count


def _decision(path: str, index: int, raw: object) -> Decision:
    if not isinstance(raw, dict):
        raise TermcheckError(f"{path}: decision {index + 1} is not an object")
    missing = [k for k in ("path", "fingerprint", "decision") if not isinstance(raw.get(k), str)]
    if missing:
        raise TermcheckError(f"{path}: decision {index + 1} lacks {', '.join(missing)}")
    if "occurrence" in raw and not (isinstance(raw["occurrence"], int) and not isinstance(raw["occurrence"], bool)):
        raise TermcheckError(f"{path}: decision {index + 1}: occurrence must be a whole number")
    if raw["decision"] not in VERDICTS:
        raise TermcheckError(f"{path}: decision {index + 1}: decision must be one of {', '.join(VERDICTS)}")
    known = {f for f in Decision.__dataclass_fields__}
    return Decision(**{k: v for k, v in raw.items() if k in known})


def _clean(data: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in data.items() if v not in (None, "", [])}
