"""Spreadsheet term bases (CSV, or TSV with a header of its own): a Chinese and an English column, named
in any of the ways termcheck/data/termbase-headers.tsv lists (zh-CN, Source term, English, Forbidden…),
read as glossary entries. Several renderings in one cell are separated by ";" or "|". Columns the table
has beyond these are ignored; the source citation the bundled glossary needs is optional here (a row's
place in the file stands in for it)."""
from __future__ import annotations

import csv
import io
from functools import cache

import regex

from termcheck.errors import GlossaryError
from termcheck.glossary.model import Entry, TableLayout
from termcheck.matching.automaton import phrase_limit_error
from termcheck.matching.tokens import has_words
from termcheck.wordlists import pairs

SEPARATORS = regex.compile(r"\s*[;|]\s*")
BAR = regex.compile(r"\s*\|\s*")  # in a semicolon-separated table, only "|" separates renderings in a cell
_FOLD = regex.compile(r"[\s_\-]+")


def header_fields(names: list[str]) -> dict[int, str] | None:
    """Each recognised column's index and field, if the header has a Chinese and an English column."""
    aliases = _aliases()
    found: dict[int, str] = {}
    for index, name in enumerate(names):
        field = aliases.get(_FOLD.sub("", name.strip().lower()))
        if field is not None and field not in found.values():
            found[index] = field
    fields = set(found.values())
    return found if fields & {"zh", "zh-traditional"} and "en" in fields else None


MAPPABLE_FIELDS = ("zh", "zh-traditional", "en", "admitted", "deprecated", "note", "source")


def parse_layout(columns: str, separator: str | None = None) -> TableLayout:
    """`zh=source,en=target,deprecated=forbidden` (field=header name) as a TableLayout; ValueError says
    what is wrong."""
    pairs_found: list[tuple[str, str]] = []
    for item in (part.strip() for part in columns.split(",")):
        field, equals, name = item.partition("=")
        field, name = field.strip().lower(), name.strip()
        if not equals or not name:
            raise ValueError(f"{item!r} is not field=column (e.g. zh=source)")
        if field not in MAPPABLE_FIELDS:
            raise ValueError(f"unknown field {field!r}: expected one of {', '.join(MAPPABLE_FIELDS)}")
        if field in dict(pairs_found):
            raise ValueError(f"field {field!r} is mapped twice")
        pairs_found.append((field, name))
    fields = {f for f, _ in pairs_found}
    if not fields & {"zh", "zh-traditional"} or "en" not in fields:
        raise ValueError("the mapping needs a Chinese column (zh= or zh-traditional=) and an English one (en=)")
    if separator is not None and not separator.strip():
        raise ValueError("the separator of renderings in a cell must be a visible character, such as ; or /")
    return TableLayout(tuple(pairs_found), separator)


def mapped_header(path: str, line: int, names: list[str], layout: TableLayout) -> dict[int, str]:
    """Each mapped column's index and field; a column the mapping names that the header lacks is an error
    naming the header's line."""
    folded = [_FOLD.sub("", name.strip().lower()) for name in names]
    found: dict[int, str] = {}
    for field, name in layout.columns:
        key = _FOLD.sub("", name.lower())
        if key not in folded:
            raise GlossaryError(path, line, 1, f"no column {name!r} for {field} (--glossary-columns); "
                                f"the header has {', '.join(repr(n.strip()) for n in names)}")
        found[folded.index(key)] = field
    return found


def layout_separators(layout: TableLayout, default: regex.Pattern[str]) -> regex.Pattern[str]:
    if layout.separator is None:
        return default
    return regex.compile(r"\s*" + regex.escape(layout.separator.strip()) + r"\s*")


def laid_out_entries(path: str, text: str, layout: TableLayout) -> list[Entry]:
    """The entries of a CSV or TSV term base read with a user's column mapping."""
    rows = table_rows(path, text)
    if not rows:
        return []
    header = mapped_header(path, rows[0][0], rows[0][1], layout)
    default = BAR if table_delimiter(text) == ";" else SEPARATORS
    return table_entries(path, header, rows[1:], layout_separators(layout, default))


