"""Bilingual XLSX workbooks: on each sheet, a source and a target column (named in the first row as in a
TSV, source/target, zh/en…, or else the first two columns), one segment per row, named by sheet and cell
("Sheet1!B7"). openpyxl reads the workbook (with defusedxml installed, without entity expansion); the ZIP
container is checked first, as a DOCX is."""
from __future__ import annotations

import io
import zipfile

from termcheck.documents.aligned import header_columns
from termcheck.documents.model import Document, Segment, segments_document
from termcheck.documents.zip_safety import check_members
from termcheck.errors import InputError

_WORKBOOK_PART = "xl/workbook.xml"


def read_xlsx(path: str, data: bytes) -> Document:
    _check_container(path, data)
    import openpyxl
    from openpyxl.utils import get_column_letter

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        segments: list[Segment] = []
        line = 0
        for sheet in workbook.worksheets:
            rows = [["" if v is None else str(v) for v in values] for values in sheet.iter_rows(values_only=True)]
            if not any(any(cell.strip() for cell in row) for row in rows):
                continue
            source_col, target_col, has_header = header_columns(rows[0])
            for number, row in enumerate(rows, start=1):
                line += 1  # rows in reading order across the sheets, as a line of the target view
                if (has_header and number == 1) or not any(cell.strip() for cell in row):
                    continue
                source = row[source_col] if source_col < len(row) else ""
                target = row[target_col] if target_col < len(row) else ""
                cell = f"{sheet.title}!{get_column_letter(target_col + 1)}{number}"
                segments.append(Segment(id=cell, source=source, target=target, line=number))
        workbook.close()
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds of error on a damaged workbook
        raise InputError(path, f"not a readable XLSX workbook ({' '.join(str(exc).split())[:120]})") from None
    return segments_document(path, segments)


def _check_container(path: str, data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        raise InputError(path, "not an XLSX workbook (not a ZIP archive); save the sheet as .xlsx") from None
    check_members(path, members, "XLSX")
    if _WORKBOOK_PART not in {m.filename for m in members}:
        raise InputError(path, f"not an XLSX workbook: the ZIP archive has no {_WORKBOOK_PART}")
