"""End to end: typer's runner for the options, a real subprocess for the installed entry points."""
import json
import os
import stat
import subprocess
import sys

import pytest
from conftest import REPO, SMALL_GLOSSARY, SMALL_NAMES
from typer.testing import CliRunner

from termcheck.checks import RULES
from termcheck.cli import app

runner = CliRunner()
SMALL = ["--no-default-glossary", "--glossary", str(SMALL_GLOSSARY), "--names", str(SMALL_NAMES)]
BAD_TEXT = "We must achieve the “two maintenances“ and study battleforts.\n2、 More text，here.\n"


def invoke(*args, input=None):
    return runner.invoke(app, [*args], input=input)


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_clean_file_exits_0(tmp_path):
    path = write(tmp_path, "ok.txt", "We uphold the Two Upholds.\n")
    result = invoke("lint", *SMALL, str(path))
    assert result.exit_code == 0, result.output
    assert "Found 0 problems" in result.output


def test_findings_exit_1_with_text_format(tmp_path):
    path = write(tmp_path, "bad.txt", BAD_TEXT)
    result = invoke("lint", *SMALL, str(path))
    assert result.exit_code == 1
    assert f"{path}:1:22: TC101 error “two maintenances” is a deprecated rendering of 两个维护" in result.output
    assert "-> Two Upholds" in result.output
    assert result.output.rstrip().splitlines()[-1].startswith("Found ")


def test_json_output_is_one_object_with_exact_offsets(tmp_path):
    path = write(tmp_path, "bad.txt", BAD_TEXT)
    result = invoke("lint", *SMALL, "--format", "json", str(path))
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["version"] == 1 and data["tool"]["name"] == "termcheck"
    assert data["glossaries"][0]["entries"] == 10 and len(data["glossaries"][0]["sha256"]) == 64
    text = path.read_text(encoding="utf-8")
    for f in data["findings"]:
        assert text[f["start"]:f["end"]] == f["text"]
        assert set(f) >= {"path", "rule", "name", "severity", "line", "column", "end_line", "end_column",
                          "start", "end", "text", "message", "suggestion", "concept"}
    keys = [(f["path"], f["start"]) for f in data["findings"]]
    assert keys == sorted(keys)
    (tc101,) = [f for f in data["findings"] if f["text"] == "two maintenances"]
    assert tc101["concept"] == {"zh": "两个维护", "en": "Two Upholds"}
    assert data["summary"]["findings"] == len(data["findings"])
    assert sum(data["summary"]["by_severity"].values()) == len(data["findings"])


