"""HTML: one self-contained page on which an editor reviews a run and records her decisions.

The page is meant to be mailed around and opened from disk, so it carries everything inline (CSS, JS,
data) and a Content-Security-Policy that allows nothing but its own hashed style and script: even a bug
here cannot make it fetch anything. The markup is in Jinja2 templates (templates/), the style and script
in static/; all three are package data. The CSS and JS are inlined when the page is rendered, and the
policy hashes exactly the text inlined.

Documents are untrusted input, so the templates autoescape every piece of text from them (and from the
glossary, which supplies messages and suggestions); document text is only ever a template's data, never
its source. The data handed to the script sits in a JSON element with `<`, `>` and `&` escaped, so no
document can close it early.

This module only prepares what the templates show. The decision records the page exports are built by
termcheck.decisions, with the fingerprints `termcheck lint --decisions` uses; the page only copies them
into the file it exports, so the two can never disagree about which finding a decision is about.
"""
from __future__ import annotations

import base64
import hashlib
import json
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

# Imported only with this module, which termcheck.formatters imports only for --format html.
import jinja2
from markupsafe import Markup

from termcheck import __version__
from termcheck.decisions import DEFAULT_NAME, DecisionsFile, as_dict, decision_on
from termcheck.documents.model import Document, Segment
from termcheck.findings import Finding, Severity
from termcheck.fingerprints import fingerprints
from termcheck.report import Report

SEVERITIES = [s.value for s in Severity]  # error, warning, info: most severe first
DECISIONS_FILE = DEFAULT_NAME
_RESOURCES = files(__package__ or "termcheck.formatters")


# --- what the templates show ---------------------------------------------------------------------------

@dataclass
class _Item:
    """A finding with its place in the page: `fid` is its index in the report, used by every element."""

    fid: int
    finding: Finding
    record: dict[str, object]  # the decisions-file entry, "decision" left for the page to fill in
    severity: str = field(init=False)  # read several times per finding: an enum's value is slow to get

    def __post_init__(self) -> None:
        self.severity = self.finding.severity.value

    @property
    def where(self) -> str:
        f = self.finding
        where = f"{f.path}:{f.line}:{f.column}"
        if f.segment is not None and f.segment != str(f.line):
            where += f" (segment {f.segment})"
        return where

    @property
    def suggestion(self) -> str | None:
        return _suggestion_text(self.finding.suggestion)


@dataclass(frozen=True)
class _Piece:
    """A run of document text. `fids` lists (space-separated) the findings covering it; plain text has none."""

    text: str
    fids: str = ""
    classes: str = ""
    title: str = ""


@dataclass(frozen=True)
class _Tile:
    label: str
    count: int
    cls: str

    @property
    def alert(self) -> bool:
        return self.cls == "unreadable" and self.count > 0


@dataclass(frozen=True)
class _Filter:
    kind: str  # "severity" or "rule"
    value: str
    label: str
    count: int
    cls: str


@dataclass(frozen=True)
class _Concept:
    zh: str
    en: str
    renderings: list[tuple[str, int]]  # each rendering found with its count, most frequent first

    @property
    def total(self) -> int:
        return sum(n for _, n in self.renderings)


@dataclass(frozen=True)
class _SegmentRow:
    segment: Segment
    pieces: list[_Piece]  # the target, highlighted
    has_findings: bool


@dataclass(frozen=True)
class _DocumentView:
    n: int
    document: Document
    count: int  # its findings
    pieces: list[_Piece]  # the highlighted text of a monolingual document
    segments: list[_SegmentRow] | None  # a bilingual document's rows instead


def render(report: Report, color: bool = False) -> str:
    """The whole page. `color` is part of the formatter interface and means nothing here."""
    items = _items(report)
    css, script = _static("report.css"), _static("report.js")
    return _template().render(
        title=_title(report),
        version=__version__,
        policy=_policy(css, script),
        css=Markup(css),  # our own files: inlined verbatim, or the hashes would not match
        script=Markup(script),
        data=Markup(_data_json(items, report.decisions)),  # escaped for a script element by _data_json
        decisions_file=DECISIONS_FILE,
        glossaries=[f"{g.path} ({g.entries} entries)" for g in report.glossaries],
        tiles=_tiles(report),
        errors=report.errors,
        severity_filters=_severity_filters(report.findings),
        rule_filters=_rule_filters(report.findings),
        concepts=_concepts(report.findings),
        documents=_documents(report.documents, items),
        items=items,
    )


# --- templates and static files ------------------------------------------------------------------------

