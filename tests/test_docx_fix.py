"""--fix on Word documents: the fixed words are written into the runs they were read from, formatting and
every other part of the package kept; what cannot be rewritten safely is left as it was."""
from __future__ import annotations

import io
import subprocess
import sys
import zipfile

import docx
from conftest import SMALL_GLOSSARY, SMALL_NAMES
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from termcheck.documents.docx_rewrite import TargetEdit, rewrite_docx
from termcheck.documents.loading import document_from_bytes

SMALL = ["--no-default-glossary", "--glossary", str(SMALL_GLOSSARY), "--names", str(SMALL_NAMES), "--no-cache"]


def saved(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def with_runs(*runs: str, bold: tuple[int, ...] = ()) -> bytes:
    document = docx.Document()
    document.add_paragraph("An untouched first paragraph.")
    paragraph = document.add_paragraph()
    for i, text in enumerate(runs):
        paragraph.add_run(text).bold = i in bold or None
    return saved(document)


def runs_of(data: bytes, paragraph: int = 1) -> list[tuple[str, bool]]:
    p = docx.Document(io.BytesIO(data)).paragraphs[paragraph]
    return [(r.text, bool(r.bold)) for r in p.runs]


def read_document_bytes(data: bytes):
    return document_from_bytes("t.docx", data)


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {i.filename: archive.read(i) for i in archive.infolist()}


def test_a_fix_inside_one_run_keeps_the_runs_and_every_other_part():
    data = with_runs("We must achieve the ", "two maintenances", ".", bold=(1,))
    fixed, applied = rewrite_docx("t.docx", data, [TargetEdit("paragraph 2", 20, 36, "two maintenances",
                                                              "Two Upholds")])
    assert applied == 1
    assert runs_of(fixed) == [("We must achieve the ", False), ("Two Upholds", True), (".", False)]
    before, after = members(data), members(fixed)
    assert list(before) == list(after)
    assert [name for name in before if before[name] != after[name]] == ["word/document.xml"]


def test_a_fix_over_two_runs_goes_into_the_first_and_empties_the_rest():
    data = with_runs("the two ", "maintenances", " now", bold=(0,))
    fixed, applied = rewrite_docx("t.docx", data, [TargetEdit("paragraph 2", 4, 20, "two maintenances",
                                                              "Two Upholds")])
    assert applied == 1
    assert runs_of(fixed) == [("the Two Upholds", True), ("", False), (" now", False)]


def test_a_span_over_a_tab_or_text_that_changed_is_left_alone():
    document = docx.Document()
    document.add_paragraph("x")
    document.add_paragraph("two\tmaintenances")
    data = saved(document)
    assert rewrite_docx("t.docx", data, [TargetEdit("paragraph 2", 0, 16, "two\tmaintenances", "Two Upholds")])[1] == 0
    assert rewrite_docx("t.docx", data, [TargetEdit("paragraph 2", 0, 3, "one", "Two")]) == (data, 0)
    assert rewrite_docx("t.docx", data, [TargetEdit("no such segment", 0, 1, "t", "T")]) == (data, 0)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(alphabet="ab c", min_size=1, max_size=6), min_size=1, max_size=6), st.data())
def test_any_span_of_any_run_split_is_replaced_exactly(runs, data):
    text = "".join(runs)
    assume(text.strip())  # a blank paragraph is no segment
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    replacement = data.draw(st.text(alphabet="XY ", max_size=5))
    source = with_runs(*runs)
    fixed, applied = rewrite_docx("t.docx", source, [TargetEdit("paragraph 2", start, end, text[start:end],
                                                                replacement)])
    assert applied == 1
    assert "".join(t for t, _ in runs_of(fixed)) == text[:start] + replacement + text[end:]
    assert len(runs_of(fixed)) == len(runs)
    assert runs_of(fixed, 0) == runs_of(source, 0)


def test_two_fixes_in_one_paragraph_and_a_bilingual_table_cell():
    document = docx.Document()
    document.add_paragraph("The two maintenances and the battle-fort.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "坚决做到两个维护"
    table.cell(0, 1).text = "Resolutely achieve the two maintenances"
    data = saved(document)
    assert [s.id for s in read_document_bytes(data).segments] == ["paragraph 1", "table 1 row 1"]
    fixed, applied = rewrite_docx("t.docx", data, [
        TargetEdit("paragraph 1", 4, 20, "two maintenances", "Two Upholds"),
        TargetEdit("paragraph 1", 29, 40, "battle-fort", "fighting bastion"),
        TargetEdit("table 1 row 1", 23, 39, "two maintenances", "Two Upholds"),
    ])
    assert applied == 3
    again = docx.Document(io.BytesIO(fixed))
    assert again.paragraphs[0].text == "The Two Upholds and the fighting bastion."
    assert again.tables[0].cell(0, 1).text == "Resolutely achieve the Two Upholds"
    assert again.tables[0].cell(0, 0).text == "坚决做到两个维护"  # the source is never touched


def test_lint_fix_and_diff_on_the_command_line(tmp_path):
    path = tmp_path / "memo.docx"
    path.write_bytes(with_runs("We must achieve the ", "two ", "maintenances", ".", bold=(2,)))
    original = path.read_bytes()
    diff = subprocess.run([sys.executable, "-m", "termcheck", "lint", *SMALL, "--diff", str(path)],
                          capture_output=True, text=True, timeout=120)
    assert "-We must achieve the two maintenances." in diff.stdout
    assert "+We must achieve the Two Upholds." in diff.stdout
    assert path.read_bytes() == original  # --diff writes nothing
    fix = subprocess.run([sys.executable, "-m", "termcheck", "lint", *SMALL, "--fix", "--show-fixes", str(path)],
                         capture_output=True, text=True, timeout=120)
    assert fix.returncode == 0, fix.stdout + fix.stderr
    assert "fixed 1 in 1 file" in fix.stderr
    assert f"fixed {path}:2:21: [segment paragraph 2] TC101 “two maintenances” -> “Two Upholds”" in fix.stderr
    assert docx.Document(str(path)).paragraphs[1].text == "We must achieve the Two Upholds."
    again = subprocess.run([sys.executable, "-m", "termcheck", "lint", *SMALL, str(path)],
                           capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stdout


def test_a_docx_changed_since_it_was_read_is_not_written(tmp_path, monkeypatch):
    from termcheck.commands import lint as lint_command

    path = tmp_path / "memo.docx"
    path.write_bytes(with_runs("the two maintenances"))
    real = lint_command._bytes_as_read

    def changed_meanwhile(doc):
        path.write_bytes(with_runs("someone else's edit"))
        return real(doc)

    monkeypatch.setattr(lint_command, "_bytes_as_read", changed_meanwhile)
    options = lint_command.LintOptions(paths=[str(path)], glossaries=[str(SMALL_GLOSSARY)], default_glossary=False,
                                       fix=True, cache=False)
    outcome = lint_command.run_lint(options)
    assert any("changed since it was read" in e for e in outcome.errors)
    assert docx.Document(str(path)).paragraphs[1].text == "someone else's edit"
