"""HTML pages (issue 13): only the visible text is checked, where it stands in the original file.

A committed page shaped like a news article (tests/data/docs/news-article.html) has the deprecated
phrases in its head, scripts, navigation, hidden parts, code and footer as well as in its body: only the
body's are reported. A property test builds random pages from a model of what is visible and checks
that the reader finds exactly that text, each piece at its own offsets. Hostile pages are read in
linear work, counted as in tests/test_hostile_markdown.py.
"""
from __future__ import annotations

import html
import re
import subprocess
import sys
from contextlib import contextmanager

import pytest
from conftest import DATA, SMALL_GLOSSARY, SMALL_NAMES, lint_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from termcheck.documents import html_page
from termcheck.documents.html_page import html_document, visible_pieces
from termcheck.documents.loading import (
    document_from_bytes,
    document_from_text,
    read_document,
)
from termcheck.documents.model import MASK
from termcheck.engine import fix_document
from termcheck.errors import InputError

SMALL = ["--no-default-glossary", "--glossary", str(SMALL_GLOSSARY), "--names", str(SMALL_NAMES)]
ARTICLE = DATA / "docs" / "news-article.html"


def visible(text: str) -> str:
    return "".join(shown for _, _, shown in visible_pieces(text))


# The news-article page ---------------------------------------------------------------------------------

def test_only_the_article_body_of_a_news_page_is_reported(small_linter):
    document = read_document(str(ARTICLE))
    findings = small_linter.lint([document])
    assert [(f.rule, f.line, f.column, f.text) for f in findings] == [
        ("TC101", 43, 50, "two&nbsp;maintenances"),
        ("TC101", 50, 97, "two maintenances"),
        ("TC101", 51, 25, "battle-forts"),
        ("TC101", 52, 47, "overall national security concept"),
    ]
    for f in findings:
        assert document.text[f.start:f.end] == f.text  # offsets into the file as it is


def test_the_news_page_shows_its_article_and_hides_its_chrome():
    shown = " ".join(visible(ARTICLE.read_text(encoding="utf-8")).split())
    for kept in ("Party organizations urged to achieve the two maintenances", "By Staff Reporter",
                 "Delegates attend a study session", "BEIJING — Party organizations", "the Party’s work",
                 "Related stories", "“Two Establishments”"):
        assert kept in shown, kept
    for hidden in ("China Daily Wire", "dataLayer", "content:", "Enable JavaScript", "Sections", "World",
                   "Home", "Politics", "Share the", "iframe", "comment", "Copyright", "About us", "Google Tag"):
        assert hidden not in shown, hidden


def test_lint_html_end_to_end(tmp_path):
    result = subprocess.run([sys.executable, "-m", "termcheck", "lint", *SMALL, str(ARTICLE)],
                            check=False, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert f"{ARTICLE}:50:97: TC101 error “two maintenances”" in result.stdout
    assert "Found 4 problems" in result.stdout
    page = tmp_path / "page.html"
    page.write_bytes(ARTICLE.read_bytes())
    fixed = subprocess.run([sys.executable, "-m", "termcheck", "lint", *SMALL, "--fix", str(page)],
                           check=False, capture_output=True, text=True, timeout=120)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    after = page.read_text(encoding="utf-8")
    assert "<h1>Party organizations urged to achieve the Two Upholds</h1>" in after
    assert "serve as strong <em>fighting bastions</em>" in after
    before = ARTICLE.read_text(encoding="utf-8")
    assert after.count("two maintenances") == before.count("two maintenances") - 1  # the chrome's are left


# What is visible -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("markup", [
    "<script>two maintenances</script>", "<style>p::before{content:'two maintenances'}</style>",
    "<template><p>two maintenances</p></template>", "<noscript><p>two maintenances</p></noscript>",
    "<head><title>two maintenances</title></head>", "<nav><a>two maintenances</a></nav>",
    "<header><p>two maintenances</p></header>", "<footer>two maintenances</footer>",
    "<div role='navigation'>two maintenances</div>", "<div role=banner>two maintenances</div>",
    "<div hidden>two maintenances</div>", "<p style='color: red; display : none'>two maintenances</p>",
    "<pre>two maintenances</pre>", "<code>two maintenances</code>", "<!-- two maintenances -->",
    "<textarea>two maintenances</textarea>", "<svg><text>two maintenances</text></svg>",
    "<a title='two maintenances' href='/two-maintenances'></a>", "<img alt='two maintenances'>",
    "<!DOCTYPE two maintenances>", "<?php two maintenances ?>", "</ two maintenances>",
])
def test_what_a_browser_does_not_show_is_not_checked(small_linter, markup):
    page = f"<!doctype html><body>{markup}<main><p>Visible.</p></main></body>"
    assert lint_text(small_linter, page, path="page.html", select=("TC101",)) == []
    assert "Visible." in visible(page)


