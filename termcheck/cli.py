"""The command line: parse options, call the pipeline, print, choose the exit code. Nothing else."""
from __future__ import annotations

import os
import stat
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from termcheck import __version__
from termcheck.errors import TermcheckError
from termcheck.formatters.terminal import printable

MAX_JOBS = 256  # more processes than any machine has cores only costs memory

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Terminology and translation-quality checks for Chinese→English translations.",
)

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

# Options several commands share, declared once.
GlossaryOption = Annotated[
    list[Path] | None, typer.Option("--glossary", "-g", help="Extra glossary TSV; repeatable, later files override.")
]
NoDefaultGlossaryOption = Annotated[
    bool | None,
    typer.Option("--no-default-glossary", help="Do not load the bundled default glossary (glossaries/zh-en-*.tsv)."),
]
NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Compile the glossary afresh: neither read nor write the compiled-glossary cache ($TERMCHECK_CACHE_DIR).",
    ),
]
NamesOption = Annotated[
    list[Path] | None, typer.Option("--names", help="Extra proper-names TSV for the pinyin check; repeatable.")
]
SelectOption = Annotated[list[str] | None, typer.Option("--select", help="Only these rule codes or prefixes.")]
IgnoreOption = Annotated[list[str] | None, typer.Option("--ignore", help="Skip these rule codes or prefixes.")]
ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", help="Configuration file (default: the nearest termcheck.toml or pyproject.toml)."),
]


class OutputFormat(str, Enum):
    text = "text"
    json = "json"


class ColorMode(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"termcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool | None, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Print the version.")
    ] = None,
) -> None:
    """termcheck checks English translations of Chinese official texts against a terminology glossary."""


class LintFormat(str, Enum):
    """formatters.FORMATS as a type typer can show and check (a test keeps the two the same)."""
    text = "text"
    concise = "concise"
    json = "json"
    sarif = "sarif"
    github = "github"
    junit = "junit"
    html = "html"


class FailLevel(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


@app.command()
def lint(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files, folders (searched recursively for .docx, .htm, .html, .markdown, .md, .mdown, .mkd,"
                            " .po, .text, .tmx, .txt, .xlf, .xliff) or - for stdin."),
    ],
    glossary: GlossaryOption = None,
    no_default_glossary: NoDefaultGlossaryOption = None,
    names: NamesOption = None,
    source: Annotated[
        Path | None, typer.Option("--source", "-s", help="The line-aligned Chinese source of the one target file.")
    ] = None,
    output_format: Annotated[
        LintFormat | None, typer.Option("--format", "--output-format", "-f", help="Output format.")
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the report to this file.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Text output: the findings only, no summary.")] = False,
    statistics: Annotated[
        bool, typer.Option("--statistics", help="Count the findings per rule and per concept instead of listing them.")
    ] = False,
    fix: Annotated[bool, typer.Option("--fix", help="Apply safe fixes to the files (atomically).")] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Print the safe fixes as a unified diff; write nothing.")
    ] = False,
    show_fixes: Annotated[
        bool, typer.Option("--show-fixes", help="With --fix: list each fix written, where and what.")
    ] = False,
    annotate: Annotated[
        bool,
        typer.Option(
            "--annotate", help="Write findings into PO files as #. comments (clean entries lose earlier ones)."
        ),
    ] = False,
    fuzzy: Annotated[
        bool,
        typer.Option(
            "--fuzzy", help="With --annotate: also mark annotated entries fuzzy (left out of a compiled .mo)."
        ),
    ] = False,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    fail_on: Annotated[
        FailLevel | None, typer.Option("--fail-on", help="Exit 1 on findings of this severity or above.")
    ] = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even with findings (2 still means an error).")
    ] = False,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, max=MAX_JOBS, help="Check files in this many processes.")
    ] = 1,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", metavar="ADDRESS",
                     help="Run on a Dask cluster: local:N for N local worker processes, or tcp://host:port."),
    ] = None,
    baseline: Annotated[
        Path | None, typer.Option("--baseline", help="Report and fail only on findings not recorded in this baseline.")
    ] = None,
    write_baseline: Annotated[
        Path | None, typer.Option("--write-baseline", help="Record today's findings as the baseline; exit 0.")
    ] = None,
    decisions: Annotated[
        Path | None,
        typer.Option("--decisions", help="Editors' decisions file (default: termcheck-decisions.json if present)."),
    ] = None,
    config: ConfigOption = None,
    color: Annotated[ColorMode, typer.Option("--color", help="Colour in text output.")] = ColorMode.auto,
    no_cache: NoCacheOption = False,
    max_file_size: Annotated[
        float | None,
        typer.Option(
            "--max-file-size", min=0, metavar="MB", help="Refuse documents larger than this (default 64; 0: no limit)."
        ),
    ] = None,
    glossary_columns: Annotated[
        str | None,
        typer.Option("--glossary-columns", metavar="FIELD=COLUMN,...",
                     help="Read each --glossary term base with these columns, e.g. zh=source,en=target,"
                          "deprecated=forbidden (fields: zh, zh-traditional, en, admitted, deprecated, note, source)."),
    ] = None,
    glossary_separator: Annotated[
        str | None,
        typer.Option("--glossary-separator", metavar="TEXT",
                     help="What separates several renderings in one cell of those term bases (default ; or |)."),
    ] = None,
) -> None:
    """Check translations and report deprecated, inconsistent or garbled renderings."""
    from termcheck.commands.lint import resolve_options, run_lint

    _only_regular_files(source, *(glossary or []), *(names or []), config, baseline, decisions)
    try:
        options, settings = resolve_options(
            config_path=config,
            paths=paths,
            glossaries=[str(g) for g in glossary or []],
            no_default_glossary=no_default_glossary,
            names=[str(n) for n in names or []],
            source=str(source) if source is not None else None,
            output_format=output_format.value if output_format else None,
            fix=fix,
            diff=diff,
            annotate=annotate,
            fuzzy=fuzzy,
            select=_split_codes(select),
            ignore=_split_codes(ignore),
            fail_on=fail_on.value if fail_on else None,
            exit_zero=exit_zero,
            decisions=str(decisions) if decisions is not None else None,
            color=_use_color(color, output),
            max_file_size=max_file_size,
            glossary_columns=glossary_columns,
            glossary_separator=glossary_separator,
        )
        options.jobs = jobs
        options.scheduler = scheduler
        options.show_fixes = show_fixes
        options.quiet = quiet
        options.progress = not quiet and sys.stderr.isatty()
        options.statistics = statistics
        options.cache = not no_cache
        options.baseline = str(baseline) if baseline is not None else None
        options.write_baseline = str(write_baseline) if write_baseline is not None else None
        outcome = run_lint(options)
    except TermcheckError as exc:
        _fail(str(exc))
    for problem in outcome.errors:
        typer.echo(f"termcheck: error: {printable(problem)}", err=True)
    for note in outcome.notes:
        typer.echo(f"termcheck: {printable(note)}", err=True)
    if output is not None:
        _write_report(output, outcome.rendered, [*paths, *outcome.inputs, *([settings.path] if settings.path else [])])
        if not quiet:
            count = len(outcome.findings)
            typer.echo(f"termcheck: wrote the report to {printable(str(output))} ({count} finding"
                       f"{'' if count == 1 else 's'})", err=True)
    else:
        sys.stdout.write(outcome.rendered)
    raise typer.Exit(outcome.exit_code)


