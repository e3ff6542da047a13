"""HTML: one self-contained page on which an editor reviews a run and records her decisions.

The page is meant to be mailed around and opened from disk, so it carries everything inline (CSS, JS,
data) and a Content-Security-Policy that allows nothing but its own hashed style and script: even a bug
here cannot make it fetch anything. Documents are untrusted input, so every piece of text from them (and
from the glossary, which supplies messages and suggestions) is HTML-escaped, and the data handed to the
script sits in a JSON element with `<`, `>` and `&` escaped, so no document can close it early.

Fingerprints and contexts for the decisions file are computed here, in Python, with the same functions
`termcheck lint --decisions` uses; the page only copies them into the file it exports, so the two can
never disagree about which finding a decision is about.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import os
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from termcheck import __version__
from termcheck.documents.model import Document, Segment
from termcheck.findings import Finding, Severity
from termcheck.fingerprints import context, fingerprints
from termcheck.report import Report

SEVERITIES = [s.value for s in Severity]  # error, warning, info: most severe first
DECISIONS_FILE = "termcheck-decisions.json"


@dataclass
class _Item:
    """A finding with its place in the page: `fid` is its index in the report, used by every element."""

    fid: int
    finding: Finding
    record: dict[str, object]  # the decisions-file entry, "decision" left for the page to fill in


def render(report: Report, color: bool = False) -> str:
    """The whole page. `color` is part of the formatter interface and means nothing here."""
    items = _items(report)
    body = "".join([
        _summary(report),
        _toolbar(report.findings),
        '<div class="layout"><main>',
        _concepts(report.findings),
        _documents(report.documents, items),
        _findings_table(items),
        "</main>",
        _details_panel(),
        "</div>",
    ])
    return _page(_title(report), body, _data_json(items, report.decisions))


# --- data ------------------------------------------------------------------------------------------

def _items(report: Report) -> list[_Item]:
    texts = {d.path: d.text for d in report.documents}
    prints = fingerprints(report.findings, texts)
    return [
        _Item(fid, f, _record(f, fp, texts.get(f.path, "")))
        for fid, (f, fp) in enumerate(zip(report.findings, prints))
    ]


def _record(finding: Finding, fingerprint: str, text: str) -> dict[str, object]:
    """The decisions-file entry (docs/decisions.md) in its documented key order; empty fields are left
    out, as DecisionsFile.save does. `decision` stays None until the editor chooses."""
    record: dict[str, object] = {
        "path": _decision_path(finding.path),
        "fingerprint": fingerprint,
        "decision": None,
        "rule": finding.rule,
        "concept": finding.concept.zh if finding.concept else "",
        "text": finding.text,
        "context": list(context(finding, text)),
    }
    return {k: v for k, v in record.items() if k == "decision" or v not in ("", [])}


def _decision_path(path: str) -> str:
    """The document's path relative to the working directory, with `/` separators: the default place of
    the decisions file is the working directory, and lint resolves paths against the file's folder."""
    if path in ("-", "<stdin>"):
        return path
    try:
        return Path(os.path.relpath(Path(path).resolve(), Path.cwd())).as_posix()
    except ValueError:  # another drive on Windows
        return Path(path).as_posix()


def _where(f: Finding) -> str:
    where = f"{f.path}:{f.line}:{f.column}"
    if f.segment is not None and f.segment != str(f.line):
        where += f" (segment {f.segment})"
    return where


def _data_json(items: list[_Item], report_decisions: list[dict]) -> str:
    """The script's data. `<`, `>` and `&` become \\u escapes, so `</script>` in a document cannot end the
    element; JSON.parse reads them back unchanged."""
    payload = {
        "decisionsFile": DECISIONS_FILE,
        "earlierDecisions": report_decisions,
        "findings": [
            {
                "severity": i.finding.severity.value,
                "rule": i.finding.rule,
                "name": i.finding.name,
                "text": i.finding.text,
                "message": i.finding.message,
                "suggestion": i.finding.suggestion,
                "where": _where(i.finding),
                "record": i.record,
            }
            for i in items
        ],
    }
    raw = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return raw.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


# --- summary, filters, concepts ----------------------------------------------------------------------

def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _title(report: Report) -> str:
    paths = [d.path for d in report.documents]
    if len(paths) == 1:
        return f"termcheck review: {paths[0]}"
    return f"termcheck review: {report.files} files"


