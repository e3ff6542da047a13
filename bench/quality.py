"""Score termcheck's detection against the development gold set (bench/gold/), beside an exact-string
baseline, and count false alarms on official-quality and ordinary English.

    python bench/quality.py              # text tables
    python bench/quality.py --json       # the same figures as JSON

Each document is linted in a run of its own, as a translator lints one file (so TC102 compares renderings
within the document, as the gold's inconsistency rows do). A finding counts as a hit for every gold span it
overlaps; a finding that overlaps no gold span is a false alarm. Recall is per gold category; precision is
per rule and overall.

The second table pairs each WMT21 translation with its Chinese source (`--source`), as a bilingual user
would run it. Where TC301 cannot locate the term's rendering it reports the whole segment; such a finding
is credited only with a gold span on that line whose concept contains the finding's term or is contained
in it (初心 and 初心使命), and counts as a false alarm otherwise; number, empty and untranslated
targets (TC302-TC304) lie outside the gold's categories and are counted apart, as is a whole-segment
TC301 finding for a term the translation dropped with its clause (`gold/omissions.jsonl`). The baseline matches each
glossary deprecated phrase literally (case-insensitive, on word boundaries), as a plain term list would.
False alarms: findings per 100 kB, per rule, on the WMT21 human reference (official-quality English on
the same topics) and on ordinary English prose (the licence texts every Debian system ships).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from termcheck.documents.aligned import aligned_text_document
from termcheck.documents.loading import document_from_bytes
from termcheck.engine import Linter
from termcheck.glossary import load_glossaries, load_proper_names
from termcheck.matching.compiled import CompiledGlossary
from termcheck.resources import default_glossaries, default_proper_names

GOLD = HERE / "gold"
PROSE = Path("/usr/share/common-licenses")
CATEGORIES = ("term", "formula", "idiom", "inconsistency", "casing", "typography")
# Rules whose problems lie outside the gold set's categories (a repeated word is no terminology problem):
# their findings are counted apart, not as false alarms.
OUTSIDE_GOLD = frozenset({"TC205", "TC302", "TC303", "TC304", "TC306", "TC307", "TC308"})
# Rules whose finding covers a whole segment: credited only for a gold span of the finding's own concept.
SEGMENT_RULES = frozenset({"TC301"})
SOURCE = GOLD / "docs" / "wmt21.zh.txt"
Span = tuple[int, int, str, str]  # start, end, rule, concept (Chinese term or ""; "*" + term: a whole segment)


def load_gold() -> tuple[dict[str, str], list[dict]]:
    spans = [json.loads(line) for line in (GOLD / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line]
    files = sorted({s["file"] for s in spans})
    texts = {name: (GOLD / "docs" / name).read_text(encoding="utf-8") for name in files}
    for s in spans:
        assert texts[s["file"]][s["start"]:s["end"]] == s["text"], s
    return texts, spans


def termcheck_spans(linter: Linter, texts: dict[str, str], with_source: bool = False) -> dict[str, list[Span]]:
    out: dict[str, list[Span]] = defaultdict(list)
    for name, text in texts.items():
        document = document_from_bytes(name, text.encode("utf-8"))
        if with_source and name.startswith("wmt21-"):
            document = aligned_text_document(SOURCE.name, SOURCE.read_bytes(), document)
        for f in linter.lint([document]):
            concept = f.concept.zh if f.concept else ""
            whole_line = (f.start == 0 or text[f.start - 1] == "\n") and (f.end == len(text) or text[f.end] == "\n")
            if f.rule in SEGMENT_RULES and whole_line:
                concept = "*" + concept
            out[f.path].append((f.start, f.end, f.rule, concept))
    return out


def baseline_spans(linter: Linter, texts: dict[str, str]) -> dict[str, list[Span]]:
    phrases = sorted({p for e in linter.glossary.glossary.entries for p in e.deprecated}, key=len, reverse=True)
    out: dict[str, list[Span]] = defaultdict(list)
    if not phrases:
        return out
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b", re.IGNORECASE)
    for name, text in texts.items():
        out[name] = [(m.start(), m.end(), "exact", "") for m in pattern.finditer(text)]
    return out


def load_omissions() -> set[tuple[str, int, str]]:
    """(file, line, concept) of terms the translation dropped with their clause (gold README)."""
    path = GOLD / "omissions.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return {(r["file"], r["line"], r["concept"]) for r in rows}


def score(found: dict[str, list[Span]], spans: list[dict], texts: dict[str, str] | None = None) -> dict:
    by_file: dict[str, list[dict]] = defaultdict(list)
    for s in spans:
        by_file[s["file"]].append(s)
    hit_gold: set[int] = set()
    omissions = load_omissions() if texts else set()
    per_rule: dict[str, Counter[str]] = defaultdict(Counter)
    for name, items in found.items():
        gold_here = by_file.get(name, [])
        for start, end, rule, concept in items:
            overlapping = [id(g) for g in gold_here if g["start"] < end and start < g["end"]
                           and (not concept.startswith("*") or _related(g["concept"], concept[1:]))]
            dropped = bool(texts) and concept.startswith("*") and (
                (name, texts[name].count("\n", 0, start) + 1, concept[1:]) in omissions)
            if (rule in OUTSIDE_GOLD or dropped) and not overlapping:
                per_rule[rule]["outside"] += 1
                continue
            per_rule[rule]["tp" if overlapping else "fp"] += 1
            hit_gold.update(overlapping)
    recall = {}
    for category in CATEGORIES:
        members = [s for s in spans if s["category"] == category]
        recall[category] = (sum(1 for s in members if id(s) in hit_gold), len(members))
    recall["all"] = (sum(1 for s in spans if id(s) in hit_gold), len(spans))
    # Rows added by the adjudication pass were found by reading termcheck's own findings (gold README).
    first_pass = [s for s in spans if not s.get("adjudicated")]
    recall["first pass"] = (sum(1 for s in first_pass if id(s) in hit_gold), len(first_pass))
    tp = sum(c["tp"] for c in per_rule.values())
    fp = sum(c["fp"] for c in per_rule.values())
    return {
        "recall": {k: {"found": a, "gold": b, "recall": round(a / b, 3) if b else None}
                   for k, (a, b) in recall.items()},
        "precision": {
            **{rule: {"tp": c["tp"], "fp": c["fp"], "outside": c["outside"],
                      "precision": round(c["tp"] / (c["tp"] + c["fp"]), 3) if c["tp"] + c["fp"] else None}
               for rule, c in sorted(per_rule.items())},
            "all": {"tp": tp, "fp": fp, "precision": round(tp / (tp + fp), 3) if tp + fp else None},
        },
    }


def _related(gold_concept: str, term: str) -> bool:
    return bool(gold_concept) and (term in gold_concept or gold_concept in term)


def false_alarms(linter: Linter) -> dict:
    reference = GOLD / "docs" / "wmt21-ref.en.txt"
    corpora = {"official (WMT21 human reference)": ([reference], False),
               "official (WMT21 human reference, with its source)": ([reference], True),
               "ordinary English (Debian licence texts)": (sorted(p for p in PROSE.glob("*") if p.is_file()), False)}
    out = {}
    for label, (paths, with_source) in corpora.items():
        texts = {str(p): p.read_text(encoding="utf-8", errors="replace") for p in paths}
        size = sum(len(t.encode("utf-8")) for t in texts.values())
        counts: Counter[str] = Counter()
        for path, text in texts.items():
            document = document_from_bytes(path, text.encode("utf-8"))
            if with_source:
                document = aligned_text_document(SOURCE.name, SOURCE.read_bytes(), document)
            counts.update(f.rule for f in linter.lint([document]))
        out[label] = {"kB": round(size / 1000, 1),
                      "per_100kB": {rule: round(n * 100_000 / size, 1) for rule, n in sorted(counts.items())},
                      "total_per_100kB": round(sum(counts.values()) * 100_000 / size, 1) if size else 0.0}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    glossary = load_glossaries([str(p) for p in default_glossaries()])
    linter = Linter(CompiledGlossary(glossary), load_proper_names(str(default_proper_names())))
    texts, spans = load_gold()
    result = {
        "gold_spans": len(spans),
        "concepts": len(glossary.entries),
        "termcheck": score(termcheck_spans(linter, texts), spans),
        "termcheck_with_source": score(termcheck_spans(linter, texts, with_source=True), spans, texts),
        "baseline": score(baseline_spans(linter, texts), spans),
        "false_alarms": false_alarms(linter),
    }
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return
    print(f"gold set: {len(spans)} spans; glossary: {len(glossary.entries)} concepts\n")
    print(f"{'category':<15}{'gold':>6}{'termcheck':>11}{'+source':>9}{'baseline':>10}")
    for k in (*CATEGORIES, "all", "first pass"):
        t, b = result["termcheck"]["recall"][k], result["baseline"]["recall"][k]
        w = result["termcheck_with_source"]["recall"][k]
        print(f"{k:<15}{t['gold']:>6}{t['recall'] or 0:>11.3f}{w['recall'] or 0:>9.3f}{b['recall'] or 0:>10.3f}")
    print("\n+source: the WMT21 translations linted with their Chinese source (--source)")
    print("first pass: the rows of the independent first annotation only (no adjudicated rows)")
    print("\nprecision (findings overlapping a gold span)")
    for label in ("termcheck", "termcheck_with_source", "baseline"):
        for rule, p in result[label]["precision"].items():
            outside = f"  (+{p['outside']} outside the gold's categories)" if p.get("outside") else ""
            print(f"  {label.replace('termcheck_with_source', '+source'):<10} {rule:<6} tp {p['tp']:>5}  "
                  f"fp {p['fp']:>5}  precision {p['precision']}{outside}")
    print("\nfindings per 100 kB on text that is right")
    for label, fa in result["false_alarms"].items():
        rules = ", ".join(f"{r} {n}" for r, n in fa["per_100kB"].items()) or "none"
        print(f"  {label} ({fa['kB']} kB): {fa['total_per_100kB']} — {rules}")


if __name__ == "__main__":
    main()
