"""The bundled data: a real glossary of the domain, every entry sourced, official renderings never flagged."""
import csv
import re

import pytest
from conftest import SHARED, lint_text

from termcheck.engine import Linter
from termcheck.glossary import load_glossaries, load_proper_names
from termcheck.matching.automaton import surface_forms
from termcheck.matching.compiled import CompiledGlossary
from termcheck.resources import default_glossaries, default_proper_names

RESEARCH = SHARED / "reference" / "glossary_research.tsv"


@pytest.fixture(scope="module")
def glossary():
    return load_glossaries([str(p) for p in default_glossaries()])


@pytest.fixture(scope="module")
def linter(glossary):
    return Linter(CompiledGlossary(glossary), load_proper_names(str(default_proper_names())))


def test_covers_the_domain(glossary):
    assert len(glossary.entries) >= 2500
    tags = {t for e in glossary.entries for t in e.tags}
    assert {"security", "party-building", "20th-congress", "slogan", "idiom"} <= tags
    assert sum(1 for e in glossary.entries if e.deprecated or e.pattern) >= 1500


def test_the_default_glossary_is_split_by_area():
    areas = [p for p in default_glossaries() if p.parent.name != "generated"]
    assert len(areas) >= 6
    for path in areas:
        entries = load_glossaries([str(path)]).entries
        assert len(entries) >= 250, path.name
    seen: dict[str, str] = {}
    for path in areas:
        for entry in load_glossaries([str(path)]).entries:
            assert entry.zh not in seen, f"{entry.zh} is in {seen.get(entry.zh)} and {path.name}"
            seen[entry.zh] = path.name


_URL = re.compile(r"https?://[^\s;,)]+\.[^\s;,)]+")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_EDITOR = "editor judgement"


def test_every_row_names_a_checkable_source(glossary):
    unchecked = [(e.origin, e.source) for e in glossary.entries
                 if not (_URL.search(e.source) or _YEAR.search(e.source) or e.source.lower().startswith(_EDITOR))]
    assert unchecked == []


def test_a_row_backed_only_by_editor_judgement_never_flags_at_error(glossary):
    strict = [(e.origin, e.zh) for e in glossary.entries
              if e.source.lower().startswith(_EDITOR) and (e.severity is None or e.severity.value == "error")]
    assert strict == []


def test_no_superseded_rendering_is_another_rows_current_one(glossary):
    acceptable = {f for e in glossary.entries for p in e.acceptable for f in surface_forms(p)}
    clashes = [(e.zh, p) for e in glossary.entries for p, _, _ in e.superseded if surface_forms(p) & acceptable]
    assert clashes == []


def test_no_phrase_is_both_acceptable_and_deprecated(glossary):
    acceptable = {f for e in glossary.entries for p in e.acceptable for f in surface_forms(p)}
    clashes = [(e.zh, p) for e in glossary.entries for p in e.deprecated if surface_forms(p) & acceptable]
    assert clashes == []


def test_no_pattern_matches_its_own_entry_renderings(glossary):
    compiled = CompiledGlossary(glossary)
    for entry in glossary.entries:
        if entry.pattern:
            for phrase in entry.acceptable:
                hits = [h for h in compiled.find_patterns(phrase) if h.entry is entry]
                assert not hits, (entry.zh, phrase)


@pytest.mark.parametrize("official", [
    "two establishments", "Two Establishments", "hidden front", "the Two Upholds",
    "holistic approach to national security", "Ministry of State Security", "state security organs",
    "national security", "fighting bastion", "whole-process people's democracy", "Chinese modernization",
])
def test_standard_renderings_are_never_flagged(linter, official):
    findings = lint_text(linter, f"We must firmly uphold {official} in the new era.", select=("TC101", "TC104"))
    assert findings == []


def _allowlisted_renderings():
    if not RESEARCH.is_file():
        return []
    with RESEARCH.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    renderings = []
    for row in rows:
        if "allowlist" not in row["error_type"]:
            continue
        for part in [row["standard_en"], *row["variants_seen_or_known"].split(";")]:
            for piece in re.split(r"\s*/\s*|;", re.sub(r"\([^)]*\)|'[^']*'", "", part)):
                piece = piece.strip(" .,")
                if len(piece.split()) >= 2 and "=" not in piece:
                    renderings.append(piece)
    return renderings


@pytest.mark.skipif(not RESEARCH.is_file(), reason="../shared/reference is not beside the checkout")
def test_research_allowlist_is_never_flagged(linter):
    renderings = _allowlisted_renderings()
    assert len(renderings) >= 30
    for rendering in renderings:
        findings = lint_text(linter, f"{rendering}.", select=("TC101", "TC104"))
        assert findings == [], (rendering, [f.message for f in findings])


def test_proper_names_list(linter):
    names = load_proper_names(str(default_proper_names()))
    assert len(names) >= 200
    assert {"Xi Jinping", "Heilongjiang", "Qiushi", "Xinhua"} <= names