def _summary(report: Report) -> str:
    counts = report.by_severity()
    tiles = [("Files", report.files, "files"), ("Findings", len(report.findings), "total")]
    tiles += [(s.capitalize() + ("s" if s != "info" else ""), counts[s], f"sev-{s}") for s in SEVERITIES]
    tiles += [("Suppressed", report.suppressed, "suppressed"), ("Unreadable", len(report.errors), "unreadable")]
    cells = "".join(
        f'<div class="tile {cls}{" alert" if cls == "unreadable" and n else ""}" data-count="{_e(cls)}"><dt>{_e(label)}</dt><dd>{n}</dd></div>'
        for label, n, cls in tiles
    )
    glossaries = ", ".join(f"{_e(g.path)} ({g.entries} entries)" for g in report.glossaries)
    meta = f"termcheck {_e(__version__)}" + (f" · glossaries: {glossaries}" if glossaries else "")
    out = [
        '<header class="summary">',
        f"<h1>{_e(_title(report))}</h1>",
        f'<p class="meta">{meta}</p>',
        f'<dl class="tiles">{cells}</dl>',
    ]
    if report.errors:
        problems = "".join(f"<li>{_e(e)}</li>" for e in report.errors)
        out.append(f'<div class="unreadable-files" role="alert"><h2>Files that could not be read</h2><ul>{problems}</ul></div>')
    out.append("</header>")
    return "".join(out)


def _toolbar(findings: list[Finding]) -> str:
    """Filter checkboxes (one per severity and per rule present) and the export button, kept in view."""
    by_severity = Counter(f.severity.value for f in findings)
    by_rule = Counter(f.rule for f in findings)
    names = {f.rule: f.name for f in findings}
    severities = "".join(_checkbox("severity", s, s, by_severity[s], f"sev-{s}") for s in SEVERITIES)
    rules = "".join(_checkbox("rule", r, f"{r} {names[r]}", by_rule[r], "rule") for r in sorted(by_rule))
    return (
        '<nav class="toolbar" aria-label="Filters and decisions">'
        f'<fieldset class="filters"><legend>Severity</legend>{severities}</fieldset>'
        f'<fieldset class="filters"><legend>Rule</legend>{rules or "<span class=none>no findings</span>"}</fieldset>'
        '<div class="actions">'
        '<span id="shown-count" aria-live="polite"></span>'
        '<span id="decided-count" aria-live="polite"></span>'
        f'<button type="button" id="export" title="Download {DECISIONS_FILE} with the decisions made on this page">'
        "Export decisions</button>"
        "</div></nav>"
    )


def _checkbox(kind: str, value: str, label: str, count: int, cls: str) -> str:
    return (
        f'<label class="filter-label {_e(cls)}"><input type="checkbox" class="filter" data-kind="{kind}" '
        f'value="{_e(value)}" checked> {_e(label)} <span class="count">{count}</span></label>'
    )


def _concepts(findings: list[Finding]) -> str:
    """Each glossary concept the findings are about, with every rendering found and how often, so an
    editor sees at a glance where one concept was translated several ways."""
    renderings: dict[str, Counter[str]] = defaultdict(Counter)
    preferred: dict[str, str] = {}
    for f in findings:
        if f.concept is None:
            continue
        renderings[f.concept.zh][" ".join(f.text.split())] += 1
        preferred[f.concept.zh] = f.concept.en
    if not renderings:
        return '<section class="concepts"><h2>Concepts</h2><p class="none">No finding is about a glossary concept.</p></section>'
    order = sorted(renderings, key=lambda zh: (-sum(renderings[zh].values()), zh))
    rows = "".join(_concept_row(zh, preferred[zh], renderings[zh]) for zh in order)
    return (
        '<section class="concepts"><h2>Concepts</h2>'
        '<table class="concepts-table"><thead><tr><th scope="col">Concept</th><th scope="col">Glossary rendering</th>'
        '<th scope="col">Renderings found</th><th scope="col">Findings</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></section>"
    )


