"""TBX term bases (TBX-Basic, TBX v3, and the shapes Microsoft's export and Weblate write) used as glossaries:
each concept's Chinese term and its English terms by status, end to end through `termcheck lint -g`."""
import json
import subprocess
import sys

import pytest
from conftest import DATA
from hypothesis import given, settings
from hypothesis import strategies as st

from termcheck.errors import GlossaryError
from termcheck.glossary import load_glossaries

TERMBASES = DATA / "termbases"


def entries(name):
    return {e.zh: e for e in load_glossaries([str(TERMBASES / name)]).entries}


def test_tbx_basic_statuses_become_preferred_admitted_deprecated_and_superseded():
    found = entries("tbx-basic.tbx")
    assert set(found) == {"两个维护", "总体国家安全观"}  # the English-only concept checks nothing
    upholds = found["两个维护"]
    assert (upholds.en, upholds.admitted, upholds.deprecated) == ("Two Upholds", ("two safeguards",),
                                                                  ("two maintenances",))
    assert upholds.note.startswith("The two commitments") and upholds.source == "TBX concept c1"
    security = found["总体国家安全观"]
    assert security.en == "holistic approach to national security"  # no status, after a superseded term
    assert security.superseded == (("holistic view of national security", None, None),)
    assert security.origin.endswith("tbx-basic.tbx:28")


def test_microsoft_normative_authorization_and_ntig_term_groups():
    (bastion,) = entries("microsoft.tbx").values()
    assert (bastion.zh, bastion.en, bastion.deprecated) == ("战斗堡垒", "fighting bastion", ("battle-fort",))


def test_tbx_v3_with_a_namespace_and_a_traditional_chinese_term():
    (ministry,) = entries("tbx-v3.tbx").values()
    assert ministry.zh == "国家安全部"  # 國家安全部 (zh-Hant), converted so a Simplified source matches it
    assert ministry.deprecated == ("Ministry of National Security",)


def test_weblate_languages_and_a_forbidden_term():
    found = entries("weblate.tbx")
    assert found["三会一课"].deprecated == ("three sessions one lesson",)
    assert found["战斗堡垒"].note == "Glossary term from the zh_Hans translation"


def lint(tmp_path, termbase, text, *extra):
    document = tmp_path / "doc.txt"
    document.write_text(text, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "termcheck", "lint", "--no-default-glossary", "--no-cache", "-g", str(termbase),
         "--format", "json", *extra, str(document)],
        capture_output=True, text=True, cwd=tmp_path,
    )


def test_lint_with_a_tbx_term_base_end_to_end(tmp_path):
    result = lint(tmp_path, TERMBASES / "tbx-basic.tbx",
                  "We uphold the two maintenances and the holistic view of national security.\n")
    assert result.returncode == 1, result.stderr
    found = [(f["rule"], f["text"], f["suggestion"]) for f in json.loads(result.stdout)["findings"]]
    assert ("TC101", "two maintenances", "Two Upholds") in found
    assert ("TC105", "holistic view of national security", "holistic approach to national security") in found


def test_a_bilingual_file_is_checked_against_the_term_base(tmp_path):
    table = tmp_path / "doc.tsv"
    table.write_text("战斗堡垒\tthe battle-fort of the Party\n发挥战斗堡垒作用\tplay the role of a fortress\n",
                     encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "termcheck", "lint", "--no-default-glossary", "--no-cache",
         "-g", str(TERMBASES / "microsoft.tbx"), "--format", "json", str(table)],
        capture_output=True, text=True, cwd=tmp_path,
    )
    found = [(f["rule"], f["line"]) for f in json.loads(result.stdout)["findings"]]
    assert ("TC101", 1) in found and ("TC301", 2) in found  # a deprecated rendering; a missing one


