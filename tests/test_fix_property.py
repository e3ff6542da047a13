"""--fix never changes text outside a finding, and a second pass finds nothing more to fix."""
from conftest import lint_text
from hypothesis import given, settings
from hypothesis import strategies as st

from termcheck.documents.loading import document_from_bytes, document_from_text
from termcheck.engine import fix_document
from termcheck.fixes import apply_fixes

PIECES = [
    "two maintenances", "battle-fort", "Battleforts", "the the", "2、", "，", "。", "“", "”", " ", "\n", "\n\n",
    "overall national security\nconcept", "ministry of state security", "we", "must", "uphold", "(", ")",
    "instructions and instructions", "Ye Zhiqiu's", "总体", "sense of gain", "sense of fulfillment", ".", "、",
    "——", "（一）", "x",
]


@settings(max_examples=250, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_fix_changes_only_inside_findings_and_is_idempotent(small_linter, pieces):
    text = "".join(pieces)
    findings = lint_text(small_linter, text)
    result = apply_fixes(text, findings)
    fixable = sorted((f for f in findings if f.fixable), key=lambda f: f.start)
    # Rebuild the outside of the findings from the fixed text: everything between fixes is unchanged.
    pos_old = 0
    rebuilt = []
    for f in fixable:
        if f.start < pos_old:
            continue
        rebuilt.append(text[pos_old:f.start])
        rebuilt.append(f.suggestion)
        pos_old = f.end
    rebuilt.append(text[pos_old:])
    assert result.text == "".join(rebuilt)



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
