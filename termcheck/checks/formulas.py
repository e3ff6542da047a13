"""TC107 formula-deviation: a long official formula written with a word changed, dropped or added."""
from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from termcheck.checks.base import Check, DocumentContext, Rule
from termcheck.checks.casing import fit_suggestion
from termcheck.checks.fitting import seam_safe
from termcheck.findings import Finding, Severity
from termcheck.glossary.model import Entry
from termcheck.matching.windows import anchored_windows
from termcheck.matching.compiled import CompiledGlossary, Kind
from termcheck.matching.tokens import singular
from termcheck.wordlists import frequency_rank, near_synonyms, words

_WORD = regex.compile(r"[\p{L}\p{M}]+(?:[-'’][\p{L}\p{M}]+)*|[.;:!?]|\n\s*\n")
MIN_WORDS = 4  # a formula: a preferred or admitted rendering of at least four words
MIN_DISTINCTIVE = 3
COMMON_RANK = 3000  # words among the 3,000 commonest English words are shared by ordinary sentences
SLACK = 2  # words a deviation may add within the formula
PARAPHRASED = frozenset({"idiom", "slogan", "quote"})
_ARTICLES = frozenset({"the", "a", "an"})


@dataclass(frozen=True)
class _Formula:
    entry: Entry
    rendering: str
    distinctive: tuple[str, ...]  # content words, lower-cased and singular, in order
    positions: tuple[tuple[int, int], ...]  # where each distinctive word is in `rendering`
    length: int  # words in the rendering


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
        text = ctx.document.prose
        known = sorted([(t.start, t.end, t.entry, t.kind) for t in ctx.terms]
                       + [(p.start, p.end, p.entry, None) for p in ctx.patterns], key=lambda k: (k[0], k[1]))
        known_starts = [k[0] for k in known]
        # Only around the formulas' rare words: most text holds none, and tokenizing all of it is slow.
        for start, end in anchored_windows(text, lambda w: singular(w.replace("’", "'").removesuffix("'s")) in anchors):
            yield from self._check_window(ctx, anchors, text, _tokens(text[start:end], start), known, known_starts)

    def _check_window(self, ctx: DocumentContext, anchors: dict[str, tuple[_Formula, ...]], text: str,
                      tokens: list[_Token], known: list, known_starts: list[int]) -> Iterator[Finding]:
        reported: list[tuple[int, int]] = []
        here = {t.key for t in tokens}
        for index, token in enumerate(tokens):
            for formula in anchors.get(token.key, ()):
                if sum(1 for word in formula.distinctive if word in here) < len(formula.distinctive) - 1:
                    continue  # too few of its words anywhere near: no need to walk the tokens
                span = _match(tokens, index, formula)
                if span is None:
                    continue
                first, last, matched = span
                start, end = tokens[first].start, tokens[last].end
                if any(s < end and start < e for s, e in reported) or _known(known, known_starts, start, end, formula.entry):
                    continue
                if not _deviates(tokens[first:last + 1], formula, matched):
                    continue
                suggestion = _suggestion(text, start, end, formula, matched)
                reported.append((start, end))
                yield self.finding(
                    ctx, start, end,
                    f"“{' '.join(text[start:end].split())}” departs from the official formula “{formula.rendering}” "
                    f"({formula.entry.zh})",
                    suggestion=suggestion, entry=formula.entry,
                )


def _tokens(text: str, offset: int = 0) -> list[_Token]:
    out = []
    for m in _WORD.finditer(text):
        word = m.group().lower().replace("’", "'")
        if not word[0].isalpha():
            out.append(_Token(offset + m.start(), offset + m.end(), "|"))
            continue
        out.append(_Token(offset + m.start(), offset + m.end(), singular(word.removesuffix("'s")), word.endswith("'s")))
    return out


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
            out.append(_Formula(entry, rendering, tuple(k for _, _, k in content),
                                tuple((s, e) for s, e, _ in content), len(found)))
    return tuple(out)


def _anchors(glossary: CompiledGlossary) -> dict[str, tuple[_Formula, ...]]:
    """Each formula under its two rarest words: a formula is tried only where one of them occurs."""
    return glossary.derived("TC107.anchors", lambda: _build_anchors(glossary))