@pytest.mark.parametrize("content, where, reason", [
    ("<martif><text><body><termEntry>\n<langSet xml:lang='zh'><tig><term>x</term></tig>\n</body></text></martif>",
     ":3:", "malformed TBX"),
    ('<?xml version="1.0"?>\n<!DOCTYPE martif [<!ENTITY a "b">]>\n<martif><text/></martif>',
     ":1:1:", "XML entity declarations are not accepted"),
    ("<martif><text><body><termEntry>\n<langSet xml:lang='en'><tig><term>" + "word " * 70
     + "</term></tig></langSet></termEntry></body></text></martif>", ":2:1:", "has 70 words; the limit is 60"),
])
def test_a_bad_term_base_is_one_line_naming_file_line_and_column(tmp_path, content, where, reason):
    termbase = tmp_path / "bad.tbx"
    termbase.write_text(content, encoding="utf-8")
    with pytest.raises(GlossaryError) as caught:
        load_glossaries([str(termbase)])
    assert str(caught.value).startswith(f"{termbase}{where}") and reason in str(caught.value)
    result = lint(tmp_path, termbase, "text\n")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr and reason in result.stderr


def test_a_tsv_glossary_is_still_read_as_tsv():
    from conftest import SMALL_GLOSSARY

    assert load_glossaries([str(SMALL_GLOSSARY)]).entries


