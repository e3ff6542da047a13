"""Glossary entries: one concept, its preferred rendering, the admitted and the deprecated ones."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from termcheck.findings import Severity

_ARTICLES = ("the ", "a ", "an ")


@dataclass(frozen=True)
class Entry:
    zh: str
    en: str
    admitted: tuple[str, ...] = ()
    deprecated: tuple[str, ...] = ()
    pattern: str | None = None
    # Span-specific replacements: a deprecated phrase that renders only part of the term ("new security
    # pattern" for 以新安全格局保障新发展格局) is replaced by the matching part, not the whole of `en`.
    deprecated_replacements: tuple[tuple[str, str], ...] = ()
    pattern_replacement: str | None = None  # what replaces a pattern match's `fix` group (or whole match)
    # Older official renderings since replaced, each with the year of the change where known.
    superseded: tuple[tuple[str, int | None, str | None], ...] = ()  # (phrase, year, replacement)
    # Word-for-word renderings generated from a dictionary (glossaries/generated/): flagged as deprecated,
    # at warning at most, since no editor listed them one by one.
    literal: tuple[str, ...] = ()
    fixed_case: bool = False
    severity: Severity | None = None
    tags: tuple[str, ...] = ()
    note: str = ""
    source: str = ""
    origin: str = ""  # "path:line" of the row, for messages about the glossary itself

    @property
    def supplement(self) -> bool:
        """A row of a generated file: literal renderings for a concept defined elsewhere."""
        return not self.en and bool(self.literal)

    @property
    def acceptable(self) -> tuple[str, ...]:
        return (self.en, *self.admitted)

    def replacement_for(self, phrase: str) -> str | None:
        """The glossary's own replacement for one deprecated phrase (`phrase => replacement`), if any."""
        for deprecated, replacement in self.deprecated_replacements:
            if deprecated == phrase:
                return replacement
        return None

    @property
    def replacement(self) -> str:
        """The preferred rendering without a leading article (the text keeps its own article)."""
        lowered = self.en.lower()
        for article in _ARTICLES:
            if lowered.startswith(article) and len(self.en) > len(article):
                return self.en[len(article):]
        return self.en


@dataclass(frozen=True)
class TableLayout:
    """How to read a user's spreadsheet term base whose header termcheck does not recognise on its own
    (`--glossary-columns zh=source,en=target,deprecated=forbidden`): each glossary field and the header
    name of its column, and the separator of several renderings in one cell (None: ";" or "|")."""

    columns: tuple[tuple[str, str], ...]
    separator: str | None = None


@dataclass(frozen=True)
class GlossaryFile:
    path: str
    entries: int
    sha256: str


@dataclass
class Glossary:
    """Entries merged from one or more files; a later entry with the same `zh` replaces an earlier one."""

    entries: list[Entry] = field(default_factory=list)
    files: list[GlossaryFile] = field(default_factory=list)

    @classmethod
    def merge(cls, parts: list[tuple[GlossaryFile, list[Entry]]]) -> Glossary:
        by_zh: dict[str, Entry] = {}
        for _, entries in parts:
            for entry in entries:
                if entry.supplement:
                    known = by_zh.get(entry.zh)
                    if known is not None:  # a generated file adds to a concept; alone it is nothing
                        by_zh[entry.zh] = replace(known, literal=known.literal + entry.literal)
                    continue
                by_zh.pop(entry.zh, None)  # re-insert so the override takes the later position
                by_zh[entry.zh] = entry
        return cls(entries=list(by_zh.values()), files=[f for f, _ in parts])
