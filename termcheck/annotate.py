"""Writing findings back into a PO catalogue for review in Poedit.

Each entry with findings gets one extracted comment per finding ("#. termcheck: …") and, when asked
(`--fuzzy`), the fuzzy flag, so the translator sees it in Poedit's "needs work" list; fuzzy entries are
left out of a compiled .mo, so it is never set unasked. Only those lines change: the rest of the file
stays byte for byte as it was (polib would re-wrap the whole file, so we edit lines instead). Comments
from an earlier run are replaced, and an entry that is clean now loses them, with the fuzzy flag if
termcheck set it, so annotating twice gives the same file.
"""
from __future__ import annotations

from collections import defaultdict

from termcheck.findings import Finding

COMMENT_PREFIX = "#. termcheck: "
FUZZY_MARKER = COMMENT_PREFIX + "marked fuzzy"  # the fuzzy flag is termcheck's, to be taken back when clean
_BLOCK_END = ("msgid ", "msgid\t", "#~")


def annotate_po(text: str, findings: list[Finding], entry_lines: dict[str, int],
                fuzzy: bool = False) -> tuple[str, int]:
    """The catalogue text with findings written into their entries, and how many entries were marked.

    `entry_lines` maps each segment id to the 1-based line where its entry starts (polib's linenum);
    entries without findings are cleaned of earlier termcheck comments.
    """
    by_line: dict[int, list[Finding]] = defaultdict(list)
    for finding in findings:
        if finding.segment in entry_lines:
            by_line[entry_lines[finding.segment]].append(finding)
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    for start in sorted(set(entry_lines.values()), reverse=True):  # bottom up: earlier lines stay valid
        found = by_line.get(start)
        if found:
            _annotate_entry(lines, start - 1, _comments(found, newline), newline, fuzzy)
        else:
            _clean_entry(lines, start - 1)
    return "".join(lines), len(by_line)


def _comments(findings: list[Finding], newline: str) -> list[str]:
    out = []
    for f in sorted(findings, key=lambda f: (f.start, f.rule)):
        arrow = f" -> {f.suggestion}" if f.suggestion else ""
        out.append(f"{COMMENT_PREFIX}{f.rule} {f.severity.value}: {' '.join((f.message + arrow).split())}{newline}")
    return list(dict.fromkeys(out))


def _block_end(lines: list[str], first: int) -> int:
    end = first
    while end < len(lines) and not lines[end].startswith(_BLOCK_END):
        end += 1
    return end


def _annotate_entry(lines: list[str], first: int, comments: list[str], newline: str, fuzzy: bool) -> None:
    end = _block_end(lines, first)
    marked = any(line.rstrip("\r\n") == FUZZY_MARKER for line in lines[first:end])
    block = [line for line in lines[first:end] if not line.startswith(COMMENT_PREFIX)]
    if fuzzy and not _has_fuzzy(block):
        _set_fuzzy(block, newline)
        marked = True
    elif not fuzzy and marked:
        _unset_fuzzy(block)
        marked = False
    if marked:
        comments = [*comments, FUZZY_MARKER + newline]
    before = next((i for i, line in enumerate(block) if line.startswith(("#:", "#,", "#|", "msgctxt"))), len(block))
    block[before:before] = comments
    lines[first:end] = block


def _clean_entry(lines: list[str], first: int) -> None:
    end = _block_end(lines, first)
    if not any(line.startswith(COMMENT_PREFIX) for line in lines[first:end]):
        return
    marked = any(line.rstrip("\r\n") == FUZZY_MARKER for line in lines[first:end])
    block = [line for line in lines[first:end] if not line.startswith(COMMENT_PREFIX)]
    if marked:
        _unset_fuzzy(block)
    lines[first:end] = block


def _has_fuzzy(block: list[str]) -> bool:
    return any(line.startswith("#,") and "fuzzy" in _flags(line) for line in block)


def _set_fuzzy(block: list[str], newline: str) -> None:
    flags_at = next((i for i, line in enumerate(block) if line.startswith("#,")), None)
    if flags_at is None:
        insert_at = next((i for i, line in enumerate(block) if line.startswith(("#|", "msgctxt"))), len(block))
        block.insert(insert_at, f"#, fuzzy{newline}")
    else:
        block[flags_at] = "#, fuzzy, " + block[flags_at][2:].lstrip()


def _unset_fuzzy(block: list[str]) -> None:
    for i, line in enumerate(block):
        if line.startswith("#,") and "fuzzy" in _flags(line):
            ending = line[len(line.rstrip("\r\n")):]
            rest = [f for f in _flags(line) if f and f != "fuzzy"]
            if rest:
                block[i] = "#, " + ", ".join(rest) + ending
            else:
                del block[i]
            return


def _flags(line: str) -> list[str]:
    return [flag.strip() for flag in line[2:].split(",")]