@pytest.mark.parametrize("markup", [
    "<article><header><h1>two maintenances</h1></header></article>",
    "<section><footer>two maintenances</footer></section>",
    "<p>the <a href='x'>two maintenances</a></p>", "<li><em>two maintenances</em></li>",
    "<p>two&nbsp;maintenances</p>", "<p>two&#32;maintenances</p>", "<p>two&#x20;&#xA0;maintenances</p>",
    "<p>two\n   maintenances</p>", "<svg/><p>two maintenances</p>", "<div a='>' b=\"<p>\">two maintenances</div>",
    "<script>x</scriptx></script>two maintenances", "<title>a</title  >two maintenances",
])
def test_what_a_browser_shows_is_checked(small_linter, markup):
    findings = lint_text(small_linter, f"<!DOCTYPE html><html><body>{markup}</body></html>", path="page.htm",
                         select=("TC101",))
    assert len(findings) == 1 and findings[0].text.startswith("two") and findings[0].text.endswith("maintenances")


@pytest.mark.parametrize("markup", [
    "<p>two</p><p>maintenances</p>", "<td>two</td><td>maintenances</td>", "two<br>maintenances",
    "two&amp;maintenances", "two&#8203;maintenances",
])
def test_a_phrase_does_not_run_across_blocks_or_references(small_linter, markup):
    assert lint_text(small_linter, f"<html><body>{markup}</body></html>", path="p.html", select=("TC101",)) == []


def test_blocks_are_paragraphs_to_the_checks():
    document = html_document("p.html", "<p>one</p><p>two</p>two<br>three")
    assert document.prose.replace(MASK, "") == "\n\none\n\n\n\ntwo\n\ntwo\nthree"


def test_character_references_show_their_character_and_keep_their_span():
    text = "<p>R&amp;D &#x4e2d;&#22269; &ldquo;x&rdquo; &notit; &ampx &#150; &#0; &#99999999999; &bogus; &</p>"
    pieces = [(text[s:e], shown) for s, e, shown in visible_pieces(text) if text[s] == "&"]
    assert pieces == [("&amp;", "&"), ("&#x4e2d;", "中"), ("&#22269;", "国"), ("&ldquo;", "“"), ("&rdquo;", "”"),
                      ("&not", "¬"), ("&amp", "&"), ("&#150;", "–"), ("&#0;", "\ufffd"),
                      ("&#99999999999;", "\ufffd"), ("&", "&"), ("&", "&")]
    document = html_document("p.html", text)
    # Only white space reaches the checks from a reference: a fix never replaces part of one.
    for s, e, shown in visible_pieces(text):
        if text[s] == "&" and e - s > 1:
            assert document.prose[s:e] == (" " * (e - s) if shown.isspace() else MASK * (e - s))


def test_inline_suppression_comments_work_in_html(small_linter):
    page = "<p>two maintenances</p>\n<!-- termcheck-disable-next-line -->\n<p>two maintenances</p>\n"
    assert [f.line for f in lint_text(small_linter, page, path="p.html", select=("TC101",))] == [1]


# Choosing the format ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("head", ["<!DOCTYPE html>", "\ufeff\n  <!doctype HTML>", "<html lang=en>", "\n<HTML>"])
def test_html_without_its_suffix_is_recognised_by_content(small_linter, head):
    for path in ("<stdin>", "page.php", "download"):
        findings = lint_text(small_linter, f"{head}<script>two maintenances</script><p>two maintenances</p>",
                             path=path, select=("TC101",))
        assert len(findings) == 1 and findings[0].start > 30


def test_text_that_only_contains_html_is_not_sniffed(small_linter):
    findings = lint_text(small_linter, "Notes\n<script>two maintenances</script>", path="<stdin>", select=("TC101",))
    assert len(findings) == 1


@pytest.mark.parametrize(("data", "message"), [
    (b"PK\x03\x04" + b"\0" * 40, "is a ZIP archive, not an HTML page"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 40, "is a binary Office file, not an HTML page"),
    (b"<p>caf\xe9</p>", "not valid UTF-8 text"),
])
def test_a_wrong_guess_gives_one_clear_line(data, message):
    with pytest.raises(InputError) as info:
        document_from_bytes("page.html", data)
    assert message in str(info.value) and "\n" not in str(info.value)


