"""Writing a glossary for other tools: TBX-Basic (ISO 30042 TBX v2, which MultiTerm, memoQ, Trados and
Weblate import), a semicolon-separated CSV term base and an XLSX workbook with the CSV's columns. Each
entry's Chinese term and English renderings keep their status (preferred, admitted, deprecated,
superseded); the note is written as a note and the source as a source note. Patterns, replacements and
severities have no place in a term base and are left out. Reading the output back (tbx.py,
termbase_table.py) gives the same terms with the same statuses."""
from __future__ import annotations

import csv
import io

from lxml import etree

from termcheck.glossary.model import Entry

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STATUS = {"preferred": "preferredTerm-admn-sts", "admitted": "admittedTerm-admn-sts",
          "deprecated": "deprecatedTerm-admn-sts", "superseded": "supersededTerm-admn-sts"}


def to_tbx(entries: list[Entry]) -> str:
    root = etree.Element("martif", {"type": "TBX-Basic", _XML_LANG: "en"})
    header = etree.SubElement(root, "martifHeader")
    source_desc = etree.SubElement(etree.SubElement(header, "fileDesc"), "sourceDesc")
    etree.SubElement(source_desc, "p").text = "Exported by termcheck glossary export"
    body = etree.SubElement(etree.SubElement(root, "text"), "body")
    for number, entry in enumerate(entries, start=1):
        concept = etree.SubElement(body, "termEntry", {"id": f"c{number}"})
        if entry.note:
            etree.SubElement(concept, "note").text = entry.note
        if entry.source:
            etree.SubElement(concept, "admin", {"type": "source"}).text = entry.source
        chinese = etree.SubElement(concept, "langSet", {_XML_LANG: "zh-CN"})
        _term(chinese, entry.zh, "preferred")
        english = etree.SubElement(concept, "langSet", {_XML_LANG: "en"})
        for phrase, status in _renderings(entry):
            _term(english, phrase, status)
    return etree.tostring(root, encoding="unicode", pretty_print=True).join(
        ('<?xml version="1.0" encoding="UTF-8"?>\n', "")
    )


def to_csv(entries: list[Entry]) -> str:
    out = io.StringIO()
    # Semicolons between cells, as spreadsheets in many locales write them, and " | " between the renderings
    # of a cell: a rendering may itself hold a comma or a semicolon ("this country is its people; ...").
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(TABLE_HEADER)
    writer.writerows(_table_rows(entries))
    return out.getvalue()


TABLE_HEADER = ("zh", "en", "admitted", "deprecated", "note", "citation")


def to_xlsx(entries: list[Entry]) -> bytes:
    """A workbook of one sheet with the CSV's columns, one concept a row, renderings in a cell separated by
    " | ", the header frozen. openpyxl is imported only here."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Terms")
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCDEF", (18, 40, 40, 50, 50, 40), strict=True):
        sheet.column_dimensions[column].width = width
    header = []
    for name in TABLE_HEADER:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in _table_rows(entries):
        # A cell that starts with "=" would be read as a formula by a spreadsheet: stored as text instead.
        sheet.append([_text_cell(sheet, value) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _text_cell(sheet: object, value: str) -> object:
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)  # type: ignore[arg-type]
    cell.data_type = "s"
    return cell


def _table_rows(entries: list[Entry]) -> list[list[str]]:
    return [[entry.zh, entry.en, " | ".join(entry.admitted), " | ".join(entry.deprecated), entry.note, entry.source]
            for entry in entries]


def _renderings(entry: Entry) -> list[tuple[str, str]]:
    return ([(entry.en, "preferred")] + [(p, "admitted") for p in entry.admitted]
            + [(p, "deprecated") for p in entry.deprecated] + [(p, "superseded") for p, _, _ in entry.superseded])


def _term(language: etree._Element, phrase: str, status: str) -> None:
    group = etree.SubElement(language, "tig")
    etree.SubElement(group, "term").text = phrase
    etree.SubElement(group, "termNote", {"type": "administrativeStatus"}).text = STATUS[status]
