"""The CI examples in docs/ci.md are real: every termcheck command in them runs, on a sample folder."""
import json
import re
import shlex
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from conftest import REPO

DOC = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
COMMANDS = sorted({m.group(1).strip() for m in re.finditer(r"(?:run: |- |^)(termcheck lint [^\n#]+)", DOC, re.M)})


def test_the_page_has_the_examples():
    assert any("--format github" in c for c in COMMANDS)
    assert any("--format sarif" in c for c in COMMANDS)
    assert any("--format junit" in c for c in COMMANDS)
    assert any("--write-baseline" in c for c in COMMANDS) and any("--baseline" in c for c in COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_documented_command_runs(tmp_path, command):
    folder = tmp_path / "translations"
    folder.mkdir()
    (folder / "report.md").write_bytes((REPO / "samples" / "national-security-study.en.md").read_bytes())
    args = shlex.split(command)[2:]
    if "--baseline" in args and not (tmp_path / "termcheck-baseline.json").exists():
        subprocess.run([sys.executable, "-m", "termcheck", "lint", "--write-baseline", "termcheck-baseline.json",
                        "translations/"], cwd=tmp_path, check=True, capture_output=True)
    run = subprocess.run([sys.executable, "-m", "termcheck", "lint", *args], cwd=tmp_path, capture_output=True,
                         text=True)
    assert run.returncode in (0, 1), run.stderr
    if "--exit-zero" in args or "--write-baseline" in args or "--baseline" in args:
        assert run.returncode == 0
    if "--format" in args and "github" in args:
        assert run.stdout.startswith("::")
    if "sarif" in args:
        assert json.loads((tmp_path / "termcheck.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    if "junit" in args:
        ET.parse(tmp_path / "termcheck-junit.xml")
