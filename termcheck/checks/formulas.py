"""TC107 formula-deviation: a long official formula written with a word changed, dropped or added."""
from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from operator import methodcaller
from typing import TypeAlias

import regex

from termcheck.checks.base import Check, DocumentContext, Rule
from termcheck.checks.casing import fit_suggestion
from termcheck.checks.fitting import seam_safe
from termcheck.checks.memo import Derived, keep_last
from termcheck.findings import Finding, Severity
from termcheck.glossary.model import Entry
from termcheck.matching.compiled import CompiledGlossary, Kind
from termcheck.matching.tokens import singular
from termcheck.matching.windows import anchored_windows
from termcheck.wordlists import frequency_rank, near_synonyms, tags_with, words, words_with_role

_SPAN = methodcaller("span")
_WORD = regex.compile(r"[\p{L}\p{M}]+(?:[-'’][\p{L}\p{M}]+)*|[.;:!?]|\n\s*\n")
MIN_WORDS = 4  # a formula: a preferred or admitted rendering of at least four words
MIN_DISTINCTIVE = 3
COMMON_RANK = 3000  # words among the 3,000 commonest English words are shared by ordinary sentences
SLACK = 2  # words a deviation may add within the formula
PARAPHRASED = tags_with("reworded")
_ARTICLES = words_with_role("article")
# A span the glossary already found: start, end, entry, and the term's kind (None for a pattern's match).
_Known: TypeAlias = tuple[int, int, Entry, Kind | None]


@dataclass(frozen=True)
class _Formula:
    entry: Entry
    rendering: str
    distinctive: tuple[str, ...]  # content words, lower-cased and singular, in order
    positions: tuple[tuple[int, int], ...]  # where each distinctive word is in `rendering`
    length: int  # words in the rendering
    title: bool  # a name in title case ("Xi Jinping Thought on Socialism ..."), not a description


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    key: str  # lower-cased, singular, without a possessive; "|" for the end of a sentence
    possessive: bool = False


class FormulaDeviation(Check):
    rule = Rule(
        code="TC107",
        name="formula-deviation",
        severity=Severity.WARNING,
        summary="An official formula of four or more words is written with a word changed, dropped, added "
        "or inflected, so it is neither the standard nor an admitted rendering.",
        what="For every preferred or admitted rendering of four or more words with at least three content "
        "words (sayings, slogans and titles aside), finds spans that have its content words in order and "
        "close together, at least two of them uncommon (outside the 3,000 commonest English words), but "
        "that differ from it in more than articles and inflections: a function word changed, a possessive "
        "added, or one inner word swapped for a near-synonym (CC-CEDICT glosses). A dropped or added "
        "content word is not reported: that is usually another concept. The suggestion is the formula's "
        "own wording for the span.",
        why="Long formulas are garbled partly: machine translation keeps most words and changes one, which "
        "a list of known wrong renderings cannot foresee.",
        example="Study Xi Jinping’s thoughts on socialism with Chinese characteristics in the new era.",
        use_instead="Study Xi Jinping Thought on Socialism with Chinese Characteristics for a New Era.",
    )

    def prepare(self, glossary: CompiledGlossary) -> None:
        _anchors(glossary)

    def check_document(self, ctx: DocumentContext) -> Iterator[Finding]:
        anchors = _anchors(ctx.glossary) if ctx.glossary is not None else {}
        if not anchors:
            return
        plans = _plans(anchors)
        text = ctx.document.prose
        known: list[_Known] = sorted([(t.start, t.end, t.entry, t.kind) for t in ctx.terms]
                                     + [(p.start, p.end, p.entry, None) for p in ctx.patterns],
                                     key=lambda k: (k[0], k[1]))
        known_starts = [k[0] for k in known]
        # Only around the formulas' rare words: most text holds none, and tokenizing all of it is slow.
        for start, end in anchored_windows(text, lambda w: _word_key(w)[0] in anchors):
            tokens = _Tokens(text[start:end], start)
            yield from self._check_window(ctx, plans, text, tokens, known, known_starts)

    def _check_window(self, ctx: DocumentContext, plans: _Plans, text: str,
                      tokens: _Tokens, known: list[_Known], known_starts: list[int]) -> Iterator[Finding]:
        reported = _Spans()
        for index, plan in _candidates(tokens.keys, plans):
            # A formula written as the glossary knows it has its anchor inside that hit, and so would any
            # span matched around the anchor: skip the walk (most candidates of a dense text are these).
            if _known(known, known_starts, tokens.start(index), tokens.end(index), plan.formula.entry,
                      covering=False):
                continue
            span = _match(tokens.keys, index, plan)
            if span is None:
                continue
            formula = plan.formula
            first, last, matched = span
            start, end = tokens.start(first), tokens.end(last)
            if reported.overlaps(start, end) or _known(known, known_starts, start, end, formula.entry):
                continue
            if not _deviates(tokens.span(first, last), formula, matched):
                continue
            suggestion = _suggestion(text, start, end, formula, matched)
            reported.add(start, end)
            yield self.finding(
                ctx, start, end,
                f"“{' '.join(text[start:end].split())}” departs from the official formula “{formula.rendering}” "
                f"({formula.entry.zh})",
                suggestion=suggestion, entry=formula.entry,
            )


