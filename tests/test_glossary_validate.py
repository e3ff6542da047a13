"""`termcheck glossary validate`: every problem of a glossary in one run, in a real subprocess."""
import subprocess
import sys

from conftest import REPO

BAD = (
    "zh\ten\tdeprecated\tpattern\tsource\n"
    "两个维护\tTwo Upholds\tTwo Upholds\t\thttps://example.cn/a\n"   # deprecated = its own preferred
    "甲\tx\t\t(unclosed\thttps://example.cn/b\n"                     # a pattern that does not compile
    "乙\ty\t\t\tmy notes\n"                                          # a source nobody can check
    "两个维护\tz\t\t\thttps://example.cn/c\n"                         # the same concept twice
    "丙\tthe whole Party\t\t\\bwhole party\\b\thttps://example.cn/d\n"  # a pattern matching its own en
)


def validate(*args, cwd=REPO):
    return subprocess.run([sys.executable, "-m", "termcheck", "glossary", "validate", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd)


def test_every_problem_of_a_file_in_one_run(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text(BAD, encoding="utf-8")
    result = validate(path)
    assert result.returncode == 1 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines == [
        f"{path}:2:1: warning: deprecated rendering 'Two Upholds' of 两个维护 is an acceptable rendering of 两个维护, "
        "so it is never reported",
        f"{path}:3:15: error: invalid pattern: missing )",
        f"{path}:4:1: warning: the source of 乙 is neither a URL, a dated publication nor 'editor judgement': "
        "'my notes'",
        f"{path}:5:1: error: duplicate zh term '两个维护' (first on line 2)",
        f"{path}:6:1: warning: the pattern of 丙 matches its own rendering 'the whole Party'",
        "2 errors and 3 warnings in 1 file.",
    ]


def test_warnings_alone_exit_0_and_a_concept_in_two_files_is_named(tmp_path):
    first, second = tmp_path / "a.tsv", tmp_path / "b.csv"
    first.write_text("zh\ten\tsource\n两个维护\tTwo Upholds\thttps://example.cn/a\n", encoding="utf-8")
    second.write_text("Chinese,English\n两个维护,two safeguards\n", encoding="utf-8")
    result = validate(first, second)
    assert result.returncode == 0, result.stdout
    assert f"{second}:2:1: warning: 两个维护 is also defined at {first}:2; this row replaces it" in result.stdout


def test_the_bundled_glossary_is_clean():
    result = validate()
    assert result.returncode == 0 and result.stdout.startswith("0 errors and 0 warnings in ")


def test_a_file_that_cannot_be_read_is_one_error(tmp_path):
    result = validate(tmp_path / "missing.tsv")
    assert result.returncode == 1 and "missing.tsv:1:1: error: cannot read glossary" in result.stdout


def glossary_command(*args, cwd=REPO):
    return subprocess.run([sys.executable, "-m", "termcheck", "glossary", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd)


def test_stats_count_what_the_file_holds(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_text("zh\ten\tadmitted\tdeprecated\tseverity\ttags\tsource\n"
                    "两个维护\tTwo Upholds\t\ttwo maintenances;two safeguards\t\tparty\thttps://example.cn/a\n"
                    "战斗堡垒\tfighting bastion\tstronghold\t\twarning\tparty;idiom\teditor judgement\n",
                    encoding="utf-8")
    result = glossary_command("stats", path)
    assert result.returncode == 0, result.stderr
    counts = {" ".join(line.split()[:-1]): line.split()[-1] for line in result.stdout.splitlines() if line.strip()}
    assert counts["concepts"] == "2" and counts["deprecated renderings"] == "2"
    assert counts["admitted renderings"] == "1" and counts["editor judgement"] == "1"
    assert counts["severity error"] == "1" and counts["severity warning"] == "1" and counts["party"] == "2"


def test_search_says_what_an_english_phrase_or_a_chinese_term_is(tmp_path):
    from conftest import SMALL_GLOSSARY

    english = glossary_command("search", "the two maintenances", "-g", SMALL_GLOSSARY)
    assert english.returncode == 0 and "“two maintenances” is a deprecated rendering of 两个维护" in english.stdout
    chinese = glossary_command("search", "两个维护", "-g", SMALL_GLOSSARY)
    assert chinese.stdout.startswith("两个维护: Two Upholds")
    nothing = glossary_command("search", "no such phrase at all", "-g", SMALL_GLOSSARY)
    assert nothing.stdout == "no entry matches 'no such phrase at all'\n"


def test_add_appends_a_checked_row_and_refuses_a_bad_one_leaving_the_file_alone(tmp_path):
    path = tmp_path / "mine.tsv"
    added = glossary_command("add", path, "--zh", "两个维护", "--en", "Two Upholds", "--deprecated", "two maintenances",
                             "--deprecated", "two safeguards", cwd=tmp_path)
    assert added.returncode == 0 and added.stdout == f"{path}: added 两个维护 → Two Upholds\n"
    assert path.read_text(encoding="utf-8") == ("zh\ten\tadmitted\tdeprecated\tnote\n"
                                                "两个维护\tTwo Upholds\t\ttwo maintenances;two safeguards\t\n")
    before = path.read_bytes()
    duplicate = glossary_command("add", path, "--zh", "两个维护", "--en", "x", cwd=tmp_path)
    assert duplicate.returncode == 2 and "duplicate zh term '两个维护'" in duplicate.stderr
    tab = glossary_command("add", path, "--zh", "甲", "--en", "a\tb", cwd=tmp_path)
    assert tab.returncode == 2 and "may not hold a tab" in tab.stderr
    assert path.read_bytes() == before


def test_add_refuses_a_file_that_is_no_termcheck_glossary(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("my notes\n", encoding="utf-8")
    result = glossary_command("add", path, "--zh", "甲", "--en", "a", cwd=tmp_path)
    assert result.returncode == 2 and "not a termcheck glossary" in result.stderr
    assert path.read_text(encoding="utf-8") == "my notes\n"


def test_a_pattern_that_can_backtrack_exponentially_is_a_warning(tmp_path):
    path = tmp_path / "risky.tsv"
    path.write_text("zh\ten\tpattern\tsource\n"
                    "甲\tx\t(?:\\w+\\s?)*party\thttps://example.cn/a\n"        # a repeat inside a repeat
                    "乙\ty\t\\bparty(?= (?:members?|cadres?))\thttps://example.cn/b\n"  # bounded: fine
                    "丙\tz\t(?:a{300}){300}\thttps://example.cn/c\n", encoding="utf-8")
    result = validate(path)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{path}:2:1: warning: the pattern of 甲 repeats a group that holds an unbounded "
                               "repeat, as in (a+)+")
    assert lines[1:] == ["0 errors and 1 warning in 1 file."]


def test_the_risk_check_reads_nested_repeats_only():
    from termcheck.glossary.pattern_risk import nested_repeat

    assert nested_repeat(r"(a|aa)+(b+)+$") and nested_repeat(r"(?:(?:x|y)+z)*")
    assert not nested_repeat(r"\bthree sessions?,? (?:and )?(?:one|a) (?:lesson|class)\b")
    assert not nested_repeat(r"\p{Han}+")  # syntax of the regex module only: left to the time budget
