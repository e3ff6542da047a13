"""`termcheck server` spoken to as an editor would: JSON-RPC over the pipes of `python -m termcheck server`,
driven by pytest-lsp. Each test has its own workspace folder (tmp_path) with a termcheck.toml that loads only
tests/data/small-glossary.tsv, so the server starts in well under a second."""
import ast
import asyncio
import json
import os
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

pytestmark = pytest.mark.asyncio

SMALL_GLOSSARY = Path(__file__).resolve().parent / "data" / "small-glossary.tsv"
SENTENCE = "We must achieve the two maintenances."
WAIT = 30  # seconds before a test gives up on a notification: far above what a lint takes
# No compiled-glossary cache: the small glossary compiles in milliseconds, and the user's cache stays untouched.
ENV = {**os.environ, "TERMCHECK_CACHE_DIR": ""}


class Published(dict):
    """client.diagnostics that also keeps every publication, in order, per document."""

    def __init__(self) -> None:
        super().__init__()
        self.history: dict[str, list[list[types.Diagnostic]]] = {}

    def __setitem__(self, uri: str, diagnostics: list[types.Diagnostic]) -> None:
        self.history.setdefault(uri, []).append(list(diagnostics))
        super().__setitem__(uri, diagnostics)


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "termcheck", "server"],
                                              server_env=ENV))
async def client(lsp_client: LanguageClient, request: pytest.FixtureRequest):
    workspace: Path = request.getfixturevalue("tmp_path")
    (workspace / "termcheck.toml").write_text(
        f"glossaries = ['{SMALL_GLOSSARY.as_posix()}']\ndefault-glossary = false\n", encoding="utf-8")
    lsp_client.diagnostics = Published()
    lsp_client.workspace_root = workspace
    lsp_client.registrations = []

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def registered(params: types.RegistrationParams) -> None:
        lsp_client.registrations.extend(params.registrations)

    watching = types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True)
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=types.ClientCapabilities(workspace=types.WorkspaceClientCapabilities(
            did_change_watched_files=watching)),
        root_uri=workspace.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=workspace.as_uri(), name="workspace")],
    ))
    yield
    await lsp_client.shutdown_session()


def published(client: LanguageClient, uri: str) -> list[list[types.Diagnostic]]:
    return client.diagnostics.history.get(uri, [])


async def publication(client: LanguageClient, uri: str, after: int) -> list[types.Diagnostic]:
    """The first diagnostics published for `uri` after the first `after` publications."""
    async def arrived() -> list[types.Diagnostic]:
        while len(published(client, uri)) <= after:
            await asyncio.sleep(0.01)
        return published(client, uri)[after]

    return await asyncio.wait_for(arrived(), WAIT)


async def open_document(client: LanguageClient, name: str, text: str) -> tuple[str, list[types.Diagnostic]]:
    path = client.workspace_root / name
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id="plaintext", version=1, text=text)))
    return uri, await publication(client, uri, 0)


def change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


async def actions_at(client: LanguageClient, uri: str, diagnostic: types.Diagnostic) -> list[types.CodeAction]:
    result = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=diagnostic.range,
        context=types.CodeActionContext(diagnostics=[diagnostic])))
    return [action if isinstance(action, types.CodeAction) else _code_action(action) for action in result or []]


def _code_action(misread: types.Command) -> types.CodeAction:
    """lsprotocol's client reads every code action that has a `command` as a Command, with the whole
    command object turned into its string (its _code_action_hook checks only for the key). Undo that."""
    inner = ast.literal_eval(misread.command)
    command = types.Command(title=inner["title"], command=inner["command"], arguments=inner.get("arguments"))
    return types.CodeAction(title=misread.title, command=command)


def applied(text: str, edit: types.TextEdit) -> str:
    """A one-line edit applied to a one-line ASCII text (where characters are code points)."""
    assert edit.range.start.line == edit.range.end.line == 0
    return text[:edit.range.start.character] + edit.new_text + text[edit.range.end.character:]


