"""`termcheck lint`: read documents, lint them, optionally fix them, and render the report."""
from __future__ import annotations

import gc
import json
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from termcheck.baseline import new_findings, write_baseline
from termcheck.checks import RULES, DocumentContext, prepare_checks, unknown_code
from termcheck.commands.progress import progress_bar, worth_showing
from termcheck.config import Config, find_config, load_config
from termcheck.decisions import DEFAULT_NAME as DEFAULT_DECISIONS
from termcheck.decisions import Decision, DecisionsFile
from termcheck.documents import Document, collect_paths, read_document, read_stdin
from termcheck.documents.aligned import aligned_text_document
from termcheck.documents.decoding import decode, encode
from termcheck.documents.loading import FOLDER_SUFFIXES_TEXT, STDIN, document_from_bytes
from termcheck.engine import Linter, RuleSelection, fix_document, fix_rewritable_document
from termcheck.errors import InputError, TermcheckError
from termcheck.findings import Finding, Severity
from termcheck.fingerprints import assign_fingerprints
from termcheck.fixes import unified_diff, write_atomically
from termcheck.formatters import formatter
from termcheck.glossary import load_proper_names
from termcheck.glossary.model import GlossaryFile, TableLayout
from termcheck.matching.glossary_cache import default_directory, load_compiled
from termcheck.report import Report
from termcheck.resources import default_glossaries, default_proper_names

# Allocations between collections of the youngest generation (Python's default is 700): a run makes
# millions of short-lived objects, few of them in cycles.
GC_THRESHOLD = 50_000
DEFAULT_FAIL_ON = "warning"  # info findings are hints: shown, but they do not fail a run


@dataclass
class LintOptions:
    paths: list[str]
    glossaries: list[str] = field(default_factory=list)
    default_glossary: bool = True
    names: list[str] = field(default_factory=list)
    output_format: str = "text"
    fix: bool = False
    fuzzy: bool = False  # with --annotate: also mark annotated PO entries fuzzy
    diff: bool = False
    source: str | None = None  # a line-aligned source file for the one target path
    annotate: bool = False  # write findings into PO catalogues as comments
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severities: dict[str, Severity] = field(default_factory=dict)
    fail_on: str = DEFAULT_FAIL_ON
    exit_zero: bool = False
    decisions: str | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    jobs: int = 1
    baseline: str | None = None  # report only findings not recorded in this file
    write_baseline: str | None = None  # record today's findings in this file
    color: bool = False
    max_file_size: float = 64  # MB; a larger document is refused before it is read (0: no limit)
    cache: bool = True  # read and keep the compiled glossary in the cache folder (glossary_cache.py)
    quiet: bool = False  # text output: the findings only, no summary line
    statistics: bool = False  # text output: counts per rule and per concept instead of the findings
    glossary_columns: str | None = None  # "zh=source,en=target": how to read the user's term bases
    glossary_separator: str | None = None  # between several renderings in one cell of those term bases
    show_fixes: bool = False  # with --fix: list each fix written
    progress: bool = False  # a progress bar on standard error for a long run (the CLI: when it is a terminal)
    scheduler: str | None = None  # a Dask cluster for the per-document checks: local:N or tcp://host:port


@dataclass
class LintOutcome:
    rendered: str
    errors: list[str]
    exit_code: int
    findings: list[Finding]
    notes: list[str] = field(default_factory=list)
    inputs: list[str] = field(default_factory=list)  # every file read: no report may be written over one