class _Spans:
    """Spans that do not overlap, in order: does a new one overlap any? (A dense document has a hundred
    in one window, each new match tested against all.)"""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end)  # the spans before i start before `end`; the last ends last
        return i > 0 and self.ends[i - 1] > start

    def add(self, start: int, end: int) -> None:
        i = bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


class _Tokens:
    """A window's tokens as parallel lists: the walks read only the keys, which one `findall` in C gives;
    where each token lies is worked out only for a window in which a formula matched (few do)."""

    def __init__(self, text: str, offset: int) -> None:
        self._text, self._offset = text, offset
        words = _WORD.findall(text)
        key_of = {word: _word_key(word)[0] for word in set(words)}  # a dense window repeats most words
        self.keys = list(map(key_of.__getitem__, words))
        self._spans: list[tuple[int, int]] | None = None

    def _located(self) -> list[tuple[int, int]]:
        """Each token's span in the window's text (mapped in C: a dense window has tens of thousands)."""
        if self._spans is None:
            self._spans = list(map(_SPAN, _WORD.finditer(self._text)))
        return self._spans

    def start(self, index: int) -> int:
        return self._offset + self._located()[index][0]

    def end(self, index: int) -> int:
        return self._offset + self._located()[index][1]

    def span(self, first: int, last: int) -> list[_Token]:
        spans, text, offset = self._located(), self._text, self._offset
        return [_Token(offset + start, offset + end, *_word_key(text[start:end]))
                for start, end in spans[first:last + 1]]


@dataclass(frozen=True)
class _Counted:
    """Some of a formula's distinctive words, for counting how many of them (with repeats) are near."""

    words: frozenset[str]
    repeated: tuple[tuple[str, int], ...]  # words that occur more than once, and how many more times

    @classmethod
    def of(cls, words: list[str]) -> _Counted:
        return cls(frozenset(words), tuple((w, words.count(w) - 1) for w in sorted(set(words)) if words.count(w) > 1))

    def count(self, near: set[str]) -> int:
        return len(self.words & near) + (self.more(near) if self.repeated else 0)

    def more(self, near: set[str]) -> int:
        return sum(more for word, more in self.repeated if word in near)


@dataclass(frozen=True)
class _Plan:
    """A formula as tried from one of its anchor words, with what the walk needs worked out once."""

    formula: _Formula
    distinctive: _Counted
    uncommon_words: _Counted  # those outside the COMMON_RANK commonest words
    starts: tuple[tuple[int, tuple[str, ...], tuple[str, ...]], ...]  # each k of the anchor, the words before
    # it (nearest first) and after it
    uncommon: tuple[bool, ...]  # per distinctive word
    window: int  # tokens a span may cover
    need: int  # distinctive words to find: all but one


