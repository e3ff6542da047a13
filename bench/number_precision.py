"""Run TC302 (number-mismatch) on the real WMT21 zh→en segments and print every finding.

    python bench/number_precision.py                     # the vendored slice, tests/data/wmt21_political.jsonl
    python bench/number_precision.py ../shared/dev-data/wmt21_political.jsonl
    python bench/number_precision.py --all               # also list each source's numbers as read
    python bench/number_precision.py --perturb           # also: does it catch a number altered in a reference?

Each segment's Chinese source is paired with the human reference (refs.A) and with each of the 7 MT
outputs. Every finding is printed with the target it was raised on. A finding is judged by hand — true:
the number really is missing from the target or given a different value; false: the target gives it in a
form the check did not recognise, or the "number" is no quantity at all — and the verdicts are kept
below in JUDGED, keyed by (WMT line, system, the source's number as reported). A finding with no verdict
is printed as UNJUDGED and left out of the precision: read it and add a verdict.

--perturb measures the other side, on the references: each number the reference writes (digits, a number
word, a month name) that gives one of the source's numbers is altered in turn (the first digit plus one,
the next word or month: "90 million" becomes "10 million", "8,000" becomes "9,000", "July 21" becomes
"August 21") and TC302 is run
on the altered reference. A miss is printed; some are by design: the reference gives the same value twice
(2020 … 2020), so altering one leaves the other.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from termcheck.checks.base import DocumentContext
from termcheck.checks.numbers import CHECK
from termcheck.documents.model import Segment, segments_document
from termcheck.matching.numbers import (
    DATE,
    DAY,
    DECADE,
    MONTH,
    Number,
    chinese_numbers,
    read_english,
    same_value,
    tables,
)

DEFAULT = HERE.parent / "tests" / "data" / "wmt21_political.jsonl"

# (WMT line, system, number) -> (verdict, why). True: the number is really missing or wrong.
JUDGED: dict[tuple[int, str, str], tuple[bool, str]] = {
    (495, "Facebook-AI", "四个"): (True, "the clause with the Four Consciousnesses and Four Confidences is dropped"),
    (495, "Facebook-AI", "两个"): (True, "the Two Upholds are dropped with the clause"),
    (548, "HuaweiTSC", "2020"): (True, "the first work, The First Battle of 2020, is dropped"),
    (811, "Online-B", "25日"): (True, "the report's date, on the 25th, is dropped"),
    # Findings of earlier iterations, kept in case they come back:
    (1145, "ref", "两场"): (False, "the two battles are named (epidemic and flood control), not counted"),
    (1145, "Online-A", "两场"): (False, "the battles are named, not counted"),
    (1145, "Online-Y", "两场"): (False, "the battles are named, not counted"),
    (1268, "Online-A", "两人"): (False, "\"them ... celebrity couples\" gives the pair"),
    (308, "ref", "9000"): (False, "more than 90 million is 9000多万"),
    (694, "ref", "7"): (False, "July 21 is 7月21日"),
    (811, "ref", "8"): (False, "August is 8月"),
    (930, "ref", "第一"): (False, "第一线 is the front line, no ordinal"),
    (1640, "ref", "7"): (False, "July 26 is 7月26日"),
}


def findings(source: str, target: str) -> list[str]:
    """The numbers (as reported, e.g. "9000多万") that TC302 finds missing from the target."""
    document = segments_document("wmt", [Segment(id="1", source=source, target=target)])
    out = []
    for f in CHECK.check_document(DocumentContext(document=document)):
        match = re.match(r"the source's \w+ (.+?) \(", f.message)
        assert match, f.message
        out.append(match.group(1))
    return out


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
_EN_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|\b(?:" + "|".join(_MONTHS + _WORDS + _ORDINALS) + r")\b"
                        r"(?:\s+(?:hundred|thousand|million|billion))*", re.IGNORECASE)


def _altered(token: str) -> str:
    head = token.split()[0]
    rest = token[len(head):]
    if head[0].isdigit():
        return str(int(head[0]) % 9 + 1) + head[1:] + rest
    for names in (_MONTHS, _WORDS, _ORDINALS):
        lowered = [n.lower() for n in names]
        if head.lower() in lowered:
            new = names[(lowered.index(head.lower()) + 1) % len(names)]
            return (new.capitalize() if head[0].isupper() else new.lower()) + rest
    return token


def _gives(token: str, number: Number) -> bool:
    """Whether an English number phrase, read alone, is the value of the source's number."""
    en = read_english(token)
    if number.kind in (MONTH, DATE) and number.month in en.months:
        return True
    if number.kind == DECADE:
        return int(number.value) % 100 in en.decades
    wanted = number.day if number.kind in (DAY, DATE) else number.value
    return any(same_value(wanted, v) for v in en.values)


def perturb(rows: list[dict]) -> None:
    tables()
    caught = missed = 0
    for row in rows:
        source, reference = row["src_zh"], row["refs"]["A"]
        numbers = chinese_numbers(source)
        if not numbers or findings(source, reference):
            continue
        for m in _EN_NUMBER.finditer(reference):
            if not any(_gives(m.group(), n) for n in numbers):
                continue
            altered = reference[:m.start()] + _altered(m.group()) + reference[m.end():]
            if findings(source, altered):
                caught += 1
            else:
                missed += 1
                print(f"[MISSED] line {row['line']}: {m.group()!r} -> {_altered(m.group())!r}")
    total = caught + missed
    print(f"altered references: {total}, caught {caught}, missed {missed}: recall {caught / total:.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?", default=str(DEFAULT))
    parser.add_argument("--all", action="store_true", help="list the numbers read from every source")
    parser.add_argument("--perturb", action="store_true", help="alter the references' numbers: caught?")
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in Path(args.data).read_text(encoding="utf-8").splitlines() if line]

    counts: Counter[str] = Counter()
    numbers_read = 0
    for row in rows:
        numbers = chinese_numbers(row["src_zh"])
        numbers_read += len(numbers)
        if args.all and numbers:
            print(f"# line {row['line']}: " + ", ".join(f"{n.text}={n.value:,.10g}" for n in numbers))
        pairs = [("ref", row["refs"]["A"]), *sorted(row["mt"].items())]
        for system, target in pairs:
            kind = "ref" if system == "ref" else "mt"
            for number in findings(row["src_zh"], target):
                verdict = JUDGED.get((row["line"], system, number))
                label = "UNJUDGED" if verdict is None else ("TRUE" if verdict[0] else "FALSE")
                counts[f"{kind} {label}"] += 1
                why = f"  ({verdict[1]})" if verdict else ""
                print(f"[{label}] line {row['line']} {system}: {number}{why}")
                print(f"    zh: {row['src_zh']}")
                print(f"    en: {target}")

    print()
    print(f"{len(rows)} segments, {numbers_read} numbers read from the sources, "
          f"{len(rows) * 8} source/target pairs (reference + 7 MT systems)")
    total_true = total_false = 0
    for kind, name in (("ref", "reference"), ("mt", "MT outputs")):
        true, false, unjudged = counts[f"{kind} TRUE"], counts[f"{kind} FALSE"], counts[f"{kind} UNJUDGED"]
        total_true += true
        total_false += false
        print(f"findings on the {name}: {true + false + unjudged} ({true} true, {false} false, {unjudged} unjudged)")
    judged = total_true + total_false
    precision = total_true / judged if judged else float("nan")
    print(f"all findings: {judged} judged, {total_true} true, {total_false} false: precision {precision:.3f}")
    if args.perturb:
        print()
        perturb(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
