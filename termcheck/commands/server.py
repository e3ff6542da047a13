"""`termcheck server`: a Language Server Protocol server over standard input and output (docs/editors.md).

It lints each open document as the editor holds it (read by the reader its suffix picks, as `lint` reads a
file), on open, on save and after a pause in typing, and publishes the findings as diagnostics. Code
actions replace a finding with its suggestion, or record the editor's rejection in the decisions file
that `termcheck lint` and `termcheck review` use. The configuration and glossaries are those `lint` would
find from the workspace folder; they are read again when termcheck.toml or a glossary changes.

pygls is imported here only, so that other commands do not pay for it at start-up.
"""
from __future__ import annotations

import asyncio
import logging
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from termcheck import __version__
from termcheck.commands.lint import LintOptions, build_linter, resolve_options
from termcheck.config import find_config
from termcheck.decisions import DEFAULT_NAME as DEFAULT_DECISIONS
from termcheck.decisions import DecisionsFile, occurrences
from termcheck.documents.loading import document_from_bytes, too_large
from termcheck.documents.model import Document
from termcheck.engine import Linter
from termcheck.errors import InputError, TermcheckError
from termcheck.findings import Finding, Severity
from termcheck.fingerprints import assign_fingerprints

SOURCE = "termcheck"
# Where each rule is explained: docs/rules.md, whose headings are "## TC101 deprecated-rendering". The
# project's public address is not settled: this constant is the one place to change when it is.
RULES_DOCS_URL = "https://github.com/termcheck/termcheck/blob/main/docs/rules.md"
REJECT_COMMAND = "termcheck.rejectFinding"
DEBOUNCE_SECONDS = 0.3  # after the last change of a burst of typing: one lint, not one per keystroke
# Files an editor cannot show as text: nothing to lint in its buffer.
BINARY_SUFFIXES = frozenset({".docx", ".xlsx"})
# What a change to which means the findings may change (watched when the client can watch files).
WATCHED_GLOBS = ("**/termcheck.toml", "**/.termcheck.toml", "**/pyproject.toml", "**/*.tsv", "**/*.csv",
                 "**/*.tbx", "**/*.xlsx", f"**/{DEFAULT_DECISIONS}")
SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
# Characters that a bilingual file escapes (XML, PO): a suggestion with one is not pasted in as it is.
ESCAPED_IN_FILES = frozenset('&<>"\\')

log = logging.getLogger(__name__)


# Positions: findings count code points; LSP counts UTF-16 code units by default, on lines ended by
# \n, \r\n or \r (not by the other breaks str.splitlines knows).

def line_starts(text: str) -> list[int]:
    starts = [0]
    for index, char in enumerate(text):
        if char == "\n" or (char == "\r" and text[index + 1:index + 2] != "\n"):
            starts.append(index + 1)
    return starts


def code_units(text: str, encoding: str = types.PositionEncodingKind.Utf16) -> int:
    if encoding == types.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8", "surrogatepass"))
    if encoding == types.PositionEncodingKind.Utf32:
        return len(text)
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def lsp_position(text: str, starts: list[int], offset: int, encoding: str) -> types.Position:
    line = bisect_right(starts, offset) - 1
    return types.Position(line=line, character=code_units(text[starts[line]:offset], encoding))


def _before(a: types.Position, b: types.Position) -> bool:
    return (a.line, a.character) < (b.line, b.character)


def overlaps(a: types.Range, b: types.Range) -> bool:
    """Do two ranges share a position (a cursor touching a finding counts)?"""
    return not (_before(a.end, b.start) or _before(b.end, a.start))


@dataclass
class Located:
    """A finding with where the editor shows it, and whether its suggestion can replace that range."""

    finding: Finding
    range: types.Range
    replaceable: bool


def locate(finding: Finding, document: Document, text: str, starts: list[int], encoding: str) -> Located:
    if not document.virtual:
        start = lsp_position(text, starts, finding.start, encoding)
        end = lsp_position(text, starts, finding.end, encoding)
        return Located(finding, types.Range(start=start, end=end), True)
    return _locate_in_file(finding, text, starts, encoding)


