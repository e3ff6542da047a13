"""`termcheck glossary ...`: commands about glossaries and term bases themselves."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from termcheck.formatters.terminal import printable
from termcheck.glossary.model import Entry
from termcheck.glossary.validate import validate
from termcheck.resources import default_glossaries

if TYPE_CHECKING:
    from termcheck.commands.lint import LintOptions


def run_validate(paths: list[str]) -> tuple[str, int]:
    """The report of `glossary validate` and its exit status: 1 if any file has an error, else 0."""
    files = paths or [str(p) for p in default_glossaries()]
    problems = validate(files)
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    lines = [printable(str(p)) for p in problems]
    lines.append(f"{_count(errors, 'error')} and {_count(warnings, 'warning')} in {_count(len(files), 'file')}.")
    return "\n".join(lines) + "\n", 1 if errors else 0


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def run_stats(paths: list[str]) -> str:
    """Counts of a glossary: concepts, renderings, sources, severities and the commonest tags."""
    from collections import Counter

    from termcheck.glossary import load_glossaries

    glossary = load_glossaries(paths or [str(p) for p in default_glossaries()])
    entries = [e for e in glossary.entries if not e.supplement]
    editor = sum(1 for e in entries if e.source.lower().startswith("editor judgement"))
    severities = Counter((e.severity.value if e.severity else "error") for e in entries)
    tags = Counter(tag for e in entries for tag in e.tags)
    rows = [
        ("concepts", len(entries)),
        ("with deprecated renderings", sum(1 for e in entries if e.deprecated)),
        ("with a pattern", sum(1 for e in entries if e.pattern)),
        ("with superseded renderings", sum(1 for e in entries if e.superseded)),
        ("with generated literal renderings", sum(1 for e in glossary.entries if e.literal)),
        ("deprecated renderings", sum(len(e.deprecated) for e in entries)),
        ("admitted renderings", sum(len(e.admitted) for e in entries)),
        ("sourced (not editor judgement)", len(entries) - editor),
        ("editor judgement", editor),
        *((f"severity {name}", severities[name]) for name in ("error", "warning", "info")),
    ]
    width = max(len(label) for label, _ in rows)
    lines = [f"{label:<{width}}  {count:>7,}" for label, count in rows]
    lines.append("")
    lines.append("tags (the 15 commonest):")
    lines += [f"  {tag:<{width - 2}}  {count:>7,}" for tag, count in tags.most_common(15)]
    return "\n".join(lines) + "\n"


def run_search(text: str, paths: list[str]) -> str:
    """Which entries a Chinese or English string matches, and as what (preferred, admitted, deprecated,
    superseded, a pattern): the glossary's answer to "why is this flagged, or not?"."""
    from termcheck.glossary import load_glossaries
    from termcheck.han import is_chinese
    from termcheck.matching.compiled import CompiledGlossary

    glossary = load_glossaries(paths or [str(p) for p in default_glossaries()])
    lines: list[str] = []
    if is_chinese(text):
        for entry in glossary.entries:
            if text in entry.zh and not entry.supplement:
                lines.append(f"{entry.zh}: {entry.en}  ({entry.origin})")
    else:
        compiled = CompiledGlossary(glossary)
        for hit in compiled.find_terms(text):
            lines.append(f"“{text[hit.start:hit.end]}” is a {hit.kind.value} rendering of {hit.entry.zh} "
                         f"(standard: {hit.entry.en}; {hit.entry.origin})")
        for pattern_hit in compiled.find_patterns(text):
            lines.append(f"“{text[pattern_hit.start:pattern_hit.end]}” matches the pattern of {pattern_hit.entry.zh} "
                         f"(standard: {pattern_hit.entry.en}; {pattern_hit.entry.origin})")
    return "\n".join(printable(line) for line in lines) + "\n" if lines else f"no entry matches {printable(text)!r}\n"


EXPORT_FORMATS = ("tbx", "csv", "xlsx")


def run_export(paths: list[str], to: str) -> bytes:
    """The glossary as a TBX-Basic file a CAT tool imports, a CSV term base or an XLSX workbook; a
    TermcheckError for an unknown format."""
    from termcheck.errors import TermcheckError
    from termcheck.glossary import load_glossaries

    if to not in EXPORT_FORMATS:
        raise TermcheckError(f"unknown export format {to!r}; expected one of {', '.join(EXPORT_FORMATS)}")
    glossary = load_glossaries(paths or [str(p) for p in default_glossaries()])
    entries = [e for e in glossary.entries if not e.supplement]
    if to == "xlsx":
        from termcheck.glossary.export import to_xlsx

        return to_xlsx(entries)
    if to == "csv":
        from termcheck.glossary.export import to_csv

        return to_csv(entries).encode("utf-8")
    from termcheck.glossary.export import to_tbx

    return to_tbx(entries).encode("utf-8")


