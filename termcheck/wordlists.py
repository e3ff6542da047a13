"""Word lists kept as data files in termcheck/data/, read once on first use."""
from __future__ import annotations

from functools import cache

from termcheck.resources import DATA


@cache
def words(name: str) -> frozenset[str]:
    """The words of data file `name` (one a line, '#' comments), lower-cased."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


@cache
def gloss_groups() -> dict[str, frozenset[int]]:
    """Each English gloss of gloss-synonyms.tsv, with the numbers of the Chinese words it glosses: two
    glosses sharing a number are near-synonyms a translation may swap."""
    groups: dict[str, set[int]] = {}
    lines = (DATA / "gloss-synonyms.tsv").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(line for line in lines if line and not line.startswith("#")):
        for gloss in line.partition("\t")[2].split(";"):
            groups.setdefault(gloss, set()).add(number)
    return {gloss: frozenset(ids) for gloss, ids in groups.items()}


@cache
def pairs(name: str, header: tuple[str, str]) -> tuple[tuple[str, str], ...]:
    """The rows of a two-column data file (tab-separated, '#' comments) under its `header` row."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    first, *rows = [tuple(line.split("\t")) for line in lines if line and not line.startswith("#")]
    if first != header or any(len(row) != 2 for row in rows):
        raise ValueError(f"{name}: expected two tab-separated columns under the header {header}")
    return tuple((a, b) for a, b in rows)


@cache
def words_with_role(role: str) -> frozenset[str]:
    """The English function words that word-roles-en.tsv gives `role` ("article", "joiner", ...)."""
    return frozenset(word for word, named in pairs("word-roles-en.tsv", ("word", "role")) if named == role)


@cache
def tags_with(behaviour: str) -> frozenset[str]:
    """The glossary tags that have `behaviour` in tag-behaviour.tsv ("paraphrasable": idiom, slogan, ...)."""
    return frozenset(tag for tag, named in pairs("tag-behaviour.tsv", ("tag", "behaviour")) if named == behaviour)


def near_synonyms(a: str, b: str) -> bool:
    groups = gloss_groups()
    return bool(groups.get(a, frozenset()) & groups.get(b, frozenset()))


@cache
def _ranks() -> dict[str, int]:
    lines = (DATA / "common-words-en.txt").read_text(encoding="utf-8").splitlines()
    listed = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return {word: rank for rank, word in enumerate(listed, start=1)}


def frequency_rank(word: str) -> int:
    """1 for the commonest English word; words beyond the list rank last (they are rare)."""
    return _ranks().get(word.lower(), 1_000_000)