@app.command()
def review(
    paths: Annotated[list[str], typer.Argument(help="The documents to review (folders are searched).")],
    source: Annotated[
        Path | None, typer.Option("--source", "-s", help="Its line-aligned Chinese source, shown beside each finding.")
    ] = None,
    glossary: GlossaryOption = None,
    no_default_glossary: NoDefaultGlossaryOption = None,
    names: NamesOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    decisions: Annotated[
        Path | None, typer.Option("--decisions", help="Decisions file (default: termcheck-decisions.json).")
    ] = None,
    config: ConfigOption = None,
    color: Annotated[ColorMode, typer.Option("--color", help="Highlight with colour.")] = ColorMode.auto,
    no_cache: NoCacheOption = False,
) -> None:
    """Review the findings of documents one by one: accept, reject (with a note), edit, skip, undo, quit."""
    from termcheck.commands.lint import resolve_options
    from termcheck.commands.review import run_review

    _only_regular_files(source, *(glossary or []), *(names or []), config, decisions)
    try:
        options, _ = resolve_options(
            config_path=config, paths=paths, glossaries=[str(g) for g in glossary or []],
            no_default_glossary=no_default_glossary, names=[str(n) for n in names or []],
            source=str(source) if source is not None else None, select=_split_codes(select),
            ignore=_split_codes(ignore), decisions=str(decisions) if decisions is not None else None,
            color=_use_color(color, None),
        )
        options.cache = not no_cache
        raise typer.Exit(run_review(options, options.decisions))
    except TermcheckError as exc:
        _fail(str(exc))


@app.command("config")
def show_config(
    config: Annotated[
        Path | None, typer.Option("--config", help="Configuration file to read instead of searching.")
    ] = None,
) -> None:
    """Print the effective configuration and where each value comes from."""
    from termcheck.commands.lint import describe_config

    _only_regular_files(config)
    try:
        typer.echo(describe_config(config), nl=False)
    except TermcheckError as exc:
        _fail(str(exc))