@cache
def _template() -> jinja2.Template:
    environment = jinja2.Environment(
        loader=jinja2.FunctionLoader(_template_source),
        autoescape=True,
        undefined=jinja2.StrictUndefined,  # a misspelt name fails the render instead of vanishing
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return environment.get_template("report.html.j2")


def _template_source(name: str) -> str:
    # importlib.resources, like the static files: it reads package data from a zip or wheel as well.
    return (_RESOURCES / "templates" / name).read_text(encoding="utf-8")


@cache
def _static(name: str) -> str:
    source = (_RESOURCES / "static" / name).read_text(encoding="utf-8")
    # Inlined unescaped: text that closed its element would end the style or script early.
    if "</" in source:
        raise ValueError(f"static/{name} must not contain '</': it is inlined into the page")
    return source


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


def _policy(css: str, script: str) -> str:
    """The policy names the hashes of the one style and one script element, so no other style or script
    runs and nothing at all is fetched (default-src 'none')."""
    return (
        f"default-src 'none'; style-src {_csp_hash(css)}; script-src {_csp_hash(script)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


# --- data ------------------------------------------------------------------------------------------

def _items(report: Report) -> list[_Item]:
    texts = {d.path: d.text for d in report.documents}
    prints = fingerprints(report.findings, texts)
    # The page's export is saved by default in the working directory: paths are relative to it.
    place = DecisionsFile(DECISIONS_FILE)
    paths = {path: place.relative(path) for path in {f.path for f in report.findings}}
    return [
        _Item(fid, f, _record(f, fp, texts.get(f.path, ""), paths[f.path]))
        for fid, (f, fp) in enumerate(zip(report.findings, prints, strict=True))
    ]


def _record(finding: Finding, fingerprint: str, text: str, path: str) -> dict[str, object]:
    """The decisions-file entry, as DecisionsFile.save writes it, with `decision` None until the editor
    chooses. A placeholder verdict keeps the key in its documented place."""
    record = as_dict(decision_on(finding, text, fingerprint, "pending", path))
    record["decision"] = None
    return record


def _data_json(items: list[_Item], report_decisions: list[dict[str, object]]) -> str:
    """The script's data. `<`, `>` and `&` become \\u escapes, so `</script>` in a document cannot end the
    element; JSON.parse reads them back unchanged."""
    payload = {
        "decisionsFile": DECISIONS_FILE,
        "earlierDecisions": report_decisions,
        "findings": [
            {
                "severity": i.severity,
                "rule": i.finding.rule,
                "name": i.finding.name,
                "text": i.finding.text,
                "message": i.finding.message,
                "suggestion": i.finding.suggestion,
                "where": i.where,
                "record": i.record,
            }
            for i in items
        ],
    }
    raw = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return raw.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


# --- summary, filters, concepts ----------------------------------------------------------------------

def _title(report: Report) -> str:
    paths = [d.path for d in report.documents]
    if len(paths) == 1:
        return f"termcheck review: {paths[0]}"
    return f"termcheck review: {report.files} files"


def _tiles(report: Report) -> list[_Tile]:
    counts = report.by_severity()
    tiles = [_Tile("Files", report.files, "files"), _Tile("Findings", len(report.findings), "total")]
    tiles += [_Tile(s.capitalize() + ("s" if s != "info" else ""), counts[s], f"sev-{s}") for s in SEVERITIES]
    return [*tiles, _Tile("Suppressed", report.suppressed, "suppressed"),
            _Tile("Unreadable", len(report.errors), "unreadable")]


def _severity_filters(findings: list[Finding]) -> list[_Filter]:
    counts = Counter(f.severity.value for f in findings)
    return [_Filter("severity", s, s, counts[s], f"sev-{s}") for s in SEVERITIES]


def _rule_filters(findings: list[Finding]) -> list[_Filter]:
    """One per rule present."""
    counts = Counter(f.rule for f in findings)
    names = {f.rule: f.name for f in findings}
    return [_Filter("rule", r, f"{r} {names[r]}", counts[r], "rule") for r in sorted(counts)]


def _concepts(findings: list[Finding]) -> list[_Concept]:
    """Each glossary concept the findings are about, with every rendering found and how often, so an
    editor sees at a glance where one concept was translated several ways."""
    renderings: dict[str, Counter[str]] = defaultdict(Counter)
    preferred: dict[str, str] = {}
    for f in findings:
        if f.concept is None:
            continue
        renderings[f.concept.zh][" ".join(f.text.split())] += 1
        preferred[f.concept.zh] = f.concept.en
    order = sorted(renderings, key=lambda zh: (-sum(renderings[zh].values()), zh))
    return [
        _Concept(zh, preferred[zh], sorted(renderings[zh].items(), key=lambda kv: (-kv[1], kv[0])))
        for zh in order
    ]


# --- documents with highlights -------------------------------------------------------------------------

def _documents(documents: list[Document], items: list[_Item]) -> list[_DocumentView]:
    by_path: dict[str, list[_Item]] = defaultdict(list)
    for item in items:
        by_path[item.finding.path].append(item)
    return [_document(n, doc, by_path.get(doc.path, [])) for n, doc in enumerate(documents)]


def _document(n: int, doc: Document, items: list[_Item]) -> _DocumentView:
    if doc.bilingual:
        return _DocumentView(n, doc, len(items), [], _segment_rows(doc, items))
    return _DocumentView(n, doc, len(items), _highlight(doc.text, 0, len(doc.text), items, set()), None)


def _segment_rows(doc: Document, items: list[_Item]) -> list[_SegmentRow]:
    """One row per segment, highlights in the target."""
    done: set[int] = set()
    rows = []
    for segment, mine in zip(doc.segments, _by_segment(doc.segments, items), strict=True):
        end = segment.start + len(segment.target)
        touched = any(i.finding.start < end and i.finding.end > segment.start for i in mine)
        rows.append(_SegmentRow(segment, _highlight(doc.text, segment.start, end, mine, done), touched))
    return rows


def _by_segment(segments: list[Segment], items: list[_Item]) -> list[list[_Item]]:
    """The findings touching each segment, found by bisection so a catalogue of thousands of segments
    is not scanned once per segment."""
    starts = [s.start for s in segments]
    out: list[list[_Item]] = [[] for _ in segments]
    for item in items:
        first = max(bisect_right(starts, item.finding.start) - 1, 0)
        last = max(bisect_right(starts, max(item.finding.end - 1, item.finding.start)) - 1, first)
        for index in range(first, last + 1):
            out[index].append(item)
    return out


def _highlight(text: str, lo: int, hi: int, items: list[_Item], done: set[int]) -> list[_Piece]:
    """text[lo:hi] in pieces, with the findings in it highlighted. Overlapping findings are handled by
    splitting the text at every finding boundary: each piece is one <mark> listing every finding that
    covers it, so no text is repeated or lost however the findings overlap. Findings of zero width
    (something missing) get an empty marker; `done` keeps one from being drawn twice where two windows
    meet."""
    opening: dict[int, list[int]] = defaultdict(list)
    closing: dict[int, list[int]] = defaultdict(list)
    carets: dict[int, list[int]] = defaultdict(list)
    for i in items:
        start, end = i.finding.start, i.finding.end
        if start == end and lo <= start <= hi and i.fid not in done:
            carets[start].append(i.fid)
        elif start < hi and end > lo and start < end:
            opening[max(start, lo)].append(i.fid)
            closing[min(end, hi)].append(i.fid)
    cuts = sorted({lo, hi} | set(opening) | set(closing) | set(carets))
    findings = {i.fid: i.finding for i in items}
    active: set[int] = set()
    out: list[_Piece] = []
    for a, b in zip(cuts, [*cuts[1:], None], strict=True):
        for fid in carets.get(a, []):
            done.add(fid)
            out.append(_mark([fid], "", findings, caret=True))
        active.difference_update(closing.get(a, []))
        active.update(opening.get(a, []))
        if b is None:
            break
        piece = text[a:b]
        out.append(_mark(sorted(active), piece, findings) if active else _Piece(piece))
    return out


def _mark(fids: list[int], piece: str, findings: dict[int, Finding], caret: bool = False) -> _Piece:
    """One highlighted piece. Its class is the worst severity covering it; the script repaints it when
    filters hide some of its findings."""
    worst = max((findings[f].severity for f in fids), key=lambda s: s.rank)
    classes = f"hl sev-{worst.value}" + (" multi" if len(fids) > 1 else "") + (" caret" if caret else "")
    title = "\n".join(_tooltip(findings[f]) for f in fids)
    return _Piece(piece, " ".join(str(f) for f in fids), classes, title)


def _tooltip(f: Finding) -> str:
    suggestion = f" → {_suggestion_text(f.suggestion)}" if f.suggestion is not None else ""
    return f"{f.rule} {f.severity.value}: {f.message}{suggestion}"


def _suggestion_text(suggestion: str | None) -> str | None:
    """A suggestion as shown; one of white space only (e.g. a space to insert) is shown quoted."""
    if suggestion is None:
        return None
    return suggestion if suggestion.strip() else repr(suggestion)
