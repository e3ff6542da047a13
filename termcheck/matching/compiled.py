"""A glossary compiled for matching: one automaton for all phrases, plus each entry's pattern."""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

import regex

from termcheck.errors import GlossaryError
from termcheck.glossary.model import Entry, Glossary
from termcheck.matching.automaton import PhraseAutomaton, keyword_automaton
from termcheck.matching.normalize import lower_keeping_length, normalize_phrase
from termcheck.matching.prefilter import required_literals

# The time one pattern may take over one document, across all the windows it runs in: a pattern that
# backtracks catastrophically near a common word would otherwise take its full time in each of them.
PATTERN_TIMEOUT_SECONDS = 2.0
PATTERN_TIMEOUT_SECONDS_PER_MB = 0.5  # and this much more per million characters it runs over
# A pattern runs only within this many characters of a literal it requires (see prefilter.py).
PATTERN_WINDOW = 400
T = TypeVar("T")
_SINGLE_LINE_BREAK = regex.compile(r"(?<!\n[ \t]*)\r?\n(?![ \t]*\r?\n)")


class Kind(str, Enum):
    PREFERRED = "preferred"
    ADMITTED = "admitted"
    DEPRECATED = "deprecated"
    SUPERSEDED = "superseded"  # an older official rendering: dated, not wrong

    @property
    def acceptable(self) -> bool:
        return self not in (Kind.DEPRECATED, Kind.SUPERSEDED)


@dataclass(frozen=True)
class Rendering:
    """A glossary phrase: which entry it belongs to and whether it is preferred, admitted or deprecated."""

    entry: Entry
    kind: Kind
    phrase: str
    generated: bool = False  # a literal rendering generated from a dictionary, not listed by an editor
    # An acceptable rendering of more than one concept ("poverty alleviation": 扶贫 and 脱贫攻坚): where
    # it occurs, which concept the translator meant is unknown.
    shared: bool = False


@dataclass(frozen=True)
class TermHit:
    start: int
    end: int
    rendering: Rendering

    @property
    def entry(self) -> Entry:
        return self.rendering.entry

    @property
    def kind(self) -> Kind:
        return self.rendering.kind


@dataclass(frozen=True)
class PatternHit:
    """A pattern match; [start, end) is its `fix` group where the pattern has one (the part a replacement
    takes the place of), else the whole match."""

    start: int
    end: int
    entry: Entry
    replaceable: bool = True  # False where the pattern has a `fix` group that took no part in this match


class PatternTimeout(Exception):
    """A pattern stopped on a document for taking longer than its time budget. Not an input error: the
    run keeps the matches found so far and its exit status, and reports this as a warning. The message
    names no document or time, so that one slow pattern is reported once however many it slowed on."""

    def __init__(self, entry: Entry) -> None:
        super().__init__(
            f"{entry.origin}: the pattern of {entry.zh} took longer than {PATTERN_TIMEOUT_SECONDS:g}s "
            f"(plus {PATTERN_TIMEOUT_SECONDS_PER_MB:g}s per MB of text) on a document and was stopped there, "
            "keeping the matches found before; rewrite it without nested quantifiers (catastrophic "
            "backtracking)"
        )
        self.entry = entry


