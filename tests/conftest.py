from __future__ import annotations

from pathlib import Path

import pytest

from termcheck.documents.loading import document_from_bytes
from termcheck.engine import Linter, RuleSelection
from termcheck.findings import Finding
from termcheck.glossary import load_glossaries, load_proper_names
from termcheck.matching.compiled import CompiledGlossary

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
DATA = TESTS / "data"
SMALL_GLOSSARY = DATA / "small-glossary.tsv"
SMALL_NAMES = DATA / "small-names.tsv"
SHARED = REPO.parent / "shared"
# Copies of the two seed documents and of the WMT21 dev segments, so a clone alone runs the whole suite.
SEEDS = DATA / "seeds"
WMT21 = DATA / "wmt21_political.jsonl"


@pytest.fixture(scope="session")
def small_linter() -> Linter:
    glossary = load_glossaries([str(SMALL_GLOSSARY)])
    return Linter(CompiledGlossary(glossary), load_proper_names(str(SMALL_NAMES)))


def lint_text(linter: Linter, text: str, path: str = "doc.txt", select: tuple[str, ...] = ()) -> list[Finding]:
    document = document_from_bytes(path, text.encode("utf-8"))
    if select:
        linter = Linter(linter.glossary, linter.proper_names, RuleSelection(select=select))
    return linter.lint([document])


@pytest.fixture(scope="session")
def default_linter() -> Linter:
    from termcheck.resources import default_glossaries, default_proper_names

    glossary = load_glossaries([str(p) for p in default_glossaries()])
    return Linter(CompiledGlossary(glossary), load_proper_names(str(default_proper_names())))


@pytest.fixture(scope="session", autouse=True)
def _compiled_glossary_cache(tmp_path_factory):
    """Every termcheck the suite starts shares one compiled-glossary cache of its own, never the user's."""
    import os

    previous = os.environ.get("TERMCHECK_CACHE_DIR")
    os.environ["TERMCHECK_CACHE_DIR"] = str(tmp_path_factory.mktemp("glossary-cache"))
    yield
    if previous is None:
        os.environ.pop("TERMCHECK_CACHE_DIR", None)
    else:
        os.environ["TERMCHECK_CACHE_DIR"] = previous
