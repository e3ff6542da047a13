"""Reading glossary TSV files (format: docs/glossary-format.md), with errors located by line and column."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from termcheck.documents.decoding import decode
from termcheck.errors import GlossaryError, InputError
from termcheck.findings import Severity
from termcheck.glossary.model import Entry, Glossary, GlossaryFile, TableLayout
from termcheck.matching.automaton import phrase_limit_error
from termcheck.matching.prefilter import pattern_error
from termcheck.matching.tokens import has_words

COLUMNS = (
    "zh", "en", "admitted", "deprecated", "superseded", "pattern", "replace", "case", "severity", "tags", "note",
    "source",
)
REQUIRED = ("zh", "en", "source")
LIST_SEPARATOR = ";"
REPLACEMENT_ARROW = "=>"
_YEAR = re.compile(r"\s*\((\d{4})\)$")


def load_glossaries(paths: list[str]) -> Glossary:
    return Glossary.merge([load_glossary_file(p) for p in paths])


def load_glossary_file(path: str) -> tuple[GlossaryFile, list[Entry]]:
    return glossary_file_from_bytes(path, read_glossary_bytes(path))


def read_glossary_bytes(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise GlossaryError(path, 1, 1, f"cannot read glossary: {exc.strerror or exc}") from None


def glossary_file_from_bytes(path: str, data: bytes, errors: list[GlossaryError] | None = None,
                             layout: TableLayout | None = None) -> tuple[GlossaryFile, list[Entry]]:
    """A glossary file's entries: a TBX or spreadsheet term base, or termcheck's TSV (whose bad rows go to
    `errors` when it is given, as parse_glossary says). With a `layout` (the user's column mapping) a CSV,
    TSV or XLSX file is read as a term base with those columns."""
    if data.startswith(b"PK\x03\x04"):
        from termcheck.glossary.termbase_table import is_xlsx, xlsx_entries  # openpyxl, only for a workbook

        if is_xlsx(data):
            sheet_entries = xlsx_entries(path, data, layout)
            return GlossaryFile(path, len(sheet_entries), hashlib.sha256(data).hexdigest()), sheet_entries
    if _looks_like_tbx(path, data):
        from termcheck.glossary.tbx import parse_tbx  # lxml, imported only for a TBX term base

        tbx_entries = parse_tbx(path, data)
        return GlossaryFile(path, len(tbx_entries), hashlib.sha256(data).hexdigest()), tbx_entries
    try:
        text, _, _ = decode(path, data)
    except InputError as exc:
        raise GlossaryError(path, 1, 1, exc.reason) from None
    if layout is not None:
        from termcheck.glossary.termbase_table import laid_out_entries

        entries: list[Entry] | None = laid_out_entries(path, text, layout)
    else:
        entries = _table_entries(path, text)
    if entries is None:
        entries = parse_glossary(path, text, errors)
    return GlossaryFile(path, len(entries), hashlib.sha256(data).hexdigest()), entries


def _table_entries(path: str, text: str) -> list[Entry] | None:
    """A spreadsheet term base's entries (CSV, or a table whose header is not termcheck's own format and
    names a Chinese and an English column); None for a termcheck glossary."""
    first = next((line for line in text.splitlines() if line.strip() and not line.startswith("#")), "")
    names = [f.strip().lower() for f in first.split("\t")]
    known = set(names) <= set(COLUMNS)
    # termcheck's own header is read strictly (an unknown column is a typo to report), unless it leaves
    # out the source column: a user's quick term list ("zh<TAB>en<TAB>deprecated") needs no citation.
    own_format = names == list(LITERAL_COLUMNS) or (known and "source" in names) or (not known and names[0] == "zh")
    if own_format or not (path.lower().endswith(".csv") or any(c in first for c in "\t,;")):
        return None
    from termcheck.glossary.termbase_table import (
        BAR,
        SEPARATORS,
        header_fields,
        table_delimiter,
        table_entries,
        table_rows,
    )

    rows = table_rows(path, text)
    header = header_fields(rows[0][1]) if rows else None
    if header is None:
        return None
    return table_entries(path, header, rows[1:], BAR if table_delimiter(text) == ";" else SEPARATORS)


def _looks_like_tbx(path: str, data: bytes) -> bool:
    """A TBX term base, told by its content (an XML document whose root is <martif> or <tbx>) or by a
    .tbx name on XML: a TSV glossary never starts with "<"."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") and (b"<martif" in head or b"<tbx" in head or path.lower().endswith(".tbx"))


