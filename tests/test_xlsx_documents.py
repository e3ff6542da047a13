"""Bilingual XLSX workbooks: each row a source and a target, each finding named by sheet and cell."""
import io
import json
import re
import subprocess
import sys
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termcheck.documents.loading import document_from_bytes
from termcheck.errors import InputError


def workbook(sheets):
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_rows_become_segments_named_by_sheet_and_cell(tmp_path, small_linter):
    data = workbook({"Speech": [["zh", "en"], ["两个维护", "the two maintenances"], [None, None],
                                ["战斗堡垒", "a battlefort"]],
                     "Notes": [["原文", "译文"], ["战斗堡垒", "the battlefort"]]})
    document = document_from_bytes("t.xlsx", data)
    assert [(s.id, s.source, s.target) for s in document.segments] == [
        ("Speech!B2", "两个维护", "the two maintenances"), ("Speech!B4", "战斗堡垒", "a battlefort"),
        ("Notes!B2", "战斗堡垒", "the battlefort")]
    found = [(f.segment, document.text[f.start:f.end]) for f in small_linter.lint([document]) if f.rule == "TC101"]
    assert found == [("Speech!B2", "two maintenances"), ("Speech!B4", "battlefort"), ("Notes!B2", "battlefort")]


def test_without_a_header_the_first_two_columns_are_source_and_target():
    document = document_from_bytes("t.xlsx", workbook({"S": [["两个维护", "Two Upholds", "note"]]}))
    assert [(s.id, s.target) for s in document.segments] == [("S!B1", "Two Upholds")]


def test_lint_an_xlsx_end_to_end(tmp_path):
    path = tmp_path / "speech.xlsx"
    path.write_bytes(workbook({"Sheet1": [["source", "target"], ["两个维护", "the two maintenances"]]}))
    result = subprocess.run([sys.executable, "-m", "termcheck", "lint", "--format", "json", "--no-cache", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    finding = next(f for f in json.loads(result.stdout)["findings"] if f["rule"] == "TC101")
    assert finding["segment"] == "Sheet1!B2" and finding["text"] == "two maintenances"


def _zip(members, compression=zipfile.ZIP_DEFLATED):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, content in members.items():
            # A fixed timestamp keeps the archive's bytes, and so the test ids, the same in every xdist worker.
            archive.writestr(zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0)), content, compression)
    return out.getvalue()


@pytest.mark.parametrize(("data", "message"), [
    (b"plain text, no zip", "not an XLSX workbook (not a ZIP archive)"),
    (_zip({"word/document.xml": b"<x/>"}), "the ZIP archive has no xl/workbook.xml"),
    (_zip({"xl/workbook.xml": b"<x/>", "xl/big.xml": b"0" * (50 * 1024 * 1024)}), "refused as a zip bomb"),
    (_zip({"xl/workbook.xml": b"<not xml"}), "not a readable XLSX workbook"),
], ids=["not-a-zip", "no-workbook", "zip-bomb", "broken-xml"])
def test_a_bad_workbook_is_one_clear_error(data, message):
    with pytest.raises(InputError, match=re.escape(message)):
        document_from_bytes("t.xlsx", data)


CELL = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)


@settings(max_examples=25, deadline=None)
@given(rows=st.lists(st.tuples(CELL, CELL), min_size=1, max_size=5))
def test_each_target_sits_at_its_offset_in_the_document_text(rows):
    data = workbook({"S": [["zh", "en"], *[list(r) for r in rows]]})
    document = document_from_bytes("t.xlsx", data)
    for segment in document.segments:
        assert document.text[segment.start:segment.start + len(segment.target)] == segment.target
