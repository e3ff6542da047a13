"""Finding glossary terms in source segments.

Chinese sources are segmented with jieba, with every glossary term added to its dictionary, and a term
counts only where it starts and ends on word boundaries: 安全 inside 国家安全观 is not a hit. Traditional
Chinese is converted to Simplified first (OpenCC), so a Hong Kong or Taiwan source matches a Simplified
glossary. English sources (a PO catalogue whose msgid is English) use the compiled glossary itself.
jieba and OpenCC are imported only when a source is checked: monolingual linting never pays for them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from termcheck.glossary.model import Entry
from termcheck.han import is_chinese
from termcheck.matching.automaton import keyword_automaton, surface_forms
from termcheck.matching.compiled import CompiledGlossary
from termcheck.matching.normalize import normalize

if TYPE_CHECKING:
    import opencc

_WORD_SPLIT = re.compile(r"[^\w']+")


@dataclass(frozen=True)
class SourceTerm:
    entry: Entry
    text: str


def to_simplified(text: str) -> str:
    simplified: str = _converter().convert(text)  # OpenCC.convert has no return annotation
    return simplified


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    import opencc

    return opencc.OpenCC("t2s")


class SourceTermFinder:
    def __init__(self, glossary: CompiledGlossary) -> None:
        self.glossary = glossary
        self._entries_by_zh = {entry.zh: entry for entry in glossary.glossary.entries}
        # jieba and pyahocorasick have no types: a jieba.Tokenizer and an ahocorasick.Automaton once built.
        self._automaton: Any = None
        self._tokenizer: Any = None

    def find(self, source: str) -> list[SourceTerm]:
        if is_chinese(source):
            return self._find_chinese(to_simplified(source))
        # From English, only multi-word terms and fixed names: a one-word rendering ("all" for 广大) is
        # an ordinary English word far more often than it is the term.
        return [
            SourceTerm(hit.entry, source[hit.start:hit.end])
            for hit in self.glossary.find_terms(source)
            if hit.entry.fixed_case or len(hit.rendering.phrase.split()) > 1
        ]

    def _find_chinese(self, source: str) -> list[SourceTerm]:
        automaton = self._zh_automaton()
        if automaton is None:  # a glossary without terms
            return []
        hits = [(end - len(zh) + 1, end + 1, zh) for end, zh in automaton.iter(source)]
        if not hits:
            return []  # no term here: no need to segment the sentence
        boundaries = {0, len(source)}
        for _, start, end in self._jieba().tokenize(source):
            boundaries.add(start)
            boundaries.add(end)
        candidates = sorted((start, -end, zh) for start, end, zh in hits if start in boundaries and end in boundaries)
        found: list[SourceTerm] = []
        reached = 0
        for start, neg_end, zh in candidates:
            if start >= reached:
                found.append(SourceTerm(self._entries_by_zh[zh], zh))
                reached = -neg_end
        return found

    def _zh_automaton(self) -> Any:
        if self._automaton is None:
            self._automaton = keyword_automaton({zh: zh for zh in self._entries_by_zh})
        return self._automaton

    def _jieba(self) -> Any:
        if self._tokenizer is None:
            import jieba

            from termcheck.matching.glossary_cache import side_data

            jieba.setLogLevel(60)  # jieba prints its dictionary loading to stderr otherwise
            tokenizer = jieba.Tokenizer()
            # Loading jieba's dictionary and adding the glossary's terms takes seconds; its word
            # frequencies, which are all a tokenizer holds, are kept beside the compiled glossary.
            tokenizer.FREQ, tokenizer.total = side_data(self.glossary, "jieba", lambda: self._frequencies(tokenizer))
            tokenizer.initialized = True
            self._tokenizer = tokenizer
        return self._tokenizer

    def _frequencies(self, tokenizer: Any) -> tuple[dict[str, int], int]:
        tokenizer.initialize()
        for zh in self._entries_by_zh:
            if "、" not in zh and "，" not in zh:
                # jieba's suggested frequency keeps the term whole on its own, but lets a longer
                # dictionary word win: 国家安全局 stays 国家 + 安全局, so 国家安全 is not found there.
                tokenizer.add_word(zh)
        return tokenizer.FREQ, tokenizer.total


# Words that carry no meaning of their own in a rendering; the others must all be there.
_FUNCTION_WORDS = frozenset(
    "a an the of to in on for and or with as by at from into its our their his her is are be this that "
    "we us it all".split()
)
_STEM = 5  # comparing word starts tolerates inflection: build/building, security/securities


def renders(glossary_entry: Entry, target: str) -> bool:
    """Does the target render the entry with its preferred or an admitted rendering?

    Yes if a rendering occurs as written (on word boundaries, checked directly rather than through
    leftmost-longest matching, so "national security" inside "holistic approach to national security"
    counts), or if every content word of a rendering occurs in the target, allowing for inflection and
    word order ("building a modern socialist country in all respects" renders "build a modern socialist
    country in all respects"). Only a rendering whose content words are missing is a miss.
    """
    text = normalize(target).text
    if any(_contains_phrase(text, phrase) for phrase in glossary_entry.acceptable):
        return True
    stems = {w[:_STEM] for w in _WORD_SPLIT.split(text) if w}
    return any(content_stems(phrase) <= stems for phrase in glossary_entry.acceptable)


def content_stems(phrase: str) -> set[str]:
    """The starts of a phrase's content words: what must be there for a rendering to count."""
    words = [w for w in _WORD_SPLIT.split(normalize(phrase).text) if w and w not in _FUNCTION_WORDS]
    return {w[:_STEM] for w in words}


def _contains_phrase(text: str, phrase: str) -> bool:
    for form in surface_forms(phrase):
        at = text.find(form)
        while at != -1:
            end = at + len(form)
            if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
                return True
            at = text.find(form, at + 1)
    return False


def renders_chinese(glossary_entry: Entry, target: str) -> bool:
    """For an English source: does the (Simplified or Traditional) Chinese target contain the term?"""
    return glossary_entry.zh in to_simplified(target)