def _concept_row(zh: str, en: str, counts: Counter[str]) -> str:
    chips = "".join(
        f'<li class="rendering"><span class="rendering-text">{_e(text)}</span> '
        f'<span class="rendering-count" aria-label="{n} times">×{n}</span></li>'
        for text, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    variants = len(counts)
    flag = f' <span class="variants">{variants} variants</span>' if variants > 1 else ""
    cls = "inconsistent" if variants > 1 else "consistent"
    return (
        f'<tr class="{cls}" data-concept="{_e(zh)}"><th scope="row" lang="zh">{_e(zh)}{flag}</th>'
        f"<td>{_e(en)}</td><td><ul class=\"renderings\">{chips}</ul></td>"
        f'<td class="num">{sum(counts.values())}</td></tr>'
    )


# --- documents with highlights -------------------------------------------------------------------------

def _documents(documents: list[Document], items: list[_Item]) -> str:
    by_path: dict[str, list[_Item]] = defaultdict(list)
    for item in items:
        by_path[item.finding.path].append(item)
    sections = "".join(_document(n, doc, by_path.get(doc.path, [])) for n, doc in enumerate(documents))
    return f'<section class="documents"><h2>Documents</h2>{sections or "<p class=none>No documents.</p>"}</section>'


def _document(n: int, doc: Document, items: list[_Item]) -> str:
    """A document's text with highlights; documents without findings start folded, to keep the page short."""
    count = f"{len(items)} finding{'s' if len(items) != 1 else ''}"
    body = _bilingual(doc, items) if doc.bilingual else (
        f'<div class="text" lang="en">{_highlight(doc.text, 0, len(doc.text), items, set())}</div>'
    )
    return (
        f'<section class="doc" id="doc-{n}" data-path="{_e(doc.path)}"><details{" open" if items else ""}>'
        f'<summary><span class="doc-path">{_e(doc.path)}</span> <span class="doc-count">{count}</span></summary>'
        f"{body}</details></section>"
    )


def _bilingual(doc: Document, items: list[_Item]) -> str:
    """Source and target side by side, one row per segment, highlights in the target."""
    source = f" ({_e(doc.source_language)})" if doc.source_language else ""
    target = f" ({_e(doc.target_language)})" if doc.target_language else ""
    done: set[int] = set()
    per_segment = _by_segment(doc.segments, items)
    rows = "".join(_segment_row(doc, s, mine, done) for s, mine in zip(doc.segments, per_segment))
    return (
        '<table class="bitext"><thead><tr><th scope="col">Segment</th>'
        f'<th scope="col">Source{source}</th><th scope="col">Target{target}</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


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


def _segment_row(doc: Document, segment: Segment, items: list[_Item], done: set[int]) -> str:
    end = segment.start + len(segment.target)
    target = _highlight(doc.text, segment.start, end, items, done)
    mine = any(i.finding.start < end and i.finding.end > segment.start for i in items)
    label = _e(segment.id) + (f'<span class="seg-context">{_e(segment.context)}</span>' if segment.context else "")
    flags = "".join(f'<span class="seg-flag">{_e(f)}</span>' for f in segment.flags)
    return (
        f'<tr class="segment{" has-findings" if mine else ""}" data-segment="{_e(segment.id)}">'
        f'<th scope="row" class="seg-id">{label}{flags}</th>'
        f'<td class="source" lang="zh">{_e(segment.source)}</td>'
        f'<td class="target" lang="en">{target}</td></tr>'
    )


def _highlight(text: str, lo: int, hi: int, items: list[_Item], done: set[int]) -> str:
    """text[lo:hi] with the findings in it highlighted. Overlapping findings are handled by splitting the
    text at every finding boundary: each piece is one <mark> listing every finding that covers it, so no
    text is repeated or lost however the findings overlap. Findings of zero width (something missing)
    get an empty marker; `done` keeps one from being drawn twice where two windows meet."""
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
    severities = {i.fid: i.finding.severity for i in items}
    messages = {i.fid: _tooltip(i.finding) for i in items}
    active: set[int] = set()
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:] + [None]):
        for fid in carets.get(a, []):
            done.add(fid)
            out.append(_mark([fid], "", severities, messages, caret=True))
        active.difference_update(closing.get(a, []))
        active.update(opening.get(a, []))
        if b is None:
            break
        piece = text[a:b]
        out.append(_mark(sorted(active), piece, severities, messages) if active else _e(piece))
    return "".join(out)


