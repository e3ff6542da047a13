"""ruff and mypy, configured in pyproject.toml, run inside the suite so that CI runs them (issue 12).

Each runs in its own process from the checkout, as a developer would run it; the test fails with the
tool's own report. Both come with the test extras (`pip install -e '.[test]'`); without them the tests skip.
"""
import importlib.util
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TIMEOUT = 900  # seconds: mypy without its cache took about 10 s here, a busy two-core machine takes longer


def run_tool(module: str, *args: str) -> None:
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed: pip install -e '.[test]'")
    result = subprocess.run([sys.executable, "-m", module, *args], cwd=REPO, capture_output=True, text=True,
                            timeout=TIMEOUT)
    assert result.returncode == 0, (
        f"python -m {module} {' '.join(args)} exited {result.returncode}:\n{result.stdout}{result.stderr}"
    )


def test_ruff_finds_nothing():
    run_tool("ruff", "check", "termcheck", "tests", "bench", "scripts")


def test_mypy_strict_finds_nothing():
    run_tool("mypy")  # the files and the strict settings come from [tool.mypy] in pyproject.toml


def collected_ids() -> list[str]:
    result = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                             "-p", "no:xdist", "tests"], cwd=REPO, capture_output=True, text=True, timeout=TIMEOUT)
    assert result.returncode == 0, result.stdout + result.stderr
    return sorted(line for line in result.stdout.splitlines() if "::" in line)


def test_two_collections_name_the_same_tests():
    # pytest-xdist refuses to run when its workers collect different test ids; an id built from bytes that
    # embed the clock (a ZIP member's timestamp) differs between workers that start a second apart.
    first = collected_ids()
    time.sleep(2.1)  # ZIP timestamps have a resolution of two seconds
    assert collected_ids() == first