async def test_a_deprecated_rendering_is_published_with_its_rule_range_and_link(client: LanguageClient):
    _, diagnostics = await open_document(client, "report.txt", SENTENCE + "\n")
    assert len(diagnostics) == 1
    found = diagnostics[0]
    assert found.code == "TC101"
    assert found.source == "termcheck"
    assert found.severity == types.DiagnosticSeverity.Error
    assert found.range == types.Range(start=types.Position(line=0, character=20),
                                      end=types.Position(line=0, character=36))
    assert "Two Upholds" in found.message
    assert found.code_description is not None
    assert found.code_description.href.endswith("rules.md#tc101-deprecated-rendering")


async def test_the_quick_fix_replaces_the_phrase_and_the_diagnostic_goes(client: LanguageClient):
    text = SENTENCE + "\n"
    uri, diagnostics = await open_document(client, "report.md", text)
    fixes = [a for a in await actions_at(client, uri, diagnostics[0]) if a.edit is not None]
    assert len(fixes) == 1 and fixes[0].kind == types.CodeActionKind.QuickFix
    assert fixes[0].edit is not None and fixes[0].edit.changes is not None
    [edit] = fixes[0].edit.changes[uri]
    fixed = applied(text, edit)
    assert fixed == "We must achieve the Two Upholds.\n"
    change(client, uri, 2, fixed)
    assert await publication(client, uri, 1) == []


async def test_rejecting_writes_the_decisions_file_and_the_finding_goes(client: LanguageClient):
    uri, diagnostics = await open_document(client, "report.txt", SENTENCE + "\n")
    [reject] = [a for a in await actions_at(client, uri, diagnostics[0]) if a.command is not None]
    assert reject.title == "termcheck: reject this finding"
    assert reject.command is not None
    await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command=reject.command.command, arguments=reject.command.arguments))
    assert await publication(client, uri, 1) == []
    saved = json.loads((client.workspace_root / "termcheck-decisions.json").read_text(encoding="utf-8"))
    [decision] = saved["decisions"]
    assert (decision["path"], decision["decision"], decision["rule"]) == ("report.txt", "rejected", "TC101")
    assert decision["text"] == "two maintenances"


async def test_a_burst_of_changes_is_linted_once_with_the_last_text(client: LanguageClient):
    uri, diagnostics = await open_document(client, "report.txt", "Nothing to see.\n")
    assert diagnostics == []
    typed = ["W", "We must", "We must achieve", "We must achieve the two", SENTENCE]
    for version, text in enumerate(typed, start=2):
        change(client, uri, version, text + "\n")
    final = await publication(client, uri, 1)
    assert [d.code for d in final] == ["TC101"]
    assert len(published(client, uri)) == 2  # open, then one lint for the whole burst


async def test_a_character_outside_the_bmp_counts_two_utf16_units(client: LanguageClient):
    _, diagnostics = await open_document(client, "report.txt", "Title\n🎉 " + SENTENCE + "\n")
    [found] = diagnostics
    # 🎉 is one code point and two UTF-16 code units: the phrase starts at code point 22, unit 23.
    assert found.range == types.Range(start=types.Position(line=1, character=23),
                                      end=types.Position(line=1, character=39))


async def test_closing_a_document_clears_its_diagnostics(client: LanguageClient):
    uri, diagnostics = await open_document(client, "report.txt", SENTENCE + "\n")
    assert diagnostics
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(
        uri=uri)))
    assert await publication(client, uri, 1) == []


async def test_a_changed_configuration_is_read_before_the_next_lint(client: LanguageClient):
    uri, diagnostics = await open_document(client, "report.txt", SENTENCE + "\n")
    assert diagnostics
    config = client.workspace_root / "termcheck.toml"
    before = config.stat().st_mtime_ns
    config.write_text(config.read_text(encoding="utf-8") + "ignore = ['TC101']\n", encoding="utf-8")
    os.utime(config, ns=(before + 2_000_000_000, before + 2_000_000_000))  # a new mtime, however coarse the clock
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(
        uri=uri)))
    assert await publication(client, uri, 1) == []


