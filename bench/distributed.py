"""Benchmark `termcheck lint --scheduler local:N` against a serial run on an archive of real MT.

    python bench/distributed.py               # 200 MB archive, 2 local workers
    python bench/distributed.py --mb 20       # a quicker run

The archive (bench/out/distributed/archive/) is the seed documents and the WMT21 systems' output (one file
per system), copied over and over: the density of real MT, not of generated text. Each run is a fresh
`python -m termcheck lint -f json --exit-zero`, so glossary loading and cluster start-up are included;
the JSON reports of the two runs must be identical. The per-file overhead is measured on tiny files.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "distributed"
DATA = ROOT / "tests" / "data"


def source_texts() -> list[bytes]:
    texts = [path.read_bytes() for path in sorted((DATA / "seeds").glob("*.txt"))]
    rows = [json.loads(line) for line in (DATA / "wmt21_political.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    for system in sorted({name for row in rows for name in row["mt"]}):
        texts.append(("\n\n".join(row["mt"][system] for row in rows if system in row["mt"]) + "\n").encode())
    return texts


def generate_archive(folder: Path, megabytes: float) -> tuple[int, int]:
    """Files cycling through the real texts until `megabytes`; their count and total size."""
    shutil.rmtree(folder, ignore_errors=True)
    texts = source_texts()
    size = count = 0
    while size < megabytes * 1_000_000:
        data = texts[count % len(texts)]
        sub = folder / f"{count // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{count:06d}.txt").write_bytes(data)
        size += len(data)
        count += 1
    return count, size


def generate_tiny(folder: Path, files: int) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for i in range(files):
        (folder / f"{i:05d}.txt").write_text("We uphold the two maintenances.\n", encoding="utf-8")


def timed_lint(folder: Path, extra: list[str]) -> tuple[float, str]:
    """Wall time of one run and the sha256 of its JSON report."""
    command = [sys.executable, "-m", "termcheck", "lint", "-f", "json", "--exit-zero", "-q", *extra, str(folder)]
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, check=True)
    return time.perf_counter() - start, hashlib.sha256(result.stdout).hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=200, help="archive size in MB (default 200)")
    parser.add_argument("--workers", type=int, default=2, help="local Dask worker processes (default 2)")
    parser.add_argument("--tiny", type=int, default=400, help="tiny files for the per-file overhead (default 400)")
    args = parser.parse_args()
    scheduler = ["--scheduler", f"local:{args.workers}"]
    archive = OUT / "archive"
    files, size = generate_archive(archive, args.mb)
    print(f"archive: {files} files, {size / 1e6:.1f} MB")
    serial, serial_hash = timed_lint(archive, [])
    dask, dask_hash = timed_lint(archive, scheduler)
    print("| run | s | MB/s |\n|---|---|---|")
    print(f"| serial | {serial:.1f} | {size / 1e6 / serial:.2f} |")
    print(f"| --scheduler local:{args.workers} | {dask:.1f} | {size / 1e6 / dask:.2f} |")
    print(f"speed-up {serial / dask:.2f}x; reports identical: {serial_hash == dask_hash}")
    tiny = OUT / "tiny"
    one = OUT / "one"
    generate_tiny(tiny, args.tiny)
    generate_tiny(one, 1)
    per_file = {}
    for name, extra in (("serial", []), ("dask", scheduler)):
        many, _ = timed_lint(tiny, extra)
        single, _ = timed_lint(one, extra)
        per_file[name] = (many - single) / (args.tiny - 1)
        print(f"{name}: 1 tiny file {single:.2f} s, {args.tiny} tiny files {many:.2f} s, "
              f"{per_file[name] * 1000:.2f} ms per file")
    print(f"scheduling overhead per file: {(per_file['dask'] - per_file['serial']) * 1000:.2f} ms")
    if serial_hash != dask_hash:
        sys.exit("the reports differ")


if __name__ == "__main__":
    main()