class CompiledGlossary:
    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self._phrases: PhraseAutomaton[Rendering] = PhraseAutomaton()
        shared = _shared_renderings(glossary)
        for entry in glossary.entries:
            for kind, phrases in (
                (Kind.PREFERRED, (entry.en,)),
                (Kind.ADMITTED, entry.admitted),
                (Kind.DEPRECATED, entry.deprecated),
                (Kind.SUPERSEDED, tuple(phrase for phrase, _, _ in entry.superseded)),
            ):
                for phrase in phrases:
                    is_shared = kind.acceptable and normalize_phrase(phrase) in shared
                    self._phrases.add(phrase, Rendering(entry, kind, phrase, shared=is_shared))
            for phrase in entry.literal:
                self._phrases.add(phrase, Rendering(entry, Kind.DEPRECATED, phrase, generated=True))
        for payloads in self._phrases.payload_lists():
            _resolve(payloads)
        self._phrases.build()
        self._patterns = [_Pattern(entry, required_literals(entry.pattern))
                          for entry in glossary.entries if entry.pattern]
        # An automaton of the patterns' required literals (ahocorasick, untyped), built on first use; False
        # when no pattern has any.
        self._needles: Any = None
        # Patterns stopped by their time budget (PatternTimeout messages), for the caller to report as
        # warnings: a slow pattern is our problem, never the input's.
        self.timeouts: list[str] = []
        # What checks derive from the glossary (their indexes), built once and cached with it on disk.
        self._derived: dict[str, object] = {}
        self.cache_file: Path | None = None  # where glossary_cache keeps it, if it does
        self.side_values: dict[str, object] = {}  # glossary_cache.side_data, in memory: never pickled

    def derived(self, name: str, build: Callable[[], T]) -> T:
        """The value a check derives from this glossary under `name`, built on first use. Kept with the
        compiled glossary, so a cached glossary (glossary_cache.py) brings its checks' indexes along."""
        if name not in self._derived:
            self._derived[name] = build()
        return self._derived[name]  # type: ignore[return-value]

    def prepare(self) -> None:
        """Build now what is otherwise built on first use, so that it is cached too."""
        self._phrases.build()
        self._needle_automaton()

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state["timeouts"] = []
        state["cache_file"] = None
        state["side_values"] = {}
        return state

    def find_terms(self, text: str) -> list[TermHit]:
        return [TermHit(m.start, m.end, m.payloads[0]) for m in self._phrases.find(text)]

    def _needle_occurrences(self, lowered: str) -> dict[int, list[tuple[int, int]]]:
        """Where each pattern's required literals occur: one pass of one automaton over the text."""
        needles = self._needle_automaton()
        if not needles:
            return {}
        found: dict[int, list[tuple[int, int]]] = {}
        for last, (size, indexes) in needles.iter(lowered):
            for index in indexes:
                found.setdefault(index, []).append((last + 1 - size, last + 1))
        return found

    def _needle_automaton(self) -> Any:
        if self._needles is None:
            owners: dict[str, list[int]] = {}
            for index, pattern in enumerate(self._patterns):
                for needle in pattern.needles or ():
                    owners.setdefault(needle, []).append(index)
            automaton = keyword_automaton({needle: (len(needle), tuple(indexes)) for needle, indexes in owners.items()})
            self._needles = automaton if automaton is not None else False
        return self._needles

    def find_patterns(self, text: str) -> Iterator[PatternHit]:
        """Pattern matches; a single line break counts as a space, so hard-wrapped text matches too."""
        if not self._patterns:
            return
        text = _SINGLE_LINE_BREAK.sub(lambda m: " " * len(m.group()), text)
        occurrences = self._needle_occurrences(lower_keeping_length(text))
        for index, pattern in enumerate(self._patterns):
            spans = [(0, len(text))] if pattern.needles is None else _windows(text, occurrences.get(index, []))
            if not spans:
                continue  # and the pattern need not even be compiled
            compiled = pattern.compiled()
            deadline = time.monotonic() + _budget(sum(end - start for start, end in spans))
            try:
                for start, end in spans:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise TimeoutError
                    for m in compiled.finditer(text, start, end, timeout=remaining):
                        (hit_start, hit_end), replaceable = _fix_span(m)
                        if hit_end > hit_start:
                            yield PatternHit(hit_start, hit_end, pattern.entry, replaceable)
            except TimeoutError:
                # Stop this pattern on this text, keep what it found and carry on: a bad pattern must not
                # hang a run. The caller reports it as a warning.
                self.timeouts.append(str(PatternTimeout(pattern.entry)))


def _budget(characters: int) -> float:
    """The seconds one pattern may take over this many characters, all its windows together."""
    return PATTERN_TIMEOUT_SECONDS + PATTERN_TIMEOUT_SECONDS_PER_MB * characters / 1_000_000


