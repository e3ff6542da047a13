"""The user's own examples: two real machine translations, linted end to end with the default glossary."""
import json
import subprocess
import sys

import pytest
from conftest import SEEDS

SECURITY_2022 = SEEDS / "000_88add4490d96200b.txt"
QIUSHI_2020 = SEEDS / "004_09650edcbb5ce047.txt"

pytestmark = pytest.mark.skipif(not SECURITY_2022.is_file(), reason="../shared/seeds is not beside the checkout")


@pytest.fixture(scope="module")
def report():
    proc = subprocess.run(
        [sys.executable, "-m", "termcheck", "lint", "--format", "json", str(SECURITY_2022), str(QIUSHI_2020)],
        capture_output=True, text=True,
    )
    assert proc.returncode == 1, proc.stderr
    return json.loads(proc.stdout)


def found(report, path, rule=None):
    return {f["text"] for f in report["findings"] if f["path"] == str(path) and (rule is None or f["rule"] == rule)}


@pytest.mark.parametrize(
    "path, rule, text, suggestion",
    [
        (SECURITY_2022, "TC101", "two maintenances", "Two Upholds"),
        (SECURITY_2022, "TC101", "Ministry of National Security", "Ministry of State Security"),
        (SECURITY_2022, "TC101", "rushing for the exam", None),
        (SECURITY_2022, "TC101", "National Security Department of Heilongjiang Province", None),
        (SECURITY_2022, "TC101", "shine the sword", None),
        (SECURITY_2022, "TC101", "situation of new enemies", None),
        (SECURITY_2022, "TC104", "maintain", "uphold"),
        (SECURITY_2022, "TC203", "“", "”"),
        (QIUSHI_2020, "TC101", "overall national security concept", "holistic approach to national security"),
        (QIUSHI_2020, "TC101", "Overall National Security Concept", "Holistic Approach to National Security"),
        (QIUSHI_2020, "TC101", "overall concept of national security", "holistic approach to national security"),
        (QIUSHI_2020, "TC101", "battlefort", "fighting bastion"),
        (QIUSHI_2020, "TC101", "magic weapon", None),
        (QIUSHI_2020, "TC101", "Ministry of National Security", "Ministry of State Security"),
        (QIUSHI_2020, "TC101", "Central National Security Committee", "Central National Security Commission"),
        (QIUSHI_2020, "TC101", "Ye Zhiqiu", None),
        (QIUSHI_2020, "TC101", "grey rhinoceros", None),
        (QIUSHI_2020, "TC101", "foresight and foresight", None),
        (QIUSHI_2020, "TC104", "need to", "must never"),
        (QIUSHI_2020, "TC202", "1、 ", "1. "),
        (QIUSHI_2020, "TC202", "2、 ", "2. "),
        (QIUSHI_2020, "TC202", "——", "—"),
        (QIUSHI_2020, "TC205", "instructions and instructions", None),
    ],
)
def test_seed_problem_is_found(report, path, rule, text, suggestion):
    matches = [f for f in report["findings"] if f["path"] == str(path) and f["rule"] == rule and f["text"] == text]
    assert matches, f"{rule} {text!r} not reported in {path.name}"
    if suggestion is not None:
        assert matches[0]["suggestion"] == suggestion


def test_mismatched_quotes_after_communist_party_of_china(report):
    text = SECURITY_2022.read_text(encoding="utf-8")
    quotes = [f for f in report["findings"] if f["path"] == str(SECURITY_2022) and f["rule"] == "TC203"]
    assert len(quotes) >= 2
    for f in quotes:
        assert text[f["start"] - len("Communist Party of China"):f["start"]] == "Communist Party of China"


def test_ministry_named_two_ways_in_one_document(report):
    text = SECURITY_2022.read_text(encoding="utf-8")
    assert "Ministry of State Security" in text and "Ministry of National Security" in text
    flagged = [f for f in report["findings"] if f["path"] == str(SECURITY_2022) and "Ministry" in f["text"]]
    assert [f["text"] for f in flagged] == ["Ministry of National Security"]


def test_idiom_as_a_name_is_reported_by_the_pinyin_check_too(report):
    # TC101 knows 一叶知秋 from the glossary; TC204 would find it without the glossary entry.
    proc = subprocess.run(
        [sys.executable, "-m", "termcheck", "lint", "-f", "json", "--select", "TC204", str(QIUSHI_2020)],
        capture_output=True, text=True,
    )
    texts = [f["text"] for f in json.loads(proc.stdout)["findings"]]
    assert texts == ["Ye Zhiqiu"]


@pytest.mark.parametrize(
    "path, official",
    [
        (SECURITY_2022, "two establishments"),
        (SECURITY_2022, "hidden front"),
        (SECURITY_2022, "Ministry of State Security"),
        (SECURITY_2022, "new development pattern"),
        (SECURITY_2022, "high-quality development"),
        (SECURITY_2022, "Party Central Committee"),
        (QIUSHI_2020, "people's war"),
        (QIUSHI_2020, "community with a shared future for mankind"),
        (QIUSHI_2020, "black swan"),
        (QIUSHI_2020, "sense of gain"),
        (QIUSHI_2020, "Chinese Dream"),
    ],
)
def test_official_rendering_is_not_flagged(report, path, official):
    text = path.read_text(encoding="utf-8").lower()
    occurrences = []
    start = text.find(official.lower())
    while start != -1:
        occurrences.append((start, start + len(official)))
        start = text.find(official.lower(), start + 1)
    assert occurrences, f"{official!r} should occur in {path.name}"
    for f in report["findings"]:
        if f["path"] == str(path) and f["rule"] in ("TC101", "TC104"):
            assert not any(s <= f["start"] and f["end"] <= e for s, e in occurrences), f


def test_standard_renderings_are_never_deprecated_anywhere(report):
    for f in report["findings"]:
        if f["rule"] in ("TC101", "TC104"):
            assert "two establishments" not in f["text"].lower()
            assert "hidden front" not in f["text"].lower()


def test_every_finding_text_is_the_file_text_at_its_offsets(report):
    texts = {str(p): p.read_text(encoding="utf-8") for p in (SECURITY_2022, QIUSHI_2020)}
    for f in report["findings"]:
        assert texts[f["path"]][f["start"]:f["end"]] == f["text"]
    assert len(report["findings"]) >= 100
