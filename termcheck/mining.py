"""Proposing glossary rows from a parallel corpus (`termcheck glossary mine`).

For every glossary concept found in a source segment, the rendering its target uses is counted: a listed
rendering by its status (preferred, admitted, deprecated, superseded), any other by the words TC301 locates
as rendering it ("unlisted"). Per concept the dominant rendering and the minority ones come out as a table
for an editor to review; nothing is merged into a glossary. Chinese words the glossary does not know are
listed with the English words that co-occur with them most (Dice coefficient over segments), a lead for
research, not a rendering.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from termcheck.documents.model import Document
from termcheck.engine import Linter, RuleSelection
from termcheck.glossary.model import Entry
from termcheck.han import is_chinese
from termcheck.matching.compiled import TermHit
from termcheck.matching.normalize import normalize_phrase
from termcheck.matching.tokens import WORD, singular
from termcheck.wordlists import words

UNLISTED = "unlisted"
NOT_FOUND = "not found"
MAX_NGRAM = 3
# jieba's part-of-speech tags of words that can be terms: nouns, names of organizations and places, verbal
# nouns, set phrases (l), idioms (i) and abbreviations (j); verbs and function words are not.
TERM_TAGS = frozenset({"n", "nt", "ns", "nz", "vn", "l", "i", "j"})
COMMON_FREQUENCY = 5000  # a word this frequent in jieba's dictionary is ordinary vocabulary (工作, 人民, 精神)


@dataclass
class ConceptUsage:
    zh: str
    preferred: str
    renderings: Counter[tuple[str, str]] = field(default_factory=Counter)  # (rendering, status) -> count

    @property
    def total(self) -> int:
        return sum(self.renderings.values())


@dataclass(frozen=True)
class Proposal:
    zh: str
    preferred: str
    rendering: str
    status: str
    count: int
    share: float
    proposal: str  # what an editor might do with the row


@dataclass(frozen=True)
class UnknownTerm:
    zh: str
    segments: int
    rendering: str  # the English n-gram that co-occurs most, or ""
    dice: float


def concept_usage(linter: Linter, documents: Iterable[Document]) -> dict[str, ConceptUsage]:
    """How each glossary concept of the sources is rendered in the targets, counted per segment."""
    miner = Linter(linter.glossary, linter.proper_names, RuleSelection(select=("TC301",)))
    usage: dict[str, ConceptUsage] = {}
    for document in documents:
        ctx = miner.context(document)
        located = {(document.segment_index_at(f.start), f.concept.zh): document.prose[f.start:f.end]
                   for f in miner.document_findings(ctx) if f.concept is not None}
        hits_by_segment = _hits_by_segment(document, ctx.terms)
        for index, terms in enumerate(ctx.source_terms):
            target_hits = hits_by_segment.get(index, [])
            for entry in dict.fromkeys(term.entry for term in terms):
                concept = usage.setdefault(entry.zh, ConceptUsage(entry.zh, entry.en))
                spot = located.get((index, entry.zh))
                if spot is not None and spot.strip() == document.segments[index].target.strip():
                    spot = None  # TC301 could not tell which words render the term: it names the segment
                rendering, status = _rendering_of(entry.zh, target_hits, spot)
                if status == UNLISTED:
                    # Words TC301 located may still be a listed phrase, found as part of a longer concept's.
                    status = _listed_status(entry, rendering) or UNLISTED
                concept.renderings[rendering, status] += 1
    return usage


def _listed_status(entry: Entry, rendering: str) -> str | None:
    def same(phrase: str) -> bool:
        return normalize_phrase(phrase.split("=>")[0]) == normalize_phrase(rendering)

    if same(entry.en):
        return "preferred"
    for kind, phrases in (("admitted", entry.admitted), ("deprecated", (*entry.deprecated, *entry.literal)),
                          ("superseded", tuple(p for p, _, _ in entry.superseded))):
        if any(same(p) for p in phrases):
            return kind
    return None


def _hits_by_segment(document: Document, hits: list[TermHit]) -> dict[int, list[tuple[str, str, str]]]:
    out: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    for hit in hits:
        index = document.segment_index_at(hit.start)
        if index is not None:
            out[index].append((hit.entry.zh, " ".join(document.prose[hit.start:hit.end].split()), hit.kind.value))
    return out


def _rendering_of(zh: str, hits: list[tuple[str, str, str]], located: str | None) -> tuple[str, str]:
    listed = [(text, kind) for concept, text, kind in hits if concept == zh]
    if listed:
        # The best a segment offers: a standard rendering over a wrong one said in passing.
        order = {"preferred": 0, "admitted": 1, "superseded": 2, "deprecated": 3}
        text, kind = min(listed, key=lambda item: order.get(item[1], 4))
        return text.lower() if not text.isupper() else text, kind
    if located is not None and "\n" not in located and len(located.split()) <= 8:
        return " ".join(located.split()).lower(), UNLISTED
    return "", NOT_FOUND


def proposals(usage: dict[str, ConceptUsage], min_count: int = 1) -> list[Proposal]:
    """One row per concept and rendering, the most used concepts first, each with its share and a proposal."""
    rows = []
    for concept in sorted(usage.values(), key=lambda c: (-c.total, c.zh)):
        found = Counter({key: n for key, n in concept.renderings.items() if key[1] != NOT_FOUND})
        # On a tie, a listed acceptable rendering is the dominant one, not a wrong one used as often.
        dominant = max(found, key=lambda key: (found[key], key[1] in ("preferred", "admitted"))) if found else None
        for (rendering, status), count in sorted(concept.renderings.items(), key=lambda kv: (-kv[1], kv[0])):
            if count < min_count:
                continue
            rows.append(Proposal(concept.zh, concept.preferred, rendering, status, count,
                                 round(count / concept.total, 3), _proposal(status, (rendering, status) == dominant)))
    return rows


def _proposal(status: str, dominant: bool) -> str:
    if status == UNLISTED:
        return "review: admitted or the standard?" if dominant else "candidate deprecated"
    if status == NOT_FOUND:
        return "review: dropped or paraphrased"
    if status == "deprecated" and dominant:
        return "deprecated, yet the dominant rendering: check the glossary"
    return ""


def unknown_terms(linter: Linter, documents: Iterable[Document], min_segments: int = 3,
                  limit: int = 100) -> list[UnknownTerm]:
    """Frequent Chinese words of the sources that no glossary concept covers, with the English n-gram of
    the targets that co-occurs with each most (Dice over segments)."""
    import jieba.posseg

    miner = Linter(linter.glossary, linter.proper_names, RuleSelection(select=("TC301",)))
    known = {entry.zh for entry in linter.glossary.glossary.entries}
    function = words("function-words-en.txt")
    zh_segments: Counter[str] = Counter()
    en_segments: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for document in documents:
        found = miner.context(document).source_terms
        for segment, terms in zip(document.segments, found, strict=True):
            source = segment.source
            for term in terms:  # the glossary's own terms are known: the words inside them too
                source = source.replace(term.text, "，")
            zh_words = {pair.word for pair in jieba.posseg.lcut(source)
                        if pair.flag in TERM_TAGS and len(pair.word) >= 2 and is_chinese(pair.word)
                        and pair.word not in known and jieba.dt.FREQ.get(pair.word, 0) < COMMON_FREQUENCY}
            grams = _ngrams(segment.target, function)
            zh_segments.update(zh_words)
            en_segments.update(grams)
            pairs.update((z, g) for z in zh_words for g in grams)
    by_word: dict[str, tuple[float, int, str]] = {}
    for (z, g), both in pairs.items():
        if both < 2:
            continue
        # On a tie the longer n-gram: "party organization" over "party" and "organization" alone.
        score = (2 * both / (zh_segments[z] + en_segments[g]), g.count(" "), g)
        by_word[z] = max(by_word.get(z, score), score)
    frequent = [z for z, n in zh_segments.most_common() if n >= min_segments][:limit]
    none = (0.0, 0, "")
    return [UnknownTerm(z, zh_segments[z], by_word.get(z, none)[2], round(by_word.get(z, none)[0], 3))
            for z in frequent]


def _ngrams(text: str, function: frozenset[str]) -> set[str]:
    tokens = [singular(m.group().lower()) for m in WORD.finditer(text)]
    grams = set()
    for size in range(1, MAX_NGRAM + 1):
        for i in range(len(tokens) - size + 1):
            gram = tokens[i:i + size]
            if gram[0] in function or gram[-1] in function:
                continue
            grams.add(" ".join(gram))
    return grams
