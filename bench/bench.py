"""Benchmark termcheck lint: throughput, start-up time and peak memory.

    python bench/bench.py            # full run: 20 MB corpus, default and 20,000-entry glossaries
    python bench/bench.py --mb 2     # a quicker, smaller run

Everything is generated (deterministically) under bench/out/. Each measurement runs in a fresh
subprocess, so peak memory (ru_maxrss) belongs to that measurement alone.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))

FILLER = (
    "the of and to in a is that for it as was with be by on not he this are or his from at which but have "
    "an they you were her all she there would their we him been has when who will more no if out so said "
    "what up its about into than them can only other new some could time these two may then do first any "
    "my now such like our over man me even most made after also did many before must through back years "
    "where much your way well down should because each just those people work development reform party "
    "country government security economy policy cooperation system national modernization leadership"
).split()
NOISE = ["\n", "  ", " - ", ", ", ". ", "; ", " “", "” ", "\n\n"]


def generate_corpus(path: Path, megabytes: float, phrases: list[str], seed: int = 7) -> None:
    """English-like text with glossary phrases embedded, hard-wrapped, case varied, in paragraphs."""
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    parts: list[str] = []
    size = 0
    while size < target:
        words: list[str] = []
        for _ in range(rng.randint(40, 120)):
            word = rng.choice(FILLER)
            while words and word == words[-1]:  # no accidental "the the": that is another rule's business
                word = rng.choice(FILLER)
            words.append(word)
        for _ in range(rng.randint(1, 4) if phrases else 0):
            phrase = rng.choice(phrases)
            phrase = phrase.upper() if rng.random() < 0.05 else (phrase.title() if rng.random() < 0.2 else phrase)
            words.insert(rng.randrange(len(words)), phrase)
        line_words, paragraph = [], []
        for word in words:
            line_words.append(word)
            if len(line_words) >= 12:
                paragraph.append(" ".join(line_words))
                line_words = []
        paragraph.append(" ".join(line_words))
        text = "\n".join(paragraph).capitalize() + ("。" if rng.random() < 0.02 else ".") + "\n\n"
        parts.append(text)
        size += len(text.encode("utf-8"))
    path.write_text("".join(parts), encoding="utf-8")


def generate_glossary(path: Path, entries: int, seed: int = 11) -> list[str]:
    """A synthetic glossary of `entries` concepts, each with two deprecated renderings."""
    rng = random.Random(seed)
    syllables = "ka lo mi ne tu ra si po de fa gu le zo vi ba ke ru ta".split()

    def word() -> str:
        return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))

    phrases: list[str] = []
    lines = ["zh\ten\tadmitted\tdeprecated\tpattern\tcase\tseverity\ttags\tnote\tsource"]
    for i in range(entries):
        en = " ".join(word() for _ in range(rng.randint(2, 4)))
        deprecated = [" ".join(word() for _ in range(rng.randint(2, 5))) for _ in range(2)]
        phrases.extend([en, *deprecated])
        lines.append(f"术语{i}\t{en}\t\t{';'.join(deprecated)}\t\t\t\t\t\tgenerated")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return phrases


def default_phrases() -> list[str]:
    from termcheck.glossary import load_glossaries
    from termcheck.resources import default_glossaries

    glossary = load_glossaries([str(p) for p in default_glossaries()])
    return [p for e in glossary.entries for p in (e.en, *e.admitted, *e.deprecated)]


def measure_lint(corpus: Path, glossary: Path | None) -> dict[str, float]:
    """Run in a child process: load, compile, read and lint; report seconds and peak RSS."""
    code = f"""
