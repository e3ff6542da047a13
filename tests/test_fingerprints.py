from conftest import lint_text
from hypothesis import given, settings
from hypothesis import strategies as st

from termcheck.fingerprints import fingerprints

DOC = "We must achieve the two maintenances.\nThe battlefort stands.\nWe must achieve the two maintenances."


def prints(linter, text):
    findings = lint_text(linter, text)
    return findings, fingerprints(findings, {"doc.txt": text})


def test_identical_findings_in_identical_context_get_different_fingerprints(small_linter):
    findings, fps = prints(small_linter, DOC)
    assert len(fps) == len(set(fps)) == len(findings) == 3


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="abc \n.", max_size=40))
def test_fingerprints_survive_edits_elsewhere(small_linter, prefix):
    _, before = prints(small_linter, DOC)
    _, after = prints(small_linter, prefix + "\n\nAn unrelated new paragraph.\n\n" + DOC)
    assert after[-3:] == before


def test_editing_the_found_text_or_its_neighbours_changes_the_fingerprint(small_linter):
    _, original = prints(small_linter, DOC)
    _, edited = prints(small_linter, DOC.replace("The battlefort stands", "The battlefort fell"))
    assert edited[2] == original[2] and edited[1] != original[1]