def run_add(path: str, row: Entry) -> str:
    """Append a well-formed row to a termcheck TSV glossary (created if missing), written atomically and
    only if the whole file still reads as a glossary afterwards."""
    from termcheck.errors import TermcheckError
    from termcheck.fixes import write_new_atomically
    from termcheck.glossary.loader import COLUMNS, glossary_file_from_bytes

    for name, value in (("zh", row.zh), ("en", row.en), *(("admitted", p) for p in row.admitted),
                        *(("deprecated", p) for p in row.deprecated), ("note", row.note), ("source", row.source)):
        if any(c in value for c in "\t\r\n"):
            raise TermcheckError(f"--{name} may not hold a tab or a line break: {value!r}")
    target = Path(path)
    if target.exists():
        text = target.read_bytes().decode("utf-8-sig")
        header_line = next((line for line in text.splitlines() if line.strip() and not line.startswith("#")), "")
        header = [f.strip().lower() for f in header_line.split("\t")]
        if not set(header) <= set(COLUMNS) or "zh" not in header:
            raise TermcheckError(f"{path}: not a termcheck glossary (its header is not the columns of "
                                 "docs/glossary-format.md), so no row is added")
    else:
        header = ["zh", "en", "admitted", "deprecated", "note"] + (["source"] if row.source else [])
        text = "\t".join(header) + "\n"
    if row.source and "source" not in header:
        raise TermcheckError(f"{path}: has no source column for --source")
    values = {"zh": row.zh, "en": row.en, "admitted": ";".join(row.admitted),
              "deprecated": ";".join(row.deprecated), "note": row.note, "source": row.source}
    before = text if text.endswith("\n") else text + "\n"
    new = before + "\t".join(values.get(c, "") for c in header) + "\n"
    glossary_file_from_bytes(path, new.encode("utf-8"))  # raises the first problem: a duplicate, a bad phrase
    write_new_atomically(path, new.encode("utf-8"))
    return f"{path}: added {row.zh} → {row.en}\n"


MINE_COLUMNS = ("zh", "en", "rendering", "status", "count", "share", "proposal")


def run_mine(targets: list[str], source: str | None, options: LintOptions, min_count: int = 1,
             unknown: int = 50) -> str:
    """`glossary mine`: a TSV for review of how a parallel corpus renders the glossary's concepts (and the
    frequent source words no concept covers). The targets are bilingual files, or plain-text files each
    line-aligned with the one `source`."""
    from termcheck.commands.lint import build_linter
    from termcheck.documents.aligned import aligned_text_document
    from termcheck.documents.loading import read_document
    from termcheck.errors import TermcheckError
    from termcheck.mining import concept_usage, proposals, unknown_terms

    linter, _ = build_linter(options)
    documents = []
    source_data = _read_source(source) if source is not None else None
    for path in targets:
        document = read_document(path)
        if source is not None and source_data is not None:
            if document.bilingual:
                raise TermcheckError(f"{path}: --source takes plain-text targets; this file has its own source")
            document = aligned_text_document(source, source_data, document)
        elif not document.bilingual:
            raise TermcheckError(f"{path}: not a bilingual file: give its Chinese source with --source")
        documents.append(document)
    rows = [MINE_COLUMNS]
    for p in proposals(concept_usage(linter, documents), min_count):
        rows.append((p.zh, p.preferred, p.rendering, p.status, str(p.count), f"{p.share:.3f}", p.proposal))
    if unknown:
        for term in unknown_terms(linter, documents, limit=unknown):
            rows.append((term.zh, "", term.rendering, "not in glossary", str(term.segments), f"{term.dice:.3f}",
                         "research: a new concept? (rendering: the English that co-occurs most)"))
    return "".join("\t".join(_tsv_cell(cell) for cell in row) + "\n" for row in rows)


def _read_source(path: str) -> bytes:
    from termcheck.errors import TermcheckError

    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise TermcheckError(f"{path}: {exc.strerror or exc}") from None


def _tsv_cell(text: str) -> str:
    return " ".join(text.split())