def resolve_options(
    config_path: Path | None,
    *,
    paths: Sequence[str] = (),
    glossaries: list[str] | None = None,
    no_default_glossary: bool | None = None,
    names: list[str] | None = None,
    source: str | None = None,
    output_format: str | None = None,
    fix: bool = False,
    diff: bool = False,
    annotate: bool = False,
    fuzzy: bool = False,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    fail_on: str | None = None,
    exit_zero: bool = False,
    decisions: str | None = None,
    color: bool = False,
    max_file_size: float | None = None,
    glossary_columns: str | None = None,
    glossary_separator: str | None = None,
) -> tuple[LintOptions, Config]:
    """Options from the configuration file, overridden by what the command line gave. A command passes
    the options it has; None (or an empty list) means not given, so the configuration's value stands."""
    config = load_config(config_path if config_path is not None else find_config())
    config.override("glossaries", glossaries)
    if no_default_glossary:
        config.override("default-glossary", False)
    config.override("names", names)
    config.override("select", select)
    config.override("ignore", ignore)
    config.override("fail-on", fail_on)
    config.override("format", output_format)
    config.override("decisions", decisions)
    config.override("max-file-size", max_file_size)
    config.override("glossary-columns", glossary_columns)
    config.override("glossary-separator", glossary_separator)
    options = LintOptions(
        paths=list(paths),
        glossaries=config.strings("glossaries"),
        default_glossary=bool(config.get("default-glossary")),
        names=config.strings("names"),
        output_format=str(config.get("format")),
        fix=fix,
        diff=diff,
        source=source,
        annotate=annotate,
        fuzzy=fuzzy,
        select=tuple(config.strings("select")),
        ignore=tuple(config.strings("ignore")),
        severities={code: Severity(level) for code, level in config.table("severity").items()},
        fail_on=str(config.get("fail-on")),
        exit_zero=exit_zero,
        decisions=config.optional_text("decisions"),
        include=tuple(config.strings("include")),
        exclude=tuple(config.strings("exclude")),
        max_file_size=config.number("max-file-size"),
        glossary_columns=config.optional_text("glossary-columns"),
        glossary_separator=config.optional_text("glossary-separator"),
        color=color,
    )
    return options, config


def describe_config(config_path: Path | None) -> str:
    """`termcheck config`: every setting, its effective value and where it came from."""
    path = config_path if config_path is not None else find_config()
    config = load_config(path)
    lines = [f"# configuration file: {config.path or 'none found (defaults)'}"]
    for key, setting in config.settings.items():
        lines.append(f"{key} = {_toml_value(setting.value)}    # {setting.origin}")
    return "\n".join(lines) + "\n"


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return '""'
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def build_linter(options: LintOptions) -> tuple[Linter, list[GlossaryFile]]:
    glossary_paths = ([str(p) for p in default_glossaries()] if options.default_glossary else []) + options.glossaries
    if not glossary_paths:
        raise TermcheckError("no glossary: give --glossary FILE or drop --no-default-glossary")
    directory = default_directory() if options.cache else None
    with _collector_paused():
        compiled = load_compiled(glossary_paths, prepare_checks, directory, _layouts(options))
    names: frozenset[str] = frozenset()
    for path in [str(default_proper_names()), *options.names]:
        names |= load_proper_names(path)
    for where, codes in (("select", options.select), ("ignore", options.ignore), ("severity", options.severities)):
        for code in codes:
            problem = unknown_code(code)
            if problem is not None:
                raise TermcheckError(f"{where}: {problem}")
    selection = RuleSelection(options.select, options.ignore, options.severities)
    linter = Linter(compiled, names, selection)
    return linter, compiled.glossary.files


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Load the glossary with Python's cyclic garbage collector off, then exempt what was loaded from it
    and let it run less often. The compiled glossary (hundreds of thousands of objects, alive for the whole
    run, with no cycles to free) was walked again at every collection: on 1.6 MB of dense MT the collector
    took a quarter of the run (3.8 s with it, 2.9 s without; same output, same peak memory)."""
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
        gc.enable()


def _layouts(options: LintOptions) -> dict[str, TableLayout]:
    """The column mapping for each of the user's own glossaries (never the bundled ones)."""
    if options.glossary_columns is None:
        if options.glossary_separator is not None:
            raise TermcheckError("--glossary-separator needs --glossary-columns")
        return {}
    from termcheck.glossary.termbase_table import parse_layout

    try:
        layout = parse_layout(options.glossary_columns, options.glossary_separator)
    except ValueError as exc:
        raise TermcheckError(f"--glossary-columns: {exc}") from None
    if not options.glossaries:
        raise TermcheckError("--glossary-columns names the columns of a term base given with --glossary")
    return {path: layout for path in options.glossaries}


