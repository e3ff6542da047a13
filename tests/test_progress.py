"""A long run at a terminal shows a progress bar on standard error; piped or quiet, nothing is added."""
import subprocess
import sys

import pexpect
import pytest

from termcheck.commands.progress import MIN_FILES, worth_showing


@pytest.fixture
def folder(tmp_path):
    for i in range(MIN_FILES + 2):
        (tmp_path / f"part{i:02}.txt").write_text(f"Part {i}: we must achieve the two maintenances.\n",
                                                  encoding="utf-8")
    return tmp_path


def run_at_a_terminal(*args: str) -> str:
    child = pexpect.spawn(sys.executable, ["-m", "termcheck", "lint", "--no-cache", *args], encoding="utf-8",
                          timeout=120, dimensions=(40, 120))
    child.expect(pexpect.EOF)
    return child.before


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_run_of_many_files_at_a_terminal_shows_a_bar(folder, jobs):
    shown = run_at_a_terminal("--jobs", jobs, str(folder))
    assert "Checking" in shown and f"{MIN_FILES + 2}/{MIN_FILES + 2}" in shown
    assert shown.count("TC101") == MIN_FILES + 2  # the report itself is all there


def test_quiet_or_piped_runs_show_none(folder):
    assert "Checking" not in run_at_a_terminal("-q", str(folder))
    piped = subprocess.run([sys.executable, "-m", "termcheck", "lint", "--no-cache", str(folder)],
                           capture_output=True, text=True)
    assert "Checking" not in piped.stderr and piped.stdout.count("TC101") == MIN_FILES + 2


def test_a_short_run_needs_no_bar():
    assert not worth_showing(1, 2_000) and worth_showing(MIN_FILES, 0) and worth_showing(1, 10_000_000)