def _mark(fids: list[int], piece: str, severities: dict[int, Severity], messages: dict[int, str],
          caret: bool = False) -> str:
    """One highlighted piece. Its class is the worst severity covering it; the script repaints it when
    filters hide some of its findings."""
    worst = max((severities[f] for f in fids), key=lambda s: s.rank)
    classes = f"hl sev-{worst.value}" + (" multi" if len(fids) > 1 else "") + (" caret" if caret else "")
    title = "\n".join(messages[f] for f in fids)
    ids = " ".join(str(f) for f in fids)
    return f'<mark class="{classes}" data-f="{ids}" tabindex="0" title="{_e(title)}">{_e(piece)}</mark>'


def _tooltip(f: Finding) -> str:
    suggestion = f" → {_suggestion_text(f.suggestion)}" if f.suggestion is not None else ""
    return f"{f.rule} {f.severity.value}: {f.message}{suggestion}"


def _suggestion_text(suggestion: str | None) -> str:
    if suggestion is None:
        return ""
    return suggestion if suggestion.strip() else repr(suggestion)


# --- the list of findings, the details panel -----------------------------------------------------------

def _findings_table(items: list[_Item]) -> str:
    rows = "".join(_finding_row(i) for i in items)
    return (
        '<section class="findings"><h2>Findings</h2>'
        '<table class="findings-table"><thead><tr>'
        '<th scope="col">#</th><th scope="col">Where</th><th scope="col">Severity</th><th scope="col">Rule</th>'
        '<th scope="col">Found</th><th scope="col">Message</th><th scope="col">Suggestion</th>'
        '<th scope="col">Decision</th></tr></thead>'
        f"<tbody>{rows or '<tr><td colspan=8 class=none>No findings.</td></tr>'}</tbody></table></section>"
    )


def _finding_row(item: _Item) -> str:
    f = item.finding
    fp = _e(item.record["fingerprint"])
    suggestion = f"<code>{_e(_suggestion_text(f.suggestion))}</code>" if f.suggestion is not None else "—"
    return (
        f'<tr data-fid="{item.fid}" data-rule="{_e(f.rule)}" data-severity="{f.severity.value}" data-fingerprint="{fp}">'
        f'<td class="num">{item.fid + 1}</td>'
        f'<td class="where">{_e(_where(f))}</td>'
        f'<td><span class="badge sev-{f.severity.value}">{f.severity.value}</span></td>'
        f'<td><abbr title="{_e(f.name)}">{_e(f.rule)}</abbr></td>'
        f'<td><button type="button" class="goto" data-fid="{item.fid}" title="Show in the document">{_e(f.text)}</button></td>'
        f"<td>{_e(f.message)}</td>"
        f"<td>{suggestion}</td>"
        f'<td class="decision">{_verdict_buttons(item.fid, f.suggestion is not None)}</td></tr>'
    )


def _verdict_buttons(fid: int, acceptable: bool) -> str:
    # Without a suggestion there is nothing to accept: she edits the wording (details panel) or rejects.
    disabled = "" if acceptable else " disabled"
    return (
        f'<button type="button" class="verdict accept" data-fid="{fid}" data-verdict="accepted" aria-pressed="false"{disabled}>Accept</button>'
        f'<button type="button" class="verdict reject" data-fid="{fid}" data-verdict="rejected" aria-pressed="false">Reject</button>'
    )


def _details_panel() -> str:
    return (
        '<aside class="details" id="details" aria-label="Finding details">'
        "<h2>Details</h2>"
        '<div id="details-body" aria-live="polite"><p class="hint">Select a highlighted phrase '
        "(click it, or Tab to it) to see its rule, message and suggestion here.</p></div></aside>"
    )


# --- the page ----------------------------------------------------------------------------------------

def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


def _page(title: str, body: str, data: str) -> str:
    """The document shell. The policy names the hashes of the one style and one script element, so no
    other style or script runs and nothing at all is fetched (default-src 'none')."""
    policy = (
        f"default-src 'none'; style-src {_csp_hash(CSS)}; script-src {_csp_hash(SCRIPT)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    return "".join([
        "<!DOCTYPE html>\n",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(policy)}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="termcheck {_e(__version__)}">',
        f"<title>{_e(title)}</title>",
        f"<style>{CSS}</style></head><body>",
        body,
        f'<script type="application/json" id="termcheck-data">{data}</script>',
        f"<script>{SCRIPT}</script>",
        "</body></html>\n",
    ])


