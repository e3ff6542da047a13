"""`termcheck glossary export`: the bundled glossary as TBX, CSV and XLSX, read back with every term and status."""
import subprocess
import sys

import pytest
from conftest import REPO

from termcheck.glossary import load_glossaries
from termcheck.resources import default_glossaries


def export(tmp_path, to, *files):
    result = subprocess.run([sys.executable, "-m", "termcheck", "glossary", "export", "--to", to, *map(str, files)],
                            capture_output=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    path = tmp_path / f"out.{to}"
    path.write_bytes(result.stdout)
    return path


def terms(entry):
    return (entry.en, entry.admitted, entry.deprecated, tuple(p for p, _, _ in entry.superseded))


@pytest.fixture(scope="module")
def bundled():
    return {e.zh: e for e in load_glossaries([str(p) for p in default_glossaries()]).entries if not e.supplement}


def test_tbx_round_trip_keeps_every_term_status_note_and_source(tmp_path, bundled):
    back = {e.zh: e for e in load_glossaries([str(export(tmp_path, "tbx"))]).entries}
    assert set(back) == set(bundled)
    assert [zh for zh in bundled if terms(back[zh]) != terms(bundled[zh])] == []
    assert [zh for zh in bundled if (back[zh].note, back[zh].source) != (bundled[zh].note, bundled[zh].source)] == []


def test_csv_round_trip_keeps_the_preferred_admitted_and_deprecated_terms(tmp_path, bundled):
    back = {e.zh: e for e in load_glossaries([str(export(tmp_path, "csv"))]).entries}
    assert set(back) == set(bundled)
    assert [zh for zh in bundled if terms(back[zh])[:3] != terms(bundled[zh])[:3]] == []
    assert back["两个维护"].source == bundled["两个维护"].source


def test_xlsx_round_trip_keeps_the_preferred_admitted_and_deprecated_terms(tmp_path, bundled):
    workbook = tmp_path / "terms.xlsx"
    result = subprocess.run([sys.executable, "-m", "termcheck", "glossary", "export", "--to", "xlsx",
                             "-o", str(workbook)], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0 and result.stdout == "", result.stderr
    back = {e.zh: e for e in load_glossaries([str(workbook)]).entries}
    assert set(back) == set(bundled)
    assert [zh for zh in bundled if terms(back[zh])[:3] != terms(bundled[zh])[:3]] == []
    assert back["两个维护"].note == bundled["两个维护"].note


def test_an_xlsx_cell_is_text_never_a_formula(tmp_path):
    import openpyxl

    glossary = tmp_path / "g.tsv"
    glossary.write_text("zh\ten\tdeprecated\tsource\n公式\t=HYPERLINK(\"x\")\t+1\teditor judgement\n",
                        encoding="utf-8")
    workbook = tmp_path / "g.xlsx"
    subprocess.run([sys.executable, "-m", "termcheck", "glossary", "export", "--to", "xlsx", "-o", str(workbook),
                    str(glossary)], check=True, cwd=REPO)
    cell = openpyxl.load_workbook(workbook).active["B2"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("x")', "s")


def test_an_unknown_format_is_one_line(tmp_path):
    result = subprocess.run([sys.executable, "-m", "termcheck", "glossary", "export", "--to", "docx"],
                            capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == "termcheck: error: unknown export format 'docx'; expected one of tbx, csv, xlsx\n"
