"""Aligned bilingual text: a table with source and target columns, or two line-aligned text files."""
from __future__ import annotations

import csv
from pathlib import Path

from termcheck.documents.decoding import decode
from termcheck.documents.model import Document, Segment, segments_document
from termcheck.errors import InputError

SOURCE_NAMES = ("source", "src", "zh", "zh-cn", "zh_cn", "zh-hans", "chinese", "original", "原文", "中文")
TARGET_NAMES = ("target", "tgt", "trg", "en", "en-us", "en-gb", "english", "translation", "译文", "英文")


def read_table(path: str, data: bytes) -> Document:
    """TSV or CSV. A header naming source and target columns (source/target, zh/en, …) picks them;
    without one, the first column is the source and the second the target."""
    text, _, _ = decode(path, data)
    lines = text.splitlines(keepends=True)
    if Path(path).suffix.lower() == ".tsv" and not _quoted(lines):
        # IANA TSV: a tab between cells, a line per row, no quoting. A cell may begin with a quotation
        # mark ("Two Upholds" in quotes) without swallowing the rows after it.
        rows = [line.rstrip("\r\n").split("\t") for line in lines]
    else:
        dialect = "excel-tab" if Path(path).suffix.lower() == ".tsv" else "excel"
        try:
            rows = list(csv.reader(lines, dialect=dialect))
        except csv.Error as exc:
            raise InputError(path, f"not a valid {dialect} table: {exc}") from None
        if dialect == "excel-tab" and len(rows) != len(lines):
            raise InputError(path, f"{len(rows)} rows in {len(lines)} lines: a quoted cell spans lines; "
                             "save the table as plain TSV (no quoting)")
    if not rows:
        return segments_document(path, [])
    source_col, target_col, has_header = header_columns(rows[0])
    segments = []
    line = 0
    for number, row in enumerate(rows, start=1):
        line = number  # one row per line, unless a quoted cell spans lines (then lines are approximate)
        if (has_header and number == 1) or not any(cell.strip() for cell in row):
            continue
        if len(row) <= max(source_col, target_col) and len(row) < 2:
            raise InputError(path, f"line {line}: expected a source and a target column, found {len(row)} column")
        source = row[source_col] if source_col < len(row) else ""
        target = row[target_col] if target_col < len(row) else ""
        segments.append(Segment(id=str(line), source=source, target=target, line=line))
    return segments_document(path, segments)


def _quoted(lines: list[str]) -> bool:
    """A TSV written with CSV quoting: every cell of its first row is in double quotes."""
    first = next((line.rstrip("\r\n") for line in lines if line.strip()), "")
    cells = first.split("\t")
    return len(cells) > 1 and all(len(c) >= 2 and c.startswith('"') and c.endswith('"') for c in cells)


def header_columns(header: list[str]) -> tuple[int, int, bool]:
    """The source and target column and whether the first row is a header naming them."""
    names = [cell.strip().lower() for cell in header]
    source = next((i for i, n in enumerate(names) if n in SOURCE_NAMES), None)
    target = next((i for i, n in enumerate(names) if n in TARGET_NAMES), None)
    if source is not None and target is not None:
        return source, target, True
    return 0, 1, False


def aligned_text_document(source_path: str, source_data: bytes, target: Document) -> Document:
    """Pair a plain-text target with its line-aligned source file: line n translates line n.

    The target keeps its own text (offsets and lines are the target file's); each line is a segment.
    """
    source_text, _, _ = decode(source_path, source_data)
    source_lines = source_text.splitlines()
    target_lines = target.text.splitlines(keepends=True)
    if len(source_lines) != len(target_lines):
        raise InputError(
            target.path,
            f"has {len(target_lines)} lines but its source {source_path} has {len(source_lines)}: "
            "line-aligned files need the same number of lines",
        )
    segments, start = [], 0
    for number, (source, target_line) in enumerate(zip(source_lines, target_lines, strict=True), start=1):
        content = target_line.rstrip("\r\n")
        segments.append(Segment(id=str(number), source=source, target=content, line=number, start=start))
        start += len(target_line)
    target.segments = segments
    return target