class _Pattern:
    """A glossary pattern, compiled on first use: `regex` compiles slowly, and most patterns are never
    needed on a given document because the literal they require does not occur in it."""

    def __init__(self, entry: Entry, needles: frozenset[str] | None) -> None:
        self.entry = entry
        self.needles = needles
        self._compiled: regex.Pattern[str] | None = None

    def __getstate__(self) -> dict[str, object]:
        return {**self.__dict__, "_compiled": None}  # regex objects pickle by compiling again: slow

    def compiled(self) -> regex.Pattern[str]:
        if self._compiled is None:
            # The loader has checked the pattern (prefilter.pattern_error); this is for a glossary built
            # some other way, so that a bad pattern is still one line and status 2, not a traceback.
            try:
                self._compiled = regex.compile(self.entry.pattern or "", regex.IGNORECASE)
            except (regex.error, ValueError, OverflowError, KeyError, RecursionError, MemoryError) as exc:
                path, _, line = self.entry.origin.rpartition(":")
                # regex.error has msg (regex/_regex_core.py); the types-regex stubs leave it out.
                reason = (exc.msg if isinstance(exc, regex.error)  # type: ignore[attr-defined]
                          else (str(exc) or type(exc).__name__))
                raise GlossaryError(path, int(line) if line.isdigit() else 1, 1, f"invalid pattern: {reason}") from None
        return self._compiled


def _fix_span(match: regex.Match[str]) -> tuple[tuple[int, int], bool]:
    """The part of a match that a replacement takes the place of, and whether there is one."""
    if "fix" not in match.re.groupindex:
        return match.span(), True
    if match.start("fix") >= 0:
        return match.span("fix"), True
    return match.span(), False


def _windows(text: str, occurrences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merged stretches of text around each occurrence of a needle, cut at spaces.

    A needle so common that its windows would cover most of the text gives the whole text instead.
    """
    if len(occurrences) * 2 * PATTERN_WINDOW > len(text) // 2:
        return [(0, len(text))]
    merged: list[list[int]] = []
    for start, end in sorted(occurrences):
        start, end = max(0, start - PATTERN_WINDOW), end + PATTERN_WINDOW
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [_widen_to_spaces(text, start, end) for start, end in merged]


def _widen_to_spaces(text: str, start: int, end: int) -> tuple[int, int]:
    """Move a window's edges out to the nearest space, so no word is cut in two."""
    start = text.rfind(" ", 0, start) + 1 if start > 0 else 0
    stop = text.find(" ", min(end, len(text)))
    return start, len(text) if stop == -1 else stop


def _shared_renderings(glossary: Glossary) -> frozenset[str]:
    """Normalized phrases that are the preferred or an admitted rendering of two concepts or more."""
    owners: dict[str, set[str]] = {}
    for entry in glossary.entries:
        for phrase in (entry.en, *entry.admitted):
            owners.setdefault(normalize_phrase(phrase), set()).add(entry.zh)
    return frozenset(phrase for phrase, concepts in owners.items() if len(concepts) > 1)


def _resolve(payloads: list[Rendering]) -> None:
    """Order one phrase's renderings so the first is the one to report.

    A phrase that any entry prefers or admits is never reported as deprecated, so deprecated renderings
    are dropped wherever an acceptable one exists. Among the rest, preferred comes before admitted and
    glossary order is kept.
    """
    acceptable = [r for r in payloads if r.kind.acceptable]
    kept = acceptable or payloads
    kept.sort(key=lambda r: r.kind is not Kind.PREFERRED)
    payloads[:] = _unique_entries(kept)


def _unique_entries(renderings: list[Rendering]) -> list[Rendering]:
    seen: set[int] = set()
    unique = []
    for rendering in renderings:
        if id(rendering.entry) not in seen:
            seen.add(id(rendering.entry))
            unique.append(rendering)
    return unique
