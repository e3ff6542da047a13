"""`termcheck glossary validate`: every problem of some glossary files in one run, each located by file,
line and column. Errors are what stops a lint run (a malformed row, a pattern that does not compile);
warnings are rows that load but cannot do what they say: a deprecated or superseded rendering that is
another row's acceptable one (it is never reported), a concept defined in two files (the later wins), a
pattern that matches its own entry's renderings, a source that is neither a URL nor a dated publication
nor "editor judgement"."""
from __future__ import annotations

import re
from dataclasses import dataclass

from termcheck.errors import GlossaryError
from termcheck.glossary.loader import glossary_file_from_bytes, read_glossary_bytes
from termcheck.glossary.model import Entry, Glossary, GlossaryFile
from termcheck.matching.automaton import surface_forms

_URL = re.compile(r"https?://[^\s;,)]+\.[^\s;,)]+")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_EDITOR = "editor judgement"
# What a term base row gets when it has no citation of its own (tbx.py, termbase_table.py).
_GENERATED_SOURCE = re.compile(r"^(?:TBX(?: concept .*)?|.+:\d+)$")


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    column: int
    severity: str  # "error" or "warning"
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"


def validate(paths: list[str]) -> list[Problem]:
    problems: list[Problem] = []
    loaded: list[tuple[GlossaryFile, list[Entry]]] = []
    for path in paths:
        entries, errors = _load(path)
        problems.extend(Problem(e.path, e.line, e.column, "error", e.reason) for e in errors)
        loaded.append((GlossaryFile(path, len(entries), ""), entries))
    entries = [e for _, file_entries in loaded for e in file_entries]
    problems.extend(_clashes(entries))
    problems.extend(_defined_twice(loaded))
    problems.extend(_self_matching_patterns(entries))
    problems.extend(_risky_patterns(entries))
    problems.extend(_unchecked_sources(entries))
    return sorted(problems, key=lambda p: (p.path, p.line, p.column, p.message))


def _load(path: str) -> tuple[list[Entry], list[GlossaryError]]:
    errors: list[GlossaryError] = []
    try:
        return glossary_file_from_bytes(path, read_glossary_bytes(path), errors)[1], errors
    except GlossaryError as exc:  # the file as a whole: unreadable, no header, malformed XML
        return [], [*errors, exc]


def _place(entry: Entry) -> tuple[str, int]:
    path, _, line = entry.origin.rpartition(":")
    return (path, int(line)) if line.isdigit() else (entry.origin, 1)


def _warning(entry: Entry, message: str) -> Problem:
    path, line = _place(entry)
    return Problem(path, line, 1, "warning", message)


def _clashes(entries: list[Entry]) -> list[Problem]:
    acceptable: dict[str, str] = {}
    for entry in entries:
        for phrase in entry.acceptable:
            for form in surface_forms(phrase):
                acceptable.setdefault(form, entry.zh)
    out = []
    for entry in entries:
        superseded = tuple(phrase for phrase, _, _ in entry.superseded)
        for kind, phrases in (("deprecated", entry.deprecated), ("superseded", superseded)):
            for phrase in phrases:
                owner = next((acceptable[f] for f in surface_forms(phrase) if f in acceptable), None)
                if owner is not None:
                    out.append(_warning(entry, f"{kind} rendering {phrase!r} of {entry.zh} is an acceptable "
                                               f"rendering of {owner}, so it is never reported"))
    return out


def _defined_twice(loaded: list[tuple[GlossaryFile, list[Entry]]]) -> list[Problem]:
    first: dict[str, Entry] = {}
    out = []
    for _, entries in loaded:
        for entry in entries:
            if entry.supplement:
                continue  # a generated file's literal renderings for a concept defined elsewhere
            earlier = first.setdefault(entry.zh, entry)
            if earlier is not entry:
                out.append(_warning(entry, f"{entry.zh} is also defined at {earlier.origin}; this row replaces it"))
    return out


def _self_matching_patterns(entries: list[Entry]) -> list[Problem]:
    from termcheck.matching.compiled import CompiledGlossary

    with_patterns = [e for e in entries if e.pattern]
    if not with_patterns:
        return []
    compiled = CompiledGlossary(Glossary(entries=list({e.zh: e for e in with_patterns}.values())))
    out = []
    for entry in with_patterns:
        for phrase in entry.acceptable:
            if any(hit.entry.zh == entry.zh for hit in compiled.find_patterns(phrase)):
                out.append(_warning(entry, f"the pattern of {entry.zh} matches its own rendering {phrase!r}"))
    return out


def _risky_patterns(entries: list[Entry]) -> list[Problem]:
    from termcheck.glossary.pattern_risk import nested_repeat

    return [_warning(entry, f"the pattern of {entry.zh} repeats a group that holds an unbounded repeat, as in "
                            "(a+)+: it can take super-linear time on text that nearly matches; bound the inner "
                            "repeat or write the group so that it can match a string one way only")
            for entry in entries if entry.pattern and nested_repeat(entry.pattern)]


def _unchecked_sources(entries: list[Entry]) -> list[Problem]:
    out = []
    for entry in entries:
        source = entry.source.strip()
        if entry.supplement or _GENERATED_SOURCE.match(source):
            continue
        if not (_URL.search(source) or _YEAR.search(source) or source.lower().startswith(_EDITOR)):
            out.append(_warning(entry, f"the source of {entry.zh} is neither a URL, a dated publication nor "
                                       f"{_EDITOR!r}: {source[:60]!r}"))
    return out
