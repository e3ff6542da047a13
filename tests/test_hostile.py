"""Hostile and broken input: one clear line each, the run goes on, exit 2 at the end, no file damaged."""
import os
import subprocess
import sys
import time

import pytest
from conftest import SMALL_GLOSSARY, SMALL_NAMES

from termcheck.errors import TermcheckError
from termcheck.fixes import digest, write_atomically

SMALL = ["--no-default-glossary", "--glossary", str(SMALL_GLOSSARY), "--names", str(SMALL_NAMES)]


def lint(*args, timeout=120):
    return subprocess.run([sys.executable, "-m", "termcheck", "lint", *args], capture_output=True, text=True,
                          timeout=timeout)


def test_each_broken_input_gets_one_line_and_the_others_are_linted(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("We must achieve the two maintenances.\n", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("caf\xe9 two maintenances".encode("latin-1"))
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "bad.po").write_bytes(b'garbage line\nmsgid "a"\n')
    (tmp_path / "bad.xlf").write_bytes(b"<xliff><file><body><trans-unit></xliff>")
    (tmp_path / "bad.tmx").write_bytes(b'<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                                        b"<tmx><body><tu><tuv><seg>&x;</seg></tuv></tu></body></tmx>")
    started = time.monotonic()
    run = lint(*SMALL, str(tmp_path))
    assert time.monotonic() - started < 60
    assert run.returncode == 2
    errors = run.stderr.strip().splitlines()
    assert "Traceback" not in run.stderr
    assert len(errors) == 7, errors
    for name, reason in [("latin1.txt", "not valid UTF-8"), ("image.txt", "binary"), ("dangling.txt", "no such file"),
                         ("pipe.txt", "not a regular file"), ("bad.po", "PO"), ("bad.xlf", "XML"),
                         ("bad.tmx", "entity")]:
        assert any(name in line and reason in line for line in errors), (name, errors)
    assert "good.txt:1:21: TC101" in run.stdout
    assert "root:" not in run.stdout + run.stderr


def test_unreadable_file(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads files whatever their permissions")
    locked = tmp_path / "locked.txt"
    locked.write_text("x", encoding="utf-8")
    locked.chmod(0)
    run = lint(*SMALL, str(locked))
    assert run.returncode == 2 and "permission denied" in run.stderr


def test_fifty_megabytes_without_a_newline(tmp_path):
    big = tmp_path / "big.txt"
    chunk = "the policy of the reform and the work of the people goes on " * 40 + "and the two maintenances "
    with big.open("w", encoding="utf-8") as handle:
        for _ in range(50_000_000 // len(chunk) + 1):
            handle.write(chunk)
    started = time.monotonic()
    run = lint(*SMALL, "--format", "json", str(big), timeout=600)
    elapsed = time.monotonic() - started
    assert run.returncode == 1, run.stderr[-500:]
    assert '"rule": "TC101"' in run.stdout[:5000]
    assert elapsed < 300


def test_catastrophic_pattern_is_stopped_and_reported(tmp_path):
    glossary = tmp_path / "evil.tsv"
    glossary.write_text(
        "zh\ten\tpattern\tsource\n甲\tfine\t(a|aa)+$\ttest\n乙\ttwo upholds\t\ttest\n", encoding="utf-8")
    doc = tmp_path / "doc.txt"
    doc.write_text("a" * 60 + "! two upholds\n", encoding="utf-8")
    started = time.monotonic()
    run = lint("--no-default-glossary", "--glossary", str(glossary), str(doc))
    assert time.monotonic() - started < 30
    assert run.returncode == 0, run.stderr  # our slowness is a warning, not an input error (issue 10)
    assert "warning:" in run.stderr and "took longer than" in run.stderr and "evil.tsv:2" in run.stderr
    assert "could not be read" not in run.stdout


def test_fix_leaves_a_file_that_changed_since_it_was_read(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_bytes(b"original")
    expected = digest(b"something else")
    with pytest.raises(TermcheckError, match="changed since it was read"):
        write_atomically(str(path), b"fixed", expected_digest=expected)
    assert path.read_bytes() == b"original"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.txt"]


def test_read_only_file_is_not_fixed(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text("We must achieve the two maintenances.\n", encoding="utf-8")
    path.chmod(0o444)
    run = lint(*SMALL, "--fix", str(path))
    assert run.returncode == 2 and "read-only" in run.stderr
    assert path.read_text(encoding="utf-8") == "We must achieve the two maintenances.\n"


def _no_traceback(result, exit_code=2):
    assert result.returncode == exit_code, result.stderr
    assert "Traceback" not in result.stderr and "Error:" not in result.stderr.replace("error:", "")


@pytest.mark.parametrize("content", [
    '{"version": 1, "decisions": ' + "[" * 100_000 + "]" * 100_000 + "}",
    '{"version": 1, "decisions": [' + "1" * 5000 + "]}",
], ids=["nested-100k-deep", "5000-digit-number"])  # short ids: pytest puts the id in every child's environment
@pytest.mark.parametrize("option", ["--decisions", "--baseline"])
def test_hostile_json_files_get_one_line(tmp_path, content, option):
    doc = tmp_path / "d.txt"
    doc.write_text("the two maintenances\n", encoding="utf-8")
    hostile = tmp_path / "hostile.json"
    hostile.write_text(content, encoding="utf-8")
    result = lint(option, str(hostile), str(doc))
    _no_traceback(result)
    assert f"{hostile}: not a termcheck file" in result.stderr


def test_a_config_nested_too_deeply_gets_one_line(tmp_path):
    (tmp_path / "termcheck.toml").write_text("a = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    (tmp_path / "d.txt").write_text("text\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "termcheck", "lint", "d.txt"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    _no_traceback(result)
    assert "nested too deeply" in result.stderr


def test_an_absurd_jobs_count_is_a_usage_error(tmp_path):
    (tmp_path / "d.txt").write_text("text\n", encoding="utf-8")
    result = lint("--jobs", "99999999999999999999", str(tmp_path / "d.txt"))
    _no_traceback(result)


def test_closed_standard_input(tmp_path):
    doc = tmp_path / "d.txt"
    doc.write_text("the two maintenances\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "termcheck", "lint", *SMALL, "-"], stdin=subprocess.DEVNULL,
                            capture_output=True, text=True, timeout=60, close_fds=True,
                            preexec_fn=lambda: os.close(0))
    _no_traceback(result)
    assert "standard input is closed" in result.stderr
    result = subprocess.run([sys.executable, "-m", "termcheck", "review", *SMALL, str(doc)],
                            capture_output=True, text=True, timeout=60, preexec_fn=lambda: os.close(0))
    _no_traceback(result, exit_code=1)
    assert "nothing was written" in result.stdout
    assert doc.read_text(encoding="utf-8") == "the two maintenances\n"


@pytest.mark.parametrize("option", ["-g", "--names", "--config", "--decisions", "--baseline", "--source"])
def test_a_fifo_given_as_any_input_is_refused_not_waited_on(tmp_path, option):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    doc = tmp_path / "t.txt"
    doc.write_text("the two maintenances\n", encoding="utf-8")
    result = lint(*SMALL, option, str(fifo), str(doc), timeout=60)
    _no_traceback(result)
    assert f"{fifo}: not a regular file" in result.stderr


def test_a_fifo_given_to_score_is_refused(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    doc = tmp_path / "t.txt"
    doc.write_text("x\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "termcheck", "score", "-r", str(fifo), str(doc)],
                            capture_output=True, text=True, timeout=60)
    _no_traceback(result)
    assert "not a regular file" in result.stderr


def test_terminal_control_sequences_in_names_and_text_are_printed_escaped(tmp_path):
    name = "x\x1b]0;PWNED\x07\x1b[2J.md"
    (tmp_path / name).write_text("We saw \x1b[2Jthe two maintenances\u202e here.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "termcheck", "lint", *SMALL, name], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "\x1b" not in result.stdout + result.stderr and "\u202e" not in result.stdout
    assert "x\\x1b]0;PWNED\\x07\\x1b[2J.md:1:" in result.stdout


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit"])
def test_a_file_name_that_is_not_utf8_is_reported_in_every_format(tmp_path, fmt):
    name = os.fsdecode(b"d\xff.md")
    (tmp_path / name).write_text("We must achieve the two maintenances.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"}
    result = subprocess.run([sys.executable, "-m", "termcheck", "lint", *SMALL, "-f", fmt, name], cwd=tmp_path,
                            capture_output=True, timeout=60, env=env)
    assert result.returncode == 1 and b"Traceback" not in result.stderr, result.stderr
    result.stdout.decode("utf-8")  # valid UTF-8 whatever the name held
    assert any(form in result.stdout for form in (b"d\\xff.md", b"d\\udcff.md", b"d%FF.md"))
    baseline = tmp_path / "b.json"
    made = subprocess.run([sys.executable, "-m", "termcheck", "lint", *SMALL, "--write-baseline", str(baseline), name],
                          cwd=tmp_path, capture_output=True, timeout=60, env=env)
    assert made.returncode == 0 and b"Traceback" not in made.stderr, made.stderr
    again = subprocess.run([sys.executable, "-m", "termcheck", "lint", *SMALL, "--baseline", str(baseline), name],
                           cwd=tmp_path, capture_output=True, timeout=60, env=env)
    assert again.returncode == 0, again.stderr  # the recorded finding is matched back


def test_a_config_naming_a_file_that_is_no_glossary_does_not_echo_it(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:TOPSECRET:/root:/bin/bash\nline two\n", encoding="utf-8")
    (tmp_path / "termcheck.toml").write_text(f'glossaries = ["{secret}"]\n', encoding="utf-8")
    (tmp_path / "d.md").write_text("ok\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "termcheck", "lint", "d.md"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    _no_traceback(result)
    assert "not a glossary" in result.stderr and "TOPSECRET" not in result.stderr + result.stdout


def test_a_document_over_the_size_limit_is_refused_unread_with_one_line(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"We achieved the two maintenances.\n" * 40_000)  # 1.4 MB
    small = tmp_path / "small.txt"
    small.write_text("We achieved the two maintenances.\n", encoding="utf-8")
    command = [sys.executable, "-m", "termcheck", "lint", *SMALL, "--max-file-size", "1", "-f", "json"]
    run = subprocess.run([*command, str(big), str(small)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert f"{big}: 1.4 MB is over the size limit of 1 MB" in run.stderr and "--max-file-size" in run.stderr
    assert '"TC101"' in run.stdout and str(small) in run.stdout  # the other file is still checked
    piped = subprocess.run([*command, "-"], input=big.read_text(encoding="utf-8"), capture_output=True,
                           text=True, timeout=120)
    assert piped.returncode == 2 and "<stdin>: more than that is over the size limit of 1 MB" in piped.stderr
    unlimited = subprocess.run([sys.executable, "-m", "termcheck", "lint", *SMALL, "--max-file-size", "0", str(big)],
                               capture_output=True, text=True, timeout=120)
    assert unlimited.returncode == 1, unlimited.stderr


def test_the_size_limit_in_the_configuration_is_checked(tmp_path):
    (tmp_path / "termcheck.toml").write_text('max-file-size = "big"\n', encoding="utf-8")
    (tmp_path / "doc.txt").write_text("Fine.\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "termcheck", "lint", *SMALL, "doc.txt"], capture_output=True,
                         text=True, timeout=120, cwd=tmp_path)
    assert run.returncode == 2 and "max-file-size: expected a number of megabytes" in run.stderr
    assert "Traceback" not in run.stderr
