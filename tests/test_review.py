"""`termcheck review`, driven for real in a pseudo-terminal (pexpect): accept, reject, edit, undo, quit."""
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pexpect
import pytest
from conftest import SMALL_GLOSSARY, SMALL_NAMES

TEXT = ("We must achieve the two maintenances.\nThe battlefort stands, and the the work goes on.\n"
        "See Ye Zhiqiu's keenness.\n")
ARGS = ["--no-default-glossary", "--glossary", str(SMALL_GLOSSARY), "--names", str(SMALL_NAMES), "--color", "never"]
PROMPT = r"\[q\]uit > "


def spawn(tmp_path, *extra):
    return pexpect.spawn(sys.executable, ["-m", "termcheck", "review", *ARGS, *extra, "doc.txt"],
                         cwd=str(tmp_path), encoding="utf-8", timeout=30, dimensions=(40, 200))


@pytest.fixture
def doc(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_accept_reject_edit_then_quit_writes_file_and_decisions(tmp_path, doc):
    child = spawn(tmp_path)
    child.expect(r"\(1/4\) doc.txt:1:21 TC101")
    child.expect(r"\[\[two maintenances\]\]")
    child.expect(PROMPT)
    child.sendline("a")
    child.expect(r"\(2/4\).*\[\[battlefort\]\]")
    child.expect(PROMPT)
    child.sendline("s")           # skip ...
    child.expect(r"\(3/4\)")
    child.expect(PROMPT)
    child.sendline("u")           # ... and undo the skip: back to the battlefort
    child.expect(r"\(2/4\).*\[\[battlefort\]\]")
    child.expect(PROMPT)
    child.sendline("r")
    child.expect(r"\(3/4\).*\[\[the the\]\]")
    child.expect(PROMPT)
    child.sendline("e")
    child.expect("Enter keeps")
    child.sendline("the")
    child.expect(r"\(4/4\)")
    child.expect(PROMPT)
    child.sendline("q")
    child.expect(r"Write 3 decision\(s\) before quitting\? \[y/N\]")
    child.sendline("y")
    child.expect(r"Wrote 2 change\(s\) to doc.txt; 1 rejection\(s\)")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert doc.read_text(encoding="utf-8") == (
        "We must achieve the Two Upholds.\nThe battlefort stands, and the work goes on.\nSee Ye Zhiqiu's keenness.\n")
    decisions = json.loads((tmp_path / "termcheck-decisions.json").read_text(encoding="utf-8"))
    assert [(d["decision"], d["text"]) for d in decisions["decisions"]] == [("rejected", "battlefort")]
    # The next lint honours the rejection; the review asks only about what is left.
    child = spawn(tmp_path)
    child.expect(r"\(1/1\).*See Ye Zhiqiu's keenness")
    child.expect(PROMPT)
    child.sendline("q")
    child.expect("Nothing was written")
    child.expect(pexpect.EOF)


def wait_until_reading(child, seconds=120.0):
    """Wait until the child is in its read of standard input. Review writes each prompt before it reads
    the answer, so a Ctrl-C sent on seeing the prompt can land in between, outside the read that turns
    it into an abort (a traceback, no "Aborted"); the slower the machine, the wider that window. With a
    pause put there in review.prompt, the test failed every time without this wait.
    /proc/PID/syscall names the system call a process is blocked in; reading /proc/self/syscall is
    itself a read, which gives read's number on this machine."""
    try:
        read = Path("/proc/self/syscall").read_text().split()[0]
        Path(f"/proc/{child.pid}/syscall").read_text()
    except OSError:  # no /proc (macOS), or not allowed to look: the best there is, a pause
        time.sleep(1)
        return
    deadline = time.monotonic() + seconds
    while Path(f"/proc/{child.pid}/syscall").read_text().split()[:2] != [read, "0x0"]:  # read(0, ...)
        assert child.isalive() and time.monotonic() < deadline, "review never waited for an answer"
        time.sleep(0.01)


def test_abort_writes_nothing(tmp_path, doc):
    child = spawn(tmp_path)
    child.timeout = 120  # a generous wait for each output: a loaded machine starts Python slowly
    child.expect(PROMPT)
    child.sendline("a")
    child.expect(PROMPT)
    wait_until_reading(child)
    child.sendintr()  # Ctrl-C
    child.expect("Aborted: nothing was written")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert doc.read_text(encoding="utf-8") == TEXT
    assert not (tmp_path / "termcheck-decisions.json").exists()


def test_quit_without_confirming_writes_nothing(tmp_path, doc):
    child = spawn(tmp_path)
    child.expect(PROMPT)
    child.sendline("r")
    child.expect(PROMPT)
    child.sendline("q")
    child.expect(r"\[y/N\]")
    child.sendline("n")
    child.expect("Nothing was written")
    child.expect(pexpect.EOF)
    assert doc.read_text(encoding="utf-8") == TEXT
    assert not (tmp_path / "termcheck-decisions.json").exists()


def test_accepting_a_suggestion_lint_would_not_apply_asks_first(tmp_path):
    glossary = tmp_path / "g.tsv"
    glossary.write_text("zh\ten\tdeprecated\ttags\tsource\n"
                        "生命重于泰山\tnothing is more precious than life\tlife is heavier than Mount Tai"
                        "\tslogan\ttest\n",
                        encoding="utf-8")
    doc = tmp_path / "doc.txt"
    doc.write_text("We know life is heavier than Mount Tai.\n", encoding="utf-8")
    child = pexpect.spawn(sys.executable, ["-m", "termcheck", "review", "--no-default-glossary", "--glossary",
                                           str(glossary), "--color", "never", "doc.txt"],
                          cwd=str(tmp_path), encoding="utf-8", timeout=30, dimensions=(40, 200))
    child.expect(r"not a drop-in")
    child.expect(PROMPT)
    child.sendline("a")
    child.expect(r"not applied by --fix")
    child.expect(r"anyway\? \[y/N\] ")
    child.sendline("n")           # not confirmed: asked again, nothing recorded
    child.expect(PROMPT)
    child.sendline("a")
    child.expect(r"anyway\? \[y/N\] ")
    child.sendline("y")
    child.expect(r"Wrote 1 change\(s\) to doc.txt")
    child.expect(pexpect.EOF)
    assert doc.read_text(encoding="utf-8") == "We know nothing is more precious than life.\n"


def run_review(tmp_path, name: bytes, answers: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "termcheck", "review", *ARGS, os.fsdecode(name)], cwd=str(tmp_path),
                          input=answers, capture_output=True, timeout=60)