@dataclass(frozen=True, eq=False)
class _Anchored:
    """The formulas of one anchor word, indexed by their uncommon words."""

    anchor: str
    plans: tuple[_Plan, ...]
    reach: int  # the largest window of the formulas
    uncommon: frozenset[str]  # the uncommon words of all of them
    having: dict[str, tuple[int, ...]]  # for each of those words, the formulas that have it
    always: tuple[int, ...]  # formulas with an uncommon word twice: the anchor may be both

    def plans_near(self, near: set[str]) -> list[_Plan]:
        """In order, the formulas with an uncommon word besides the anchor near: a match has two. (An
        anchor word may anchor a hundred formulas, “th” of “20th” for one.)"""
        found = set(self.always)
        for word in self.uncommon & near:
            if word != self.anchor:
                found.update(self.having[word])
        return [self.plans[i] for i in sorted(found)]


def _tokens(text: str, offset: int = 0) -> list[_Token]:
    return [_Token(offset + m.start(), offset + m.end(), *_word_key(m.group())) for m in _WORD.finditer(text)]


@lru_cache(maxsize=65536)
def _word_key(token: str) -> tuple[str, bool]:
    """A token's key (lower-cased, singular, without a possessive; "|" for the end of a sentence) and
    whether it was possessive. Cached: the same words recur all through a document."""
    word = token.lower().replace("’", "'")
    if not word[0].isalpha():
        return "|", False
    return singular(word.removesuffix("'s")), word.endswith("'s")


def _candidates(keys: list[str], plans: _Plans) -> Iterator[tuple[int, _Plan]]:
    """Each anchor token with each formula it anchors, in order, but for formulas with too few of their
    words near it: a match lies within one sentence and the formula's window, misses at most one of its
    words, and has two of its uncommon words."""
    positions = range(len(keys))
    # Both found in C: a dense window has tens of thousands of tokens and few anchors.
    stops = [*compress(positions, map("|".__eq__, keys)), len(keys)]
    start, next_stop = 0, 0
    for index in compress(positions, map(plans.index.__contains__, keys)):
        while stops[next_stop] < index:  # the sentence [start, stop) the anchor is in
            start = stops[next_stop] + 1
            next_stop += 1
        stop = stops[next_stop]
        anchored = plans[keys[index]]
        near = set(keys[max(start, index - anchored.reach):min(stop, index + anchored.reach + 1)])
        for plan in anchored.plans_near(near):
            # The count inlined: this runs for every formula at every anchor, the test after it rarely.
            distinctive = plan.distinctive
            found = len(distinctive.words & near)
            if distinctive.repeated:
                found += distinctive.more(near)
            if found >= plan.need and plan.uncommon_words.count(near) >= 2:
                yield index, plan


# Each anchor word, with the formulas it anchors, worked out as _Anchored on first use.
_Plans: TypeAlias = Derived[str, tuple[_Formula, ...], _Anchored]


@keep_last
def _plans(anchors: dict[str, tuple[_Formula, ...]]) -> _Plans:
    return Derived(anchors, _anchored)


def _anchored(anchor: str, formulas: tuple[_Formula, ...]) -> _Anchored:
    plans = tuple(_plan(formula, anchor) for formula in formulas)
    having: dict[str, list[int]] = defaultdict(list)
    for i, plan in enumerate(plans):
        for word in plan.uncommon_words.words:
            having[word].append(i)
    always = tuple(i for i, plan in enumerate(plans) if plan.uncommon_words.repeated)
    return _Anchored(anchor, plans, max(plan.window for plan in plans), frozenset(having),
                     {word: tuple(found) for word, found in having.items()}, always)


