"""Hostile Markdown and pinyin (issue 10): small inputs that once hung or ran out of memory.

Each fix is tested two ways. Linear work is tested by counting, never by timing: the characters that
the readers' own patterns search through are counted on an input of size n and on one of size 4n
(linear work grows about 4 times, quadratic work 16 times). The reported input itself is also linted
end to end, by the CLI, for its exit code and findings. A property test over random Markdown
structure checks that the reader never raises, keeps offsets, and masks exactly what the
straightforward patterns it replaces would mask.
"""
from __future__ import annotations

import re
import subprocess
import sys
import tracemalloc
from contextlib import contextmanager
from pathlib import Path

import pytest
import regex
from conftest import SMALL_GLOSSARY, SMALL_NAMES, lint_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from termcheck.checks import pinyin
from termcheck.documents import markdown, suppressions
from termcheck.documents.loading import read_document
from termcheck.documents.markdown import markdown_document
from termcheck.documents.model import MASK
from termcheck.documents.suppressions import (
    Suppression,
    SuppressionIndex,
    parse_suppressions,
)
from termcheck.resources import DATA

SMALL = ["--no-default-glossary", "--glossary", str(SMALL_GLOSSARY), "--names", str(SMALL_NAMES)]
PLANTED = "We must achieve the two maintenances.\n"  # one TC101 finding, after the hostile part


def lint(path: Path) -> subprocess.CompletedProcess:
    # The timeout only stops a regression from hanging the run; nothing is asserted on time.
    return subprocess.run([sys.executable, "-m", "termcheck", "lint", *SMALL, str(path)],
                          check=False, capture_output=True, text=True, timeout=600)


def unclosed_backtick_runs(longest: int) -> str:
    """Runs of 1, 2, ... backticks, no two of a length: none closes (the reported input)."""
    return "".join("a " + "`" * k + " x\n" for k in range(1, longest))


# Work done: the characters the readers' patterns search through --------------------------------------

_PATTERN_TYPES = (re.Pattern, type(regex.compile("")))


class _Counting:
    """A compiled pattern that adds to `tally` the characters each search runs over: to the end of
    its match, or to the end of the text when it finds nothing."""

    def __init__(self, pattern, tally: list[int]) -> None:
        self._pattern, self._tally = pattern, tally

    def search(self, string, pos=0, *args, **kwargs):
        m = self._pattern.search(string, pos, *args, **kwargs)
        self._tally[0] += (m.end() if m else len(string)) - pos
        return m

    def match(self, string, pos=0, *args, **kwargs):
        m = self._pattern.match(string, pos, *args, **kwargs)
        self._tally[0] += m.end() - pos if m else 1
        return m

    def finditer(self, string, pos=0, *args, **kwargs):
        self._tally[0] += len(string) - pos
        return self._pattern.finditer(string, pos, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._pattern, name)


@contextmanager
def counting_searches(*modules):
    """Every module-level compiled pattern of the modules, counted; yields the tally ([characters])."""
    tally = [0]
    saved = []
    for module in modules:
        for name, value in list(vars(module).items()):
            if isinstance(value, _PATTERN_TYPES):
                saved.append((module, name, value))
                setattr(module, name, _Counting(value, tally))
    try:
        yield tally
    finally:
        for module, name, value in saved:
            setattr(module, name, value)


def work(function, text: str, *modules) -> int:
    with counting_searches(*modules) as tally:
        function(text)
    return tally[0]


def assert_linear(function, make, n: int, *modules):
    """The work on an input 4 times as large is about 4 times the work (quadratic would be 16)."""
    small, large = make(n), make(4 * n)
    assert 3.5 * len(small) <= len(large) <= 4.5 * len(small)
    small_work, large_work = work(function, small, *modules), work(function, large, *modules)
    assert small_work >= len(small) // 2  # the count does see the searches
    assert large_work <= 6 * small_work, (small_work, large_work)


def read_markdown(text: str):
    return markdown_document("hostile.md", text)


# 1. Unclosed backtick runs -----------------------------------------------------------------------------