glossary_app = typer.Typer(no_args_is_help=True, help="Validate, count and search glossaries and term bases.")
app.add_typer(glossary_app, name="glossary")


@glossary_app.command("validate")
def glossary_validate(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Glossaries (TSV, CSV, TBX); the bundled ones if none is named.")
    ] = None,
) -> None:
    """Report every error and warning of some glossary files in one run, each with its file, line and column."""
    from termcheck.commands.glossary import run_validate

    _only_regular_files(*(files or []))
    try:
        text, status = run_validate([str(f) for f in files or []])
    except TermcheckError as exc:
        _fail(str(exc))
    typer.echo(text, nl=False)
    raise typer.Exit(status)


@glossary_app.command("stats")
def glossary_stats(
    files: Annotated[list[Path] | None, typer.Argument(help="Glossaries; the bundled ones if none is named.")] = None,
) -> None:
    """Count a glossary's concepts, renderings, sources, severities and tags."""
    from termcheck.commands.glossary import run_stats

    _only_regular_files(*(files or []))
    try:
        typer.echo(run_stats([str(f) for f in files or []]), nl=False)
    except TermcheckError as exc:
        _fail(str(exc))


@glossary_app.command("search")
def glossary_search(
    text: Annotated[str, typer.Argument(help="An English phrase or a Chinese term.")],
    glossary: GlossaryOption = None,
) -> None:
    """Which entries an English phrase or a Chinese term matches, and as what."""
    from termcheck.commands.glossary import run_search

    _only_regular_files(*(glossary or []))
    try:
        typer.echo(run_search(text, [str(g) for g in glossary or []]), nl=False)
    except TermcheckError as exc:
        _fail(str(exc))


@glossary_app.command("export")
def glossary_export(
    to: Annotated[str, typer.Option("--to", help="tbx (TBX-Basic, for CAT tools), csv or xlsx.")],
    files: Annotated[list[Path] | None, typer.Argument(help="Glossaries; the bundled ones if none is named.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file (atomically).")] = None,
) -> None:
    """Write a glossary as a TBX, CSV or XLSX term base, every term with its status."""
    from termcheck.commands.glossary import run_export
    from termcheck.fixes import write_new_atomically

    _only_regular_files(*(files or []))
    if to == "xlsx" and output is None and sys.stdout.isatty():
        _fail("an XLSX workbook is binary: write it with -o FILE.xlsx (or redirect standard output)")
    try:
        data = run_export([str(f) for f in files or []], to)
        if output is None:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            if any(os.path.exists(f) and os.path.realpath(f) == os.path.realpath(output) for f in files or []):
                _fail(f"{output}: not written: it is one of the glossaries read")
            write_new_atomically(str(output), data)
    except TermcheckError as exc:
        _fail(str(exc))


@glossary_app.command("add")
def glossary_add(
    file: Annotated[Path, typer.Argument(help="The TSV glossary to append to (created if missing).")],
    zh: Annotated[str, typer.Option("--zh", help="The Chinese term.")],
    en: Annotated[str, typer.Option("--en", help="Its standard English rendering.")],
    admitted: Annotated[list[str] | None, typer.Option("--admitted", help="An acceptable variant; repeatable.")] = None,
    deprecated: Annotated[list[str] | None, typer.Option("--deprecated", help="A wrong rendering; repeatable.")] = None,
    note: Annotated[str, typer.Option("--note", help="A short explanation shown with findings.")] = "",
    source: Annotated[str, typer.Option("--source", help="What backs the rendering: a URL or publication.")] = "",
) -> None:
    """Append one well-formed row to a glossary, checked before it is written."""
    from termcheck.commands.glossary import run_add
    from termcheck.glossary.model import Entry

    _only_regular_files(file)
    try:
        row = Entry(zh, en, admitted=tuple(admitted or ()), deprecated=tuple(deprecated or ()), note=note,
                    source=source)
        typer.echo(run_add(str(file), row), nl=False)
    except TermcheckError as exc:
        _fail(str(exc))


@glossary_app.command("mine")
def glossary_mine(
    targets: Annotated[list[Path], typer.Argument(help="Translations: bilingual files (TSV, PO, XLIFF), or "
                                                       "plain-text files line-aligned with --source.")],
    source: Annotated[Path | None, typer.Option("--source", help="The Chinese source, line-aligned with "
                                                                 "each plain-text target.")] = None,
    glossary: GlossaryOption = None,
    no_default_glossary: NoDefaultGlossaryOption = None,
    min_count: Annotated[int, typer.Option("--min-count", min=1, help="Leave out renderings seen fewer times.")] = 1,
    unknown: Annotated[int, typer.Option("--unknown", min=0, help="Also list this many frequent source words "
                                                                  "no concept covers (0: none).")] = 50,
) -> None:
    """Propose glossary rows from a parallel corpus: how each concept is rendered, as a TSV for review."""
    from termcheck.commands.glossary import run_mine
    from termcheck.commands.lint import LintOptions

    _only_regular_files(*targets, source, *(glossary or []))
    try:
        options = LintOptions(paths=[], glossaries=[str(g) for g in glossary or []],
                              default_glossary=not no_default_glossary)
        typer.echo(run_mine([str(t) for t in targets], str(source) if source else None, options, min_count,
                            unknown), nl=False)
    except TermcheckError as exc:
        _fail(str(exc))