def test_a_rejection_on_a_file_whose_name_is_not_utf8_is_kept(tmp_path):
    name = b"d\xff.txt"
    (tmp_path / os.fsdecode(name)).write_text("We must achieve the two maintenances.\n", encoding="utf-8")
    result = run_review(tmp_path, name, b"r\n")
    assert result.returncode == 0 and b"Traceback" not in result.stderr, result.stderr
    saved = json.loads((tmp_path / "termcheck-decisions.json").read_text(encoding="utf-8"))
    assert [(d["decision"], os.fsencode(d["path"])) for d in saved["decisions"]] == [("rejected", name)]
    # And it holds: the next review finds nothing left to ask about.
    again = run_review(tmp_path, name, b"q\n")
    assert b"TC101" not in again.stdout


def test_text_the_terminal_cannot_decode_is_asked_again_at_the_edit_prompt(tmp_path):
    doc = tmp_path / "d.txt"
    doc.write_text("We must achieve the two maintenances.\n", encoding="utf-8")
    result = run_review(tmp_path, b"d.txt", b"e\n\xff\xfe bad\ne\nTwo Upholds\n")
    assert result.returncode == 0 and b"Traceback" not in result.stderr, result.stderr
    assert b"not valid text" in result.stdout
    assert doc.read_text(encoding="utf-8") == "We must achieve the Two Upholds.\n"


def test_control_sequences_in_the_document_reach_the_terminal_escaped(tmp_path):
    (tmp_path / "d.txt").write_text("\x1b]0;PWNED\x07 We must achieve the two maintenances.\x1b[2J\n", encoding="utf-8")
    result = run_review(tmp_path, b"d.txt", b"q\n")
    assert result.returncode == 0 and b"\x1b" not in result.stdout
    assert b"PWNED\\x07" in result.stdout and b"\\x1b[2J" in result.stdout


class _InterruptedTerminal:
    """Standard output that is interrupted (Ctrl-C) while the first prompt is written, before any read."""

    def __init__(self) -> None:
        self.written: list[str] = []

    def write(self, text: str) -> int:
        self.written.append(text)
        if "uit > " in text:
            raise KeyboardInterrupt
        return len(text)

    def flush(self) -> None:
        pass