CSS = """
:root { --error: #b3261e; --error-bg: #fde2df; --warning: #8a5a00; --warning-bg: #fff0c2;
  --info: #1d4ed8; --info-bg: #dbeafe; --ok: #1b7f3b; --line: #d6d9de; --muted: #5f6670; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", sans-serif;
  color: #1d1f23; background: #f6f7f9; }
h1 { font-size: 1.35rem; margin: 0 0 .2rem; word-break: break-all; }
h2 { font-size: 1.1rem; margin: 1.4rem 0 .6rem; }
.summary { background: #fff; border-bottom: 1px solid var(--line); padding: 1rem 1.5rem .8rem; }
.meta { color: var(--muted); margin: 0 0 .7rem; font-size: .85rem; }
.tiles { display: flex; flex-wrap: wrap; gap: .6rem; margin: 0; }
.tile { border: 1px solid var(--line); border-radius: 8px; padding: .35rem .9rem; min-width: 6.5rem; background: #fafbfc; }
.tile dt { font-size: .78rem; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.tile dd { margin: 0; font-size: 1.45rem; font-weight: 650; }
.tile.sev-error { border-left: 5px solid var(--error); } .tile.sev-error dd { color: var(--error); }
.tile.sev-warning { border-left: 5px solid #d99a00; } .tile.sev-warning dd { color: var(--warning); }
.tile.sev-info { border-left: 5px solid var(--info); } .tile.sev-info dd { color: var(--info); }
.tile.alert { border-color: var(--error); background: var(--error-bg); }
.unreadable-files { margin-top: .8rem; border: 1px solid var(--error); background: var(--error-bg); border-radius: 8px; padding: .4rem 1rem; }
.unreadable-files h2 { margin: .2rem 0; font-size: 1rem; }
.toolbar { position: sticky; top: 0; z-index: 5; display: flex; flex-wrap: wrap; gap: .5rem 1.2rem; align-items: center;
  background: #fff; border-bottom: 1px solid var(--line); padding: .45rem 1.5rem; box-shadow: 0 2px 4px rgba(0,0,0,.04); }
.filters { border: 0; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .3rem .5rem; align-items: center; }
.filters legend { float: left; font-weight: 600; margin-right: .3rem; font-size: .85rem; }
.filter-label { font-size: .85rem; border: 1px solid var(--line); border-radius: 999px; padding: .05rem .6rem .05rem .4rem; cursor: pointer; background: #fafbfc; }
.filter-label.sev-error { border-color: var(--error); } .filter-label.sev-warning { border-color: #d99a00; }
.filter-label.sev-info { border-color: var(--info); }
.count { color: var(--muted); font-variant-numeric: tabular-nums; }
.actions { margin-left: auto; display: flex; gap: .8rem; align-items: center; font-size: .85rem; color: var(--muted); }
button { font: inherit; cursor: pointer; }
#export { background: #1d4ed8; color: #fff; border: 0; border-radius: 6px; padding: .35rem .9rem; font-weight: 600; }
#export:hover { background: #1e40af; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) 22rem; gap: 1.5rem; padding: 0 1.5rem 2rem; }
@media (max-width: 900px) { .layout { grid-template-columns: 1fr; } }
.details { position: sticky; top: 4.2rem; align-self: start; max-height: calc(100vh - 5rem); overflow: auto; }
.details .hint { color: var(--muted); font-size: .9rem; }
.card { background: #fff; border: 1px solid var(--line); border-left: 5px solid var(--muted); border-radius: 8px; padding: .5rem .8rem; margin-bottom: .7rem; }
.card.sev-error { border-left-color: var(--error); } .card.sev-warning { border-left-color: #d99a00; } .card.sev-info { border-left-color: var(--info); }
.card p { margin: .25rem 0; } .card .where { color: var(--muted); font-size: .82rem; word-break: break-all; }
.card .label { font-weight: 600; }
section.doc { background: #fff; border: 1px solid var(--line); border-radius: 8px; margin-bottom: 1rem; }
section.doc summary { padding: .5rem 1rem; cursor: pointer; font-weight: 600; border-bottom: 1px solid var(--line); }
.doc-path { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .9rem; }
.doc-count { color: var(--muted); font-weight: 400; font-size: .85rem; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; padding: .8rem 1rem; font-size: 1rem; line-height: 1.9; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { border: 1px solid var(--line); padding: .35rem .55rem; text-align: left; vertical-align: top; }
thead th { background: #eef0f3; font-size: .85rem; }
.bitext { border: 0; } .bitext td, .bitext th { white-space: pre-wrap; overflow-wrap: anywhere; }
.bitext .source, .bitext .target { width: 45%; line-height: 1.8; }
.seg-id { font-weight: 400; color: var(--muted); font-size: .82rem; width: 5rem; }
.seg-context, .seg-flag { display: block; font-size: .75rem; }
.segment.has-findings .seg-id { color: #1d1f23; font-weight: 600; }
mark.hl { color: inherit; border-radius: 3px; padding: 0 1px; cursor: pointer; text-decoration-line: underline;
  text-decoration-thickness: 2px; text-underline-offset: 3px; }
mark.hl.sev-error { background: var(--error-bg); text-decoration-color: var(--error); text-decoration-style: wavy; }
mark.hl.sev-warning { background: var(--warning-bg); text-decoration-color: #d99a00; text-decoration-style: solid; }
mark.hl.sev-info { background: var(--info-bg); text-decoration-color: var(--info); text-decoration-style: dotted; }
mark.hl.multi { box-shadow: inset 0 -2px 0 rgba(0,0,0,.35); }
mark.hl.off { background: none; text-decoration: none; cursor: auto; box-shadow: none; }
mark.hl.caret::after { content: "‸"; font-weight: 700; }
mark.hl.off.caret::after { content: ""; }
mark.hl.rejected { background: #eceef1; text-decoration-color: #8d939b; text-decoration-style: solid; text-decoration-line: line-through; }
mark.hl.accepted { outline: 2px solid var(--ok); }
mark.hl.current { outline: 3px solid #111; outline-offset: 1px; }
mark.hl:focus-visible { outline: 3px solid #111; }
.badge { display: inline-block; border-radius: 4px; padding: 0 .4rem; font-size: .78rem; font-weight: 600; }
.badge.sev-error { background: var(--error-bg); color: var(--error); }
.badge.sev-warning { background: var(--warning-bg); color: var(--warning); }
.badge.sev-info { background: var(--info-bg); color: var(--info); }
.findings-table { font-size: .88rem; }
.findings-table td.where { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .8rem; word-break: break-all; }
.findings-table tr[data-verdict="rejected"] td { color: #8d939b; }
.findings-table tr[data-verdict="rejected"] .goto { text-decoration: line-through; }
.findings-table tr[data-verdict="accepted"] { background: #eefaf1; }
.goto { background: none; border: 0; padding: 0; color: #1d4ed8; text-decoration: underline; text-align: left; white-space: pre-wrap; }
.findings-table code { font: inherit; white-space: pre-wrap; background: #f1f3f5; border-radius: 3px; padding: 0 .2rem; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.verdict { border: 1px solid var(--line); background: #fff; border-radius: 5px; padding: .1rem .5rem; margin: 0 .25rem .2rem 0; font-size: .82rem; }
.verdict.accept[aria-pressed="true"] { background: var(--ok); border-color: var(--ok); color: #fff; }
.verdict.reject[aria-pressed="true"] { background: var(--error); border-color: var(--error); color: #fff; }
.decision { white-space: nowrap; }
.concepts-table .renderings { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .3rem; }
.rendering { border: 1px solid var(--line); border-radius: 999px; padding: 0 .55rem; background: #fafbfc; }
.rendering-count { color: var(--muted); font-variant-numeric: tabular-nums; }
.concepts-table tr.inconsistent th { border-left: 5px solid #d99a00; }
.variants { display: inline-block; margin-left: .4rem; font-size: .72rem; font-weight: 600; color: var(--warning); background: var(--warning-bg); border-radius: 4px; padding: 0 .35rem; }
.none { color: var(--muted); }
"""

