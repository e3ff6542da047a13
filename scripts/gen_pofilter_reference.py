"""Record what translate-toolkit's pofilter reports on a PO catalogue, for tests/test_pofilter_parity.py.

    pip install translate-toolkit && python scripts/gen_pofilter_reference.py

Runs pofilter's placeholder and markup tests (brackets, urls, emails, xmltags, printf, pythonbraceformat) on
tests/data/catalogues/sphinx-zh_TW.po and writes, per test, the msgids it flags to
tests/data/catalogues/sphinx-zh_TW.pofilter.json. The test compares termcheck's TC306-TC308 with them, so
that it runs without translate-toolkit installed.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import polib

HERE = Path(__file__).resolve().parent.parent / "tests" / "data" / "catalogues"
CATALOGUE = HERE / "sphinx-zh_TW.po"
TESTS = ("brackets", "urls", "emails", "xmltags", "printf", "pythonbraceformat")


def flagged(test: str) -> list[str]:
    result = subprocess.run(["pofilter", "--nofuzzy", "-t", test, str(CATALOGUE)], capture_output=True, text=True,
                            check=True)
    return sorted({entry.msgid for entry in polib.pofile(result.stdout) if entry.msgid})


def main() -> None:
    version = subprocess.run(["pofilter", "--version"], capture_output=True, text=True, check=True).stdout.strip()
    out = {"pofilter": version, "catalogue": CATALOGUE.name, "tests": {test: flagged(test) for test in TESTS}}
    (HERE / "sphinx-zh_TW.pofilter.json").write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n",
                                                      encoding="utf-8")
    print({test: len(ids) for test, ids in out["tests"].items()}, file=sys.stderr)


if __name__ == "__main__":
    main()