def _build_anchors(glossary: CompiledGlossary) -> dict[str, tuple[_Formula, ...]]:
    by_word: dict[str, list[_Formula]] = defaultdict(list)
    for formula in _formulas(glossary):
        rarest = sorted(set(formula.distinctive), key=frequency_rank, reverse=True)[:2]
        for word in rarest:
            if frequency_rank(word) > COMMON_RANK:
                by_word[word].append(formula)
    return {word: tuple(found) for word, found in by_word.items()}


def _match(tokens: list[_Token], index: int, formula: _Formula) -> tuple[int, int, list[int]] | None:
    """The first and last token of the formula's distinctive words around token `index`, in order, with at
    most one missing, and which of them were found; None if the span does not qualify."""
    anchor = tokens[index].key
    wanted = formula.distinctive
    window = formula.length + SLACK
    best: tuple[int, int, list[int]] | None = None
    for k, word in enumerate(wanted):
        if word != anchor:
            continue
        lo = max(0, index - window)
        left = _scan(tokens, index - 1, lo - 1, -1, list(reversed(wanted[:k])))
        right = _scan(tokens, index + 1, min(len(tokens), index + window + 1), 1, list(wanted[k + 1:]))
        if left is None or right is None:
            continue
        (first, left_found), (last, right_found) = left, right
        matched = [k - 1 - i for i in left_found][::-1] + [k] + [k + 1 + i for i in right_found]
        first, last = first if left_found else index, last if right_found else index
        if last - first + 1 > window:
            continue
        if _qualifies(formula, matched) and (best is None or len(matched) > len(best[2])):
            best = (first, last, matched)
    return best


def _scan(tokens: list[_Token], start: int, stop: int, step: int, wanted: list[str]) -> tuple[int, list[int]] | None:
    """Greedy in-order search for `wanted` from token `start` towards `stop` (exclusive), within one
    sentence, allowing one of them to be missing: the position of the last one found and which were found."""
    found: list[int] = []
    last = start - step
    i, skipped, pos = 0, False, start
    while i < len(wanted) and pos != stop:
        key = tokens[pos].key
        if key == "|":
            break
        if key == wanted[i]:
            found.append(i)
            last, i = pos, i + 1
        elif not skipped and i + 1 < len(wanted) and key == wanted[i + 1]:
            found.append(i + 1)
            last, i, skipped = pos, i + 2, True
        pos += step
    if len(wanted) - len(found) > 1:
        return None
    return last, found


def _qualifies(formula: _Formula, matched: list[int]) -> bool:
    """Enough of the formula is there: every distinctive word, or all but one inside it, and at least
    two of the formula's uncommon words (one sentence shares common words with many formulas)."""
    missing = set(range(len(formula.distinctive))) - set(matched)
    uncommon = sum(1 for k in matched if frequency_rank(formula.distinctive[k]) > COMMON_RANK)
    if uncommon < 2:
        return False
    if not missing:
        return True
    return len(missing) == 1 and len(formula.distinctive) >= 4 and 0 < min(missing) < len(formula.distinctive) - 1


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
        return not extra
    (gap,) = missing
    return len(extra) == 1 and near_synonyms(extra[0], formula.distinctive[gap])


def _key(token: _Token) -> str:
    return token.key + ("'s" if token.possessive else "")


def _known(known: list[tuple[int, int, Entry, Kind | None]], starts: list[int], start: int, end: int,
           entry: Entry) -> bool:
    """Is the span already the glossary's: a rendering of this concept there, or any entry's deprecated
    rendering or pattern (TC101/TC104 report those), or a known phrase covering it all? (`known` is
    sorted by start; only hits starting within a formula's reach of the span can overlap it.)"""
    lo = bisect_left(starts, start - 400)
    hi = bisect_left(starts, end)
    for s, e, other, kind in known[lo:hi]:
        if s < end and start < e:
            if other is entry or kind is None or kind is Kind.DEPRECATED or (s <= start and end <= e):
                return True
    return False


def _suggestion(text: str, start: int, end: int, formula: _Formula, matched: list[int]) -> str | None:
    """The formula's own words from its first to its last matched distinctive word."""
    piece = formula.rendering[formula.positions[matched[0]][0]:formula.positions[matched[-1]][1]]
    suggestion = fit_suggestion(text[start:end], piece, formula.entry.fixed_case, piece)
    return suggestion if seam_safe(text, start, end, suggestion) else None


CHECK = FormulaDeviation()
