"""DOCX documents (issue 13): paragraphs, table cells, text boxes, notes, headers and footers as segments,
each finding placed by its segment and its column in the paragraph; hostile files refused in one line.

The documents are built here with python-docx; what python-docx cannot write (footnotes, a tracked
deletion, a hidden run, a text box) is added as WordprocessingML.
"""
from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import SMALL_GLOSSARY, SMALL_NAMES
from docx.oxml import parse_xml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from termcheck.documents import collect_paths
from termcheck.documents.docx_file import paragraph_text
from termcheck.documents.loading import document_from_bytes, read_document
from termcheck.documents.zip_safety import MAX_MEMBERS
from termcheck.errors import InputError

SMALL = ["--no-default-glossary", "--glossary", str(SMALL_GLOSSARY), "--names", str(SMALL_NAMES)]
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSDECL = f'xmlns:w="{W_NS}"'
FOOTNOTES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes {NSDECL}>
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>
<w:r><w:t xml:space="preserve"> See the two maintenances.</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""
FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def saved(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def with_footnotes(data: bytes) -> bytes:
    """The package with a footnotes part, as Word writes one (python-docx cannot add it)."""
    members = _members(data)
    members["word/footnotes.xml"] = FOOTNOTES.encode()
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"</Types>", f'<Override PartName="/word/footnotes.xml" ContentType="{FOOTNOTES_TYPE}"/></Types>'.encode())
    members["word/_rels/document.xml.rels"] = members["word/_rels/document.xml.rels"].replace(
        b"</Relationships>",
        f'<Relationship Id="rIdFootnotes" Type="{FOOTNOTES_REL}" Target="footnotes.xml"/></Relationships>'.encode())
    return _zip(members)


def report_docx() -> bytes:
    """A small report: a heading, a phrase split over runs, a table, a nested table, a text box, a
    tracked deletion, a hidden run, a footnote, a header and a footer."""
    document = docx.Document()
    document.add_heading("Study the two maintenances", level=1)
    paragraph = document.add_paragraph("We must achieve the ")
    paragraph.add_run("two ").bold = True
    paragraph.add_run("maintenances")
    paragraph.add_run(" and serve as battle-forts.")
    paragraph._p.append(parse_xml(
        f'<w:del {NSDECL} w:id="9" w:author="x"><w:r><w:delText>the two maintenances</w:delText></w:r></w:del>'))
    paragraph._p.append(parse_xml(f'<w:r {NSDECL}><w:rPr><w:vanish/></w:rPr><w:t>two maintenances</w:t></w:r>'))
    paragraph._p.append(parse_xml(f'<w:r {NSDECL}><w:footnoteReference w:id="1"/></w:r>'))
    document.add_paragraph("")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Term"
    table.cell(0, 1).text = "Meaning"
    table.cell(1, 0).text = "Two Upholds"
    cell = table.cell(1, 1)
    cell.text = "Usually rendered as"
    cell.add_paragraph("the\ttwo maintenances")
    inner = cell.add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "the overall national security concept"
    boxed = document.add_paragraph("A box: ")
    boxed._p.append(parse_xml(
        f'<w:r {NSDECL}><w:pict><w:txbxContent><w:p><w:r><w:t>Ye Zhiqiu in a box</w:t></w:r></w:p>'
        '</w:txbxContent></w:pict></w:r>'))
    document.add_paragraph("Last line with two maintenances.")
    document.sections[0].header.paragraphs[0].text = "Header: the two maintenances"
    document.sections[0].footer.paragraphs[0].text = "Page footer"
    return with_footnotes(saved(document))


EXPECTED_SEGMENTS = [
    ("paragraph 1", "Study the two maintenances"),
    ("paragraph 2", "We must achieve the two maintenances and serve as battle-forts."),
    ("table 1 row 1 cell 1", "Term"),
    ("table 1 row 1 cell 2", "Meaning"),
    ("table 1 row 2 cell 1", "Two Upholds"),
    ("table 1 row 2 cell 2 paragraph 1", "Usually rendered as"),
    ("table 1 row 2 cell 2 paragraph 2", "the\ttwo maintenances"),
    ("table 1 row 2 cell 2 table 1 row 1 cell 1", "the overall national security concept"),
    ("paragraph 4", "A box: "),
    ("paragraph 4 text box 1", "Ye Zhiqiu in a box"),
    ("paragraph 5", "Last line with two maintenances."),
    ("footnote 1", " See the two maintenances."),
    ("header", "Header: the two maintenances"),
    ("footer", "Page footer"),
]