LITERAL_COLUMNS = ("zh", "literal", "source")


def parse_glossary(path: str, text: str, errors: list[GlossaryError] | None = None) -> list[Entry]:
    """The entries of a TSV glossary. The first bad row raises GlossaryError; given an `errors` list, each
    bad row's error is added to it instead and the row skipped, so that one run reports them all."""
    header: list[str] | None = None
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if header is None:
            header = _check_header(path, number, fields)
            continue
        try:
            entry = _row_entry(path, number, header, fields)
            if entry.zh in seen:
                raise GlossaryError(path, number, 1,
                                    f"duplicate zh term {entry.zh!r} (first on line {seen[entry.zh]})")
        except GlossaryError as exc:
            if errors is None:
                raise
            errors.append(exc)
            continue
        seen[entry.zh] = number
        entries.append(entry)
    if header is None:
        raise GlossaryError(path, 1, 1, "empty glossary: expected a header row " + "\\t".join(COLUMNS))
    return entries


def _row_entry(path: str, number: int, header: list[str], fields: list[str]) -> Entry:
    row = _Row(path, number, header, fields)
    return row.literal_entry() if header == list(LITERAL_COLUMNS) else row.entry()


def _excerpt(field: str, limit: int = 40) -> str:
    """A rejected field as the error shows it: short, and quoted with its control characters escaped."""
    return repr(field if len(field) <= limit else field[:limit] + "…")


def _check_header(path: str, number: int, fields: list[str]) -> list[str]:
    names = [f.strip().lower() for f in fields]
    if names == list(LITERAL_COLUMNS):
        return names  # a generated file of literal renderings (glossaries/generated/)
    if "zh" not in names and "en" not in names:
        # Not a glossary at all (glossaries = ["/etc/passwd"] in an untrusted config): say so without
        # echoing a line of a file that was never meant to be read.
        raise GlossaryError(path, number, 1, "not a glossary: its first row is no header naming the zh and en "
                            f"columns (known columns: {', '.join(COLUMNS)}), nor a term base's naming a Chinese "
                            "and an English column (zh-CN, Source term, English...)")
    column = 1
    for raw, name in zip(fields, names, strict=True):
        if name not in COLUMNS:
            raise GlossaryError(path, number, column,
                                f"unknown column {_excerpt(raw)}; known columns: {', '.join(COLUMNS)}")
        if names.count(name) > 1:
            raise GlossaryError(path, number, column, f"column {raw!r} appears twice")
        column += len(raw) + 1
    for name in REQUIRED:
        if name not in names:
            raise GlossaryError(path, number, 1, f"missing required column {name!r}")
    return names