def _locate_in_file(finding: Finding, text: str, starts: list[int], encoding: str) -> Located:
    """A finding in a bilingual file's target view: offsets are not the file's, so look for its text from
    its segment's line on (a PO msgstr or an XLIFF target may run over a few lines)."""
    first = max(0, min(finding.line - 1, len(starts) - 1))
    for line in range(first, min(first + 20, len(starts))):
        end_of_line = starts[line + 1] if line + 1 < len(starts) else len(text)
        found = text.find(finding.text, starts[line], end_of_line) if finding.text else -1
        if found >= 0:
            start = lsp_position(text, starts, found, encoding)
            end = lsp_position(text, starts, found + len(finding.text), encoding)
            safe = not ESCAPED_IN_FILES & set(finding.suggestion or "")
            return Located(finding, types.Range(start=start, end=end), safe)
    end_of_line = starts[first + 1] - 1 if first + 1 < len(starts) else len(text)
    whole = types.Range(start=lsp_position(text, starts, starts[first], encoding),
                        end=lsp_position(text, starts, max(starts[first], end_of_line), encoding))
    return Located(finding, whole, False)


def rule_url(finding: Finding) -> str:
    return f"{RULES_DOCS_URL}#{finding.rule.lower()}-{finding.name.lower()}"


def diagnostic(located: Located) -> types.Diagnostic:
    finding = located.finding
    message = finding.message
    if finding.suggestion is not None and finding.suggestion not in message:
        message += f" -> {finding.suggestion}"
    return types.Diagnostic(
        range=located.range, message=message, severity=SEVERITIES[finding.severity], code=finding.rule,
        code_description=types.CodeDescription(href=rule_url(finding)), source=SOURCE,
        data={"fingerprint": finding.fingerprint},
    )


def unreadable(reason: str) -> types.Diagnostic:
    start = types.Position(line=0, character=0)
    return types.Diagnostic(range=types.Range(start=start, end=start), severity=types.DiagnosticSeverity.Warning,
                            message=f"termcheck cannot read this document: {reason}", source=SOURCE)


def uri_path(uri: str) -> str:
    """The file a document URI names (a path for an untitled buffer too: its suffix picks the reader)."""
    parsed = urlparse(uri)
    path = unquote(parsed.path)
    if parsed.scheme == "file" and len(path) > 2 and path[0] == "/" and path[2] == ":":
        path = path[1:]  # file:///C:/x on Windows
    return path


def _mtime(path: str | Path | None) -> int | None:
    if path is None:
        return None
    try:
        return Path(path).stat().st_mtime_ns
    except OSError:
        return None


@dataclass
class Workspace:
    """One workspace folder's configuration and the Linter built from it, rebuilt when the files it was
    built from change."""

    root: Path
    config_path: Path | None = None  # given on the command line: used for every folder
    options: LintOptions | None = None
    linter: Linter | None = None
    stamp: tuple[tuple[str, int | None], ...] = ()

    def current(self) -> tuple[LintOptions, Linter]:
        stamp = self._stamp()
        if self.linter is None or self.options is None or stamp != self.stamp:
            self.options, self.linter = self._build()
            self.stamp = self._stamp()
        return self.options, self.linter

    def _config(self) -> Path | None:
        return self.config_path if self.config_path is not None else find_config(self.root)

    def _build(self) -> tuple[LintOptions, Linter]:
        config = self._config()
        options = resolve_options(config)[0] if config is not None else LintOptions(paths=[])
        linter, _ = build_linter(options)
        return options, linter

    def _stamp(self) -> tuple[tuple[str, int | None], ...]:
        config = self._config()
        files: list[str] = [str(config)] if config is not None else []
        if self.options is not None:
            files += [*self.options.glossaries, *self.options.names]
        return tuple((path, _mtime(path)) for path in files)

    def decisions_path(self, document_path: str) -> str:
        """The configured decisions file, or the nearest termcheck-decisions.json from the document's
        folder up to the workspace folder, or a new one in the workspace folder."""
        assert self.options is not None
        if self.options.decisions is not None:
            return self.options.decisions
        folder = Path(document_path).resolve().parent
        for directory in (folder, *folder.parents):
            if (directory / DEFAULT_DECISIONS).is_file():
                return str(directory / DEFAULT_DECISIONS)
            if directory == self.root:
                break
        return str(self.root / DEFAULT_DECISIONS)