@pytest.fixture(scope="module")
def report_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("docx") / "report.docx"
    path.write_bytes(report_docx())
    return path


def test_every_part_of_the_document_is_a_segment_named_where_it_is(report_path):
    document = read_document(str(report_path))
    assert [(s.id, s.target) for s in document.segments] == EXPECTED_SEGMENTS
    assert document.virtual and document.digest
    assert document.segments[0].context.startswith("Heading")
    # A segment's line is the paragraph's number in reading order, empty paragraphs counted.
    lines = [s.line for s in document.segments]
    assert lines == sorted(lines) and len(set(lines)) == len(lines)
    for segment in document.segments:
        assert document.text[segment.start:segment.start + len(segment.target)] == segment.target


def test_findings_name_their_paragraph_or_cell_and_column(small_linter, report_path):
    document = read_document(str(report_path))
    findings = [f for f in small_linter.lint([document]) if f.rule == "TC101"]
    placed = [(f.segment, f.column, f.text) for f in findings]
    assert placed == [
        ("paragraph 1", 11, "two maintenances"),
        ("paragraph 2", 21, "two maintenances"),
        ("paragraph 2", 51, "battle-forts"),
        ("table 1 row 2 cell 2 paragraph 2", 5, "two maintenances"),
        ("table 1 row 2 cell 2 table 1 row 1 cell 1", 5, "overall national security concept"),
        ("paragraph 4 text box 1", 1, "Ye Zhiqiu"),
        ("paragraph 5", 16, "two maintenances"),
        ("footnote 1", 10, "two maintenances"),
        ("header", 13, "two maintenances"),
    ]
    segments = {s.id: s for s in document.segments}
    for f in findings:
        assert f.fixable == (f.suggestion is not None)  # --fix writes a DOCX back (tests/test_docx_fix.py)
        assert segments[f.segment].target[f.column - 1:f.end_column - 1] == f.text
        assert f.line == segments[f.segment].line