# Fixing in place --------------------------------------------------------------------------------------------

def test_fixes_keep_the_markup_and_the_next_pass_reads_html_again(small_linter):
    page = ('<!doctype html><head><title>the two maintenances</title></head><body>\n'
            '<p class="x">We achieve the two maintenances&nbsp;and the the <b>battle-fort</b>.</p>\n'
            '<script>var s = "two maintenances";</script></body>\n')
    document = document_from_bytes("p.html", page.encode())
    fixed = fix_document(small_linter, document, small_linter.lint([document]))
    assert fixed.text == page.replace("We achieve the two maintenances", "We achieve the Two Upholds").replace(
        "the the <b>battle-fort</b>", "the <b>fighting bastion</b>")
    again = document_from_text(document, fixed.text)
    assert MASK in again.prose and small_linter.lint([again]) == []


# The property: random pages, their visible text found at its own offsets --------------------------------

WORDS = ["two", " ", "maintenances", "the", "battle-fort", "“", "”", "中文", "\n", "'", '"', ">", "=", "a < b",
         "3<4", "& ", "x", "the the", "."]
REFERENCES = [("&amp;", "&"), ("&nbsp;", "\xa0"), ("&#x4e2d;", "中"), ("&#8220;", "“"), ("&lt;", "<"),
              ("&#32;", " "), ("&AMP", "&"), ("&copy", "©"), ("&#150;", "–"), ("&#x0;", "\ufffd"), ("&gt;", ">")]
RAW_CONTENT = ["two maintenances", "<p>two maintenances</p>", "<!--", "-->", "&amp;", "</div>", "</scriptx",
               "</stylex", "</textarea-", "'", '"', "<"]
ATTRIBUTES = ["", " class='a>b'", ' data-x="<p>two maintenances</p>"', " id=main", " title='x' lang=en",
              " data-empty", " / "]
INLINE = ["a", "em", "span", "b", "strong"]
BLOCKS = ["p", "div", "li", "h2", "td", "blockquote"]
HIDING = ["template", "nav", "pre", "code", "div hidden", "span style='display:none'", "div role=navigation"]
RAW = ["script", "style", "noscript", "textarea", "title"]


def _text():
    return st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map("".join).map(lambda t: (t, t))


def _reference():
    return st.sampled_from(REFERENCES)


def _raw():
    return st.tuples(st.sampled_from(RAW), st.lists(st.sampled_from(RAW_CONTENT), max_size=4)).map(
        lambda pair: (f"<{pair[0]}>{''.join(pair[1])}</{pair[0]}>", ""))


def _comment():
    return st.sampled_from(["<!-- two maintenances -->", "<!---->", "<!-- <p>x</p> -->", "<!-->", "<!--->"]).map(
        lambda c: (c, ""))


def _void():
    return st.sampled_from(["<img src=a.png alt='two maintenances'>", "<input value=x>", "<hr/>"]).map(
        lambda v: (v, ""))


def _wrap(children):
    def element(args):
        kind, name, attributes, inner = args
        markup, shown = "".join(m for m, _ in inner), "".join(s for _, s in inner)
        tag = name.split()[0]
        if kind == "hide":
            return f"<{name}{attributes}>{markup}</{tag}>", ""
        if kind == "section":
            return f"<article{attributes}><header>{markup}</header><footer>{markup}</footer></article>", shown * 2
        return f"<{name}{attributes}>{markup}</{tag}>", shown

    attributes = st.sampled_from(ATTRIBUTES)
    return st.one_of(
        st.tuples(st.just("show"), st.sampled_from(INLINE + BLOCKS), attributes, st.lists(children, max_size=4)),
        st.tuples(st.just("hide"), st.sampled_from(HIDING), attributes, st.lists(children, max_size=3)),
        st.tuples(st.just("section"), st.just("article"), attributes, st.lists(children, max_size=2)),
    ).map(element)


NODES = st.recursive(st.one_of(_text(), _reference(), _raw(), _comment(), _void()), _wrap, max_leaves=25)
PAGES = st.tuples(st.booleans(), st.lists(NODES, max_size=6)).map(
    lambda args: (("<!DOCTYPE html><html><head><title>t</title><script>two maintenances</script></head><body>"
                   if args[0] else "") + "".join(m for m, _ in args[1]) + ("</body></html>" if args[0] else ""),
                  "".join(s for _, s in args[1])))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PAGES)