@app.command()
def rules(
    code: Annotated[str | None, typer.Argument(help="Explain one rule, e.g. TC101.")] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="text, json or markdown.")] = "text",
) -> None:
    """List the rule catalogue, or explain one rule."""
    from termcheck.commands.rules import render_rules

    try:
        typer.echo(render_rules(code, output_format), nl=False)
    except TermcheckError as exc:
        _fail(str(exc))


@app.command()
def server(
    config: Annotated[
        Path | None,
        typer.Option("--config", help="Configuration file for every workspace folder (default: the nearest "
                                      "termcheck.toml or pyproject.toml from each folder)."),
    ] = None,
    stdio: Annotated[
        bool, typer.Option("--stdio", help="Speak over standard input and output (the default and only transport).")
    ] = False,
) -> None:
    """Run a Language Server Protocol server over stdio: diagnostics and quick fixes in an editor (docs/editors.md)."""
    from termcheck.commands.server import run_server

    _only_regular_files(config)
    run_server(config)


@app.command()
def score(
    hypotheses: Annotated[
        list[Path], typer.Argument(help="System outputs, one segment a line; the first is the baseline.")
    ],
    ref: Annotated[list[Path], typer.Option("--ref", "-r", help="Reference translation, line-aligned; repeatable.")],
    source: Annotated[
        Path | None, typer.Option("--source", "-s", help="The line-aligned Chinese source: adds the term success rate.")
    ] = None,
    glossary: GlossaryOption = None,
    no_default_glossary: NoDefaultGlossaryOption = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.text,
    worst: Annotated[int, typer.Option("--worst", min=0, help="Show this many worst segments by sentence chrF.")] = 5,
    metrics: Annotated[
        list[str] | None,
        typer.Option("--metrics", "-m", help="Only these of bleu, chrf, ter, terms (comma-separated; default: all)."),
    ] = None,
) -> None:
    """Score translations against references: BLEU, chrF, TER (sacrebleu) and the glossary's term success rate."""
    from termcheck.commands.score import ScoreOptions, run_score

    _only_regular_files(*hypotheses, *ref, source, *(glossary or []))
    options = ScoreOptions(
        hypotheses=[str(h) for h in hypotheses],
        references=[str(r) for r in ref],
        source=str(source) if source is not None else None,
        glossaries=[str(g) for g in glossary or []],
        default_glossary=not no_default_glossary,
        output_format=output_format.value,
        worst=worst,
        metrics=metrics,
    )
    try:
        rendered = run_score(options)
    except TermcheckError as exc:
        _fail(str(exc))
    sys.stdout.write(rendered)


def _only_regular_files(*paths: Path | None) -> None:
    """Refuse a named input that exists but is no regular file: reading a FIFO or a device blocks
    forever or never ends (documents are refused the same way when they are read)."""
    for path in paths:
        if path is None or str(path) == "-":
            continue
        try:
            mode = os.stat(path).st_mode
        except OSError:
            continue  # a missing file is reported, with its reason, where it is read
        if not stat.S_ISREG(mode):
            _fail(f"{path}: not a regular file")


def _split_codes(values: list[str] | None) -> list[str]:
    return [c.strip().upper() for v in values or [] for c in v.split(",") if c.strip()]


def _write_report(output: Path, rendered: str, inputs: list[str]) -> None:
    """Atomically, and never over a file the run read: a document (`-o doc.md doc.md`, or one found in a
    folder), the source, a glossary, names, config, decisions or baseline file."""
    from termcheck.fixes import write_new_atomically

    target = os.path.realpath(output)
    if any(p != "-" and os.path.exists(p) and os.path.realpath(p) == target for p in inputs):
        _fail(f"{output}: not written: it is one of the files this run read")
    try:
        write_new_atomically(str(output), rendered.encode("utf-8", "surrogateescape"))
    except TermcheckError as exc:
        _fail(f"cannot write report: {exc}")


def _use_color(mode: ColorMode, output: Path | None) -> bool:
    if mode is ColorMode.always:
        return True
    if mode is ColorMode.never or output is not None or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _fail(message: str) -> None:
    typer.echo(f"termcheck: error: {printable(message)}", err=True)
    raise typer.Exit(EXIT_ERROR)


def main() -> None:
    app()
