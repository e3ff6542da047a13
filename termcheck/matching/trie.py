"""A token trie over word keys: finds leftmost-longest phrase matches in one pass over the words.

Cost per word is one dictionary look-up (plus a short walk where a phrase may start), whatever the
number of phrases, so throughput does not fall as a glossary grows.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from termcheck.matching.tokens import WORD, joinable, word_key

P = TypeVar("P")
_END = ""  # key of the payload list in a trie node; no word has an empty key
CHUNK_SIZE = 1 << 20
_POSSESSIVES = frozenset({"'s", "’s", "ʼs", "'S", "’S"})


@dataclass(frozen=True)
class PhraseMatch(Generic[P]):
    start: int
    end: int
    payloads: tuple[P, ...]


class TokenTrie(Generic[P]):
    def __init__(self) -> None:
        self._root: dict = {}
        self._key_cache: dict[str, str] = {}

    def add(self, keys: tuple[str, ...], payload: P) -> None:
        node = self._root
        for key in keys:
            node = node.setdefault(key, {})
        node.setdefault(_END, []).append(payload)

    def nodes(self) -> Iterator[list[P]]:
        """Every payload list, for a compiler that wants to prune payloads after adding them all."""
        stack = [self._root]
        while stack:
            node = stack.pop()
            for key, child in node.items():
                if key == _END:
                    yield child
                else:
                    stack.append(child)

    def find(self, text: str) -> list[PhraseMatch[P]]:
        """All leftmost-longest, non-overlapping matches in text (chunked at blank lines)."""
        found: list[PhraseMatch[P]] = []
        for offset, chunk in _chunks(text):
            found.extend(self._find_in_chunk(chunk, offset))
        return found

    def _find_in_chunk(self, text: str, offset: int) -> Iterator[PhraseMatch[P]]:
        spans = [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]
        cache = self._key_cache
        keys = [cache.get(w) or self._key(w) for _, _, w in spans]
        root = self._root
        count = len(spans)
        i = 0
        while i < count:
            node = root.get(keys[i])
            if node is None:
                i += 1
                continue
            best_j, best = -1, None
            j = i
            while True:
                payloads = node.get(_END)
                if payloads:
                    best_j, best = j, payloads
                j += 1
                if j >= count or not joinable(text[spans[j - 1][1]:spans[j][0]]):
                    break
                node = node.get(keys[j])
                if node is None:
                    break
            if best is None:
                i += 1
                continue
            end = spans[best_j][1]
            if spans[best_j][2][-2:] in _POSSESSIVES:
                end -= 2  # "the battle fort's role": the possessive stays outside the match
            yield PhraseMatch(spans[i][0] + offset, end + offset, tuple(best))
            i = best_j + 1

    def _key(self, word: str) -> str:
        key = word_key(word) or word
        if len(self._key_cache) < 1_000_000:
            self._key_cache[word] = key
        return key


def _chunks(text: str, size: int = CHUNK_SIZE) -> Iterator[tuple[int, str]]:
    """Cut text at blank lines into pieces of about `size`; a phrase never spans a blank line."""
    start = 0
    length = len(text)
    while start < length:
        cut = text.find("\n\n", start + size) if start + size < length else -1
        end = length if cut == -1 else cut + 1
        yield start, text[start:end]
        start = end
