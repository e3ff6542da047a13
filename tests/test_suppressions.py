from conftest import lint_text

from termcheck.documents.suppressions import parse_suppressions

DOC = """We must achieve the two maintenances.
<!-- termcheck-disable TC101 -->
The battlefort and the the work.
<!-- termcheck-enable -->
Another battlefort.
<!-- termcheck-disable-next-line -->
The battlefort and the the work.
The battlefort stands.
<!-- termcheck-disable TC205, TC1 -->
the the end and the battlefort.
"""


def test_inline_suppression_in_markdown(small_linter):
    findings = lint_text(small_linter, DOC, path="doc.md")
    assert [(f.line, f.rule, f.text) for f in findings] == [
        (1, "TC101", "two maintenances"),
        (3, "TC205", "the the"),
        (5, "TC101", "battlefort"),
        (8, "TC101", "battlefort"),
    ]


def test_plain_text_has_no_inline_suppression(small_linter):
    findings = lint_text(small_linter, DOC, path="doc.txt")
    assert len([f for f in findings if f.rule == "TC101"]) == 6


def test_parse_suppressions_ranges():
    text = "a <!-- termcheck-disable --> b <!-- termcheck-enable TC1 --> c"
    (s,) = parse_suppressions(text)
    assert s.rules is None and text[s.start:].startswith(" b") and s.end == len(text)
