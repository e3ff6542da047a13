"""Baselines: adopt termcheck on an existing archive without fixing everything on day one.

`--write-baseline FILE` records the fingerprints of today's findings; `--baseline FILE` then reports (and
fails on) only findings that are not in it. Fingerprints carry no line numbers (termcheck.fingerprints),
so moving text around does not turn old findings into new ones.
"""
from __future__ import annotations

from pathlib import Path

from termcheck.errors import TermcheckError
from termcheck.findings import Finding
from termcheck.fingerprints import fingerprints
from termcheck.fixes import write_new_atomically
from termcheck.jsonfiles import json_text, parse_json
from termcheck.paths import relative_posix


def write_baseline(path: str, findings: list[Finding], texts: dict[str, str]) -> int:
    base = Path(path).resolve().parent
    entries = [
        {"path": relative_posix(f.path, base), "fingerprint": fp, "rule": f.rule, "text": f.text}
        for f, fp in zip(findings, fingerprints(findings, texts), strict=True)
    ]
    payload = {"version": 1, "tool": "termcheck", "findings": entries}
    write_new_atomically(path, (json_text(payload, indent=1) + "\n").encode("utf-8"))
    return len(entries)


def new_findings(path: str, findings: list[Finding], texts: dict[str, str]) -> tuple[list[Finding], int]:
    """The findings that are not in the baseline, and how many were."""
    known = _load(path)
    base = Path(path).resolve().parent
    fresh = []
    for finding, fp in zip(findings, fingerprints(findings, texts), strict=True):
        if (relative_posix(finding.path, base), fp) not in known:
            fresh.append(finding)
    return fresh, len(findings) - len(fresh)


def _load(path: str) -> set[tuple[str, str]]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TermcheckError(f"{path}: no such baseline; create it with --write-baseline") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise TermcheckError(f"{path}: cannot read baseline: {exc}") from None
    data = parse_json(path, text)
    if not isinstance(data, dict) or data.get("version") != 1 or not isinstance(data.get("findings"), list):
        raise TermcheckError(f"{path}: not a termcheck baseline (expected version 1 and a findings list)")
    try:
        return {(item["path"], item["fingerprint"]) for item in data["findings"]}
    except (TypeError, KeyError):
        raise TermcheckError(f"{path}: a baseline entry lacks its path or fingerprint") from None