def _plan(formula: _Formula, anchor: str) -> _Plan:
    wanted = formula.distinctive
    starts = tuple((k, tuple(reversed(wanted[:k])), wanted[k + 1:]) for k, word in enumerate(wanted) if word == anchor)
    uncommon = tuple(frequency_rank(word) > COMMON_RANK for word in wanted)
    uncommon_words = [w for w, rare in zip(wanted, uncommon, strict=True) if rare]
    return _Plan(formula, _Counted.of(list(wanted)), _Counted.of(uncommon_words),
                 starts, uncommon, formula.length + SLACK, len(wanted) - 1)


def _formulas(glossary: CompiledGlossary) -> tuple[_Formula, ...]:
    return glossary.derived("TC107.formulas", lambda: _build_formulas(glossary))


def _build_formulas(glossary: CompiledGlossary) -> tuple[_Formula, ...]:
    function = words("function-words-en.txt")
    out = []
    for entry in glossary.glossary.entries:
        if PARAPHRASED & set(entry.tags):
            continue  # sayings and slogans are rightly paraphrased
        for rendering in entry.acceptable:
            if ":" in rendering:
                continue  # a title ("Xi Jinping: The Governance of China") is quoted whole or not at all
            found = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(rendering) if m.group()[0].isalpha()]
            if len(found) < MIN_WORDS:
                continue
            content = [(s, e, singular(w.lower().removesuffix("'s"))) for s, e, w in found if w.lower() not in function]
            if len(content) < MIN_DISTINCTIVE:
                continue
            capitalized = sum(1 for _, _, w in found[1:] if w[0].isupper() and w.lower() not in function)
            out.append(_Formula(entry, rendering, tuple(k for _, _, k in content),
                                tuple((s, e) for s, e, _ in content), len(found), capitalized >= 2))
    return tuple(out)


def _anchors(glossary: CompiledGlossary) -> dict[str, tuple[_Formula, ...]]:
    """Each formula under its two rarest words: a formula is tried only where one of them occurs."""
    return glossary.derived("TC107.anchors", lambda: _build_anchors(glossary))


def _build_anchors(glossary: CompiledGlossary) -> dict[str, tuple[_Formula, ...]]:
    by_word: dict[str, list[_Formula]] = defaultdict(list)
    for formula in _formulas(glossary):
        # Ties broken by the word itself: set order changes with the hash seed, and so did the findings.
        rarest = sorted(set(formula.distinctive), key=lambda word: (frequency_rank(word), word), reverse=True)[:2]
        for word in rarest:
            if frequency_rank(word) > COMMON_RANK:
                by_word[word].append(formula)
    return {word: tuple(found) for word, found in by_word.items()}


def _match(keys: list[str], index: int, plan: _Plan) -> tuple[int, int, list[int]] | None:
    """The first and last token of the formula's distinctive words around token `index`, in order, with at
    most one missing, and which of them were found; None if the span does not qualify."""
    window = plan.window
    best: tuple[int, int, list[int]] | None = None
    for k, before, after in plan.starts:
        left = _scan(keys, index - 1, max(0, index - window) - 1, -1, before)
        if left is None:
            continue
        right = _scan(keys, index + 1, min(len(keys), index + window + 1), 1, after)
        if right is None:
            continue
        (first, left_found), (last, right_found) = left, right
        matched = [k - 1 - i for i in left_found][::-1] + [k] + [k + 1 + i for i in right_found]
        first, last = first if left_found else index, last if right_found else index
        if last - first + 1 > window:
            continue
        if _qualifies(plan, matched) and (best is None or len(matched) > len(best[2])):
            best = (first, last, matched)
    return best