def table_rows(path: str, text: str) -> list[tuple[int, list[str]]]:
    """The non-blank rows of a CSV or TSV text with their line numbers: tab-separated if the header has a
    tab, else semicolon-separated if it has semicolons and no comma (a spreadsheet saved in a locale
    that writes decimal commas), else comma-separated."""
    delimiter = table_delimiter(text)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows = []
    try:
        for fields in reader:
            if any(f.strip() for f in fields) and not (fields and fields[0].startswith("#")):
                rows.append((reader.line_num, fields))
    except csv.Error as exc:
        raise GlossaryError(path, reader.line_num, 1, f"unreadable table: {exc}") from None
    return rows


def table_delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip() and not line.startswith("#")), "")
    return "\t" if "\t" in first else ";" if ";" in first and "," not in first else ","


def table_entries(path: str, header: dict[int, str], rows: list[tuple[int, list[str]]],
                  separators: regex.Pattern[str] = SEPARATORS) -> list[Entry]:
    """Entries of the rows; several renderings in a cell are split on `separators` (";" or "|")."""
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    for number, fields in rows:
        cells = {field: fields[index].strip() if index < len(fields) else "" for index, field in header.items()}

        def split(field: str, number: int = number, cells: dict[str, str] = cells) -> list[str]:
            return _split(path, number, separators, header, field, cells.get(field, ""))

        zh = cells.get("zh") or _simplified(cells.get("zh-traditional", ""))
        renderings = split("en")
        if not zh or not renderings:
            continue  # a row without both terms checks nothing
        if zh in seen:
            raise GlossaryError(path, number, 1, f"duplicate zh term {zh!r} (first on line {seen[zh]})")
        seen[zh] = number
        entries.append(Entry(
            zh=zh, en=renderings[0],
            admitted=tuple(dict.fromkeys(renderings[1:] + split("admitted"))),
            deprecated=tuple(dict.fromkeys(split("deprecated"))),
            note=cells.get("note", ""), source=cells.get("source") or f"{path}:{number}", origin=f"{path}:{number}",
        ))
    return entries


def _split(path: str, number: int, separators: regex.Pattern[str], header: dict[int, str], field: str,
           cell: str) -> list[str]:
    phrases = [p for p in separators.split(cell) if p]
    for phrase in phrases:
        problem = phrase_limit_error(phrase) or (None if has_words(phrase) else "contains no word to match")
        if problem is not None:
            column = 1 + next(i for i, f in header.items() if f == field)
            raise GlossaryError(path, number, column, f"{field} phrase {phrase[:40]!r} {problem} (field {column})")
    return phrases


@cache
def _aliases() -> dict[str, str]:
    return dict(pairs("termbase-headers.tsv", ("name", "field")))


def _simplified(phrase: str) -> str:
    if not phrase:
        return ""
    from termcheck.matching.source_terms import to_simplified  # OpenCC, loaded only for a Traditional column

    return to_simplified(phrase)


def is_xlsx(data: bytes) -> bool:
    """An Office Open XML spreadsheet: a zip whose first entries name the workbook's parts."""
    return data.startswith(b"PK\x03\x04") and b"xl/" in data[:65536]


def xlsx_entries(path: str, data: bytes, layout: TableLayout | None = None) -> list[Entry]:
    """The term base on the first sheet of an XLSX workbook whose first row names a Chinese and an English
    column; each row's line is its row number. openpyxl is imported only here (with defusedxml installed
    it parses the workbook's XML without entity expansion)."""
    import zipfile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = [(number, ["" if value is None else str(value) for value in values])
                for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
                if any(value not in (None, "") for value in values)]
        title = sheet.title
        workbook.close()
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, IndexError, OSError) as exc:
        raise GlossaryError(path, 1, 1, f"unreadable XLSX workbook: {exc}") from None
    if layout is not None:
        if not rows:
            return []
        return table_entries(path, mapped_header(path, rows[0][0], rows[0][1], layout), rows[1:],
                             layout_separators(layout, SEPARATORS))
    header = header_fields(rows[0][1]) if rows else None
    if header is None:
        raise GlossaryError(path, rows[0][0] if rows else 1, 1,
                            f"not a term base: the first row of sheet {title!r} names no Chinese and English column "
                            "(zh-CN, Source term, English...)")
    # A sheet that separates renderings with "|" (as `glossary export --to xlsx` does) may have a ";" inside
    # a rendering ("this country is its people; the people are the country").
    barred = any("|" in cell for _, cells in rows[1:] for cell in cells)
    return table_entries(path, header, rows[1:], BAR if barred else SEPARATORS)