def run_lint(options: LintOptions) -> LintOutcome:
    if options.statistics and options.output_format not in ("text", "concise"):
        raise TermcheckError("--statistics counts findings in text output; drop --format or --statistics")
    if options.fix and options.diff:
        raise TermcheckError("--fix and --diff exclude each other: --diff shows what --fix would write")
    if options.annotate and (options.fix or options.diff):
        raise TermcheckError("--annotate writes review comments; use it without --fix and --diff")
    if options.scheduler is not None:
        from termcheck.commands.distributed import check_usable

        check_usable(options)
    linter, glossary_files = build_linter(options)
    read_notes: list[str] = []
    if options.scheduler is not None:
        from termcheck.commands.distributed import lint_on_dask

        documents, errors, findings, read_notes = lint_on_dask(linter, options)
    # Standard input is read in this process: a worker cannot share it (and -j 2 - a.txt dropped it).
    elif options.jobs > 1 and options.source is None and STDIN not in options.paths:
        documents, errors, findings, read_notes = _lint_in_parallel(linter, options)
    else:
        documents, errors, read_notes = _read_all(options.paths, not options.fix, options.include, options.exclude,
                                                 options.max_file_size)
        if options.source is not None:
            documents = _with_source(options.source, options.paths, documents)
        findings = _lint(linter, documents, options.progress)
    inputs = _inputs(options, documents)
    if options.diff:
        diff_notes: list[str] = []
        rendered = _diffs(linter, documents, findings, diff_notes)
        return LintOutcome(rendered, errors, 2 if errors else (1 if rendered else 0), findings, read_notes + diff_notes,
                           inputs)
    if options.annotate:
        errors += _annotate(documents, findings, options.fuzzy)
    if options.fix:
        documents, fix_errors, fix_notes, (fixed, files) = _fix(linter, documents, findings,
                                                                _decisions_path(options.decisions),
                                                                options.show_fixes)
        errors += fix_errors
        findings = _lint(linter, documents)
        fix_notes.append(f"fixed {fixed} in {files} file{'' if files == 1 else 's'}, {len(findings)} remaining")
    # A pattern stopped by its time budget is our own slowness, not an input error: a warning, and the
    # run keeps its findings and its exit status (issue 10).
    slow_patterns = [f"warning: {message}" for message in dict.fromkeys(linter.glossary.timeouts)]
    texts = {d.path: d.text for d in documents}
    assign_fingerprints(findings, texts)
    findings, suppressed, notes, known = _apply_decisions(options.decisions, findings, documents)
    notes = read_notes + slow_patterns + notes
    if options.fix:
        notes = fix_notes + notes
    if options.write_baseline is not None:
        count = write_baseline(options.write_baseline, findings, texts)
        notes.append(f"wrote {count} finding(s) to the baseline {options.write_baseline}")
    elif options.baseline is not None:
        findings, in_baseline = new_findings(options.baseline, findings, texts)
        suppressed += in_baseline
    report = Report(findings, len(documents), glossary_files, errors, documents=documents, rules=dict(RULES),
                    suppressed=suppressed, decisions=known, fail_on=Severity(options.fail_on))
    rendered = _rendered(options, report)
    accepting = options.exit_zero or options.write_baseline is not None
    exit_code = 2 if errors else (0 if accepting else _exit_code(findings, Severity(options.fail_on)))
    return LintOutcome(rendered, errors, exit_code, findings, notes, inputs)


def _rendered(options: LintOptions, report: Report) -> str:
    if options.statistics:
        return formatter("statistics")(report)
    if options.output_format in ("text", "concise"):
        return formatter(options.output_format)(report, color=options.color, quiet=options.quiet)
    return formatter(options.output_format)(report, color=options.color)