_PIECES = ["<martif>", "</martif>", "<text><body>", "</body></text>", "<termEntry id='x'>", "</termEntry>",
           "<langSet xml:lang='zh'>", "<langSet xml:lang='en'>", "</langSet>", "<tig>", "</tig>", "<term>",
           "</term>", "<term/>", "两个维护", "Two Upholds", "&amp;", "&bogus;", "<", "&", "\x00", "<![CDATA[x]]>",
           "<termNote type='administrativeStatus'>deprecatedTerm-admn-sts</termNote>", " ", "\n"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_any_tbx_like_input_gives_entries_or_one_glossary_error(tmp_path_factory, pieces):
    termbase = tmp_path_factory.mktemp("tbx") / "t.tbx"
    termbase.write_bytes(("<martif>" + "".join(pieces)).encode("utf-8"))
    try:
        found = load_glossaries([str(termbase)]).entries
    except GlossaryError as exc:
        assert str(exc).startswith(f"{termbase}:") and "\n" not in str(exc)
    else:
        assert all(e.zh and e.en for e in found)


def test_a_csv_term_base_with_its_own_header():
    found = entries("company.csv")
    assert set(found) == {"两个维护", "战斗堡垒", "总体国家安全观"}  # the row without Chinese checks nothing
    assert found["两个维护"].deprecated == ("two maintenances", "two safeguards")
    assert (found["战斗堡垒"].en, found["战斗堡垒"].admitted) == ("fighting bastion", ("strong bastion",))
    assert found["总体国家安全观"].note == 'Since 2014, "holistic"'  # CSV quoting
    assert found["两个维护"].source.endswith("company.csv:2")


def test_a_traditional_chinese_column_is_matched_in_simplified():
    (ministry,) = entries("traditional.tsv").values()
    assert (ministry.zh, ministry.deprecated) == ("国家安全部", ("Ministry of National Security",))


def test_lint_with_a_csv_term_base_end_to_end(tmp_path):
    result = lint(tmp_path, TERMBASES / "company.csv", "The battle-fort and the two maintenances.\n")
    assert result.returncode == 1, result.stderr
    found = {(f["rule"], f["text"], f["suggestion"]) for f in json.loads(result.stdout)["findings"]}
    assert {("TC101", "battle-fort", "fighting bastion"), ("TC101", "two maintenances", "Two Upholds")} <= found


def test_a_too_long_cell_names_its_line_and_field(tmp_path):
    termbase = tmp_path / "long.csv"
    termbase.write_text("Chinese,English\n两个维护," + "word " * 70 + "\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"long\.csv:2:2: en phrase 'word word .* has 70 words"):
        load_glossaries([str(termbase)])


def test_a_semicolon_separated_table_splits_renderings_on_bars(tmp_path):
    termbase = tmp_path / "excel.csv"
    termbase.write_text("Chinese;English;Forbidden\n两个维护;Two Upholds;two maintenances | two safeguards\n",
                        encoding="utf-8")
    (entry,) = load_glossaries([str(termbase)]).entries
    assert (entry.en, entry.deprecated) == ("Two Upholds", ("two maintenances", "two safeguards"))


def _workbook(path, rows, title="Terms"):
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_an_xlsx_term_base_end_to_end(tmp_path):
    termbase = _workbook(tmp_path / "terms.xlsx", [
        ["Chinese", "English", "Do not use", "Comment"],
        ["两个维护", "Two Upholds", "two maintenances; two safeguards", None],
        [None, None, None, None],
        ["战斗堡垒", "fighting bastion", "battle-fort", "Party building"],
    ])
    found = entries_at(termbase)
    assert found["两个维护"].deprecated == ("two maintenances", "two safeguards")
    assert found["战斗堡垒"].origin.endswith("terms.xlsx:4") and found["战斗堡垒"].note == "Party building"
    result = lint(tmp_path, termbase, "The battle-fort stands.\n")
    assert result.returncode == 1, result.stderr
    assert [(f["rule"], f["text"]) for f in json.loads(result.stdout)["findings"]] == [("TC101", "battle-fort")]


def entries_at(path):
    return {e.zh: e for e in load_glossaries([str(path)]).entries}


def test_an_xlsx_without_a_term_header_or_not_a_workbook_is_one_line(tmp_path):
    no_header = _workbook(tmp_path / "sheet.xlsx", [["Name", "Phone"], ["a", "1"]], title="People")
    with pytest.raises(GlossaryError, match=r"sheet\.xlsx:1:1: not a term base: the first row of sheet 'People'"):
        load_glossaries([str(no_header)])
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"xl/workbook.xml" + b"\x00" * 100)
    with pytest.raises(GlossaryError, match=r"broken\.xlsx:1:1: unreadable XLSX workbook"):
        load_glossaries([str(broken)])


def test_glossary_columns_map_a_header_termcheck_does_not_know(tmp_path):
    termbase = tmp_path / "house.csv"
    termbase.write_text("Quelle,Ziel,Verboten,Kommentar\n"
                        "两个维护,Two Upholds,two maintenances / two safeguards,core formula\n", encoding="utf-8")
    # Unmapped, the header names no Chinese column: the file is not a term base termcheck can read.
    assert lint(tmp_path, termbase, "The two safeguards.\n").returncode == 2
    result = lint(tmp_path, termbase, "The two safeguards.\n",
                  "--glossary-columns", "zh=Quelle,en=Ziel,deprecated=Verboten,note=Kommentar",
                  "--glossary-separator", "/")
    assert result.returncode == 1, result.stderr
    [finding] = json.loads(result.stdout)["findings"]
    assert (finding["text"], finding["concept"]["zh"]) == ("two safeguards", "两个维护")
    assert "core formula" in finding["message"]


def test_glossary_columns_read_a_workbook_too(tmp_path):
    termbase = _workbook(tmp_path / "terms.xlsx",
                         [["Src", "Tgt", "Bad"], ["战斗堡垒", "fighting bastion", "battlefort"]])
    result = lint(tmp_path, termbase, "A battlefort.\n", "--glossary-columns", "zh=Src,en=Tgt,deprecated=Bad")
    assert [f["text"] for f in json.loads(result.stdout)["findings"]] == ["battlefort"]


@pytest.mark.parametrize(("columns", "message"), [
    ("zh=Quelle,en=Nirgends", "house.csv:1:1: no column 'Nirgends' for en (--glossary-columns)"),
    ("zh=Quelle", "needs a Chinese column (zh= or zh-traditional=) and an English one (en=)"),
    ("zh=Quelle,en=Ziel,colour=Verboten", "unknown field 'colour'"),
    ("zh=Quelle,en", "'en' is not field=column"),
])
def test_a_wrong_column_mapping_is_one_clear_line(tmp_path, columns, message):
    termbase = tmp_path / "house.csv"
    termbase.write_text("Quelle,Ziel,Verboten\n两个维护,Two Upholds,two safeguards\n", encoding="utf-8")
    result = lint(tmp_path, termbase, "Text.\n", "--glossary-columns", columns)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_glossary_columns_come_from_the_configuration_too(tmp_path):
    termbase = tmp_path / "house.csv"
    termbase.write_text("Quelle;Ziel;Verboten\n两个维护;Two Upholds;two safeguards|two maintenances\n",
                        encoding="utf-8")
    (tmp_path / "termcheck.toml").write_text('glossary-columns = "zh=Quelle,en=Ziel,deprecated=Verboten"\n',
                                             encoding="utf-8")
    result = lint(tmp_path, termbase, "The two maintenances.\n")
    assert [f["text"] for f in json.loads(result.stdout)["findings"]] == ["two maintenances"]
