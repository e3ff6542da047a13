"""Finding many phrases at once: an Aho–Corasick automaton over normalized text.

The automaton (pyahocorasick, in C) scans the text once whatever the number of phrases, so throughput
does not fall as a glossary grows; see docs/performance.md for the measurements that chose it. Python
work is spent only on hits: a word-boundary check and leftmost-longest selection.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from termcheck.matching.normalize import normalize, normalize_phrase
from termcheck.matching.tokens import ARTICLES, pluralize, singular

P = TypeVar("P")
CHUNK_SIZE = 1 << 20
# The longest phrase a glossary may give (checked by the loader; docs/glossary-format.md). pyahocorasick
# frees its trie recursively, one C stack frame per character of the longest key, so a key of a million
# characters crashed the process (SIGSEGV) on exit; no term comes near these.
MAX_PHRASE_CHARACTERS = 500
MAX_PHRASE_WORDS = 60


def phrase_limit_error(phrase: str) -> str | None:
    """Why a glossary phrase is too long to match, or None."""
    if len(phrase) > MAX_PHRASE_CHARACTERS:
        return f"is {len(phrase):,} characters long; the limit is {MAX_PHRASE_CHARACTERS}"
    words = len(phrase.split())
    if words > MAX_PHRASE_WORDS:
        return f"has {words:,} words; the limit is {MAX_PHRASE_WORDS}"
    return None


@dataclass(frozen=True)
class PhraseMatch(Generic[P]):
    start: int
    end: int
    payloads: tuple[P, ...]


def keyword_automaton(keywords: Mapping[str, object], store_ints: bool = False) -> Any:
    """A built pyahocorasick automaton (a C extension without types) of each keyword with its value, or
    None for no keywords. It finds keywords anywhere, inside words too: the caller judges each hit's edges.
    `store_ints` keeps the values as C integers, which pickle without a Python object each."""
    if not keywords:
        return None
    import ahocorasick

    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS) if store_ints else ahocorasick.Automaton()
    for keyword, value in keywords.items():
        automaton.add_word(keyword, value)
    automaton.make_automaton()
    return automaton


class PhraseAutomaton(Generic[P]):
    def __init__(self) -> None:
        self._forms: dict[str, list[P]] = {}
        self._automaton: Any = None  # an ahocorasick.Automaton once built (a C extension without types)
        # The automaton stores an index into this list, not the payloads: pyahocorasick pickles each
        # stored object on its own, which copied every glossary entry once per form (a 45 MB cache).
        self._values: list[tuple[int, tuple[P, ...]]] = []

    def add(self, phrase: str, payload: P) -> None:
        if getattr(self, "_frozen", False):
            raise RuntimeError("a phrase automaton read back from a cache takes no new phrases")
        for form in surface_forms(phrase):
            self._forms.setdefault(form, []).append(payload)
        self._automaton = None

    def payload_lists(self) -> Iterable[list[P]]:
        """Every form's payload list, for a compiler that prunes payloads before matching."""
        return self._forms.values()

    def find(self, text: str) -> list[PhraseMatch[P]]:
        """Leftmost-longest, non-overlapping matches on word boundaries, in original offsets."""
        automaton = self._built()
        if automaton is None:
            return []
        found: list[PhraseMatch[P]] = []
        for offset, chunk in paragraph_chunks(text):
            found.extend(_find_in_chunk(automaton, self._values, chunk, offset))
        return found

    def __getstate__(self) -> dict[str, object]:
        """Pickled as the built automaton and its values (pyahocorasick pickles an automaton of integers
        in C, four times faster than building it again); the forms are only needed until it is built."""
        return {"automaton": self._built(), "values": self._values}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._automaton = state["automaton"]
        self._values = state["values"]
        self._forms = {}
        self._frozen = True

    def build(self) -> None:
        """Compile the automaton now (otherwise the first find() does)."""
        self._built()

    def _built(self) -> Any:
        if self._automaton is None and self._forms:
            self._values = [(len(form), tuple(payloads)) for form, payloads in self._forms.items()]
            self._automaton = keyword_automaton({form: i for i, form in enumerate(self._forms)}, store_ints=True)
        return self._automaton


def surface_forms(phrase: str) -> set[str]:
    """The normalized spellings a glossary phrase stands for.

    A hyphen also stands for no space ("battle-fort" finds "battlefort"); a leading article is optional;
    the last word may be singular or plural ("two maintenance" finds "two maintenances").
    """
    words_with_hyphens = phrase.split()
    joined_variants = {" ".join(words_with_hyphens)}
    if any("-" in w for w in words_with_hyphens):
        joined_variants.add(" ".join(w.replace("-", "") for w in words_with_hyphens))
    forms: set[str] = set()
    for variant in joined_variants:
        words = normalize_phrase(variant).split(" ")
        if len(words) > 1 and words[0] in ARTICLES:
            words = words[1:]
        head, last = words[:-1], words[-1]
        base = singular(last)
        for inflected in {last, base, pluralize(base)} if last.isalpha() else {last}:
            forms.add(" ".join([*head, inflected]))
    return {f for f in forms if f}


def _find_in_chunk(automaton: Any, values: list[tuple[int, tuple[P, ...]]], chunk: str,
                   offset: int) -> Iterator[PhraseMatch[P]]:
    normalized = normalize(chunk)
    text = normalized.text
    candidates: list[tuple[int, int, tuple[P, ...]]] = []
    for last, index in automaton.iter(text):
        size, payloads = values[index]
        start, end = last - size + 1, last + 1
        if _is_boundary(text, start - 1, start) and _is_boundary(text, end, end - 1):
            candidates.append((start, -end, payloads))
    candidates.sort()
    reached = 0
    for start, neg_end, payloads in candidates:
        if start < reached:
            continue
        end = -neg_end
        reached = end
        original_start = normalized.original(start) + offset
        original_end = normalized.original_end(end) + offset
        yield PhraseMatch(original_start, original_end, payloads)


def _is_boundary(text: str, outside: int, inside: int) -> bool:
    """No word continues across this edge. A digit after a letter is a boundary (footnote "security1")."""
    if outside < 0 or outside >= len(text):
        return True
    char = text[outside]
    if char.isalpha():
        return False
    return not (char.isdigit() and text[inside].isdigit())


def paragraph_chunks(text: str, size: int = CHUNK_SIZE) -> Iterator[tuple[int, str]]:
    """Cut text at blank lines (else line breaks, else spaces) into pieces of about `size`."""
    start, length = 0, len(text)
    while start < length:
        end = length
        if start + size < length:
            window_end = min(length, start + 4 * size)
            for separator in ("\n\n", "\n", " "):
                cut = text.find(separator, start + size, window_end)
                if cut != -1:
                    end = cut + len(separator)
                    break
            else:
                end = window_end
        yield start, text[start:end]
        start = end
