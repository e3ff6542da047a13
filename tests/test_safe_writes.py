"""Files are rewritten only when asked, in place of the file the user meant, and never half-written."""
from __future__ import annotations

import codecs
import os
import subprocess
import sys

import pytest
from conftest import REPO, SMALL_GLOSSARY, SMALL_NAMES

import termcheck.fixes as fixes
from termcheck.errors import TermcheckError

SMALL = ["--no-default-glossary", "--glossary", str(SMALL_GLOSSARY), "--names", str(SMALL_NAMES)]
TEXT = "We must achieve the two maintenances.\n"
FIXED = "We must achieve the Two Upholds.\n"


def termcheck(*args: str, cwd=None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "termcheck", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=120, env={**os.environ, "PYTHONPATH": str(REPO)})


def test_fix_writes_through_a_symlink_and_keeps_it(tmp_path):
    target = tmp_path / "real.txt"
    target.write_text(TEXT, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    termcheck("lint", *SMALL, "--fix", str(link))
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == FIXED


def test_fix_refuses_to_split_a_hard_link(tmp_path):
    first = tmp_path / "a.txt"
    first.write_text(TEXT, encoding="utf-8")
    second = tmp_path / "b.txt"
    os.link(first, second)
    result = termcheck("lint", *SMALL, "--fix", str(first))
    assert result.returncode == 2 and "hard links" in result.stderr
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8") == TEXT
    assert os.stat(first).st_ino == os.stat(second).st_ino


@pytest.mark.skipif(os.getuid() != 0, reason="only root can give a file to another owner")
def test_fix_keeps_the_owner(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text(TEXT, encoding="utf-8")
    os.chown(doc, 12345, 23456)
    termcheck("lint", *SMALL, "--fix", str(doc))
    assert doc.read_text(encoding="utf-8") == FIXED
    assert (os.stat(doc).st_uid, os.stat(doc).st_gid) == (12345, 23456)


@pytest.mark.parametrize("codec, bom", [("utf-16-be", codecs.BOM_UTF16_BE), ("utf-16-le", codecs.BOM_UTF16_LE)])
def test_fix_keeps_utf16_byte_order(tmp_path, codec, bom):
    doc = tmp_path / "doc.txt"
    doc.write_bytes(bom + TEXT.encode(codec))
    termcheck("lint", *SMALL, "--fix", str(doc))
    assert doc.read_bytes() == bom + FIXED.encode(codec)


def test_a_save_during_the_write_is_not_lost(tmp_path, monkeypatch):
    doc = tmp_path / "doc.txt"
    doc.write_text(TEXT, encoding="utf-8")
    expected = fixes.digest(doc.read_bytes())
    real_fsync = os.fsync

    def editor_saves_meanwhile(fd: int) -> None:
        real_fsync(fd)
        doc.write_text("The editor's newer text.\n", encoding="utf-8")

    monkeypatch.setattr(fixes.os, "fsync", editor_saves_meanwhile)
    with pytest.raises(TermcheckError, match="changed while termcheck was writing"):
        fixes.write_atomically(str(doc), FIXED.encode("utf-8"), expected)
    assert doc.read_text(encoding="utf-8") == "The editor's newer text.\n"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.txt"]  # no temporary file left behind


def test_report_is_never_written_over_an_input(tmp_path):
    doc = tmp_path / "doc.md"
    doc.write_text(TEXT, encoding="utf-8")
    result = termcheck("lint", *SMALL, "-o", str(doc), str(doc))
    assert result.returncode == 2 and "one of the files this run read" in result.stderr
    assert doc.read_text(encoding="utf-8") == TEXT


def test_report_is_never_written_over_a_file_read_but_not_named_as_a_document(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "doc.md").write_text(TEXT, encoding="utf-8")
    source = tmp_path / "src.zh.txt"
    source.write_text("两个维护\n", encoding="utf-8")
    target = tmp_path / "t.txt"
    target.write_text(TEXT, encoding="utf-8")
    glossary = tmp_path / "g.tsv"
    glossary.write_bytes(SMALL_GLOSSARY.read_bytes())
    attempts = [
        (folder / "doc.md", ["-o", str(folder / "doc.md"), str(folder)]),  # found in a folder
        (source, ["--source", str(source), "-o", str(source), str(target)]),
        (glossary, ["-g", str(glossary), "-o", str(glossary), str(target)]),
    ]
    for victim, arguments in attempts:
        before = victim.read_bytes()
        result = termcheck("lint", *SMALL, *arguments)
        assert result.returncode == 2 and "one of the files this run read" in result.stderr, arguments
        assert victim.read_bytes() == before


def test_a_new_report_gets_the_usual_file_mode(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text(TEXT, encoding="utf-8")
    report = tmp_path / "report.json"
    previous = os.umask(0o022)
    try:
        termcheck("lint", *SMALL, "-f", "json", "-o", str(report), str(doc))
    finally:
        os.umask(previous)
    assert (report.stat().st_mode & 0o777) == 0o644


def test_report_is_written_atomically_and_a_failure_keeps_the_old_one(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text(TEXT, encoding="utf-8")
    report = tmp_path / "report.txt"
    report.write_text("the previous report\n", encoding="utf-8")
    result = termcheck("lint", *SMALL, "-o", str(tmp_path / "missing" / "report.txt"), str(doc))
    assert result.returncode == 2 and "cannot write report" in result.stderr and "Traceback" not in result.stderr
    assert termcheck("lint", *SMALL, "-o", str(report), str(doc)).returncode == 1
    assert "two maintenances" in report.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.txt", "report.txt"]


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
@pytest.mark.parametrize("target", ["report", "fix"])
def test_a_disk_that_fills_up_mid_write_keeps_the_old_file_whole(tmp_path, target):
    """A file-size limit makes every write past 64 kB fail (EFBIG, as ENOSPC on a full disk): the report or
    the document keeps its old bytes, no temporary file is left, and the run says so in one line."""
    import resource

    doc = tmp_path / "doc.txt"
    doc.write_text(TEXT * 4000, encoding="utf-8")  # 150 kB: fixing it writes past the limit too
    report = tmp_path / "report.json"
    report.write_text("the previous report\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def limit_file_size() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    args = ["-f", "json", "-o", str(report)] if target == "report" else ["--fix"]
    result = subprocess.run([sys.executable, "-m", "termcheck", "lint", *SMALL, *args, str(doc)],
                            capture_output=True, text=True, timeout=120, preexec_fn=limit_file_size,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode == 2, result.stderr
    assert "File too large" in result.stderr and "Traceback" not in result.stderr
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_review_with_an_unwritable_decisions_folder_changes_nothing(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text(TEXT, encoding="utf-8")
    command = [sys.executable, "-m", "termcheck", "review", *SMALL, "--decisions", "nodir/d.json", "doc.txt"]
    result = subprocess.run(command, input="a\n", capture_output=True, text=True, cwd=tmp_path, timeout=60,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode == 2 and "cannot write decisions" in result.stderr
    assert "Traceback" not in result.stderr
    assert doc.read_text(encoding="utf-8") == TEXT
