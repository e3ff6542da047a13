"""Fingerprints: a finding's identity that survives edits elsewhere in the file.

A fingerprint hashes the rule, the concept, the found text and up to three words on either side of it
on the same line, all with case and white space folded, plus an ordinal that tells apart identical findings in identical
surroundings. Line numbers and offsets are left out, so a finding keeps its fingerprint when text is
added or removed above it; editing the found text or its neighbouring words gives a new one.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter

from termcheck.findings import Finding

CONTEXT_WORDS = 3
CONTEXT_CHARS = 200
_WORD = re.compile(r"\w+")


def fingerprints(findings: list[Finding], texts: dict[str, str]) -> list[str]:
    """One fingerprint per finding, in order; `texts` maps each path to the text its offsets index.

    A finding that already carries its fingerprint keeps it: the ordinal that tells identical findings
    apart must be counted over all of a run's findings, before decisions or a baseline remove any.
    """
    seen: Counter[str] = Counter()
    out = []
    for finding in findings:
        key = _key(finding, texts.get(finding.path, ""))
        out.append(finding.fingerprint or _digest(f"{key}\x1f{seen[key]}"))
        seen[key] += 1
    return out


def assign_fingerprints(findings: list[Finding], texts: dict[str, str]) -> None:
    for finding, fingerprint in zip(findings, fingerprints(findings, texts), strict=True):
        finding.fingerprint = fingerprint


def context(finding: Finding, text: str) -> tuple[str, str]:
    """Up to CONTEXT_WORDS words before and after the finding on its own line(s), case and spacing
    folded. Staying within the line keeps the fingerprint when whole lines move or are reordered."""
    # Searches are bounded to a window: a 50 MB file with no line break must not make this quadratic.
    window_start = max(0, finding.start - CONTEXT_CHARS)
    line_start = text.rfind("\n", window_start, finding.start) + 1 or window_start
    line_end = text.find("\n", finding.end, finding.end + CONTEXT_CHARS)
    line_end = min(len(text), finding.end + CONTEXT_CHARS) if line_end == -1 else line_end
    before = _WORD.findall(text[max(line_start, window_start):finding.start])[-CONTEXT_WORDS:]
    after = _WORD.findall(text[finding.end:line_end])[:CONTEXT_WORDS]
    return " ".join(before).casefold(), " ".join(after).casefold()


def _key(finding: Finding, text: str) -> str:
    before, after = context(finding, text)
    concept = finding.concept.zh if finding.concept else ""
    found = " ".join(finding.text.split()).casefold()
    return "\x1f".join((finding.rule, concept, found, before, after))


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