def test_ctrl_c_while_a_prompt_is_written_aborts_cleanly(tmp_path, doc, monkeypatch):
    from termcheck.commands.lint import LintOptions
    from termcheck.commands.review import run_review

    monkeypatch.chdir(tmp_path)
    options = LintOptions(paths=[str(doc)], glossaries=[str(SMALL_GLOSSARY)], default_glossary=False,
                          names=[str(SMALL_NAMES)], cache=False)
    terminal = _InterruptedTerminal()
    try:
        status = run_review(options, None, ask=lambda _: "a", out=terminal)  # type: ignore[arg-type]
    except KeyboardInterrupt:
        pytest.fail("Ctrl-C escaped the review (the user sees a traceback)")
    assert status == 1
    assert terminal.written[-1] == "\nAborted: nothing was written.\n"
    assert doc.read_text(encoding="utf-8") == TEXT and not (tmp_path / "termcheck-decisions.json").exists()


# Single keys, answers for all the same findings, notes, several documents ------------------------------

REPEATED = ("The two maintenances matter.\nWe keep the two maintenances.\nThe battlefort and the two "
            "maintenances.\n")


def spawn_on(tmp_path, *paths):
    return pexpect.spawn(sys.executable, ["-m", "termcheck", "review", *ARGS, *paths], cwd=str(tmp_path),
                         encoding="utf-8", timeout=60, dimensions=(40, 200))


def test_a_key_alone_answers_and_capital_a_accepts_all_the_same_findings(tmp_path):
    (tmp_path / "rep.txt").write_text(REPEATED, encoding="utf-8")
    child = spawn_on(tmp_path, "rep.txt")
    child.expect(r"\(1/4\).*\[\[two maintenances\]\]")
    child.expect(PROMPT)
    child.send("A")  # no Enter
    child.expect(r"and 2 more “two maintenances” accepted with it")
    child.expect(r"\(3/4\).*\[\[battlefort\]\]")  # the second is not asked
    child.expect(PROMPT)
    child.send("u")  # undo takes back the answer for all three
    child.expect(r"\(1/4\).*\[\[two maintenances\]\]")
    child.expect(PROMPT)
    child.send("A")
    child.expect(r"\(3/4\).*\[\[battlefort\]\]")
    child.expect(PROMPT)
    child.send("s")  # and the last, also the same, is not asked either
    child.expect(r"All 4 findings reviewed")
    child.expect(r"Wrote 3 change\(s\) to rep.txt")
    child.expect(pexpect.EOF)
    assert (tmp_path / "rep.txt").read_text(encoding="utf-8") == REPEATED.replace("two maintenances", "Two Upholds")


def test_a_rejection_with_a_note_keeps_the_note(tmp_path, doc):
    child = spawn_on(tmp_path, "doc.txt")
    child.expect(PROMPT)
    child.send("n")
    child.expect("why is it no problem")
    child.sendline("  quoted   from the 2016 text ")
    child.expect(r"\(2/4\)")
    child.expect(PROMPT)
    child.send("q")
    child.expect(r"\[y/N\]")
    child.sendline("y")
    child.expect(pexpect.EOF)
    decisions = json.loads((tmp_path / "termcheck-decisions.json").read_text(encoding="utf-8"))["decisions"]
    assert [(d["decision"], d["text"], d["note"]) for d in decisions] == [
        ("rejected", "two maintenances", "quoted from the 2016 text")]


def test_several_documents_are_reviewed_in_turn_and_quit_stops_the_session(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("The two maintenances.\n", encoding="utf-8")
    (folder / "b.txt").write_text("The battlefort.\n", encoding="utf-8")
    (folder / "c.txt").write_text("The two maintenances again.\n", encoding="utf-8")
    child = spawn_on(tmp_path, "docs")
    child.expect(r"== docs/a.txt \(1/3\) ==")
    child.expect(PROMPT)
    child.send("a")
    child.expect(r"Wrote 1 change\(s\) to docs/a.txt")
    child.expect(r"== docs/b.txt \(2/3\) ==")
    child.expect(PROMPT)
    child.send("q")
    child.expect("Nothing was written")
    child.expect(pexpect.EOF)
    assert (folder / "a.txt").read_text(encoding="utf-8") == "The Two Upholds.\n"
    assert (folder / "b.txt").read_text(encoding="utf-8") == "The battlefort.\n"
    assert (folder / "c.txt").read_text(encoding="utf-8") == "The two maintenances again.\n"
