"""Proper names that are legitimately written in pinyin (people, places, organizations)."""
from __future__ import annotations

from pathlib import Path

from termcheck.errors import GlossaryError


def load_proper_names(path: str) -> frozenset[str]:
    """Read a names TSV (columns: name, zh, kind, source) into a set of names."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise GlossaryError(path, 1, 1, f"cannot read names list: {exc}") from None
    names: set[str] = set()
    header_seen = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        name = line.split("\t", 1)[0].strip()
        if not header_seen:
            header_seen = True
            if name.lower() != "name":
                raise GlossaryError(path, number, 1, "names list must start with a header whose first column is 'name'")
            continue
        if name:
            names.add(name)
    return frozenset(names)