def test_lint_docx_end_to_end_reports_the_phrase_where_it_is(report_path):
    result = subprocess.run([sys.executable, "-m", "termcheck", "lint", *SMALL, str(report_path)],
                            check=False, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    line = next(s for s in read_document(str(report_path)).segments if s.id == "table 1 row 2 cell 2 paragraph 2").line
    assert (f"{report_path}:{line}:5: [segment table 1 row 2 cell 2 paragraph 2] TC101 error “two maintenances”"
            in result.stdout)
    assert "Traceback" not in result.stderr
    as_json = subprocess.run([sys.executable, "-m", "termcheck", "lint", *SMALL, "-f", "json", str(report_path)],
                             check=False, capture_output=True, text=True, timeout=120)
    found = json.loads(as_json.stdout)["findings"]
    assert {"segment": "footnote 1", "column": 10, "text": "two maintenances"} in [
        {k: f[k] for k in ("segment", "column", "text")} for f in found]


def test_fix_rewrites_a_docx_where_the_words_are(tmp_path, report_path):
    path = tmp_path / "report.docx"
    path.write_bytes(report_path.read_bytes())
    result = subprocess.run([sys.executable, "-m", "termcheck", "lint", *SMALL, "--fix", str(path)],
                            check=False, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in result.stderr and "fixed 8 in 1 file" in result.stderr, result.stderr
    fixed = {s.id: s.target for s in read_document(str(path)).segments}
    assert fixed["paragraph 2"] == "We must achieve the Two Upholds and serve as fighting bastions."
    assert fixed["footnote 1"] == " See the Two Upholds."
    assert fixed["header"] == "Header: the Two Upholds"
    assert fixed["paragraph 4 text box 1"] == "Ye Zhiqiu in a box"  # an idiom: never replaced unasked


def test_a_bilingual_two_column_table_gives_source_and_target_segments(small_linter):
    document = docx.Document()
    document.add_paragraph("Glossary of the meeting")
    table = document.add_table(rows=3, cols=2)
    for row, (zh, en) in enumerate([("中文", "English"), ("两个维护", "the two maintenances"),
                                     ("坚持总体国家安全观", "Follow the holistic approach to national security")]):
        table.cell(row, 0).text, table.cell(row, 1).text = zh, en
    read = document_from_bytes("glossary.docx", saved(document))
    assert [(s.id, s.source, s.target) for s in read.segments] == [
        ("paragraph 1", "", "Glossary of the meeting"),
        ("table 1 row 1", "中文", "English"),
        ("table 1 row 2", "两个维护", "the two maintenances"),
        ("table 1 row 3", "坚持总体国家安全观", "Follow the holistic approach to national security"),
    ]
    findings = small_linter.lint([read])
    assert [(f.rule, f.segment, f.text) for f in findings if f.rule == "TC101"] == [
        ("TC101", "table 1 row 2", "two maintenances")]


def test_a_two_column_table_of_english_stays_monolingual():
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Left", "Right"
    read = document_from_bytes("plain.docx", saved(document))
    assert [(s.id, s.source) for s in read.segments] == [("table 1 row 1 cell 1", ""), ("table 1 row 1 cell 2", "")]


def test_headers_of_several_sections_are_named_by_section():
    from docx.enum.section import WD_SECTION

    document = docx.Document()
    document.add_paragraph("Body")
    document.add_section(WD_SECTION.NEW_PAGE)
    first, second = document.sections
    first.header.paragraphs[0].text = "First header"
    second.header.is_linked_to_previous = False
    second.header.paragraphs[0].text = "Second header"
    second.first_page_header.is_linked_to_previous = False
    second.first_page_header.paragraphs[0].text = "Cover header"
    first.footer.paragraphs[0].text = "Footer of both"  # the second section's is linked to it: read once
    read = document_from_bytes("sections.docx", saved(document))
    assert [(s.id, s.target) for s in read.segments if s.target != "Body"] == [
        ("section 1 header", "First header"),
        ("section 2 header", "Second header"),
        ("section 2 first-page header", "Cover header"),
        ("section 1 footer", "Footer of both"),
    ]


# Offsets map back exactly: a property over random paragraphs ------------------------------------------

RUN_TEXTS = ["two ", "maintenances", " and ", "battle-", "fort", "“", "”", "the the", "\t", "两个维护", " ", "x",
             "overall national security concept", "\n", "Ye Zhiqiu"]
runs = st.lists(st.sampled_from(RUN_TEXTS), min_size=1, max_size=5)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(runs, st.booleans()), min_size=1, max_size=6))
def test_segments_and_findings_map_back_to_the_runs(small_linter, paragraphs):
    document = docx.Document()
    expected = []
    for texts, in_table in paragraphs:
        if in_table:
            cell = document.add_table(rows=1, cols=1).cell(0, 0)
            target = cell.paragraphs[0]
        else:
            target = document.add_paragraph()
        for text in texts:
            target.add_run(text)
        if "".join(texts).strip():
            expected.append("".join(texts))
    read = document_from_bytes("random.docx", saved(document))
    assert [s.target for s in read.segments] == expected
    segments = {s.id: s for s in read.segments}
    for segment in read.segments:
        assert read.text[segment.start:segment.start + len(segment.target)] == segment.target
    for finding in small_linter.lint([read]):
        segment = segments[finding.segment]
        assert segment.start <= finding.start <= finding.end <= segment.start + len(segment.target)
        assert read.text[finding.start:finding.end] == finding.text
        assert segment.target[finding.column - 1:finding.end_column - 1] == finding.text


def test_paragraph_text_keeps_tabs_and_breaks_and_drops_what_word_hides():
    paragraph = parse_xml(
        f'<w:p {NSDECL}><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>'
        '<w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t></w:r>'
        '<w:ins w:id="1" w:author="x"><w:r><w:t>+ins</w:t></w:r></w:ins>'
        '<w:moveFrom w:id="2" w:author="x"><w:r><w:t>moved away</w:t></w:r></w:moveFrom>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:r><w:rPr><w:vanish w:val="false"/></w:rPr><w:t>!</w:t></w:r>'
        '<w:hyperlink><w:r><w:t> link</w:t></w:r></w:hyperlink></w:p>')
    assert paragraph_text(paragraph) == "a\tb\nc+ins7! link"


# Hostile and mistaken files: one clear line, never a traceback ------------------------------------------

def _replace_part(name: str, change) -> bytes:
    members = _members(saved(_small_document()))
    members[name] = change(members[name])
    return _zip(members)


def _small_document():
    document = docx.Document()
    document.add_paragraph("The two maintenances.")
    return document


def _bomb() -> bytes:
    return _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\0" * (40 * 2**20)})


