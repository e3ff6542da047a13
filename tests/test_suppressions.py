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


PLAIN = """We must achieve the two maintenances.
# termcheck: disable-next-line TC101
The battlefort and the the work.
The battlefort stands.
// termcheck-disable-next-line
The battlefort and the the work.
A line saying termcheck: disable-next-line is prose, not a marker.
The battlefort again.
"""


def test_inline_suppression_in_plain_text_is_a_marker_line(small_linter):
    findings = lint_text(small_linter, PLAIN, path="doc.txt")
    assert [(f.line, f.rule) for f in findings] == [(1, "TC101"), (3, "TC205"), (4, "TC101"), (8, "TC101")]


PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

# termcheck: disable TC101
msgid "战斗堡垒"
msgstr "the battlefort and the the work"

#. termcheck: disable
msgid "战斗堡垒"
msgstr "the battlefort"

msgid "战斗堡垒"
msgstr "the battlefort"
"""

XLIFF2 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh" trgLang="en"><file id="f">
 <unit id="u1"><notes><note>termcheck: disable</note></notes>
  <segment><source>战斗堡垒</source><target>the battlefort</target></segment></unit>
 <unit id="u2"><segment><source>战斗堡垒</source><target>the battlefort</target></segment></unit>
</file></xliff>"""


def test_a_po_translator_comment_or_an_xliff_note_disables_rules_for_its_entry(small_linter):
    from termcheck.documents.po import read_po
    from termcheck.documents.xliff import read_xliff

    po = read_po("m.po", PO.encode())
    found = [(f.segment, f.rule) for f in small_linter.lint([po]) if f.rule in ("TC101", "TC205")]
    # Only the translator's own comment counts: "#." comments are extracted from the program (and written
    # by termcheck lint --annotate), not an editor's decision.
    assert found == [("5", "TC205"), ("9", "TC101"), ("13", "TC101")]
    xliff = read_xliff("t.xlf", XLIFF2.encode())
    assert [(f.segment, f.rule) for f in small_linter.lint([xliff]) if f.rule == "TC101"] == [("u2", "TC101")]