import json, resource, time
t0 = time.perf_counter()
from termcheck.commands.lint import LintOptions, build_linter
from termcheck.documents import read_document
opts = LintOptions(paths=[], glossaries={[str(glossary)] if glossary else []!r}, default_glossary={glossary is None})
linter, files = build_linter(opts)
t1 = time.perf_counter()
doc = read_document({str(corpus)!r})
findings = linter.lint([doc])
t2 = time.perf_counter()
print(json.dumps({{"load_s": t1 - t0, "lint_s": t2 - t1, "findings": len(findings),
                  "entries": sum(f.entries for f in files),
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(proc.stdout)


def measure_startup(page: Path, runs: int = 7) -> dict[str, float]:
    def wall(cmd: list[str]) -> float:
        t0 = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=False)
        return time.perf_counter() - t0

    termcheck = [sys.executable, "-m", "termcheck", "lint", str(page)]
    baseline = [sys.executable, "-c", "pass"]
    source, target = OUT / "three-lines.zh.txt", OUT / "three-lines.en.txt"
    source.write_text("坚决做到两个维护。\n坚持总体国家安全观。\n发挥战斗堡垒作用。\n", encoding="utf-8")
    target.write_text("Achieve the two maintenances.\nFollow the holistic approach to national security.\n"
                      "Act as a fighting bastion.\n", encoding="utf-8")
    bilingual = [sys.executable, "-m", "termcheck", "lint", "--source", str(source), str(target)]
    wall(termcheck)  # warm the file cache once
    wall(bilingual)
    return {
        "termcheck_lint_s": statistics.median(wall(termcheck) for _ in range(runs)),
        "termcheck_lint_source_s": statistics.median(wall(bilingual) for _ in range(runs)),
        "python_itself_s": statistics.median(wall(baseline) for _ in range(runs)),
        "jieba_loaded": _imports_module(page, "jieba"),
        "sacrebleu_loaded": _imports_module(page, "sacrebleu"),
    }


def _imports_module(page: Path, module: str) -> bool:
    code = (
        "import sys\nfrom termcheck.cli import app\n"
        f"try:\n    app(['lint', {str(page)!r}])\nexcept SystemExit:\n    pass\n"
        f"print({module!r} in sys.modules)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    return proc.stdout.strip().endswith("True")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0, help="corpus size in MB (default 20)")
    parser.add_argument("--entries", type=int, default=20_000, help="generated glossary size (default 20000)")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)

    big_glossary = OUT / f"generated-{args.entries}.tsv"
    small_glossary = OUT / "generated-300.tsv"
    big_phrases = generate_glossary(big_glossary, args.entries)
    small_phrases = generate_glossary(small_glossary, 300)
    corpus_default = OUT / f"corpus-default-{args.mb:g}mb.txt"
    corpus_small = OUT / f"corpus-generated-300-{args.mb:g}mb.txt"
    corpus_big = OUT / f"corpus-generated-{args.entries}-{args.mb:g}mb.txt"
    generate_corpus(corpus_default, args.mb, default_phrases())
    # Each generated glossary gets a corpus with the same density of its own phrases, so the two
    # throughputs compare the cost of a bigger automaton, not a different number of hits.
    generate_corpus(corpus_small, args.mb, small_phrases)
    generate_corpus(corpus_big, args.mb, big_phrases)
    corpus_plain = OUT / f"corpus-plain-{args.mb:g}mb.txt"
    generate_corpus(corpus_plain, args.mb, [])  # the same prose with no glossary phrase in it
    page = OUT / "one-page.txt"
    page.write_text((ROOT / "samples" / "national-security-study.en.md").read_text(encoding="utf-8"), encoding="utf-8")

    results = {"python": sys.version.split()[0], "cpus": os.cpu_count(), "corpus_mb": args.mb}
    for label, corpus, glossary in (
        ("default glossary", corpus_default, None),
        ("default glossary, no term in the text", corpus_plain, None),
        ("generated 300 entries", corpus_small, small_glossary),
        (f"generated {args.entries} entries", corpus_big, big_glossary),
    ):
        m = measure_lint(corpus, glossary)
        m["mb_per_s"] = corpus.stat().st_size / 1_000_000 / m["lint_s"]
        results[label] = m
    results["startup"] = measure_startup(page)
    print(json.dumps(results, indent=2))
    print()
    print("| glossary | entries | corpus MB | glossary load s | lint s | MB/s | findings | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|")
    for label in [k for k in results if isinstance(results[k], dict) and "lint_s" in results[k]]:
        m = results[label]
        print(f"| {label} | {m['entries']} | {args.mb:g} | {m['load_s']:.2f} | {m['lint_s']:.2f} | "
              f"{m['mb_per_s']:.2f} | {m['findings']} | {m['peak_rss_mb']:.0f} |")
    s = results["startup"]
    print(f"\nstart-up of `termcheck lint` on one page: {s['termcheck_lint_s']:.3f} s "
          f"(python itself: {s['python_itself_s']:.3f} s); jieba loaded: {s['jieba_loaded']}, "
          f"sacrebleu loaded: {s['sacrebleu_loaded']}")
    print(f"start-up of `termcheck lint --source` on three lines (loads jieba and OpenCC): "
          f"{s['termcheck_lint_source_s']:.3f} s")


if __name__ == "__main__":
    main()