def _inputs(options: LintOptions, documents: list[Document]) -> list[str]:
    """The documents read (folders expanded) and every other file the run reads."""
    named = [options.source, *options.glossaries, *options.names, _decisions_path(options.decisions), options.baseline]
    return [d.path for d in documents if d.path != STDIN] + [path for path in named if path]


_worker_linter: Linter | None = None
_worker_max_bytes = 0


def _start_worker(options: LintOptions) -> None:
    global _worker_linter, _worker_max_bytes
    _worker_linter, _ = build_linter(options)
    _worker_max_bytes = int(options.max_file_size * 1_000_000)


def _lint_one(path: str) -> tuple[DocumentContext | None, list[Finding], list[str], list[str]]:
    """In a worker process: read one document and run the per-document checks on it. Also returns why it
    could not be read, and the patterns stopped by their time budget on it."""
    assert _worker_linter is not None
    try:
        document = read_document(path, _worker_max_bytes)
    except InputError as exc:
        return None, [], [str(exc)], []
    ctx = _worker_linter.context(document)
    timeouts = list(_worker_linter.glossary.timeouts)
    _worker_linter.glossary.timeouts.clear()
    return ctx, _worker_linter.document_findings(ctx), [], timeouts


def _lint_in_parallel(
    linter: Linter, options: LintOptions
) -> tuple[list[Document], list[str], list[Finding], list[str]]:
    """The same result as a serial run: files are handed out in order and collected in order."""
    from concurrent.futures import ProcessPoolExecutor

    skipped: Counter[str] = Counter()
    paths = list(collect_paths(options.paths, options.include, options.exclude, skipped))
    contexts, findings, errors = [], [], []
    shown = options.progress and worth_showing(len(paths), 0)
    with ProcessPoolExecutor(max_workers=options.jobs, initializer=_start_worker, initargs=(options,)) as pool, \
            progress_bar(len(paths), "Checking", shown) as advance:
        for ctx, found, problems, timeouts in pool.map(_lint_one, paths,
                                                       chunksize=max(1, len(paths) // (4 * options.jobs))):
            advance()
            errors.extend(problems)
            linter.glossary.timeouts.extend(timeouts)  # reported as warnings, as in a serial run
            if ctx is not None:
                contexts.append(ctx)
                findings.extend(found)
    notes = [_skipped_note(skipped)] if skipped else []
    return [ctx.document for ctx in contexts], errors, linter.finish(contexts, findings), notes


def _apply_decisions(
    path: str | None, findings: list[Finding], documents: list[Document]
) -> tuple[list[Finding], int, list[str], list[dict[str, object]]]:
    """Drop findings the editor rejected; say which decisions no longer match anything. Also return the
    decisions as read, so a report can carry them forward into the file it exports."""
    path = _decisions_path(path)
    if path is None:
        return findings, 0, [], []
    decisions = DecisionsFile.load(path)
    outcome = decisions.apply(findings, {d.path: d.text for d in documents}, [d.path for d in documents])
    notes = [
        f"{path}: stale decision ({d.decision}) on “{d.text}” ({d.rule}) in {d.path}: its text is no longer there"
        for d in outcome.stale
    ]
    return outcome.findings, len(outcome.suppressed), notes, decisions.as_dicts()


def _decisions_path(path: str | None) -> str | None:
    """The decisions file named, or the default one where it exists."""
    if path is not None:
        return path
    return DEFAULT_DECISIONS if Path(DEFAULT_DECISIONS).is_file() else None


def _lint(linter: Linter, documents: list[Document], progress: bool = False) -> list[Finding]:
    """What linter.lint(documents) finds, a document at a time so that a progress bar can follow."""
    shown = progress and worth_showing(len(documents), sum(len(d.text) for d in documents))
    contexts, findings = [], []
    with progress_bar(len(documents), "Checking", shown) as advance:
        for document in documents:
            ctx = linter.context(document)
            contexts.append(ctx)
            findings.extend(linter.document_findings(ctx))
            advance()
    return linter.finish(contexts, findings)


def _read_all(
    paths: list[str], allow_stdin: bool, include: tuple[str, ...] = (), exclude: tuple[str, ...] = (),
    max_megabytes: float = 0,
) -> tuple[list[Document], list[str], list[str]]:
    """The documents, the inputs that could not be read, and a note on what folders held but were skipped."""
    documents: list[Document] = []
    errors: list[str] = []
    skipped: Counter[str] = Counter()
    max_bytes = int(max_megabytes * 1_000_000)
    for path in collect_paths(paths, include, exclude, skipped):
        try:
            if path == STDIN:
                if not allow_stdin:
                    raise InputError("<stdin>", "cannot be fixed in place; use --diff")
                documents.append(read_stdin(max_bytes))
            else:
                documents.append(read_document(path, max_bytes))
        except InputError as exc:
            errors.append(str(exc))
    notes = [_skipped_note(skipped)] if skipped else []
    return documents, errors, notes


def _skipped_note(skipped: Counter[str]) -> str:
    kinds = ", ".join(f"{suffix} ×{n}" for suffix, n in sorted(skipped.items(), key=lambda kv: (-kv[1], kv[0])))
    return (f"skipped {sum(skipped.values())} file(s) in the folders given ({kinds}): folders are searched for "
            f"{FOLDER_SUFFIXES_TEXT}; name other files directly or use --include")


def _with_source(source: str, paths: list[str], documents: list[Document]) -> list[Document]:
    if len(paths) != 1 or len(documents) != 1:
        raise TermcheckError("--source pairs one source file with one target file")
    target = documents[0]
    if target.bilingual or target.markdown:
        raise TermcheckError(f"{target.path}: --source takes a plain-text target; "
                             f"{target.path} is a bilingual or Markdown file")
    try:
        data = Path(source).read_bytes()
    except OSError as exc:
        raise TermcheckError(f"{source}: {exc.strerror or exc}") from None
    return [aligned_text_document(source, data, target)]


def cannot_fix_note(doc: Document, count: int) -> str:
    return (f"{doc.path}: {count} suggestion(s) not written: --fix, --diff and review rewrite text, Markdown "
            "and DOCX files only, not the targets of a bilingual file (PO, XLIFF, TMX, TSV, XLSX); apply them in "
            "your editor")


def _bytes_as_read(doc: Document) -> bytes:
    """The file's bytes, which must still be those the document was read from."""
    from termcheck.fixes import digest

    try:
        data = Path(doc.path).read_bytes()
    except OSError as exc:
        raise TermcheckError(f"{doc.path}: not fixed: {exc.strerror or exc}") from None
    if doc.digest is not None and digest(data) != doc.digest:
        raise TermcheckError(f"{doc.path}: not fixed: the file changed since it was read")
    return data


def _diffs(linter: Linter, documents: list[Document], findings: list[Finding], notes: list[str]) -> str:
    out = []
    for doc in documents:
        if doc.rewritable:  # the diff of the text the document shows, as the fixes would rewrite it
            data, applied = fix_rewritable_document(linter, doc, _bytes_as_read(doc),
                                                    [f for f in findings if f.path == doc.path])
            if applied:  # the findings applied
                out.append(unified_diff(doc.path, doc.text, document_from_bytes(doc.path, data).text))
            continue
        if doc.virtual:
            unwritten = sum(1 for f in findings if f.path == doc.path and f.suggestion is not None)
            if unwritten:
                notes.append(cannot_fix_note(doc, unwritten))
            continue
        fixed = fix_document(linter, doc, [f for f in findings if f.path == doc.path])
        if fixed.applied:
            out.append(unified_diff(doc.path, doc.text, fixed.text))
    return "".join(out)


def _annotate(documents: list[Document], findings: list[Finding], fuzzy: bool) -> list[str]:
    from termcheck.annotate import annotate_po
    from termcheck.documents.po import decode_po, po_charset

    errors = []
    for doc in documents:
        if Path(doc.path).suffix.lower() != ".po":
            errors.append(f"{doc.path}: --annotate writes PO catalogues only; not annotated")
            continue
        mine = [f for f in findings if f.path == doc.path]
        data = Path(doc.path).read_bytes()
        original = decode_po(doc.path, data)
        annotated, _ = annotate_po(original, mine, {s.id: s.line for s in doc.segments}, fuzzy)
        if annotated == original:
            continue
        charset = po_charset(data)
        if charset in ("utf-8", "utf8"):
            _, encoding, bom = decode(doc.path, data)  # UTF-8 with or without BOM, or UTF-16 by its BOM
            output = encode(annotated, encoding, bom)
        else:
            output = annotated.encode(charset)
        try:
            write_atomically(doc.path, output, expected_digest=doc.digest)
        except TermcheckError as exc:
            errors.append(str(exc))
    return errors


def _fix_line(f: Finding) -> str:
    where = f" [segment {f.segment}]" if f.segment is not None and f.segment != str(f.line) else ""
    return f"fixed {f.path}:{f.line}:{f.column}:{where} {f.rule} “{f.text}” -> “{f.suggestion}”"


def _fix(linter: Linter, documents: list[Document], findings: list[Finding],
         decisions_path: str | None, show_fixes: bool = False
         ) -> tuple[list[Document], list[str], list[str], tuple[int, int]]:
    """Write the safe fixes, honouring the editor's decisions: a rejected finding is never changed, an
    accepted or edited one is applied; the decisions so carried out leave the decisions file. Also returns
    how many fixes were written, in how many files."""
    decisions = DecisionsFile.load(decisions_path) if decisions_path is not None else None
    carried_out: list[Decision] = []
    fixed_documents, errors = [], []
    notes_first: list[str] = []
    fixed_count = fixed_files = 0
    for doc in documents:
        if doc.virtual and not doc.rewritable:
            fixed_documents.append(doc)  # its findings are not fixable: nothing to write
            unwritten = sum(1 for f in findings if f.path == doc.path and f.suggestion is not None)
            if unwritten:
                notes_first.append(cannot_fix_note(doc, unwritten))
            continue
        applied_here: list[Decision] = []
        decide = None
        if decisions is not None:
            def decide(found: list[Finding], text: str, doc: Document = doc,
                       applied_here: list[Decision] = applied_here) -> list[Finding]:
                assign_fingerprints(found, {doc.path: text})
                changes, applied = decisions.changes(found, {doc.path: text})
                applied_here.extend(applied)
                return changes
        own = [f for f in findings if f.path == doc.path]
        if doc.rewritable:
            try:
                data, done = fix_rewritable_document(linter, doc, _bytes_as_read(doc), own, decide)
            except TermcheckError as exc:
                errors.append(str(exc))
                fixed_documents.append(doc)
                continue
        else:
            fixed = fix_document(linter, doc, own, decide)
            data, done = encode(fixed.text, doc.encoding, doc.bom), list(fixed.fixed)
        applied = len(done)
        if not applied:
            fixed_documents.append(doc)
            continue
        try:
            write_atomically(doc.path, data, expected_digest=doc.digest)
        except TermcheckError as exc:
            errors.append(str(exc))
            fixed_documents.append(doc)
            continue
        carried_out.extend(applied_here)
        if show_fixes:
            notes_first.extend(_fix_line(f) for f in done)
        fixed_documents.append(document_from_bytes(doc.path, data))
        fixed_count += applied
        fixed_files += 1
    notes = notes_first
    if decisions is not None and carried_out:
        decisions.forget(carried_out)
        try:
            decisions.save()
            notes.append(f"applied {len(carried_out)} decision(s) from {decisions.path}")
        except TermcheckError as exc:
            errors.append(str(exc))
    return fixed_documents, errors, notes, (fixed_count, fixed_files)


def _exit_code(findings: list[Finding], fail_on: Severity) -> int:
    return 1 if any(f.severity.rank >= fail_on.rank for f in findings) else 0
