"""termcheck side by side with codespell, typos and grep: ratios on the same files, in one run.

    python bench/peers.py                    # dense MT 10 MB, prose 20 MB, 100,000 aligned rows, one page
    python bench/peers.py --dense-mb 50      # the issue's full size (termcheck alone takes minutes)
    python bench/peers.py --quick            # 1 MB / 2 MB / 10,000 rows: a smoke run

codespell and typos are installed by this script into their own virtual environment under bench/out/
(pinned versions below); nothing is installed into the environment termcheck runs in. Every command
runs in a fresh process; CPU seconds (user + system) and peak RSS come from os.wait4, so they belong to
that process alone. The machine is shared, so the ratios matter more than the seconds.

The corpora are generated deterministically under bench/out/peers/:
- dense: the two real machine translations of tests/data/seeds/ repeated (about 4 findings per kB);
- prose: ordinary English documentation that ships with Python (pydoc's topics) and Debian (licence
  texts), repeated, with a little non-ASCII ("İstanbul", "naïve", emoji) in every 50th paragraph;
- aligned: WMT21 political segments (tests/data/wmt21_political.jsonl) as zh<TAB>en rows; peers get
  the English column alone;
- page: one page of samples/ for start-up.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "peers"
VENV = ROOT / "bench" / "out" / "peers-venv"
PEERS = {"codespell": "codespell==2.4.3", "typos": "typos==1.52.0"}
PAGE = ROOT / "samples" / "national-security-study.en.md"
NON_ASCII = " İstanbul, a naïve café owner, said 🙂 that Zürich’s façade was déjà vu. "


def ensure_peers() -> Path:
    """The bin folder of a virtual environment holding codespell and typos."""
    bin_dir = VENV / ("Scripts" if os.name == "nt" else "bin")
    if all((bin_dir / name).exists() for name in PEERS):
        return bin_dir
    venv.create(VENV, with_pip=True)
    subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "-q", *PEERS.values()], check=True)
    return bin_dir


def build_dense(path: Path, megabytes: float) -> None:
    seed_files = sorted((ROOT / "tests" / "data" / "seeds").glob("*.txt"))
    seeds = "\n\n".join(p.read_text(encoding="utf-8") for p in seed_files)
    _repeat_to(path, [seeds], megabytes)


def build_prose(path: Path, megabytes: float) -> None:
    import pydoc_data.topics

    parts = [text for _, text in sorted(pydoc_data.topics.topics.items())]
    licences = Path("/usr/share/common-licenses")
    if licences.is_dir():
        parts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(licences.iterdir()) if p.is_file()]
    paragraphs = [p for part in parts for p in part.split("\n\n") if p.strip()]
    paragraphs = [p + NON_ASCII if i % 50 == 0 else p for i, p in enumerate(paragraphs)]
    _repeat_to(path, ["\n\n".join(paragraphs)], megabytes)


def build_aligned(path: Path, english: Path, rows: int) -> None:
    segments = []
    with (ROOT / "tests" / "data" / "wmt21_political.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            for target in record["mt"].values() if isinstance(record["mt"], dict) else record["mt"]:
                segments.append((record["src_zh"].replace("\t", " "), str(target).replace("\t", " ")))
    table = [segments[i % len(segments)] for i in range(rows)]
    path.write_text("".join(f"{zh}\t{en}\n" for zh, en in table), encoding="utf-8")
    english.write_text("".join(f"{en}\n" for _, en in table), encoding="utf-8")


def _repeat_to(path: Path, pieces: list[str], megabytes: float) -> None:
    block = "\n\n".join(pieces) + "\n\n"
    copies = max(1, int(megabytes * 1_000_000 // len(block.encode("utf-8"))) + 1)
    path.write_text(block * copies, encoding="utf-8")


def glossary_phrases(path: Path) -> None:
    """The default glossary's deprecated renderings, one a line: what grep -F looks for. Loaded in a child
    process, so that this one stays small."""
    script = (
        "import sys\n"
        "from termcheck.glossary import load_glossaries\n"
        "from termcheck.resources import default_glossaries\n"
        "g = load_glossaries([str(p) for p in default_glossaries()])\n"
        "phrases = sorted({p.split('=>')[0].strip().lower() for e in g.entries for p in (*e.deprecated, *e.literal)})\n"
        "sys.stdout.write(''.join(p + '\\n' for p in phrases if p))\n"
    )
    listed = subprocess.run([sys.executable, "-c", script], capture_output=True, check=True, cwd=ROOT)
    path.write_bytes(listed.stdout)


def run(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """CPU seconds and peak RSS (MB) of one process, as GNU time reports them: a child's own ru_maxrss
    would count the memory of this Python process it was forked from."""
    marker = "@@bench@@"
    timed = ["/usr/bin/time", "-f", f"{marker} %U %S %M", *command]
    process = subprocess.run(timed, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False)
    stderr = process.stderr.decode(errors="replace")
    head, _, figures = stderr.rpartition(marker)
    # Findings are exit 1 for grep, 2 for typos, 65 for codespell; termcheck runs with --exit-zero, so
    # anything but 0 from it is a failure.
    allowed = {0} if "termcheck" in command[:3] else {0, 1, 2, 65}
    if process.returncode not in allowed or not figures:
        raise SystemExit(f"{' '.join(command[:4])} failed ({process.returncode}): {head[-500:]}")
    user, system, rss_kb = figures.split()[:3]
    return float(user) + float(system), int(rss_kb) / 1024


def median_run(command: list[str], repeat: int, env: dict[str, str] | None = None) -> tuple[float, float]:
    results = [run(command, env) for _ in range(repeat)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def tools(bin_dir: Path, phrases: Path) -> dict[str, list[str]]:
    return {
        "termcheck": [sys.executable, "-m", "termcheck", "lint", "-f", "json", "--exit-zero"],
        "codespell": [str(bin_dir / "codespell")],
        "typos": [str(bin_dir / "typos"), "--format", "brief"],
        "grep -F": ["grep", "-F", "-o", "-i", "-f", str(phrases)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dense-mb", type=float, default=10)
    parser.add_argument("--prose-mb", type=float, default=20)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (median CPU time)")
    parser.add_argument("--quick", action="store_true", help="1 MB, 2 MB and 10,000 rows, one run each")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args()
    if args.quick:
        args.dense_mb, args.prose_mb, args.rows, args.repeat = 1, 2, 10_000, 1
    OUT.mkdir(parents=True, exist_ok=True)
    bin_dir = ensure_peers()
    files = {"dense": OUT / "dense.txt", "prose": OUT / "prose.txt", "aligned": OUT / "aligned.tsv"}
    english = OUT / "aligned-english.txt"
    phrases = OUT / "phrases.txt"
    build_dense(files["dense"], args.dense_mb)
    build_prose(files["prose"], args.prose_mb)
    build_aligned(files["aligned"], english, args.rows)
    glossary_phrases(phrases)
    commands = tools(bin_dir, phrases)
    env = {**os.environ, "TERMCHECK_CACHE_DIR": str(OUT / "cache"), "LC_ALL": "C"}
    run([*commands["termcheck"], str(PAGE)], env)  # fills the compiled-glossary cache

    rows: list[dict[str, object]] = []
    started = time.time()
    for corpus, path in files.items():
        megabytes = path.stat().st_size / 1_000_000
        for name, command in commands.items():
            target = english if corpus == "aligned" and name != "termcheck" else path
            seconds, rss = median_run([*command, str(target)], args.repeat, env)
            rows.append({"work": corpus, "tool": name, "MB": round(megabytes, 1), "cpu_s": round(seconds, 2),
                         "MB_per_s": round(megabytes / seconds, 2) if seconds else None, "peak_rss_mb": round(rss)})
    for name, command in commands.items():
        if name == "grep -F":
            continue
        seconds, rss = median_run([*command, str(PAGE)], max(args.repeat, 5), env)
        rows.append({"work": "start-up", "tool": name, "MB": 0, "cpu_s": round(seconds, 3), "MB_per_s": None,
                     "peak_rss_mb": round(rss)})
    seconds, rss = median_run([*commands["termcheck"], "--no-cache", str(PAGE)], max(args.repeat, 3), env)
    rows.append({"work": "start-up", "tool": "termcheck --no-cache", "MB": 0, "cpu_s": round(seconds, 3),
                 "MB_per_s": None, "peak_rss_mb": round(rss)})
    report(rows, time.time() - started)
    if args.json:
        print(json.dumps(rows, indent=2))


def report(rows: list[dict[str, object]], elapsed: float) -> None:
    print("| work | tool | MB | CPU s | MB/s | peak RSS MB | termcheck ÷ tool (time) |")
    print("|---|---|---|---|---|---|---|")
    for row in rows:
        ours = next(r for r in rows if r["work"] == row["work"] and r["tool"] == "termcheck")
        ratio = float(ours["cpu_s"]) / float(row["cpu_s"]) if row["cpu_s"] else float("nan")  # type: ignore[arg-type]
        print(f"| {row['work']} | {row['tool']} | {row['MB']} | {row['cpu_s']} | {row['MB_per_s'] or '–'} | "
              f"{row['peak_rss_mb']} | {ratio:.2f}× |")
    print(f"\n(measured in {elapsed:.0f} s; ratio > 1: termcheck takes that many times the tool's CPU time)")


if __name__ == "__main__":
    main()
