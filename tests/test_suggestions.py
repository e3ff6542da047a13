"""Every suggestion replaces the flagged text only: applying it must not damage the sentence around it."""
from __future__ import annotations

import json

import pytest
import regex
from conftest import SEEDS, WMT21, lint_text

from termcheck.findings import Finding

_WORD = regex.compile(r"\w+")


def _documents() -> list[tuple[str, str]]:
    docs = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    rows = [json.loads(line) for line in WMT21.read_text(encoding="utf-8").splitlines()]
    for system in rows[0]["mt"]:
        docs.append((f"wmt21-{system}.txt", "\n".join(r["mt"][system] for r in rows) + "\n"))
    return docs


DOCUMENTS = _documents()


@pytest.fixture(scope="module")
def suggested(default_linter) -> list[tuple[str, str, Finding]]:
    out = []
    for name, text in DOCUMENTS:
        for finding in lint_text(default_linter, text, path=name):
            if finding.suggestion is not None:
                out.append((name, text, finding))
    return out


def _apply(text: str, finding: Finding) -> str:
    assert text[finding.start:finding.end] == finding.text
    return text[:finding.start] + (finding.suggestion or "") + text[finding.end:]


def _seam_doubles(text: str, finding: Finding) -> list[str]:
    """Words that the replacement doubles where it meets the text before or after it."""
    new = _WORD.findall(finding.suggestion or "")
    before = _WORD.findall(text[max(0, finding.start - 40):finding.start])
    after = _WORD.findall(text[finding.end:finding.end + 40])
    old = _WORD.findall(finding.text)
    doubled = []
    if new and before and new[0].lower() == before[-1].lower() and not (old and old[0].lower() == before[-1].lower()):
        doubled.append(new[0])
    if new and after and new[-1].lower() == after[0].lower() and not (old and old[-1].lower() == after[0].lower()):
        doubled.append(new[-1])
    return doubled


def test_the_seeds_and_dev_data_give_suggestions_to_check(suggested) -> None:
    assert len(suggested) > 50
    assert {f.rule for _, _, f in suggested} >= {"TC101", "TC104", "TC202", "TC203"}


def test_no_suggestion_doubles_a_word_at_its_seams(suggested) -> None:
    bad = [(name, f.rule, f.text, f.suggestion, d) for name, text, f in suggested if (d := _seam_doubles(text, f))]
    assert bad == []


# Rules that weigh the whole document (counts of renderings, quotes open across lines): linted whole. The
# others see a few lines around the fix, which is all they read there, and a tenth of the time.
WHOLE_DOCUMENT_RULES = frozenset({"TC102", "TC106", "TC203"})


def _around(text: str, start: int, end: int) -> tuple[int, str]:
    """The lines from the one before `start` to the one after `end`, and where they begin in `text`."""
    line_start = text.rfind("\n", 0, start) + 1
    first = text.rfind("\n", 0, line_start - 1) + 1 if line_start > 0 else 0
    line_end = text.find("\n", end)
    next_end = text.find("\n", line_end + 1) if line_end != -1 else -1
    last = len(text) if next_end == -1 else next_end
    return first, text[first:last]


def test_applying_each_suggestion_silences_its_rule_there(default_linter, suggested) -> None:
    still_firing = []
    for name, text, finding in suggested:
        fixed = _apply(text, finding)
        end = finding.start + max(len(finding.suggestion or ""), 1)
        offset, window = (0, fixed) if finding.rule in WHOLE_DOCUMENT_RULES else _around(fixed, finding.start, end)
        again = [
            f for f in lint_text(default_linter, window, path=name)
            if f.rule == finding.rule and offset + f.start < end and offset + f.end > finding.start
        ]
        if again:
            still_firing.append((name, finding.rule, finding.text, finding.suggestion, again[0].text))
    assert still_firing == []


def test_the_lines_around_a_fix():
    text = "one\ntwo\nthree four\nfive\nsix"
    start = text.index("four")
    first, window = _around(text, start, start + 4)
    assert (first, window) == (text.index("two"), "two\nthree four\nfive")
    assert _around(text, 0, 3) == (0, "one\ntwo")
    assert _around(text, text.index("six"), len(text)) == (text.index("five"), "five\nsix")


def test_a_partial_rendering_is_replaced_by_the_matching_part_only(default_linter) -> None:
    text = "In-depth study and implementation of the spirit of the 20th National Congress of the CPC.\n"
    (finding,) = [f for f in lint_text(default_linter, text) if f.rule == "TC101"]
    assert _apply(text, finding) == (
        "Study and application of the guiding principles of the 20th National Congress of the CPC.\n"
    )


def test_a_rendering_of_part_of_a_term_without_its_own_replacement_offers_none(default_linter) -> None:
    text = "We must take the purpose of people's safety seriously.\n"
    (finding,) = [f for f in lint_text(default_linter, text) if f.rule == "TC101"]
    assert finding.suggestion is None and not finding.fixable
    assert "take the people's security as the ultimate goal" in finding.message


def test_a_pattern_replaces_only_its_fix_group(default_linter) -> None:
    text = "Source: Seeking Truth 2020/04. Safeguarding political, finance, biology and data security.\n"
    found = {f.text: f.suggestion for f in lint_text(default_linter, text) if f.rule == "TC104"}
    assert found == {"Seeking Truth": "Qiushi Journal", "biology": "biosecurity"}


def test_a_pattern_without_a_replacement_offers_none(default_linter) -> None:
    text = "The whole country is “a game of chess”.\n"
    (finding,) = [f for f in lint_text(default_linter, text) if f.rule == "TC104"]
    assert finding.suggestion is None
    assert "act in concert" in finding.message


def test_the_party_keeps_its_possessive(default_linter) -> None:
    text = "We uphold the party’s leadership.\n"
    (finding,) = [f for f in lint_text(default_linter, text) if f.rule == "TC104"]
    assert _apply(text, finding) == "We uphold the Party’s leadership.\n"
