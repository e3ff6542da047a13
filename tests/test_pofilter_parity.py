"""termcheck's placeholder, markup and bracket rules (TC306-TC308) beside translate-toolkit's pofilter on a
real catalogue (tests/data/catalogues): where the two agree, and where and why they differ."""
import json
from collections import Counter

import pytest
from conftest import DATA

from termcheck.documents.loading import read_document
from termcheck.engine import Linter, RuleSelection
from termcheck.glossary import load_glossaries
from termcheck.matching.compiled import CompiledGlossary

CATALOGUE = DATA / "catalogues" / "sphinx-zh_TW.po"
POFILTER = json.loads((DATA / "catalogues" / "sphinx-zh_TW.pofilter.json").read_text(encoding="utf-8"))["tests"]
FULL_WIDTH = str.maketrans("（）［］【】", "()[][]")


@pytest.fixture(scope="module")
def flagged():
    """For each rule, the msgids of the entries termcheck reports."""
    linter = Linter(CompiledGlossary(load_glossaries([str(DATA / "small-glossary.tsv")])),
                    selection=RuleSelection(select=("TC306", "TC307", "TC308")))
    document = read_document(str(CATALOGUE))
    out: dict[str, set[str]] = {"TC306": set(), "TC307": set(), "TC308": set()}
    for finding in linter.lint([document]):
        out[finding.rule].add(document.segments[document.segment_index_at(finding.start)].source)
    return out, {segment.source: segment for segment in document.segments}


def brackets(text):
    return Counter(c for c in text if c in "()[]")


def test_brackets_agree_with_pofilter_once_full_width_brackets_count_as_ascii(flagged):
    found, segments = flagged
    assert found["TC308"] <= set(POFILTER["brackets"])  # nothing pofilter does not also see
    for msgid in POFILTER["brackets"]:
        target = segments[msgid].target
        folded_differ = brackets(msgid) != brackets(target.translate(FULL_WIDTH))
        assert (msgid in found["TC308"]) == folded_differ, msgid
    full_width_only = [m for m in POFILTER["brackets"] if m not in found["TC308"]]
    # Most of pofilter's bracket reports are （） written for () in the Chinese: no mismatch at all.
    assert len(full_width_only) >= 0.8 * len(POFILTER["brackets"])
    assert all(set(segments[m].target) & set("（）［］【】") for m in full_width_only)


def test_a_url_before_sentence_punctuation_is_the_same_url(flagged):
    found, _ = flagged
    # pofilter takes the sentence's full stop into the English URL ("…/man/.") but not the Chinese "。".
    [msgid] = POFILTER["urls"]
    assert msgid.rstrip().endswith("/.") and msgid not in found["TC307"]
    assert found["TC307"] == set()


def test_strftime_directives_are_not_printf_placeholders(flagged):
    found, _ = flagged
    # pofilter reads "%b %d, %Y" (a date format, reordered for Chinese) as printf; %b and %Y are not printf
    # conversions, and the entry is a strftime format whatever its python-format flag says.
    [msgid] = POFILTER["printf"]
    assert "%Y" in msgid and msgid not in found["TC306"]
    assert POFILTER["emails"] == POFILTER["xmltags"] == POFILTER["pythonbraceformat"] == []