def test_offsets_skip_the_bom(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffthe two maintenances".encode("utf-8"))
    data = json.loads(invoke("lint", *SMALL, "-f", "json", str(path)).output)
    (f,) = data["findings"]
    assert (f["start"], f["column"]) == (4, 5)


def test_fix_rewrites_atomically_keeps_mode_and_is_idempotent(tmp_path):
    path = write(tmp_path, "bad.txt", BAD_TEXT)
    os.chmod(path, 0o640)
    result = invoke("lint", *SMALL, "--fix", str(path))
    fixed = path.read_text(encoding="utf-8")
    assert fixed == "We must achieve the “Two Upholds” and study fighting bastions.\n2. More text, here.\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert result.exit_code == 0, result.output
    again = invoke("lint", *SMALL, "--fix", str(path))
    assert path.read_text(encoding="utf-8") == fixed and again.exit_code == 0
    assert not [p for p in tmp_path.iterdir() if p.name != "bad.txt"]  # no temporary file left behind


def test_fix_keeps_utf16_encoding(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes("the two maintenances\n".encode("utf-16"))
    invoke("lint", *SMALL, "--fix", str(path))
    assert path.read_bytes().decode("utf-16") == "the Two Upholds\n"


def test_diff_shows_fixes_and_writes_nothing(tmp_path):
    path = write(tmp_path, "bad.txt", BAD_TEXT)
    result = invoke("lint", *SMALL, "--diff", str(path))
    assert result.exit_code == 1
    assert "-We must achieve the “two maintenances“" in result.output
    assert "+We must achieve the “Two Upholds”" in result.output
    assert path.read_text(encoding="utf-8") == BAD_TEXT


def test_read_only_file_is_left_intact(tmp_path):
    path = write(tmp_path, "ro.txt", BAD_TEXT)
    os.chmod(path, 0o444)
    result = invoke("lint", *SMALL, "--fix", str(path))
    assert path.read_text(encoding="utf-8") == BAD_TEXT
    assert result.exit_code == 2
    assert "read-only" in result.output


def test_unreadable_inputs_give_one_line_and_exit_2_but_others_are_linted(tmp_path):
    good = write(tmp_path, "a.txt", "the two maintenances\n")
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    latin = tmp_path / "c.txt"
    latin.write_bytes("caf\xe9".encode("latin-1"))
    result = invoke("lint", *SMALL, str(good), str(binary), str(latin), str(tmp_path / "missing.txt"))
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert f"termcheck: error: {binary}: binary file" in result.output
    assert f"termcheck: error: {latin}: not valid UTF-8 text" in result.output
    assert f"termcheck: error: {tmp_path / 'missing.txt'}: no such file" in result.output
    assert "two maintenances" in result.output


def test_malformed_glossary_names_file_line_column(tmp_path):
    bad = write(tmp_path, "bad.tsv", "zh\ten\tsource\n甲\tx\t\n")
    result = invoke("lint", "--glossary", str(bad), str(write(tmp_path, "a.txt", "x")))
    assert result.exit_code == 2
    assert result.output.strip() == f"termcheck: error: {bad}:2:5: empty required field 'source'"


def test_stdin(tmp_path):
    result = invoke("lint", *SMALL, "-", input="the two maintenances")
    assert result.exit_code == 1 and "<stdin>:1:5: TC101" in result.output


def test_select_and_ignore(tmp_path):
    path = write(tmp_path, "bad.txt", BAD_TEXT)
    only = json.loads(invoke("lint", *SMALL, "-f", "json", "--select", "TC101", str(path)).output)
    assert {f["rule"] for f in only["findings"]} == {"TC101"}
    rest = json.loads(invoke("lint", *SMALL, "-f", "json", "--ignore", "TC1,TC203", str(path)).output)
    assert {f["rule"] for f in rest["findings"]} == {"TC202"}


def test_output_file(tmp_path):
    path = write(tmp_path, "bad.txt", BAD_TEXT)
    out = tmp_path / "report.json"
    result = invoke("lint", *SMALL, "-f", "json", "-o", str(out), str(path))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == f"termcheck: wrote the report to {out} (5 findings)\n"
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["files"] == 1
    quiet = invoke("lint", *SMALL, "-q", "-f", "json", "-o", str(out), str(path))
    assert quiet.exit_code == 1 and quiet.output == ""


def test_quiet_statistics_version_and_output_format_alias(tmp_path):
    path = write(tmp_path, "bad.txt", BAD_TEXT)
    findings_only = invoke("lint", *SMALL, "-q", str(path))
    assert findings_only.exit_code == 1 and "Found" not in findings_only.output and "TC101" in findings_only.output
    clean = write(tmp_path, "clean.txt", "Nothing to see.\n")
    assert invoke("lint", *SMALL, "-q", str(clean)).output == ""
    statistics = invoke("lint", *SMALL, "--statistics", str(path))
    first = statistics.output.splitlines()[0].split()
    assert statistics.exit_code == 1 and first[1:3] == ["TC101", "deprecated-rendering"] and int(first[0]) >= 1
    assert "concepts with the most findings" in statistics.output and "bad.txt:" not in statistics.output
    assert invoke("lint", *SMALL, "--statistics", "-f", "json", str(path)).exit_code == 2
    assert json.loads(invoke("lint", *SMALL, "--output-format", "json", str(path)).stdout)["summary"]["files"] == 1
    assert invoke("-V").output.startswith("termcheck ")


def test_fix_says_how_many_were_fixed_and_how_many_remain(tmp_path):
    path = write(tmp_path, "bad.txt", BAD_TEXT)
    result = invoke("lint", *SMALL, "--fix", str(path))
    assert "termcheck: fixed " in result.stderr and " remaining" in result.stderr


def test_rules_catalogue_and_explain():
    listing = invoke("rules")
    assert listing.exit_code == 0
    codes = [line.split()[0] for line in listing.output.splitlines()]
    assert codes == sorted(RULES) and len(codes) >= 22
    one = invoke("rules", "tc101")
    for part in ("What it does", "Why is this bad?", "Example", "Use instead"):
        assert part in one.output
    assert invoke("rules", "TC999").exit_code == 2


@pytest.mark.parametrize("entry", [["termcheck"], [sys.executable, "-m", "termcheck"]])
def test_real_subprocess_on_bundled_sample(entry):
    sample = REPO / "samples" / "national-security-study.en.md"
    proc = subprocess.run([*entry, "lint", "--format", "json", str(sample)], capture_output=True, text=True,
                          env={**os.environ, "NO_COLOR": "1"})
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    texts = {f["text"] for f in data["findings"]}
    assert {"overall\nnational security concept", "two maintenances", "battle forts", "1、 "} <= texts
    assert not any("code" in t or "example.org" in t for t in texts)


@pytest.mark.parametrize("args, named", [
    (["--select", "TC1O1"], "did you mean TC101?"),
    (["--ignore", "TC9"], "unknown rule code or prefix 'TC9'"),
])
def test_an_unknown_rule_code_is_an_error_naming_the_nearest(tmp_path, args, named):
    path = write(tmp_path, "bad.txt", BAD_TEXT)
    result = invoke("lint", *SMALL, *args, str(path))
    assert result.exit_code == 2 and named in result.output


def test_an_unknown_code_in_the_config_severity_table_is_an_error(tmp_path, monkeypatch):
    path = write(tmp_path, "bad.txt", BAD_TEXT)
    (tmp_path / "termcheck.toml").write_text('[severity]\nTC999 = "info"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("lint", *SMALL, str(path))
    assert result.exit_code == 2 and "unknown rule code or prefix 'TC999'" in result.output


def test_junit_failures_follow_fail_on(tmp_path):
    path = write(tmp_path, "bad.txt", "We met the the people.\n")  # one warning (TC205), no error
    strict = invoke("lint", *SMALL, "-f", "junit", "--fail-on", "warning", str(path)).output
    lenient = invoke("lint", *SMALL, "-f", "junit", "--fail-on", "error", str(path)).output
    assert 'failures="1"' in strict.splitlines()[1]
    assert 'failures="0"' in lenient.splitlines()[1]


def test_folder_discovery_reports_what_it_skipped(tmp_path):
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(BAD_TEXT, encoding="utf-8")
    for name in ("b.pdf", "sub/c.pdf", "d.odt"):
        (folder / name).write_bytes(b"%PDF")
    for jobs in ("1", "2"):
        result = subprocess.run([sys.executable, "-m", "termcheck", "lint", *SMALL, "-j", jobs, str(folder)],
                                capture_output=True, text=True, timeout=120)
        assert "skipped 3 file(s) in the folders given (.pdf ×2, .odt ×1)" in result.stderr
        assert "Found" in result.stdout


def test_the_listed_folder_suffixes_agree_everywhere():
    from termcheck.documents.loading import FOLDER_SUFFIXES_TEXT

    listed = FOLDER_SUFFIXES_TEXT.replace(",", "")
    assert listed in (REPO / "README.md").read_text(encoding="utf-8").replace("\n" + " " * 42 + "# ", " ")
    assert listed in (REPO / "docs" / "user-guide.md").read_text(encoding="utf-8")
    help_text = " ".join(invoke("lint", "--help").output.split())
    assert all(suffix in help_text for suffix in FOLDER_SUFFIXES_TEXT.split(", "))


def test_parallel_lint_keeps_standard_input(tmp_path):
    path = write(tmp_path, "bad.txt", BAD_TEXT)
    command = [sys.executable, "-m", "termcheck", "lint", *SMALL, "-j", "2", "-f", "json", "-", str(path)]
    result = subprocess.run(command, input="We achieve the two maintenances.\n", capture_output=True, text=True,
                            timeout=120)
    paths = {f["path"] for f in json.loads(result.stdout)["findings"]}
    assert paths == {"<stdin>", str(path)}


def test_paths_are_shown_without_a_leading_dot_slash(tmp_path):
    write(tmp_path, "bad.txt", BAD_TEXT)
    result = subprocess.run([sys.executable, "-m", "termcheck", "lint", *SMALL, "-q", "./bad.txt"],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.stdout.startswith("bad.txt:1:") and "./" not in result.stdout


def test_show_fixes_lists_each_fix_written(tmp_path):
    path = write(tmp_path, "bad.txt", "We must achieve the two maintenances.\nThe battlefort stands.\n")
    result = subprocess.run([sys.executable, "-m", "termcheck", "lint", *SMALL, "--no-cache", "--fix", "--show-fixes",
                             str(path)], capture_output=True, text=True)
    shown = [line for line in result.stderr.splitlines() if line.startswith("termcheck: fixed ") and "“" in line]
    assert shown == [f"termcheck: fixed {path}:1:21: TC101 “two maintenances” -> “Two Upholds”",
                     f"termcheck: fixed {path}:2:5: TC101 “battlefort” -> “fighting bastion”"]
    path.write_text("We must achieve the two maintenances.\n", encoding="utf-8")
    quiet = subprocess.run([sys.executable, "-m", "termcheck", "lint", *SMALL, "--no-cache", "--fix", str(path)],
                           capture_output=True, text=True)
    assert "fixed 1 in 1 file" in quiet.stderr and "“" not in quiet.stderr  # without --show-fixes only the count


def test_a_plain_lint_run_imports_none_of_the_heavy_modules(tmp_path):
    """Start-up is designed in: what only some commands or inputs need is imported only there."""
    path = write(tmp_path, "page.txt", "We must achieve the two maintenances.\n")
    heavy = ("pygls", "lsprotocol", "dask", "distributed", "rich", "sacrebleu", "jieba", "docx", "openpyxl",
             "jinja2", "polib", "lxml", "opencc")
    code = ("import sys\nfrom termcheck.cli import main\n"
            f"sys.argv = ['termcheck', 'lint', *{SMALL!r}, '--no-cache', {str(path)!r}]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            f"print('LOADED', sorted({{m.split('.')[0] for m in sys.modules}} & set({heavy!r})))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert "LOADED []" in result.stdout, result.stdout + result.stderr