HOSTILE = {
    "text": (lambda: b"We achieve the two maintenances.\n", "not a DOCX document (not a ZIP archive)"),
    "html": (lambda: b"\xef\xbb\xbf  <!DOCTYPE html><p>x</p>", "is an HTML page, not a DOCX document"),
    "encrypted": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512 + "EncryptedPackage".encode("utf-16-le"),
                  "encrypted (password-protected)"),
    "legacy-doc": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "legacy Office file"),
    "zip-encrypted": (lambda: _flag_encrypted(saved(_small_document())), "is encrypted"),
    "truncated": (lambda: saved(_small_document())[:900], "damaged ZIP archive"),
    "zip-bomb": (_bomb, "refused as a zip bomb"),
    "too-many-members": (lambda: _zip({"word/document.xml": b"<x/>", **{f"m/{i}": b"" for i in range(MAX_MEMBERS)}}),
                         "members"),
    "xlsx": (lambda: _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}),
             "is an Excel workbook (XLSX)"),
    "no-document": (lambda: _zip({"hello.txt": b"hi"}), "has no word/document.xml"),
    "entities": (lambda: _replace_part("word/document.xml", lambda d: d.replace(
        b"?>", b'?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>', 1)),
        "XML entity declarations are not accepted"),
    "malformed-xml": (lambda: _replace_part("word/document.xml", lambda d: d[:-30]), "not a valid DOCX document"),
    "no-content-types": (lambda: _zip({"word/document.xml": _members(saved(_small_document()))["word/document.xml"]}),
                         "not a valid DOCX document"),
    "empty": (lambda: b"", "not a ZIP archive"),
    "template": (lambda: _replace_part("[Content_Types].xml", lambda d: d.replace(
        b"document.main+xml", b"template.main+xml")), "is a Word template (DOTX), not a Word document (DOCX)"),
}


def _flag_encrypted(data: bytes) -> bytes:
    """Set the "encrypted" bit of every member, in the local headers and the central directory."""
    out = bytearray(data)
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = out.find(signature)
        while at != -1:
            out[at + flag_at] |= 0x1
            at = out.find(signature, at + 4)
    return bytes(out)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_docx_gives_one_clear_line(name):
    make, expected = HOSTILE[name]
    with pytest.raises(InputError) as info:
        document_from_bytes("hostile.docx", make())
    message = str(info.value)
    assert expected in message and "\n" not in message, message
    assert message.startswith("hostile.docx: ")


def test_hostile_docx_on_the_command_line_is_one_line_and_exit_2(tmp_path):
    paths = []
    for name in ("zip-bomb", "encrypted", "truncated", "entities"):
        path = tmp_path / f"{name}.docx"
        path.write_bytes(HOSTILE[name][0]())
        paths.append(str(path))
    result = subprocess.run([sys.executable, "-m", "termcheck", "lint", *SMALL, *paths],
                            check=False, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if ".docx" in line]
    assert len(errors) == 4, result.stderr


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_damaged_docx_never_raises_anything_but_input_error(data):
    original = bytearray(saved(_small_document()))
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(original) - 1))
        original[at] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(0, len(original)))
    try:
        document = document_from_bytes("damaged.docx", bytes(original[:cut]))
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    for segment in document.segments:
        assert document.text[segment.start:segment.start + len(segment.target)] == segment.target


# Choosing the format: by suffix, else by content ---------------------------------------------------------

def test_a_docx_without_its_suffix_is_recognised_by_content():
    read = document_from_bytes("report.download", saved(_small_document()))
    assert [s.target for s in read.segments] == ["The two maintenances."]


def test_a_docx_named_html_gives_one_clear_line():
    with pytest.raises(InputError, match=r"is a Word document \(DOCX\), not an HTML page: rename it to \.docx"):
        document_from_bytes("page.html", saved(_small_document()))


def test_folders_are_searched_for_docx_and_html(tmp_path):
    for name in ("a.docx", "b.html", "c.htm", "d.pdf"):
        (tmp_path / name).write_bytes(b"x")
    found = [Path(p).name for p in collect_paths([str(tmp_path)])]
    assert found == ["a.docx", "b.html", "c.htm"]


def test_linting_text_imports_neither_python_docx_nor_the_html_reader(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("We achieve the two maintenances.\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from termcheck.cli import main\n"
        f"sys.argv = ['termcheck', 'lint', *{SMALL!r}, {str(path)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('docx', 'termcheck.documents.docx_file', 'termcheck.documents.html_page')"
        " if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=120)
    assert "HEAVY []" in result.stdout, result.stdout + result.stderr
