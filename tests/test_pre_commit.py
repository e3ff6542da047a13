"""The pre-commit hook, run by pre-commit itself on a temporary repository that uses this checkout."""
import os
import shutil
import subprocess

import pytest
from conftest import REPO

pytestmark = pytest.mark.skipif(shutil.which("pre-commit") is None or shutil.which("git") is None,
                                reason="pre-commit and git are needed")


def git(cwd, *args):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()


def test_hook_fails_on_a_deprecated_rendering_and_passes_once_fixed(tmp_path):
    head = git(REPO, "rev-parse", "HEAD")
    project = tmp_path / "project"
    project.mkdir()
    git(project, "init", "-q")
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {REPO}\n    rev: {head}\n    hooks:\n      - id: termcheck\n", encoding="utf-8")
    (project / "report.md").write_text("We must achieve the two maintenances.\n", encoding="utf-8")
    (project / "notes.py").write_text("print('two maintenances')\n", encoding="utf-8")
    git(project, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    run = subprocess.run(["pre-commit", "run", "--all-files"], cwd=project, capture_output=True, text=True, env=env,
                         timeout=900)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "report.md:1:21: TC101 error" in run.stdout
    assert "notes.py" not in run.stdout
    (project / "report.md").write_text("We must achieve the Two Upholds.\n", encoding="utf-8")
    git(project, "add", ".")
    run = subprocess.run(["pre-commit", "run", "--all-files"], cwd=project, capture_output=True, text=True, env=env,
                         timeout=900)
    assert run.returncode == 0, run.stdout + run.stderr