@pytest.mark.parametrize("make", [
    lambda n: unclosed_backtick_runs(int((2 * n) ** 0.5)),  # the reported input: n characters
    lambda n: "".join("a " + "`" * k + " x\n" for k in range(int((2 * n) ** 0.5), 0, -1)),  # longest first
    lambda n: "`" * n,  # one run
    lambda n: "`a" * (n // 2),  # single backticks: each closes the one before
    lambda n: "``` ``" * (n // 6),  # spans that open inside a run ("```" closed by "``")
], ids=["ascending", "descending", "one-run", "singles", "inside-a-run"])
def test_backtick_runs_take_linear_work(make):
    assert_linear(read_markdown, make, 40_000, markdown, suppressions)


def test_unclosed_backtick_runs_stay_prose_and_are_linted(tmp_path):
    text = unclosed_backtick_runs(600)  # 180 KB; 21 KB of it took 22 s
    doc = read_markdown(text)
    assert doc.prose == text  # nothing closes, so nothing is code
    path = tmp_path / "ticks.md"
    path.write_text(text + "\n" + PLANTED, encoding="utf-8")
    run = lint(path)
    assert run.returncode == 1, run.stderr[-500:]
    assert "Traceback" not in run.stderr
    assert f"ticks.md:{text.count(chr(10)) + 2}:21: TC101" in run.stdout


def test_a_code_span_may_open_inside_a_longer_run():
    text = "a ```b`` c `` d"
    prose = read_markdown(text).prose
    # "```" has no closing "```"; from its second backtick it is "``", closed by the next "``".
    assert prose == "a `" + MASK * len("``b``") + " c `` d"


# 2. Unclosed comments and suppression markers ----------------------------------------------------------

@pytest.mark.parametrize("make", [
    lambda n: "text " + "<!-- termcheck-disable " * (n // 23) + "\n",  # the reported input: one line
    lambda n: "x <!-- termcheck-disable\n" * (n // 25),
    lambda n: "x <!-- termcheck-disable TC1 -- > -\n" * (n // 36),  # closed by ">" that is not "-->"
    lambda n: "<!-- termcheck-disable-next-line -->" * (n // 36),  # no newline to find
    lambda n: "x <!-- " * (n // 7),  # unclosed HTML comments
    lambda n: "[^" * (n // 2),  # a footnote label that never closes
], ids=["disable-one-line", "disable-lines", "false-close", "next-line", "comments", "footnotes"])
def test_unclosed_markers_take_linear_work(make):
    assert_linear(read_markdown, make, 40_000, markdown, suppressions)


@pytest.mark.parametrize("make", [
    lambda n: "text " + "<!-- termcheck-disable " * (n // 23) + "\n",
    lambda n: "<!-- termcheck-disable-next-line -->" * (n // 36),
    lambda n: "<!-- termcheck-disable TC1 -->x\n<!-- termcheck-enable TC1 -->\n" * (n // 62),
])
def test_parse_suppressions_takes_linear_work(make):
    assert_linear(parse_suppressions, make, 40_000, suppressions)


@pytest.mark.parametrize("count, one_line", [(5_000, False), (50_000, True)])  # 5,000 on a line took 8 s
def test_unclosed_disable_markers_are_not_markers_and_the_text_is_linted(tmp_path, count, one_line):
    body = "text " + "<!-- termcheck-disable " * count + "\n" if one_line else "x <!-- termcheck-disable\n" * count
    assert parse_suppressions(body + PLANTED) == []
    path = tmp_path / "markers.md"
    path.write_text(body + PLANTED, encoding="utf-8")
    run = lint(path)
    assert run.returncode == 1, run.stderr[-500:]
    assert "Traceback" not in run.stderr
    assert f"markers.md:{body.count(chr(10)) + 1}:21: TC101" in run.stdout


def test_many_open_rules_closed_one_by_one():
    codes = [f"TC{i}" for i in range(2_000)]
    text = f"<!-- termcheck-disable {' '.join(codes)} -->\n" + "".join(
        f"<!-- termcheck-enable {code} -->\n" for code in reversed(codes))
    found = parse_suppressions(text)
    assert [s.rules for s in found] == [frozenset({code}) for code in reversed(codes)]
    assert all(text[s.start - 3:s.start] == "-->" and text[s.end:].startswith("<!--") for s in found)


def test_suppression_index_answers_like_the_suppressions():
    text = "".join(f"<!-- termcheck-disable-next-line TC{i % 7} -->\nline {i}\n" for i in range(20_000))
    found = parse_suppressions(text)
    index = SuppressionIndex(found)
    assert len(found) == 20_000 and index
    line_starts = [m.end() for m in re.finditer("\n", text)]
    for offset in [*line_starts[::997], 0, len(text)]:
        for rule in ("TC0", "TC3", "TC61", "TC101"):
            assert index.covers(offset, rule) == any(s.covers(offset, rule) for s in found)
    assert not SuppressionIndex([])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60),
                          st.none() | st.frozensets(st.sampled_from(["TC", "TC1", "TC10", "TC101", "TC2", "X"]),
                                                    min_size=1))),
       st.integers(-1, 62), st.sampled_from(["TC101", "TC102", "TC204", "TC1", "T", "XTC"]))
def test_suppression_index_is_any_covers(spans, offset, rule):
    found = [Suppression(start, end, rules) for start, end, rules in spans]
    assert SuppressionIndex(found).covers(offset, rule) == any(s.covers(offset, rule) for s in found)


# 3. One long capitalized word (TC204) -----------------------------------------------------------------

def test_no_idiom_is_longer_than_the_word_cap():
    lines = (DATA / "idiom_pinyin.tsv").read_text(encoding="utf-8").splitlines()
    longest = max(len(line.split("\t")[0].replace(" ", "")) for line in lines if line and not line.startswith("#"))
    assert longest <= pinyin.MAX_WORD_LETTERS
    assert pinyin._idiom_spelled_by_run("Shangliangbuzhengxialiangwai") == ("上梁不正下梁歪", "上梁不正下梁歪")
    assert pinyin._split_syllables("a" * (pinyin.MAX_WORD_LETTERS + 1)) is None


def test_syllable_split_is_linear_in_memory(monkeypatch):
    monkeypatch.setattr(pinyin, "MAX_WORD_LETTERS", 10**9)  # measure the split itself, not the cap
    split = pinyin._split_syllables.__wrapped__

    def peak(letters: str) -> int:
        tracemalloc.start()
        try:
            assert split(letters) == ("a",) * len(letters)  # "a" is a syllable
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    small, large = peak("a" * 1_000), peak("a" * 4_000)
    assert large <= 6 * small, (small, large)  # quadratic: 16 times (4 MB, then 64 MB)


def test_a_very_long_capitalized_word_is_skipped(small_linter, tmp_path):
    text = "We met A" + "a" * 20_000 + "\nwe should see Ye Zhiqiu's keenness\n"
    findings = lint_text(small_linter, text, select=("TC204",))
    assert [(f.line, f.text) for f in findings] == [(2, "Ye Zhiqiu")]
    path = tmp_path / "word.txt"
    path.write_text("We met A" + "a" * 20_000 + "\n" + PLANTED, encoding="utf-8")
    run = lint(path)
    assert run.returncode == 1 and "Traceback" not in run.stderr and "MemoryError" not in run.stderr
    assert "word.txt:2:21: TC101" in run.stdout


# Other hostile Markdown found on the way --------------------------------------------------------------

def test_lone_carriage_returns_are_line_breaks(tmp_path):
    # markdown-it reads a lone "\r" as a line break: counting only "\n" sent line numbers past the end.
    path = tmp_path / "cr.md"
    path.write_bytes(b"a\r" * 12 + b"\n\n    code block\n\nthe two maintenances\n")
    doc = read_document(str(path))
    assert "code block" not in doc.prose and "two maintenances" in doc.prose


def test_front_matter_with_crlf_line_ends_is_masked():
    text = "---\r\ntitle: two maintenances\r\n---\r\n\r\nThe two maintenances.\r\n"
    doc = read_markdown(text)
    assert "title" not in doc.prose and doc.prose.endswith("The two maintenances.\r\n")
    assert doc.prose.count("\r\n") == text.count("\r\n")


def test_a_link_reference_definition_masks_its_own_line_only():
    text = "Intro.\n\n[a]: https://example.org\n\nThe two maintenances, `code` and <b>bold</b>.\n"
    prose = read_markdown(text).prose
    assert "[a]" not in prose and "example" not in prose
    assert "The two maintenances, " in prose and "code" not in prose and "bold" in prose and "<b>" not in prose


def test_markdown_it_parses_blocks_only(monkeypatch):
    # Inline parsing decides nothing about prose, and markdown-it-py spends a second on 40 KB of "![".
    from markdown_it.parser_inline import ParserInline

    calls = []
    original = ParserInline.parse
    monkeypatch.setattr(ParserInline, "parse", lambda self, *args: calls.append(1) or original(self, *args))
    text = "![" * 2_000 + "\n\n" + "*a " * 2_000 + "\n\n```\ncode\n```\n"
    assert read_markdown(text).prose == text.replace("code", MASK * 4).replace("```", MASK * 3)
    assert calls == []


# Random Markdown structure ----------------------------------------------------------------------------

_REFERENCE_INLINE = regex.compile(  # the patterns the linear scan replaced, run on to each construct's end
    r"""
      <!--.*?-->
    | (?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)
    | <(?:https?|ftp|mailto):[^\s<>]*>
    | </?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>
    | (?<=\])\((?:[^()\s]|\([^()\s]*\))*(?:\s+"[^"]*")?\)
    | \[\^[^\]\s]+\]
    | (?:https?://|www\.)[^\s<>()\[\]"“”]*[^\s<>()\[\]"“”.,;:!?'’]
    | ^[ ]{0,3}\[[^\]\n]+\]:[ \t]+\S+[^\n]*$
    """,
    regex.S | regex.M | regex.X,
)
_REFERENCE_MARKER = re.compile(r"<!--\s*termcheck-(disable-next-line|disable|enable)\b([^>]*?)-->", re.IGNORECASE)


def reference_prose(text: str) -> str:
    """The prose as the straightforward implementation finds it: markdown-it with inline parsing, and
    one pattern over the prose lines."""
    from markdown_it import MarkdownIt

    chars = list(text)

    def mask(start: int, end: int) -> None:
        for i in range(start, end):
            if chars[i] not in "\r\n":
                chars[i] = MASK

    front = markdown._FRONT_MATTER.match(text)
    body_start = front.end() if front else 0
    mask(0, body_start)
    lines = [0] + [m.end() for m in re.finditer(r"\r\n?|\n", text)]
    source = "\n" * len(re.findall(r"\r\n?|\n", text[:body_start])) + text[body_start:]
    for token in MarkdownIt("commonmark").parse(source):
        if token.type in ("fence", "code_block", "html_block") and token.map:
            begin, end = token.map
            mask(lines[begin], lines[end] if end < len(lines) else len(text))
    masked = "".join(chars)
    for m in _REFERENCE_INLINE.finditer(masked, body_start):
        if MASK not in m.group():
            mask(m.start(), m.end())
    return "".join(chars)


def reference_suppressions(text: str) -> list[Suppression]:
    found, open_ranges = [], {}
    for m in _REFERENCE_MARKER.finditer(text):
        kind, rules = m.group(1).lower(), suppressions._rules(m.group(2))
        if kind == "disable-next-line":
            line_end = text.find("\n", m.end())
            if line_end != -1:
                next_end = text.find("\n", line_end + 1)
                found.append(Suppression(line_end + 1, len(text) if next_end == -1 else next_end, rules))
        elif kind == "disable":
            for rule in rules or [None]:
                open_ranges.setdefault(rule, m.end())
        else:
            for rule in list(open_ranges) if rules is None else [r for r in open_ranges if r in rules]:
                found.append(Suppression(open_ranges.pop(rule), m.start(), None if rule is None else frozenset({rule})))
    found.extend(Suppression(start, len(text), None if rule is None else frozenset({rule}))
                 for rule, start in open_ranges.items())
    return found


FRAGMENTS = [
    "`", "``", "```", "````", "<!--", "-->", "<!-- termcheck-disable -->", "<!-- termcheck-enable -->",
    "<!-- termcheck-disable TC101 -->", "<!-- termcheck-enable TC101, TC2 -->", "<!-- termcheck-disable TC1 TC2 -->",
    "<!-- termcheck-disable-next-line -->", "<!-- termcheck-disable", "<!--termcheck-enable-->", "-- >", ">",
    "```\n", "~~~\n", "```text\n", "---\n", "+++\n", "...\n", "# ", "## ", "    ", "> ", "- ", "1. ", "\n", "\n\n",
    "\r\n", "\r", "\t", " ", "two maintenances", "the the", "x", "[a](http://b.c \"t\")", "[", "]", "(", ")", "[^1]",
    "[^", "[a]: http://x.org\n", "<https://a.b>", "<b>", "</b>", "<div>\n", "</div>\n", "http://e.org/p.", "www.a.b",
    "\"", "*", "_", "两个维护", "“", "”",
]
markdown_texts = st.tuples(
    st.sampled_from(["", "---\ntitle: x\n---\n", "---\r\na: b\r\n---\r\n", "+++\nx\n+++\n", "---\n"]),
    # Any other characters but NUL (a NUL makes a file binary, refused before it is read as Markdown)
    # and lone surrogates (which UTF-8 cannot hold).
    st.lists(st.sampled_from(FRAGMENTS) | st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"),
                                                  max_size=3), max_size=40).map("".join),
).map("".join)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("hostile-markdown") / "random.md"


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=markdown_texts)
def test_markdown_reader_on_random_structure(scratch, text):
    scratch.write_bytes(text.encode("utf-8"))
    doc = read_document(str(scratch))  # never raises
    assert doc.markdown
    text = doc.text  # decoded (BOM removed)
    assert len(doc.prose) == len(text)
    for original, seen in zip(text, doc.prose, strict=True):
        assert seen == original or (seen == MASK and original not in "\r\n")
    assert doc.prose == reference_prose(text)
    assert doc.suppressions == reference_suppressions(text)
    for s in doc.suppressions:
        assert 0 <= s.start <= s.end <= len(text)
        assert text[s.start - 3:s.start] == "-->" or text[s.start - 1] == "\n"


def test_many_next_line_suppressions_each_silencing_one_finding(tmp_path):
    doc = tmp_path / "many.md"
    doc.write_text("<!-- termcheck-disable-next-line TC205 -->\nthe the work\n\n" * 20000, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "termcheck", "lint", "--select", "TC205", str(doc)],
                            capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr
    assert "Found 0 problems" in result.stdout
