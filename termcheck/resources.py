"""Where the bundled data lives, in an installed wheel or in a source checkout."""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
DATA = _PACKAGE / "data"


def glossaries_dir() -> Path:
    # A wheel carries the repository's glossaries/ as termcheck/_glossaries; a source checkout or an
    # editable install reads the folder at the repository's top level.
    bundled = _PACKAGE / "_glossaries"
    return bundled if bundled.is_dir() else _PACKAGE.parent / "glossaries"


def default_glossaries() -> list[Path]:
    """The default glossary: one file per subject area (zh-en-*.tsv), all loaded, in name order."""
    # Generated literal renderings (glossaries/generated/) add to the concepts, so they come last.
    return sorted(glossaries_dir().glob("zh-en-*.tsv")) + sorted(glossaries_dir().glob("generated/zh-en-*.tsv"))


def default_proper_names() -> Path:
    return glossaries_dir() / "proper-names.tsv"
