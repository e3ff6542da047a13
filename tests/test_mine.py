"""`termcheck glossary mine`: how a parallel corpus renders the glossary's concepts, as a TSV for review."""
import csv
import subprocess
import sys

import pytest

from termcheck.commands.glossary import MINE_COLUMNS

GLOSSARY = (
    "zh\ten\tadmitted\tdeprecated\tsource\n"
    "战斗堡垒\tfighting bastion\tfighting fortress\tbattle fort\thttps://example.org/report\n"
    "初心\toriginal aspiration\t\tfirst heart\thttps://example.org/report\n"
)
SOURCE = ["党组织是战斗堡垒。", "党组织是战斗堡垒。", "党组织是战斗堡垒。", "不忘初心。", "不忘初心。", "今天下雨。"]
TARGET = ["The Party organization is a fighting bastion.", "The Party organization is a fighting bastion.",
          "The Party organization is a battle bastion.", "Never forget the first heart.",
          "Never forget the original aspiration.", "It rains today."]


def mine(tmp_path, *extra):
    (tmp_path / "g.tsv").write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / "src.zh.txt").write_text("\n".join(SOURCE) + "\n", encoding="utf-8")
    (tmp_path / "mt.en.txt").write_text("\n".join(TARGET) + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "termcheck", "glossary", "mine", "--no-default-glossary", "-g", "g.tsv",
         "--source", "src.zh.txt", "mt.en.txt", *extra],
        capture_output=True, text=True, cwd=tmp_path, timeout=120)
    return result


def test_renderings_are_counted_per_concept_with_their_status(tmp_path):
    result = mine(tmp_path, "--unknown", "0")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(result.stdout.splitlines(), delimiter="\t"))
    assert tuple(rows[0]) == MINE_COLUMNS
    found = {(r["zh"], r["rendering"], r["status"]): (int(r["count"]), r["proposal"]) for r in rows}
    assert found[("战斗堡垒", "fighting bastion", "preferred")] == (2, "")
    # A rendering no glossary row lists is located by its words and proposed as a deprecated candidate.
    assert found[("战斗堡垒", "battle bastion", "unlisted")] == (1, "candidate deprecated")
    assert found[("初心", "first heart", "deprecated")][0] == 1
    assert found[("初心", "original aspiration", "preferred")][0] == 1
    assert {r["zh"] for r in rows} == {"战斗堡垒", "初心"}  # the segment with no concept adds nothing


def test_min_count_leaves_out_rare_renderings(tmp_path):
    rows = list(csv.DictReader(mine(tmp_path, "--unknown", "0", "--min-count", "2").stdout.splitlines(),
                               delimiter="\t"))
    assert [(r["zh"], r["rendering"]) for r in rows] == [("战斗堡垒", "fighting bastion")]


def test_frequent_source_words_outside_the_glossary_are_listed_for_research(tmp_path):
    rows = list(csv.DictReader(mine(tmp_path, "--unknown", "5").stdout.splitlines(), delimiter="\t"))
    unknown = {r["zh"]: r for r in rows if r["status"] == "not in glossary"}
    assert "党组织" in unknown and unknown["党组织"]["rendering"] == "party organization"
    assert "战斗堡垒" not in unknown  # a glossary term, and the words inside it, are known


@pytest.mark.parametrize(("lines", "message"), [
    (["党组织是战斗堡垒。"], "line-aligned files need the same number of lines"),
])
def test_a_misaligned_source_is_one_clear_error(tmp_path, lines, message):
    (tmp_path / "g.tsv").write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / "src.zh.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "mt.en.txt").write_text("\n".join(TARGET) + "\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "termcheck", "glossary", "mine", "-g", "g.tsv",
                             "--source", "src.zh.txt", "mt.en.txt"], capture_output=True, text=True,
                            cwd=tmp_path, timeout=120)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_a_target_without_a_source_is_refused(tmp_path):
    (tmp_path / "mt.en.txt").write_text("Hello.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "termcheck", "glossary", "mine", "mt.en.txt"],
                            capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert result.returncode == 2 and "not a bilingual file" in result.stderr
