"""Literal machine renderings of the domain's fixed terms are caught; the same words in ordinary English are not.

The examples are data, one file per glossary area under `tests/data/garbles/`: a TSV of `sentence` and
`concept`. A sentence with a concept is the kind of output MT systems give for a Party or government text and
must be flagged for that concept, and for it alone; a sentence without one shares words with a phrase or
pattern of the glossary and must stay silent.
"""
import csv
from pathlib import Path

import pytest
from conftest import lint_text

from termcheck.engine import Linter
from termcheck.glossary import load_glossaries, load_proper_names
from termcheck.matching.compiled import CompiledGlossary
from termcheck.resources import default_glossaries, default_proper_names

TERM_RULES = ("TC101", "TC104")
EXAMPLES = Path(__file__).parent / "data" / "garbles"


def examples() -> list[tuple[str, str]]:
    rows = []
    for path in sorted(EXAMPLES.glob("*.tsv")):
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            rows.append((row["sentence"], row["concept"] or ""))
    return rows


GARBLED = [(sentence, concept) for sentence, concept in examples() if concept]
ORDINARY = [sentence for sentence, concept in examples() if not concept]


@pytest.fixture(scope="module")
def linter():
    glossary = load_glossaries([str(p) for p in default_glossaries()])
    return Linter(CompiledGlossary(glossary), load_proper_names(str(default_proper_names())))


def test_every_area_has_examples_of_both_kinds():
    assert len(GARBLED) >= 18 and len(ORDINARY) >= 8


@pytest.mark.parametrize(("sentence", "concept"), GARBLED, ids=[s[:50] for s, _ in GARBLED])
def test_a_literal_rendering_is_flagged(linter, sentence, concept):
    findings = lint_text(linter, sentence, select=TERM_RULES)
    assert [f.concept.zh for f in findings if f.concept] == [concept]


@pytest.mark.parametrize("sentence", ORDINARY, ids=[s[:50] for s in ORDINARY])
def test_ordinary_english_sharing_the_words_is_not(linter, sentence):
    assert lint_text(linter, sentence, select=TERM_RULES) == []