class Unreadable(Exception):
    """The document in the editor is not what its reader reads (a PO or XLIFF file half typed)."""


@dataclass
class Linted:
    """The last lint of an open document: what the code actions offer."""

    version: int | None
    located: list[Located] = field(default_factory=list)


class TermcheckServer(LanguageServer):
    def __init__(self, config_path: Path | None = None) -> None:
        super().__init__("termcheck", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.config_path = config_path
        self.workspaces: dict[Path, Workspace] = {}
        self.linted: dict[str, Linted] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.reported_errors: set[str] = set()

    # Scheduling

    def schedule(self, uri: str, delay: float) -> None:
        """Lint `uri` after `delay` seconds, replacing a lint already waiting: a burst lints once."""
        self.cancel(uri)
        self.pending[uri] = asyncio.get_running_loop().call_later(delay, self._lint_now, uri)

    def _lint_now(self, uri: str) -> None:
        self.pending.pop(uri, None)
        try:
            self.lint(uri)
        except Exception as exc:  # a server that dies on one document serves none
            log.exception("termcheck: linting %s failed", uri)
            self._show_error(f"termcheck could not lint {uri}: {exc}")

    def cancel(self, uri: str) -> None:
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()

    def forget(self, uri: str) -> None:
        self.cancel(uri)
        self.linted.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    # Linting

    def workspace_for(self, path: str) -> Workspace:
        resolved = Path(path).resolve()
        roots = [Path(uri_path(folder.uri)).resolve() for folder in self.workspace.folders.values()]
        if self.workspace.root_path:
            roots.append(Path(self.workspace.root_path).resolve())
        inside = [root for root in roots if resolved.is_relative_to(root)]
        root = max(inside, key=lambda r: len(r.parts)) if inside else resolved.parent
        if root not in self.workspaces:
            self.workspaces[root] = Workspace(root, self.config_path)
        return self.workspaces[root]

    def lint(self, uri: str) -> None:
        text_document = self.workspace.get_text_document(uri)
        path = uri_path(uri)
        if Path(path).suffix.lower() in BINARY_SUFFIXES:
            return
        try:
            located = self.findings(path, text_document.source)
            diagnostics = [diagnostic(item) for item in located]
        except Unreadable as exc:
            located, diagnostics = [], [unreadable(str(exc))]
        except TermcheckError as exc:  # the configuration or a glossary: nothing to lint with
            self._show_error(str(exc))
            return
        self.reported_errors.clear()
        self.linted[uri] = Linted(text_document.version, located)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=text_document.version, diagnostics=diagnostics))

    def findings(self, path: str, text: str) -> list[Located]:
        """What `termcheck lint` would report on this text, rejected findings left out."""
        workspace = self.workspace_for(path)
        document, findings = self._lint_text(workspace, path, text)
        decisions = DecisionsFile.load(workspace.decisions_path(path))
        kept = decisions.apply(findings, {document.path: document.text}, [document.path]).findings
        starts = line_starts(text)
        encoding = self.workspace.position_encoding or types.PositionEncodingKind.Utf16
        return [locate(finding, document, text, starts, encoding) for finding in kept]

    def _lint_text(self, workspace: Workspace, path: str, text: str) -> tuple[Document, list[Finding]]:
        options, linter = workspace.current()
        data = text.encode("utf-8")
        limit = int(options.max_file_size * 1_000_000)
        if limit and len(data) > limit:
            raise Unreadable(too_large(len(data), limit))
        try:
            document = document_from_bytes(path, data)
        except InputError as exc:
            raise Unreadable(exc.reason) from None
        findings = linter.lint([document])
        assign_fingerprints(findings, {document.path: document.text})
        return document, findings

    def reject(self, uri: str, fingerprint: str) -> bool:
        """Record the editor's rejection of the finding with this fingerprint, and lint again."""
        if urlparse(uri).scheme != "file":
            self._show_error("termcheck: save the document first: a decision names the document's file")
            return False
        try:
            return self._reject(uri, fingerprint)
        except TermcheckError as exc:  # the decisions file cannot be read or written
            self._show_error(str(exc))
            return False

    def _reject(self, uri: str, fingerprint: str) -> bool:
        path = uri_path(uri)
        text = self.workspace.get_text_document(uri).source
        workspace = self.workspace_for(path)
        document, findings = self._lint_text(workspace, path, text)
        order = occurrences(findings)
        for index, finding in enumerate(findings):
            if finding.fingerprint == fingerprint:
                decisions = DecisionsFile.load(workspace.decisions_path(path))
                decisions.record(finding, document.text, fingerprint, "rejected", occurrence=order[index])
                decisions.save()
                self.lint(uri)
                return True
        return False

    def relint_all(self) -> None:
        for uri in list(self.workspace.text_documents):
            self.schedule(uri, 0)

    # Code actions

    def code_actions(self, uri: str, wanted: types.Range) -> list[types.CodeAction]:
        linted = self.linted.get(uri)
        if linted is None or linted.version != self.workspace.get_text_document(uri).version:
            # Asked between a change and its lint: the ranges are stale, and an edit would land elsewhere.
            self.cancel(uri)
            self.lint(uri)
            linted = self.linted.get(uri)
        if linted is None:
            return []
        actions = []
        for item in linted.located:
            if not overlaps(item.range, wanted):
                continue
            finding = item.finding
            shown = diagnostic(item)
            if finding.suggestion is not None and item.replaceable:
                edit = types.WorkspaceEdit(changes={uri: [types.TextEdit(range=item.range,
                                                                          new_text=finding.suggestion)]})
                actions.append(types.CodeAction(
                    title=f"termcheck: replace with “{finding.suggestion}”", kind=types.CodeActionKind.QuickFix,
                    diagnostics=[shown], edit=edit, is_preferred=finding.fixable))
            actions.append(types.CodeAction(
                title="termcheck: reject this finding", kind=types.CodeActionKind.QuickFix, diagnostics=[shown],
                command=types.Command(title="termcheck: reject this finding", command=REJECT_COMMAND,
                                      arguments=[uri, finding.fingerprint])))
        return actions

    def _show_error(self, message: str) -> None:
        """Say what is wrong (a malformed glossary or configuration) once, not at every keystroke."""
        if message in self.reported_errors:
            return
        self.reported_errors.add(message)
        self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=message))


