"""Bilingual mode: source terms, numbers, untranslated and empty targets; text, TSV and PO inputs."""
import json
import subprocess
import sys

import pytest
from conftest import SMALL_GLOSSARY, SMALL_NAMES, WMT21
from typer.testing import CliRunner

from termcheck.cli import app
from termcheck.documents.aligned import read_table
from termcheck.documents.loading import document_from_bytes
from termcheck.documents.po import read_po
from termcheck.han import is_chinese
from termcheck.matching.numbers import chinese_numbers, english_values
from termcheck.matching.source_terms import SourceTermFinder, renders

runner = CliRunner()
SMALL = ["--no-default-glossary", "--glossary", str(SMALL_GLOSSARY), "--names", str(SMALL_NAMES)]
WMT = WMT21


def lint_json(*args):
    result = runner.invoke(app, ["lint", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def rules_and_texts(report):
    return [(f["rule"], f["text"]) for f in report["findings"]]


# --- source terms -------------------------------------------------------------------------------

def test_source_terms_need_word_boundaries(small_linter):
    finder = SourceTermFinder(small_linter.glossary)
    assert [t.entry.zh for t in finder.find("坚决维护国家安全，坚持总体国家安全观。")] == ["国家安全", "总体国家安全观"]
    # 国家安全 inside the longer term is the longer term, not a hit of its own.
    assert [t.entry.zh for t in finder.find("总体国家安全观")] == ["总体国家安全观"]


def test_short_term_inside_a_longer_word_is_not_a_hit(small_linter):
    finder = SourceTermFinder(small_linter.glossary)
    # jieba reads 获得感 as one word; the term must not be found inside 获得感知 ("gain perception").
    assert [t.entry.zh for t in finder.find("人民的获得感")] == ["获得感"]
    assert finder.find("提高获得感知能力") == []
    assert finder.find("国家安全局") == []  # jieba: 国家 + 安全局 (a bureau), not 国家安全


def test_traditional_chinese_source_matches_simplified_glossary(small_linter):
    finder = SourceTermFinder(small_linter.glossary)
    found = finder.find("堅決做到「兩個維護」，堅持總體國家安全觀")
    assert [t.entry.zh for t in found] == ["两个维护", "总体国家安全观"]


def test_renders_allows_inflection_and_word_order(small_linter):
    entries = {e.zh: e for e in small_linter.glossary.glossary.entries}
    assert renders(entries["国家安全"], "the holistic approach to National\nSecurity")
    assert renders(entries["两个维护"], "we achieve the “two upholds”")
    assert not renders(entries["两个维护"], "we achieve the “two maintenances”")
    assert not renders(entries["总体国家安全观"], "the overall national security concept")


def test_is_chinese():
    assert is_chinese("坚持党的领导 (CPC)") and not is_chinese("the Party (党)") and not is_chinese("2020")


# --- numbers ------------------------------------------------------------------------------------

def test_numbers_read_as_values():
    numbers = chinese_numbers("二十大以来，14亿人民，增长百分之五点五，第十四个五年规划，3.5万亿元，一带一路")
    values = [n.value for n in numbers]
    assert values == [5.5, 1.4e9, 3.5e12, 14, 20]
    assert {1.4e9, 20, 14, 5.5} <= english_values("the 20th congress, 1.4 billion people, 5.5 percent, fourteenth")


def test_number_mismatch_rule(tmp_path):
    (tmp_path / "s.zh").write_text("全国14亿人民\n党的二十大\n", encoding="utf-8")
    (tmp_path / "t.en").write_text("the 14 billion people of China\nthe 20th National Congress of the CPC\n",
                                   encoding="utf-8")
    report = lint_json(*SMALL, "--select", "TC302", "--source", str(tmp_path / "s.zh"), str(tmp_path / "t.en"))
    assert [(f["line"], f["rule"]) for f in report["findings"]] == [(1, "TC302")]
    assert "14亿" in report["findings"][0]["message"]


# --- aligned text and the real WMT data -------------------------------------------------------------

@pytest.fixture(scope="module")
def wmt():
    if not WMT.is_file():
        pytest.skip("../shared/dev-data is not beside the checkout")
    return [json.loads(line) for line in WMT.read_text(encoding="utf-8").splitlines()]


def lint_aligned(tmp_path, source, target, *options):
    (tmp_path / "src.zh.txt").write_text(source + "\n", encoding="utf-8")
    (tmp_path / "hyp.en.txt").write_text(target + "\n", encoding="utf-8")
    return lint_json(*options, "--source", str(tmp_path / "src.zh.txt"), str(tmp_path / "hyp.en.txt"))


def test_wmt_two_upholds_miss_and_variant(tmp_path, wmt):
    row = next(r for r in wmt if "两个维护" in r["src_zh"])
    # Online-A wrote "two more responsibilities": no known variant, so the segment is reported.
    report = lint_aligned(tmp_path, row["src_zh"], row["mt"]["Online-A"], "--select", "TC1,TC3")
    missed = [f for f in report["findings"] if f["rule"] == "TC301" and f["concept"]["zh"] == "两个维护"]
    # The finding covers the whole target: it names the rendering but offers no replacement for it.
    assert len(missed) == 1 and missed[0]["suggestion"] is None and "Two Upholds" in missed[0]["message"]
    # Online-Y wrote "two maintenance": TC101 points at it, and TC301 does not repeat it.
    report = lint_aligned(tmp_path, row["src_zh"], row["mt"]["Online-Y"], "--select", "TC1,TC3")
    assert ("TC101", "two maintenance") in rules_and_texts(report)
    assert not [f for f in report["findings"] if f["rule"] == "TC301" and f["concept"]["zh"] == "两个维护"]
    # The human reference has "Two Upholds": nothing to report for it but its loose wording of Xi
    # Jinping Thought ("Xi Jinping's thoughts on socialism ... in the new era"), which TC107 points at.
    report = lint_aligned(tmp_path, row["src_zh"], row["refs"]["A"], "--select", "TC1,TC3")
    assert [(f["rule"], f["text"][:20]) for f in report["findings"]] == [("TC107", "Xi Jinping’s thought")]


def test_wmt_fighting_bastion(tmp_path, wmt):
    row = next(r for r in wmt if r["src_zh"].startswith("灾害面前") and "战斗堡垒" in r["src_zh"])
    # Online-A's "battle fortress" is a listed literal rendering: TC101 reports it, and TC301 stays silent.
    report = lint_aligned(tmp_path, row["src_zh"], row["mt"]["Online-A"], "--select", "TC101,TC301")
    assert ("TC101", "战斗堡垒") in [(f["rule"], f["concept"]["zh"]) for f in report["findings"]]
    assert "TC301" not in [f["rule"] for f in report["findings"] if f["concept"]["zh"] == "战斗堡垒"]
    report = lint_aligned(tmp_path, row["src_zh"], "In a disaster, a Party organization is a fighting bastion.",
                          "--select", "TC301")
    assert "战斗堡垒" not in [f["concept"]["zh"] for f in report["findings"]]


def test_term_not_rendered_points_at_the_words_that_render_it(tmp_path):
    source = "灾害面前，党组织就是战斗堡垒，党员干部就是一面旗帜。"
    target = "In the face of disaster, a party organization is a battle castle, and a party cadre is a banner."
    report = lint_aligned(tmp_path, source, target, "--select", "TC301")
    located = {f["concept"]["zh"]: f["text"] for f in report["findings"]}
    # The literal words of 战斗堡垒 (battle, castle) and 党员干部 (party, cadre) are found, not the segment.
    assert located["战斗堡垒"] == "battle castle"
    assert located["党员干部"] == "party cadre"
    # A rendering with none of the term's words cannot be located: the whole target is reported.
    report = lint_aligned(tmp_path, "坚持总体国家安全观。", "We keep to it.", "--select", "TC301")
    assert [f["text"] for f in report["findings"]] == ["We keep to it."]


def test_source_idiom_rendered_word_for_word_is_found(tmp_path):
    # 青黄不接 is a dictionary idiom: three of its characters glossed one by one are a literal rendering.
    report = lint_aligned(tmp_path, "村里干部青黄不接。", "The village cadres are green and yellow and do not connect.",
                          "--select", "TC305")
    assert [(f["rule"], f["text"]) for f in report["findings"]] == [("TC305", "green and yellow")]
    assert "shortage of successors" in report["findings"][0]["message"] or "crop" in report["findings"][0]["message"]
    # Its meaning rendered, or two glosses only ("seek private" for 以权谋私), is nothing to report.
    for target in ("The village faces a shortage of successors.", "Some seek private gain."):
        source = "村里干部青黄不接。" if "village" in target else "有人以权谋私。"
        assert lint_aligned(tmp_path, source, target, "--select", "TC305")["findings"] == []


def test_source_idiom_run_stops_at_punctuation(tmp_path):
    report = lint_aligned(tmp_path, "村里干部青黄不接。", "It is green, yellow; and they do not connect.",
                          "--select", "TC305")
    assert report["findings"] == []


def test_aligned_files_must_have_the_same_number_of_lines(tmp_path):
    (tmp_path / "s.zh").write_text("一\n二\n", encoding="utf-8")
    (tmp_path / "t.en").write_text("one\n", encoding="utf-8")
    result = runner.invoke(app, ["lint", *SMALL, "--source", str(tmp_path / "s.zh"), str(tmp_path / "t.en")])
    assert result.exit_code == 2 and "same number of lines" in result.output


def test_aligned_text_keeps_real_file_offsets(tmp_path):
    report = lint_aligned(tmp_path, "第一句\n坚决做到两个维护", "First.\nWe must achieve the two maintenances.", *SMALL)
    text = (tmp_path / "hyp.en.txt").read_text(encoding="utf-8")
    (f,) = [f for f in report["findings"] if f["rule"] == "TC101"]
    assert text[f["start"]:f["end"]] == f["text"] == "two maintenances"
    assert (f["line"], f["segment"]) == (2, "2")


# --- tables ---------------------------------------------------------------------------------------

def test_table_with_language_header(tmp_path):
    data = "id\tzh\ten\n1\t坚持总体国家安全观\tFollow the overall national security concept.\n2\t获得感\t\n".encode()
    doc = read_table("t.tsv", data)
    assert [(s.id, s.source, s.target, s.line) for s in doc.segments] == [
        ("2", "坚持总体国家安全观", "Follow the overall national security concept.", 2), ("3", "获得感", "", 3)]
    path = tmp_path / "t.tsv"
    path.write_bytes(data)
    report = lint_json(*SMALL, str(path))
    assert ("TC101", "overall national security concept") in rules_and_texts(report)
    assert [f["segment"] for f in report["findings"] if f["rule"] == "TC304"] == ["3"]


def test_csv_without_header_uses_first_two_columns():
    doc = read_table("t.csv", '两个维护,"Two Upholds, always"\n'.encode())
    assert [(s.source, s.target) for s in doc.segments] == [("两个维护", "Two Upholds, always")]


# --- PO -------------------------------------------------------------------------------------------

PO = """# Test catalogue
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: zh_CN\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"

#: app.py:1
msgid "Uphold the Two Upholds"
msgstr "坚决做到两个维护"

#: app.py:2
#, python-format
msgid "The Ministry of State Security (%s)"
msgstr "公安部 (%s)"

#: app.py:3
msgid "one fighting bastion"
msgid_plural "%d fighting bastions"
msgstr[0] ""

#, fuzzy
msgid "Untranslated sentence here"
msgstr "Untranslated sentence here"

#~ msgid "Old"
#~ msgstr "旧"
"""


def test_po_reader_segments():
    doc = read_po("x.po", PO.encode())
    assert [(s.id, s.source, s.target) for s in doc.segments] == [
        ("8", "Uphold the Two Upholds", "坚决做到两个维护"),
        ("12", "The Ministry of State Security (%s)", "公安部 (%s)"),
        ("17[0]", "one fighting bastion", ""),
        ("22", "Untranslated sentence here", "Untranslated sentence here"),
    ]
    assert doc.segments[3].flags == ("fuzzy",) and doc.target_language == "zh-CN"


def test_po_english_source_expects_chinese_terms(tmp_path):
    path = tmp_path / "x.po"
    path.write_text(PO, encoding="utf-8")
    report = lint_json(*SMALL, str(path))
    found = {(f["rule"], f["segment"]) for f in report["findings"]}
    assert found == {("TC301", "12"), ("TC304", "17[0]"), ("TC303", "22")}
    (miss,) = [f for f in report["findings"] if f["rule"] == "TC301"]
    assert miss["suggestion"] is None and "国家安全部" in miss["message"]
    # English-only rules do not run on Chinese targets.
    assert not [f for f in report["findings"] if f["rule"].startswith("TC2")]


def test_po_annotate_changes_only_annotated_entries_and_msgfmt_accepts_it(tmp_path):
    path = tmp_path / "x.po"
    path.write_text(PO, encoding="utf-8")
    result = runner.invoke(app, ["lint", *SMALL, "--annotate", "--fuzzy", str(path)])
    assert result.exit_code == 1
    annotated = path.read_text(encoding="utf-8")
    added = [line for line in annotated.splitlines() if line not in PO.splitlines()]
    assert all(line.startswith("#. termcheck: ") or "fuzzy" in line for line in added)
    assert "#, fuzzy, python-format" in annotated
    # Removing what was added gives back the original, byte for byte.
    original_lines = [line for line in annotated.splitlines(keepends=True)
                      if not line.startswith("#. termcheck: ") and line not in ("#, fuzzy\n",)]
    restored = "".join(original_lines).replace("#, fuzzy, python-format", "#, python-format")
    assert restored == PO.replace("#, fuzzy\nmsgid \"Untranslated", "msgid \"Untranslated")
    check = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    # Annotating again gives the same file.
    runner.invoke(app, ["lint", *SMALL, "--annotate", "--fuzzy", str(path)])
    assert path.read_text(encoding="utf-8") == annotated


def test_po_annotate_marks_nothing_fuzzy_unless_asked(tmp_path):
    path = tmp_path / "x.po"
    path.write_text(PO, encoding="utf-8")
    runner.invoke(app, ["lint", *SMALL, "--annotate", str(path)])
    annotated = path.read_text(encoding="utf-8")
    assert "#. termcheck: " in annotated
    assert annotated.count("fuzzy") == PO.count("fuzzy")


def test_po_annotate_cleans_entries_that_are_clean_now(tmp_path):
    path, fresh = tmp_path / "x.po", tmp_path / "fresh.po"
    path.write_text(PO, encoding="utf-8")
    fresh.write_text(PO, encoding="utf-8")
    runner.invoke(app, ["lint", *SMALL, "--annotate", "--fuzzy", str(path)])
    assert path.read_text(encoding="utf-8").count("#. termcheck: ") >= 3
    # Now only TC303 is checked: the other entries are clean and lose the comments and the fuzzy flags
    # termcheck set, giving exactly the file a first run with TC303 alone writes.
    runner.invoke(app, ["lint", *SMALL, "--annotate", "--fuzzy", "--select", "TC303", str(path)])
    runner.invoke(app, ["lint", *SMALL, "--annotate", "--fuzzy", "--select", "TC303", str(fresh)])
    assert path.read_text(encoding="utf-8") == fresh.read_text(encoding="utf-8")
    assert "#, fuzzy, python-format" not in path.read_text(encoding="utf-8")


def test_po_annotate_keeps_a_utf16_catalogue_utf16(tmp_path):
    path = tmp_path / "x.po"
    data = PO.replace("charset=UTF-8", "charset=UTF-16").encode("utf-16")
    path.write_bytes(data)
    runner.invoke(app, ["lint", *SMALL, "--annotate", str(path)])
    written = path.read_bytes()
    assert written[:2] == data[:2] and written != data
    assert "#. termcheck: " in written.decode("utf-16")


def _shipped_catalogues():
    catalogues = []
    for package, pattern in (("django", "contrib/admin/locale/zh_*/LC_MESSAGES/django.po"),
                             ("sphinx", "locale/zh_*/LC_MESSAGES/sphinx.po")):
        try:
            module = __import__(package)
        except ImportError:
            continue
        from pathlib import Path
        catalogues += sorted(Path(module.__file__).parent.glob(pattern))
    return catalogues


@pytest.mark.parametrize("catalogue", _shipped_catalogues(), ids=lambda p: "/".join(p.parts[-5:]))
def test_real_catalogues_are_read_checked_and_annotated(tmp_path, catalogue):
    data = catalogue.read_bytes()
    doc = document_from_bytes(str(catalogue), data)
    assert len(doc.segments) > 10
    copy = tmp_path / "copy.po"
    copy.write_bytes(data)
    result = runner.invoke(app, ["lint", "--annotate", "--format", "json", str(copy)])
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)
    assert all(f["segment"] is not None for f in report["findings"])
    check = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(copy)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    if not report["findings"]:
        assert copy.read_bytes() == data


def test_monolingual_lint_does_not_load_jieba_or_opencc(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("We must uphold the Two Upholds.", encoding="utf-8")
    code = ("import sys\nfrom termcheck.cli import app\n"
            f"try:\n    app(['lint', {str(page)!r}])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('jieba', 'opencc', 'sacrebleu', 'polib', 'lxml') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="zh-CN" target-language="en-US" datatype="plaintext" original="report.txt">
    <body>
      <trans-unit id="intro">
        <source>坚决做到两个维护</source>
        <target>We must resolutely achieve the two maintenances.</target>
      </trans-unit>
      <trans-unit id="concept">
        <source>坚持总体国家安全观</source>
        <target>Adhere to the <g id="1">overall security</g> thinking.</target>
      </trans-unit>
      <trans-unit id="done">
        <source>战斗堡垒</source>
        <target>fighting bastion</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


def test_xliff_findings_name_the_unit(tmp_path):
    path = tmp_path / "report.xlf"
    path.write_text(XLIFF, encoding="utf-8")
    report = lint_json(*SMALL, str(path))
    found = [(f["rule"], f["segment"], f["line"], f["text"]) for f in report["findings"]]
    assert ("TC101", "intro", 7, "two maintenances") in found
    # Located inside "Adhere to the overall security thinking.":
    assert ("TC301", "concept", 11, "overall security") in found
    assert not [f for f in found if f[1] == "done"]
    text = runner.invoke(app, ["lint", *SMALL, str(path)]).output
    assert f"{path}:7:32: [segment intro] TC101 error" in text
    assert "fixable" not in text  # --fix writes text and Markdown files only


@pytest.mark.parametrize("mode", ["--fix", "--diff"])
def test_fix_and_diff_say_plainly_that_a_bilingual_file_is_not_rewritten(tmp_path, mode):
    po = tmp_path / "v.po"
    po.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "两个维护"\nmsgstr "the two maintenances"\n', encoding="utf-8")
    before = po.read_bytes()
    result = subprocess.run([sys.executable, "-m", "termcheck", "lint", *SMALL, mode, str(po)],
                            capture_output=True, text=True, timeout=60)
    assert "1 suggestion(s) not written" in result.stderr and "apply them in your editor" in result.stderr
    assert po.read_bytes() == before


def test_a_rendering_counts_for_a_concept_only_where_the_source_has_it(default_linter):
    """“fighting spirit” renders 斗志 on the second line: no inconsistency with the first line's 斗争精神."""
    rows = ("我们要发扬斗争精神。\tWe must carry forward the spirit of struggle.\n"
            "战士们斗志昂扬。\tThe soldiers were in high fighting spirit.\n"
            "他们保持斗志。\tThey kept up their fighting spirit.\n")
    document = read_table("t.tsv", rows.encode())
    assert [f for f in default_linter.lint([document]) if f.rule == "TC102"] == []
    # The control: the same English alone (no source to tell the concepts apart) is reported.
    english = document_from_bytes("t.txt", "".join(r.split("\t")[1] for r in rows.splitlines(True)).encode())
    assert [f.text for f in default_linter.lint([english]) if f.rule == "TC102"] == ["spirit of struggle"]


def test_two_renderings_of_one_source_concept_are_still_reported(default_linter):
    rows = ("我们要发扬斗争精神。\tWe must carry forward the spirit of struggle.\n"
            "坚持斗争精神。\tKeep the fighting spirit.\n"
            "发扬斗争精神。\tCarry forward the fighting spirit.\n")
    document = read_table("t.tsv", rows.encode())
    assert [f.text for f in default_linter.lint([document]) if f.rule == "TC102"] == ["spirit of struggle"]