class _Row:
    """One data row, with the column (1-based, in code points) of each field for error messages."""

    def __init__(self, path: str, number: int, header: list[str], fields: list[str]) -> None:
        self.path, self.number = path, number
        if len(fields) > len(header):
            column = sum(len(f) + 1 for f in fields[: len(header)]) + 1
            self.fail(column, f"{len(fields)} fields but the header has {len(header)} (a stray tab?)")
        self.values: dict[str, str] = {}
        self.values_raw: dict[str, str] = {}  # unstripped, to place a column within the field
        self.columns: dict[str, int] = {}
        column = 1
        for name, value in zip(header, fields, strict=False):  # a short row: the rest below
            self.values[name] = value.strip()
            self.values_raw[name] = value
            self.columns[name] = column
            column += len(value) + 1
        for name in header[len(fields):]:
            self.values[name] = self.values_raw[name] = ""
            self.columns[name] = column

    def fail(self, column: int, reason: str) -> None:
        raise GlossaryError(self.path, self.number, column, reason)

    def text(self, name: str) -> str:
        value = self.values.get(name, "")
        if name in REQUIRED and not value:
            self.fail(self.columns.get(name, 1), f"empty required field {name!r}")
        return value

    def phrases(self, name: str) -> tuple[str, ...]:
        items = tuple(p.strip() for p in self.text(name).split(LIST_SEPARATOR) if p.strip())
        for phrase in items:
            self.check_phrase(name, phrase)
        return items

    def check_phrase(self, name: str, phrase: str) -> None:
        self.check_length(name, phrase)
        if not has_words(phrase):
            self.fail(self.columns[name], f"{name} phrase {phrase!r} contains no word to match")

    def check_length(self, name: str, phrase: str) -> None:
        """A phrase beyond the limits of docs/glossary-format.md: checked before anything else reads it."""
        problem = phrase_limit_error(phrase)
        if problem is not None:
            self.fail(self.columns[name] + max(0, self.values_raw[name].find(phrase)),
                      f"{name} phrase {_preview(phrase)} {problem}")

    def entry(self) -> Entry:
        en = self.text("en")
        self.check_phrase("en", en)
        deprecated, replacements = self.deprecated()
        pattern = self.pattern()
        return Entry(
            zh=self.zh(),
            en=en,
            admitted=self.phrases("admitted"),
            deprecated=deprecated,
            pattern=pattern,
            deprecated_replacements=replacements,
            pattern_replacement=self.pattern_replacement(pattern),
            superseded=self.superseded(),
            fixed_case=self.case(),
            severity=self.severity(),
            tags=self.phrases_raw("tags"),
            note=self.text("note"),
            source=self.text("source"),
            origin=f"{self.path}:{self.number}",
        )

    def zh(self) -> str:
        value = self.text("zh")
        self.check_length("zh", value)
        return value

    def literal_entry(self) -> Entry:
        literal = self.phrases("literal")
        if not literal:
            self.fail(self.columns["literal"], "empty required field 'literal'")
        return Entry(zh=self.zh(), en="", literal=literal, source=self.text("source"),
                     origin=f"{self.path}:{self.number}")

    def deprecated(self) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
        """Deprecated phrases, each optionally `phrase => replacement` for the part of the term it renders."""
        phrases, replacements = [], []
        for item in (p.strip() for p in self.text("deprecated").split(LIST_SEPARATOR)):
            if not item:
                continue
            phrase, arrow, replacement = (part.strip() for part in item.partition(REPLACEMENT_ARROW))
            self.check_phrase("deprecated", phrase)
            if arrow:
                if not has_words(replacement):
                    self.fail(self.columns["deprecated"], f"replacement for {phrase!r} after '=>' is empty")
                self.check_length("deprecated", replacement)
                replacements.append((phrase, replacement))
            phrases.append(phrase)
        return tuple(phrases), tuple(replacements)

    def superseded(self) -> tuple[tuple[str, int | None, str | None], ...]:
        """`phrase (YEAR)` items, optionally `phrase => replacement (YEAR)`: older official renderings, the
        year official English changed, and what replaces the phrase where `en` is not a drop-in for it."""
        out = []
        for item in self.phrases_raw("superseded"):
            year = _YEAR.search(item)
            body = item[: year.start()].strip() if year else item
            phrase, arrow, replacement = (part.strip() for part in body.partition(REPLACEMENT_ARROW))
            self.check_phrase("superseded", phrase)
            if arrow:
                self.check_length("superseded", replacement)
            out.append((phrase, int(year.group(1)) if year else None, replacement if arrow and replacement else None))
        return tuple(out)

    def pattern_replacement(self, pattern: str | None) -> str | None:
        value = self.text("replace")
        if value and pattern is None:
            self.fail(self.columns["replace"], "replace is given but the row has no pattern")
        if value:
            self.check_length("replace", value)
        return value or None

    def phrases_raw(self, name: str) -> tuple[str, ...]:
        return tuple(p.strip() for p in self.values.get(name, "").split(LIST_SEPARATOR) if p.strip())

    def pattern(self) -> str | None:
        source = self.text("pattern")
        if not source:
            return None
        error = pattern_error(source)
        if error is not None:
            offset, reason = error
            leading = len(self.values_raw["pattern"]) - len(self.values_raw["pattern"].lstrip())
            self.fail(self.columns["pattern"] + leading + offset, f"invalid pattern: {reason}")
        return source

    def case(self) -> bool:
        value = self.text("case").lower()
        if value not in ("", "fixed"):
            self.fail(self.columns["case"], f"case must be 'fixed' or empty, not {value!r}")
        return value == "fixed"

    def severity(self) -> Severity | None:
        value = self.text("severity").lower()
        if not value:
            return None
        try:
            return Severity(value)
        except ValueError:
            self.fail(self.columns["severity"], f"severity must be error, warning or info, not {value!r}")
            raise  # unreachable: fail() raises


def _preview(phrase: str, size: int = 40) -> str:
    """The start of a phrase too long to quote whole in a message."""
    return repr(phrase if len(phrase) <= size else phrase[:size] + "…")