def _scan(keys: list[str], start: int, stop: int, step: int, wanted: tuple[str, ...]) -> tuple[int, list[int]] | None:
    """Greedy in-order search for `wanted` from token `start` towards `stop` (exclusive), within one
    sentence, allowing one of them to be missing: the position of the last one found and which were found."""
    found: list[int] = []
    last = start - step
    i, skipped, pos, size = 0, False, start, len(wanted)
    while i < size and pos != stop:
        key = keys[pos]
        if key == "|":
            break
        if key == wanted[i]:
            found.append(i)
            last, i = pos, i + 1
        elif not skipped and i + 1 < size and key == wanted[i + 1]:
            found.append(i + 1)
            last, i, skipped = pos, i + 2, True
        pos += step
    if size - len(found) > 1:
        return None
    return last, found


def _qualifies(plan: _Plan, matched: list[int]) -> bool:
    """Enough of the formula is there: every distinctive word, or all but one inside it, and at least
    two of the formula's uncommon words (one sentence shares common words with many formulas)."""
    size = len(plan.uncommon)
    if sum(1 for k in matched if plan.uncommon[k]) < 2:
        return False
    if len(matched) == size:
        return True
    missing = set(range(size)) - set(matched)
    return len(missing) == 1 and size >= 4 and 0 < min(missing) < size - 1


def _deviates(span: list[_Token], formula: _Formula, matched: list[int]) -> bool:
    """A real departure, not grammar: the formula's words other than articles and inflections differ —
    a function word changed (“thought of socialism” for “Thought on Socialism”), a possessive added, or
    one distinctive word swapped for a near-synonym. A dropped or an added content word is not enough:
    “reform of state-owned enterprises” is another concept, not a garbled one."""
    function = words("function-words-en.txt")
    said = [_key(t) for t in span if t.key not in _ARTICLES]
    piece = formula.rendering[formula.positions[matched[0]][0]:formula.positions[matched[-1]][1]]
    wanted = [_key(t) for t in _tokens(piece) if t.key not in _ARTICLES]
    if said == wanted:
        return False
    extra = [t.key for t in span if t.key not in function and t.key not in formula.distinctive]
    missing = set(range(len(formula.distinctive))) - set(matched)
    if not missing:
        # Only a function word or a possessive differs. In a title that garbles the name ("Xi Jinping's
        # thoughts on socialism"); in a descriptive formula it is grammar an editor leaves alone
        # ("coordination mechanism of national security work", "opportunities, risks and challenges").
        # A distinctive word said twice is an added word ("state-owned assets and state-owned enterprises").
        content = [k for k in said if k.removesuffix("'s") not in function]
        return not extra and len(content) == len(matched) and formula.title
    (gap,) = missing
    return len(extra) == 1 and near_synonyms(extra[0], formula.distinctive[gap])


def _key(token: _Token) -> str:
    return token.key + ("'s" if token.possessive else "")


def _known(known: list[_Known], starts: list[int], start: int, end: int, entry: Entry,
           covering: bool = True) -> bool:
    """Is the span already the glossary's: a rendering of this concept there, or any entry's deprecated
    rendering or pattern (TC101/TC104 report those), or (if `covering`) a known phrase covering it all?
    (`known` is sorted by start; only hits starting within a formula's reach of the span can overlap it.)"""
    lo = bisect_left(starts, start - 400)
    hi = bisect_left(starts, end)
    for s, e, other, kind in known[lo:hi]:
        if s < end and start < e and (
            other is entry or kind is None or kind is Kind.DEPRECATED or (covering and s <= start and end <= e)
        ):
            return True
    return False


def _suggestion(text: str, start: int, end: int, formula: _Formula, matched: list[int]) -> str | None:
    """The formula's own words from its first to its last matched distinctive word."""
    piece = formula.rendering[formula.positions[matched[0]][0]:formula.positions[matched[-1]][1]]
    suggestion = fit_suggestion(text[start:end], piece, formula.entry.fixed_case, piece)
    return suggestion if seam_safe(text, start, end, suggestion) else None


CHECK = FormulaDeviation()