def test_random_pages_show_their_visible_text_at_its_own_offsets(small_linter, page):
    text, expected = page
    pieces = visible_pieces(text)
    assert "".join(shown for _, _, shown in pieces) == expected
    last = 0
    for start, end, shown in pieces:
        assert last <= start < end <= len(text)
        assert html.unescape(text[start:end]) == shown  # each piece maps back to exactly its source
        last = end
    document = html_document("random.html", text)
    assert len(document.prose) == len(text)
    data = [(s, e) for s, e, shown in pieces if text[s] != "&" or e - s == 1]
    covered = {i for s, e in data for i in range(s, e)}
    for i, char in enumerate(document.prose):
        if char not in (MASK, " ", "\n"):
            assert i in covered and char == text[i]
    for finding in small_linter.lint([document]):
        assert MASK not in document.prose[finding.start:finding.end], finding
        assert document.text[finding.start:finding.end] == finding.text


# Hostile pages ---------------------------------------------------------------------------------------------

FRAGMENTS = ["<", "</", "<!--", "-->", "<!", "<?", ">", "<a ", "<p>", "</p>", "<script>", "</script>", "<title>",
             "&", "&#", "&#x", "&amp", "&amp;", "'", '"', "=", "/", " ", "\n", "two maintenances", "<svg/>",
             "<nav>", "</nav>", "<head>", "</head>", "<plaintext>", "<br>", "</br>", "\r", "x"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join))
def test_any_text_reads_as_a_page_without_error(text):
    document = html_document("fuzz.html", text)
    assert len(document.prose) == len(text)
    for start, end, _ in visible_pieces(text):
        if text[start] != "&" or end - start == 1:  # a stretch of visible text is never masked
            assert MASK not in document.prose[start:end]


_PATTERN_TYPE = type(re.compile(""))


class _Counting:
    """A compiled pattern that adds to `tally` the characters each search runs over."""

    def __init__(self, pattern, tally: list[int]) -> None:
        self._pattern, self._tally = pattern, tally

    def search(self, string, pos=0, *args):
        m = self._pattern.search(string, pos, *args)
        self._tally[0] += (m.end() if m else len(string)) - pos
        return m

    def match(self, string, pos=0, *args):
        m = self._pattern.match(string, pos, *args)
        self._tally[0] += m.end() - pos if m else 1
        return m


@contextmanager
def _counted():
    tally, saved = [0], []
    for name, value in list(vars(html_page).items()):
        if isinstance(value, _PATTERN_TYPE):
            saved.append((name, value))
            setattr(html_page, name, _Counting(value, tally))
    try:
        yield tally
    finally:
        for name, value in saved:
            setattr(html_page, name, value)


def _work(text: str) -> int:
    with _counted() as tally:
        html_document("hostile.html", text)
    return tally[0]


@pytest.mark.parametrize("make", [
    lambda n: "<a " * (n // 3), lambda n: "<!--" * (n // 4), lambda n: "<script>" * (n // 8),
    lambda n: "&" * n, lambda n: "&#" * (n // 2), lambda n: "&amp" * (n // 4), lambda n: "<a b='" * (n // 6),
    lambda n: "</" * (n // 2), lambda n: "<!" * (n // 2), lambda n: "<?" * (n // 2),
    lambda n: "<p>" * (n // 9) + "</div>" * (n // 9), lambda n: "<nav>" * (n // 10) + "</b>" * (n // 8),
    lambda n: "<script>" + "</scrip " * (n // 8), lambda n: "<title>" + "</style>" * (n // 8),
    lambda n: "&#" + "9" * n, lambda n: "&" + "a" * n, lambda n: "<a" + " b" * (n // 2),
], ids=["open-tags", "comments", "scripts", "ampersands", "numeric-openers", "bare-names", "open-quotes",
        "end-openers", "bangs", "questions", "unmatched-ends", "unclosed-nav", "fake-script-ends",
        "other-raw-ends", "long-number", "long-name", "many-attributes"])
def test_hostile_pages_take_linear_work(make):
    small, large = make(20_000), make(80_000)
    small_work, large_work = _work(small), _work(large)
    assert small_work >= len(small) // 2  # the count does see the searches
    assert large_work <= 6 * small_work, (small_work, large_work)


def test_a_hostile_page_on_the_command_line_is_linted(tmp_path):
    page = tmp_path / "hostile.html"
    page.write_text("<p>the two maintenances</p>" + "<a " * 30_000, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "termcheck", "lint", *SMALL, str(page)],
                            check=False, capture_output=True, text=True, timeout=600)
    assert result.returncode == 1 and "TC101" in result.stdout, result.stderr
