"""Writing findings back into a PO catalogue for review in Poedit.

Each entry with findings gets one extracted comment per finding ("#. termcheck: …") and the fuzzy
flag, so the translator sees it in Poedit's "needs work" list. Only those lines change: the rest of the
file stays byte for byte as it was (polib would re-wrap the whole file, so we edit lines instead).
Comments from an earlier run are replaced, so annotating twice gives the same file.
"""
from __future__ import annotations

from collections import defaultdict

from termcheck.findings import Finding

COMMENT_PREFIX = "#. termcheck: "
_BLOCK_END = ("msgid ", "msgid\t", "#~")


def annotate_po(text: str, findings: list[Finding], entry_lines: dict[str, int]) -> tuple[str, int]:
    """The catalogue text with findings written into their entries, and how many entries were marked.

    `entry_lines` maps each segment id to the 1-based line where its entry starts (polib's linenum).
    """
    by_line: dict[int, list[Finding]] = defaultdict(list)
    for finding in findings:
        if finding.segment in entry_lines:
            by_line[entry_lines[finding.segment]].append(finding)
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    for start in sorted(by_line, reverse=True):  # bottom up, so earlier line numbers stay valid
        _annotate_entry(lines, start - 1, _comments(by_line[start], newline), newline)
    return "".join(lines), len(by_line)


def _comments(findings: list[Finding], newline: str) -> list[str]:
    out = []
    for f in sorted(findings, key=lambda f: (f.start, f.rule)):
        arrow = f" -> {f.suggestion}" if f.suggestion else ""
        out.append(f"{COMMENT_PREFIX}{f.rule} {f.severity.value}: {' '.join((f.message + arrow).split())}{newline}")
    return list(dict.fromkeys(out))


def _annotate_entry(lines: list[str], first: int, comments: list[str], newline: str) -> None:
    end = first
    while end < len(lines) and not lines[end].startswith(_BLOCK_END):
        end += 1
    block = [line for line in lines[first:end] if not line.startswith(COMMENT_PREFIX)]
    flags_at = next((i for i, line in enumerate(block) if line.startswith("#,")), None)
    if flags_at is None:
        insert_at = next((i for i, line in enumerate(block) if line.startswith(("#|", "msgctxt"))), len(block))
        block.insert(insert_at, f"#, fuzzy{newline}")
    elif "fuzzy" not in _flags(block[flags_at]):
        block[flags_at] = "#, fuzzy, " + block[flags_at][2:].lstrip()
    before = next((i for i, line in enumerate(block) if line.startswith(("#:", "#,", "#|", "msgctxt"))), len(block))
    block[before:before] = comments
    lines[first:end] = block


def _flags(line: str) -> list[str]:
    return [flag.strip() for flag in line[2:].split(",")]
