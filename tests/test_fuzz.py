"""Property-based fuzzing with a bounded budget: readers, matcher and config loader never crash.

Whatever bytes arrive, a reader either returns a document or raises termcheck's own InputError (which
the CLI prints as one line); the matcher returns in-range offsets; the config loader raises ConfigError.
"""
import contextlib
from pathlib import Path

import pytest
from conftest import lint_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from termcheck.config import ConfigError, load_config
from termcheck.documents.loading import document_from_bytes
from termcheck.errors import InputError, TermcheckError
from termcheck.glossary.loader import parse_glossary

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

FRAGMENTS = {
    ".md": ["---\n", "# ", "`", "```\n", "<!-- termcheck-disable TC1 -->", "<!--", "-->", "[a](b)", "two maintenances",
            "“", "”", "\n\n", "两个维护", "2、", "> ", "*", "\r\n", "\ufeff"],
    ".po": ['msgid "', 'msgstr "', '"\n', "msgid_plural ", "msgstr[0] ", "#, fuzzy\n", "#~ ", "msgctxt ", "\\n",
            "两个维护", "\n", 'Content-Type: text/plain; charset=UTF-8\\n'],
    ".xlf": ["<xliff", ' version="1.2"', ">", "</xliff>", "<file>", "<trans-unit id='1'>", "<source>", "</source>",
             "<target>", "</target>", "<!DOCTYPE x [", "<!ENTITY a 'b'>", "]>", "&a;", "两个维护", "<g>", "</g>"],
    ".tmx": ["<tmx>", "</tmx>", "<body>", "<tu>", "<tuv xml:lang='zh'>", "<seg>", "</seg>", "</tuv>", "</tu>",
             "<header srclang='zh'/>", "两个维护", "&amp;", "<!DOCTYPE"],
    ".tsv": ["\t", "\n", '"', "zh", "en", "source", "target", "两个维护", "two maintenances"],
    ".txt": ["two", " maintenances", "battle-", "fort", "\n", "\n\n", "“", "”", "(", ")", "2、", "，", "the the"],
}


def fragments(suffix):
    return st.lists(st.one_of(st.sampled_from(FRAGMENTS[suffix]), st.binary(max_size=4).map(
        lambda b: b.decode("utf-8", "replace"))), max_size=40).map("".join)


@pytest.mark.parametrize("suffix", sorted(FRAGMENTS))
def test_readers_never_crash(suffix):
    @FUZZ
    @given(fragments(suffix), st.sampled_from(["utf-8", "utf-16", "latin-1"]))
    def run(text, encoding):
        data = text.encode(encoding, "replace")
        try:
            document = document_from_bytes(f"fuzz{suffix}", data)
        except InputError:
            return
        assert len(document.prose) == len(document.text)
        for segment in document.segments:
            assert document.text[segment.start:segment.start + len(segment.target)] == segment.target

    run()


@FUZZ
@given(fragments(".txt"), st.booleans())
def test_linting_any_text_gives_in_range_findings(small_linter, text, markdown):
    try:
        findings = lint_text(small_linter, text, path="fuzz.md" if markdown else "fuzz.txt")
    except InputError:
        assert "\x00" in text  # the one text a reader refuses: it is binary
        return
    for f in findings:
        assert 0 <= f.start <= f.end <= len(text) and text[f.start:f.end] == f.text
        assert f.line >= 1 and f.column >= 1


@FUZZ
@given(st.lists(st.sampled_from(["zh\ten\tsource\n", "zh\ten\tpattern\tsource\n", "甲\tx\ty\n", "\t", "(", "\n",
                                 "a;b", "#", "乙\t\t\n", "丙\tz\t(?P<a>\tq\n"]), max_size=12).map("".join))
def test_glossary_parser_raises_only_glossary_errors(text):
    with contextlib.suppress(TermcheckError):
        parse_glossary("fuzz.tsv", text)


@FUZZ
@given(st.lists(st.sampled_from(['select = ["TC1"]\n', "fail-on = 'error'\n", "[severity]\n", 'TC101 = "info"\n',
                                 "format = 3\n", "[tool]\n", "= = =\n", '"', "include = [\n", "]\n",
                                 "decisions = 'x'\n", "unknown = 1\n", "\x00"]), max_size=8).map("".join))
def test_config_loader_raises_only_config_errors(tmp_path_factory, text):
    path = Path(tmp_path_factory.mktemp("cfg")) / "termcheck.toml"
    path.write_text(text, encoding="utf-8")
    with contextlib.suppress(ConfigError):
        load_config(path)
