"""--fix never changes text outside a finding, and a second pass finds nothing more to fix.

The properties are stated without rebuilding the fixed text the way apply_fixes does."""
import re
from dataclasses import replace

from conftest import lint_text
from hypothesis import given, settings
from hypothesis import strategies as st

from termcheck.documents.loading import document_from_bytes, document_from_text
from termcheck.engine import fix_document
from termcheck.findings import Finding, Severity
from termcheck.fixes import FixResult, apply_fixes

PIECES = [
    "two maintenances", "battle-fort", "Battleforts", "the the", "2、", "，", "。", "“", "”", " ", "\n", "\n\n",
    "overall national security\nconcept", "ministry of state security", "we", "must", "uphold", "(", ")",
    "instructions and instructions", "Ye Zhiqiu's", "总体", "sense of gain", "sense of fulfillment", ".", "、",
    "——", "（一）", "x",
]


def merged_spans(findings: list[Finding]) -> list[tuple[int, int]]:
    """The findings' spans, with overlapping ones joined: what --fix may change, and nothing else."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted((f.start, f.end) for f in findings):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def gaps(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """The text before, between and after the spans."""
    bounds = [0, *(b for span in spans for b in span), len(text)]
    return [text[bounds[i]:bounds[i + 1]] for i in range(0, len(bounds), 2)]


def appear_in_order(pieces: list[str], text: str) -> bool:
    at = 0
    for piece in pieces:
        at = text.find(piece, at)
        if at == -1:
            return False
        at += len(piece)
    return True


def overlapping(findings: list[Finding]) -> bool:
    return any(a.start < b.end and b.start < a.end for i, a in enumerate(findings) for b in findings[i + 1:])


@settings(max_examples=250, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_fix_changes_only_inside_findings(small_linter, pieces):
    text = "".join(pieces)
    findings = lint_text(small_linter, text)
    fixable = [f for f in findings if f.fixable]
    result = apply_fixes(text, findings)

    # Outside the fixable findings nothing changes: the first gap starts the result, the last ends it,
    # and every gap between is there, in order.
    outside = gaps(text, merged_spans(fixable))
    assert result.text.startswith(outside[0]) and result.text.endswith(outside[-1])
    assert appear_in_order(outside, result.text)
    assert 0 <= result.applied <= len(fixable)
    assert (result.applied == 0) == (not fixable)
    if not overlapping(fixable):  # every fix applies, and each one's suggestion is in the result
        assert result.applied == len(fixable)
        assert (result.text == text) == all(f.text == f.suggestion for f in fixable)
        assert all(f.suggestion in result.text for f in fixable)
        assert len(result.text) == len(text) + sum(len(f.suggestion) - (f.end - f.start) for f in fixable)
    # With the same findings not fixable, nothing changes.
    unfixable = [replace(f, fixable=False) for f in findings]
    assert apply_fixes(text, unfixable) == FixResult(text, 0)


@st.composite
def text_and_findings(draw):
    """A text and findings on it made by hand: overlapping, nested, touching, unfixable or stale, each
    suggesting a marker ("<3>") that the text never holds, so the result shows which fixes were applied.
    Spans are never empty: no check makes an empty fixable finding."""
    text = draw(st.text(alphabet="ab .\n", min_size=1, max_size=30))
    findings = []
    for number in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        stale = draw(st.integers(0, 3)) == 0  # the file no longer says what was found
        findings.append(Finding("doc.txt", "TC101", "deprecated", Severity.ERROR, start, end,
                                "stale" if stale else text[start:end], "m", suggestion=f"<{number}>",
                                fixable=draw(st.integers(0, 3)) > 0))
    return text, findings


@settings(max_examples=500, deadline=None)
@given(text_and_findings())
def test_fixes_applied_are_fresh_disjoint_greedy_and_undoable(case):
    text, findings = case
    result = apply_fixes(text, findings)
    markers = list(re.finditer(r"<(\d+)>", result.text))
    numbers = [int(m.group(1)) for m in markers]
    applied = [findings[n] for n in numbers]
    assert result.applied == len(numbers) == len(set(numbers))
    assert all(f.fixable for f in applied)
    assert all(f.text == text[f.start:f.end] for f in applied)  # a stale finding is never applied
    assert not overlapping(applied)
    # Each suggestion stands where its finding started, once the earlier fixes' change in length is
    # allowed for; and putting back the text each fix replaced gives the original.
    shift = 0
    for marker, f in zip(markers, applied, strict=True):
        assert marker.start() - shift == f.start
        shift += len(marker.group()) - (f.end - f.start)
    assert re.sub(r"<(\d+)>", lambda m: findings[int(m.group(1))].text, result.text) == text
    # Overlapping fixes after the first are skipped, and only those: a fresh fix is left out only for
    # an applied one that overlaps it and starts no later.
    for number, f in enumerate(findings):
        if f.fixable and f.text == text[f.start:f.end] and number not in numbers:
            assert any(a.start < f.end and f.start < a.end and (a.start, a.end) <= (f.start, f.end)
                       for a in applied), f


@settings(max_examples=250, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.booleans())
def test_fix_is_idempotent(small_linter, pieces, markdown):
    path = "doc.md" if markdown else "doc.txt"
    document = document_from_bytes(path, "".join(pieces).encode())
    fixed = fix_document(small_linter, document, small_linter.lint([document]))
    again = document_from_text(document, fixed.text)
    assert not [f for f in small_linter.lint([again]) if f.fixable]  # a second --fix changes nothing


def test_fix_skips_stale_or_overlapping_findings(small_linter):
    text = "the the two maintenances"
    findings = lint_text(small_linter, text)
    findings[0].text = "changed"  # the file no longer says what was found: skip it
    result = apply_fixes(text, findings)
    assert result.text == "the the Two Upholds" and result.applied == 1