async def test_a_po_catalogue_finding_is_placed_on_its_msgstr(client: LanguageClient):
    catalogue = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n\n'
                 f'msgid "坚决做到两个维护。"\nmsgstr "{SENTENCE}"\n')
    _, diagnostics = await open_document(client, "messages.po", catalogue)
    deprecated = [d for d in diagnostics if d.code == "TC101"]
    assert len(deprecated) == 1
    assert deprecated[0].range == types.Range(start=types.Position(line=6, character=28),
                                              end=types.Position(line=6, character=44))


async def test_a_line_ended_by_crlf_counts_as_one_line(client: LanguageClient):
    _, diagnostics = await open_document(client, "report.txt", "Title\r\n\r\n" + SENTENCE + "\r\n")
    [found] = diagnostics
    assert found.range.start == types.Position(line=2, character=20)


async def test_a_decisions_file_changed_outside_the_editor_is_read_again(client: LanguageClient):
    uri, diagnostics = await open_document(client, "report.txt", SENTENCE + "\n")
    [reject] = [a for a in await actions_at(client, uri, diagnostics[0]) if a.command is not None]
    assert reject.command is not None
    await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command=reject.command.command, arguments=reject.command.arguments))
    assert await publication(client, uri, 1) == []
    watched = [r for r in client.registrations if r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES]
    assert len(watched) == 1
    globs = [w["globPattern"] for w in watched[0].register_options["watchers"]]
    assert "**/termcheck-decisions.json" in globs and "**/termcheck.toml" in globs
    decisions = client.workspace_root / "termcheck-decisions.json"
    decisions.unlink()
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[types.FileEvent(
        uri=decisions.as_uri(), type=types.FileChangeType.Deleted)]))
    assert [d.code for d in await publication(client, uri, 2)] == ["TC101"]


async def test_a_broken_configuration_is_shown_to_the_user(client: LanguageClient):
    (client.workspace_root / "termcheck.toml").write_text("fail-on = 'sometimes'\n", encoding="utf-8")
    path = client.workspace_root / "report.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=path.as_uri(), language_id="plaintext", version=1, text=SENTENCE)))

    async def shown() -> types.ShowMessageParams:
        while not client.messages:
            await asyncio.sleep(0.01)
        return client.messages[0]

    message = await asyncio.wait_for(shown(), WAIT)
    assert message.type == types.MessageType.Error
    assert "termcheck.toml" in message.message and "fail-on" in message.message


async def test_a_document_its_reader_refuses_gets_one_diagnostic_saying_why(client: LanguageClient):
    _, diagnostics = await open_document(client, "messages.xlf", "<xliff version='1.2'><file><body><trans-unit")
    [problem] = diagnostics
    assert problem.message.startswith("termcheck cannot read this document: ")
    assert problem.range.start == types.Position(line=0, character=0)


async def test_code_actions_asked_before_the_debounced_lint_use_the_new_text(client: LanguageClient):
    uri, _ = await open_document(client, "report.txt", SENTENCE + "\n")
    moved = "Indeed, " + SENTENCE + "\n"
    change(client, uri, 2, moved)  # its lint waits for the pause in typing; the request comes first
    wanted = types.Diagnostic(range=types.Range(start=types.Position(line=0, character=30),
                                                end=types.Position(line=0, character=30)), message="")
    [fix] = [a for a in await actions_at(client, uri, wanted) if a.edit is not None]
    assert fix.edit is not None and fix.edit.changes is not None
    assert applied(moved, fix.edit.changes[uri][0]) == "Indeed, We must achieve the Two Upholds.\n"
