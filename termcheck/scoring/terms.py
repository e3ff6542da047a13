"""The term success rate: how many of the source's glossary terms came out as the glossary says."""
from __future__ import annotations

from termcheck.errors import TermcheckError
from termcheck.glossary import load_glossaries
from termcheck.glossary.model import Entry, Glossary
from termcheck.matching.compiled import CompiledGlossary
from termcheck.resources import default_glossaries
from termcheck.scoring.model import MissedTerm, TermSuccess, Wmt25Terms


def load_glossary(extra: list[str], default_glossary: bool) -> Glossary:
    """The glossaries as lint resolves them: the bundled one first, then each --glossary overriding it.
    Loaded here rather than through lint's Linter, which would also load the proper names for nothing."""
    paths = ([str(p) for p in default_glossaries()] if default_glossary else []) + extra
    if not paths:
        raise TermcheckError("no glossary: give --glossary FILE or drop --no-default-glossary")
    return load_glossaries(paths)


def source_terms(glossary: Glossary, sources: list[str]) -> list[list[Entry]]:
    """The distinct glossary entries in each source segment, found once and shared by every system."""
    # jieba, under SourceTermFinder, loads only when the terms are scored
    from termcheck.matching.source_terms import SourceTermFinder

    finder = SourceTermFinder(CompiledGlossary(glossary))
    found = []
    for source in sources:
        entries: dict[str, Entry] = {}
        for term in finder.find(source):
            entries.setdefault(term.entry.zh, term.entry)
        found.append(list(entries.values()))
    return found


def term_success(terms: list[list[Entry]], hypotheses: list[str], references: list[list[str]] | None = None,
                 ) -> TermSuccess:
    """WMT terminology-task term success rate: of all (segment, source term) pairs, the share whose
    hypothesis contains a preferred or admitted rendering. A term repeated within a segment counts once,
    as the shared task counts it, so one long segment cannot outweigh the rest."""
    from termcheck.matching.source_terms import renders

    success = TermSuccess()
    for line, (entries, hypothesis) in enumerate(zip(terms, hypotheses, strict=True), start=1):
        for entry in entries:
            success.total += 1
            if renders(entry, hypothesis):
                success.hits += 1
            else:
                success.missed.append(MissedTerm(line, entry))
    if references:
        success.wmt25 = wmt25_term_success(terms, hypotheses, references)
    return success


def wmt25_term_success(terms: list[list[Entry]], hypotheses: list[str], references: list[list[str]]) -> Wmt25Terms:
    """The WMT25 definition beside termcheck's own: plain lower-cased substrings (no word boundaries, no
    inflection), and only the terms a reference renders as the glossary says count at all."""
    counted = Wmt25Terms()
    for index, (entries, hypothesis) in enumerate(zip(terms, hypotheses, strict=True)):
        lowered = hypothesis.lower()
        in_references = [reference[index].lower() for reference in references]
        for entry in entries:
            renderings = [phrase.lower() for phrase in entry.acceptable]
            if not any(phrase in reference for reference in in_references for phrase in renderings):
                continue
            counted.total += 1
            if any(phrase in lowered for phrase in renderings):
                counted.hits += 1
    return counted