def create_server(config_path: Path | None = None) -> TermcheckServer:
    server = TermcheckServer(config_path)

    @server.feature(types.INITIALIZED)
    async def initialized(ls: TermcheckServer, params: types.InitializedParams) -> None:
        watching = ls.client_capabilities.workspace
        if watching is None or watching.did_change_watched_files is None or \
                not watching.did_change_watched_files.dynamic_registration:
            return  # the mtimes are still checked before each lint
        options = types.DidChangeWatchedFilesRegistrationOptions(
            watchers=[types.FileSystemWatcher(glob_pattern=glob) for glob in WATCHED_GLOBS])
        registration = types.Registration(id="termcheck-watched-files",
                                          method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options)
        try:
            await ls.client_register_capability_async(types.RegistrationParams(registrations=[registration]))
        except Exception:  # a client that offers the capability and then refuses it: lint on without it
            log.warning("termcheck: the client did not register the file watchers", exc_info=True)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: TermcheckServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: TermcheckServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, DEBOUNCE_SECONDS)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: TermcheckServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls: TermcheckServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def watched_files_changed(ls: TermcheckServer, params: types.DidChangeWatchedFilesParams) -> None:
        ls.relint_all()

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    async def code_action(ls: TermcheckServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        return ls.code_actions(params.text_document.uri, params.range)

    @server.command(REJECT_COMMAND)
    async def reject(ls: TermcheckServer, uri: str, fingerprint: str) -> bool:
        return ls.reject(uri, fingerprint)

    return server


def run_server(config_path: Path | None = None) -> None:
    create_server(config_path).start_io()