SCRIPT = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("termcheck-data").textContent);
  var findings = data.findings;
  var RANK = { error: 3, warning: 2, info: 1 };
  var verdicts = Object.create(null);
  var replacements = Object.create(null);
  var selected = [];
  var unsaved = false;
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.hl"));
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-fid]"));
  var severityOn = {}, ruleOn = {};

  function ids(mark) { return mark.getAttribute("data-f").split(" ").map(Number); }

  function readFilters() {
    severityOn = {}; ruleOn = {};
    document.querySelectorAll("input.filter").forEach(function (box) {
      (box.getAttribute("data-kind") === "severity" ? severityOn : ruleOn)[box.value] = box.checked;
    });
  }

  function visible(id) {
    var f = findings[id];
    return severityOn[f.severity] !== false && ruleOn[f.rule] !== false;
  }

  function all(list, verdict) { return list.every(function (id) { return verdicts[id] === verdict; }); }

  function paint(mark) {
    var shown = ids(mark).filter(visible);
    var classes = ["hl"];
    if (mark.classList.contains("caret")) classes.push("caret");
    if (!shown.length) {
      classes.push("off");
      if (mark.hasAttribute("tabindex")) mark.removeAttribute("tabindex");
    } else {
      var worst = shown.reduce(function (a, b) {
        return RANK[findings[b].severity] > RANK[findings[a].severity] ? b : a;
      });
      classes.push("sev-" + findings[worst].severity);
      if (shown.length > 1) classes.push("multi");
      if (all(shown, "rejected")) classes.push("rejected");
      else if (shown.every(function (id) { return verdicts[id] === "accepted" || verdicts[id] === "edited"; })) classes.push("accepted");
      if (shown.some(function (id) { return selected.indexOf(id) >= 0; })) classes.push("current");
      if (!mark.hasAttribute("tabindex")) mark.setAttribute("tabindex", "0");
    }
    var next = classes.join(" ");
    if (mark.className !== next) mark.className = next;  // untouched marks need no restyling
  }

  var marksOf = {};
  marks.forEach(function (mark) {
    ids(mark).forEach(function (id) { (marksOf[id] = marksOf[id] || []).push(mark); });
  });
  var rowOf = {};
  rows.forEach(function (row) { rowOf[row.getAttribute("data-fid")] = row; });

  function paintFinding(id) {
    (marksOf[id] || []).forEach(paint);
    var row = rowOf[id];
    if (row) row.setAttribute("data-verdict", verdicts[id] || "");
    document.querySelectorAll('button.verdict[data-fid="' + id + '"]').forEach(function (button) {
      button.setAttribute("aria-pressed", verdicts[id] === button.getAttribute("data-verdict") ? "true" : "false");
    });
    document.getElementById("decided-count").textContent = Object.keys(verdicts).length + " decided";
  }

  // Everything: on load and when a filter changes. A decision or a selection repaints only its findings,
  // so a report with thousands of findings stays responsive.
  function refresh() {
    readFilters();
    marks.forEach(paint);
    var shown = 0;
    rows.forEach(function (row) {
      var hide = !visible(Number(row.getAttribute("data-fid")));
      if (row.hidden !== hide) row.hidden = hide;
      if (!hide) shown += 1;
    });
    document.getElementById("shown-count").textContent = shown + " of " + findings.length + " findings shown";
    document.getElementById("decided-count").textContent = Object.keys(verdicts).length + " decided";
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function labelled(label, value, className) {
    var p = element("p", className);
    p.appendChild(element("span", "label", label + " "));
    p.appendChild(document.createTextNode(value));
    return p;
  }

  function verdictButton(id, verdict, label) {
    var button = element("button", "verdict " + (verdict === "accepted" ? "accept" : "reject"), label);
    button.type = "button";
    button.setAttribute("data-fid", String(id));
    button.setAttribute("data-verdict", verdict);
    button.setAttribute("aria-pressed", "false");
    return button;
  }

  function card(id) {
    var f = findings[id];
    var box = element("div", "card sev-" + f.severity);
    var head = element("p");
    head.appendChild(element("span", "badge sev-" + f.severity, f.severity));
    head.appendChild(element("strong", null, " " + f.rule + " " + f.name));
    box.appendChild(head);
    box.appendChild(element("p", "where", f.where));
    box.appendChild(labelled("Found:", f.text));
    box.appendChild(element("p", null, f.message));
    if (f.suggestion !== null) {
      box.appendChild(labelled("Suggestion:", f.suggestion.trim() ? f.suggestion : JSON.stringify(f.suggestion)));
    }
    var buttons = element("p");
    var accept = verdictButton(id, "accepted", "Accept");
    if (f.suggestion === null) {
      accept.disabled = true;
      accept.title = "No replacement to accept: edit the wording or reject the finding";
    }
    buttons.appendChild(accept);
    buttons.appendChild(verdictButton(id, "rejected", "Reject"));
    box.appendChild(buttons);
    // Her own wording for the flagged text: exported as an "edited" decision that --fix and review apply.
    var edit = element("p", "edit");
    var field = element("input", "edit-text");
    field.type = "text";
    field.setAttribute("aria-label", "Replace the flagged text with");
    field.setAttribute("data-fid", String(id));
    field.value = replacements[id] !== undefined ? replacements[id] : (f.suggestion !== null ? f.suggestion : f.text);
    var save = element("button", "verdict edit", "Save edit");
    save.type = "button";
    save.setAttribute("data-fid", String(id));
    save.setAttribute("data-verdict", "edited");
    save.setAttribute("aria-pressed", verdicts[id] === "edited" ? "true" : "false");
    edit.appendChild(field);
    edit.appendChild(save);
    box.appendChild(edit);
    return box;
  }

  function showDetails(list) {
    var previous = selected;
    selected = list;
    var body = document.getElementById("details-body");
    body.textContent = "";
    list.forEach(function (id) { body.appendChild(card(id)); });
    previous.concat(list).forEach(paintFinding);
  }

  function jump(id) {
    var mark = marks.filter(function (m) { return ids(m).indexOf(id) >= 0; })[0];
    if (!mark) { showDetails([id]); return; }
    var folded = mark.closest("details");
    if (folded) folded.open = true;
    mark.scrollIntoView({ block: "center" });
    mark.focus({ preventScroll: true });
    showDetails([id]);
  }

  function decide(id, verdict) {
    if (verdict === "edited") {
      var field = document.querySelector('input.edit-text[data-fid="' + id + '"]');
      replacements[id] = field ? field.value : findings[id].text;
      verdicts[id] = verdict;
    } else if (verdicts[id] === verdict) delete verdicts[id];
    else verdicts[id] = verdict;
    unsaved = true;
    paintFinding(id);
  }

  function exportDecisions() {
    var out = { version: 1, decisions: [] };
    var decided = {};
    findings.forEach(function (f, id) {
      if (!verdicts[id]) return;
      var record = Object.assign({}, f.record);
      record.decision = verdicts[id];
      if (verdicts[id] === "edited") record.replacement = replacements[id];
      out.decisions.push(record);
      decided[record.path + "|" + record.fingerprint] = true;
    });
    // Earlier decisions from the file this run read are kept, unless this page decided anew.
    (data.earlierDecisions || []).forEach(function (d) {
      if (!decided[d.path + "|" + d.fingerprint]) out.decisions.push(d);
    });
    var blob = new Blob([JSON.stringify(out, null, 2) + "\\n"], { type: "application/json" });
    var url = URL.createObjectURL(blob);
    var link = element("a");
    link.href = url;
    link.download = data.decisionsFile;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    unsaved = false;
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    var button = target.closest("button.verdict");
    if (button) { decide(Number(button.getAttribute("data-fid")), button.getAttribute("data-verdict")); return; }
    var go = target.closest("button.goto");
    if (go) { jump(Number(go.getAttribute("data-fid"))); return; }
    if (target.closest("#export")) { exportDecisions(); return; }
    var mark = target.closest("mark.hl");
    if (mark && !mark.classList.contains("off")) showDetails(ids(mark).filter(visible));
  });
  document.addEventListener("keydown", function (event) {
    var mark = event.target.closest && event.target.closest("mark.hl");
    if (mark && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      showDetails(ids(mark).filter(visible));
    }
  });
  document.addEventListener("focusin", function (event) {
    var mark = event.target.closest && event.target.closest("mark.hl");
    if (mark && !mark.classList.contains("off")) showDetails(ids(mark).filter(visible));
  });
  document.addEventListener("change", function (event) {
    if (event.target.classList.contains("filter")) refresh();
  });
  window.addEventListener("beforeunload", function (event) {
    if (unsaved) { event.preventDefault(); event.returnValue = ""; }
  });
  refresh();
})();
"""
