"""The HTML review page: escaping, highlights (overlapping too), concepts, bilingual rows, filters, the
decisions it exports; and, in a real headless Chromium, that it works from disk without the network and
that its exported decisions file is what `termcheck lint --decisions` reads."""
from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REPO, SMALL_GLOSSARY

from termcheck.documents.loading import document_from_bytes
from termcheck.findings import Concept, Finding, Severity
from termcheck.formatters import formatter
from termcheck.glossary.model import GlossaryFile
from termcheck.report import Report

CHROMIUM = Path("/usr/bin/chromium")
HOSTILE = (
    'Intro </script><script>alert(1)</script> and "><img src=x onerror=alert(2)> '
    "and ' onmouseover='alert(3)' and &amp; &lt;b&gt;.\n"
    "We must resolutely achieve the two maintenances </script>.\n"
)


# --- a small parser for the page ---------------------------------------------------------------------

class Page(HTMLParser):
    """Every start tag with its attributes, and the text inside elements marked by a class."""

    VOID = frozenset({"meta", "input", "br", "img", "link", "hr"})

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.styles: list[str] = []
        self._stack: list[tuple[str, dict[str, str | None]]] = []
        self._script: tuple[dict[str, str | None], list[str]] | None = None
        self._style: list[str] | None = None
        self.texts: dict[str, list[str]] = {}  # class of an open element -> text inside it, in order
        self.feed(source)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "script":
            self._script = (attributes, [])
        elif tag == "style":
            self._style = []
        if tag not in self.VOID:
            self._stack.append((tag, attributes))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script[0], "".join(self._script[1])))
            self._script = None
        if tag == "style" and self._style is not None:
            self.styles.append("".join(self._style))
            self._style = None
        while self._stack:
            if self._stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script[1].append(data)
            return
        if self._style is not None:
            self._style.append(data)
            return
        for _, attributes in self._stack:
            for cls in (attributes.get("class") or "").split():
                self.texts.setdefault(cls, []).append(data)

    def find(self, tag: str, **want: str) -> list[dict[str, str | None]]:
        """Start tags named `tag` whose attributes include `want` (class matches one of the classes)."""
        found = []
        for name, attributes in self.tags:
            if name != tag:
                continue
            ok = True
            for key, value in want.items():
                key = key.rstrip("_").replace("_", "-")
                if key == "class":
                    ok &= value in (attributes.get("class") or "").split()
                else:
                    ok &= attributes.get(key) == value
            if ok:
                found.append(attributes)
        return found

    def data(self) -> dict:
        [raw] = [body for attributes, body in self.scripts if attributes.get("id") == "termcheck-data"]
        return json.loads(raw)


def report_for(linter, files: dict[str, str], **extra) -> tuple[Report, str]:
    documents = [document_from_bytes(path, text.encode("utf-8")) for path, text in files.items()]
    findings = linter.lint(documents)
    report = Report(findings, len(documents), documents=documents, **extra)
    return report, formatter("html")(report)


def marked_ids(page: Page) -> Counter[int]:
    return Counter(int(i) for attrs in page.find("mark", class_="hl") for i in (attrs["data-f"] or "").split())


# --- Python level -------------------------------------------------------------------------------------

def test_document_text_is_escaped_and_only_our_scripts_exist(small_linter):
    report, html = report_for(small_linter, {"hostile.txt": HOSTILE})
    assert report.findings, "the hostile document should still have findings to highlight"
    page = Page(html)
    assert [attrs for attrs, _ in page.scripts] == [{"type": "application/json", "id": "termcheck-data"}, {}]
    assert not page.find("img")
    assert not [(tag, a) for tag, attrs in page.tags for a in attrs if a.startswith("on")]
    assert not [(tag, attrs) for tag, attrs in page.tags if "src" in attrs or "href" in attrs]
    # The data element cannot be closed early, and it reads back unchanged.
    data_body = next(body for attrs, body in page.scripts if attrs.get("id") == "termcheck-data")
    assert "<" not in data_body and ">" not in data_body
    assert [f["text"] for f in page.data()["findings"]] == [f.text for f in report.findings]
    # The document's text is shown exactly: nothing lost, nothing duplicated, nothing interpreted.
    assert "".join(page.texts["text"]) == HOSTILE


def test_content_security_policy_allows_only_the_page_own_style_and_script(small_linter):
    _, html = report_for(small_linter, {"doc.md": "The two maintenances.\n"})
    page = Page(html)
    [meta] = page.find("meta", http_equiv="Content-Security-Policy")
    policy = meta["content"] or ""
    assert "default-src 'none'" in policy and "unsafe" not in policy
    [script] = [body for attrs, body in page.scripts if not attrs]
    for source in (script, page.styles[0]):
        digest = base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    assert not re.search(r"https?://", html)


def test_every_finding_listed_once_and_highlighted_in_document_order(small_linter):
    text = "We must see Ye Zhiqiu's keenness.\nThe overall national security concept concept guides the the work.\n"
    report, html = report_for(small_linter, {"doc.md": text})
    page = Page(html)
    rows = page.find("tr")
    fids = [int(r["data-fid"]) for r in rows if r.get("data-fid") is not None]
    assert fids == list(range(len(report.findings)))
    assert set(marked_ids(page)) == set(fids)
    # Overlaps were found by real linting: one finding inside another, two crossing each other.
    spans = [(f.start, f.end) for f in report.findings]
    assert any(a[0] <= b[0] and b[1] <= a[1] and a != b for a in spans for b in spans)
    assert any(a[0] < b[0] < a[1] < b[1] for a in spans for b in spans)
    assert "".join(page.texts["text"]) == text
    # The highlighted pieces, in order, spell each finding's text (split where findings overlap).
    assert [re.sub(r"\s+", " ", "".join(piece)) for piece in _pieces_by_finding(html, len(fids))] == [
        re.sub(r"\s+", " ", f.text) for f in report.findings
    ]


def _pieces_by_finding(html: str, count: int) -> list[list[str]]:
    import html as html_module

    pieces: list[list[str]] = [[] for _ in range(count)]
    for ids, body in re.findall(r'<mark class="[^"]*" data-f="([^"]*)"[^>]*>(.*?)</mark>', html, re.S):
        for fid in ids.split():
            pieces[int(fid)].append(html_module.unescape(body))
    return pieces


def test_tooltip_names_rule_message_and_suggestion(small_linter):
    report, html = report_for(small_linter, {"doc.md": "We must achieve the two maintenances.\n"})
    [finding] = report.findings
    [mark] = Page(html).find("mark", class_="hl")
    assert mark["class"] == "hl sev-error"
    assert mark["title"] == f"{finding.rule} error: {finding.message} → {finding.suggestion}"


def test_concepts_table_counts_each_rendering(small_linter):
    text = "The two maintenances.\nAgain the two maintenances.\nAnd the Two Safeguards.\nA battle-fort.\n"
    _, html = report_for(small_linter, {"doc.md": text})
    page = Page(html)
    rows = {r["data-concept"]: r["class"] for r in page.find("tr") if r.get("data-concept")}
    assert rows == {"两个维护": "inconsistent", "战斗堡垒": "consistent"}
    # Renderings in the table, most frequent first, each with its count.
    concepts = html[html.index('data-concept="两个维护"'):]
    concepts = concepts[:concepts.index("</tr>")]
    found = re.findall(r'rendering-text">([^<]*)</span> <span class="rendering-count"[^>]*>×(\d+)<', concepts)
    assert found == [("two maintenances", "2"), ("Two Safeguards", "1")]
    assert "Two Upholds" in concepts


def test_bilingual_documents_show_source_and_target_side_by_side(small_linter):
    tsv = "两个维护\tthe two maintenances\n国家安全部\tthe Ministry of National Security and <two maintenance>\n"
    report, html = report_for(small_linter, {"doc.tsv": tsv})
    assert len(report.findings) == 3
    page = Page(html)
    assert page.find("table", class_="bitext")
    assert [r["data-segment"] for r in page.find("tr") if r.get("data-segment")] == ["1", "2"]
    assert "".join(page.texts["source"]) == "两个维护国家安全部"
    target = "".join(page.texts["target"])
    assert target == "the two maintenancesthe Ministry of National Security and <two maintenance>"
    assert sorted(marked_ids(page)) == [0, 1, 2]
    assert "text" not in page.texts  # no monolingual view of a bilingual document


def test_filters_exist_for_each_severity_and_each_rule(small_linter):
    report, html = report_for(small_linter, {"doc.md": "The the two maintenances，and a magic weapon.\n"})
    page = Page(html)
    boxes = page.find("input", class_="filter")
    severities = [b["value"] for b in boxes if b["data-kind"] == "severity"]
    rules = [b["value"] for b in boxes if b["data-kind"] == "rule"]
    assert severities == ["error", "warning", "info"]
    assert rules == sorted({f.rule for f in report.findings}) and len(rules) >= 2
    assert all(b["type"] == "checkbox" and "checked" in b for b in boxes)


def test_summary_shows_counts_suppressed_and_unreadable_files(small_linter):
    _, html = report_for(
        small_linter, {"doc.md": "The two maintenances and the the work.\n"},
        errors=["broken.txt: binary file"], suppressed=4,
    )
    counts = dict(re.findall(r'data-count="([\w-]+)"><dt>[^<]*</dt><dd>(\d+)</dd>', html))
    assert counts == {"files": "1", "total": "2", "sev-error": "1", "sev-warning": "1", "sev-info": "0",
                      "suppressed": "4", "unreadable": "1"}
    assert "broken.txt: binary file" in html
    assert html.index('class="summary"') < html.index('class="documents"')


def documented_fingerprint(rule: str, concept: str, found: str, before: str, after: str, ordinal: int) -> str:
    """The recipe termcheck/fingerprints.py documents, written out: the first 16 hex digits of the SHA-256
    of rule, concept, folded text, three words before and after, and the ordinal, joined by U+001F."""
    key = "\x1f".join((rule, concept, found, before, after, str(ordinal)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def test_decision_records_carry_python_fingerprints_and_context(small_linter, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = "We must achieve the two maintenances.\nThe battlefort stands.\nWe must achieve the two maintenances.\n"
    _, html = report_for(small_linter, {"doc.md": text})
    records = [f["record"] for f in Page(html).data()["findings"]]
    # Worked out by hand: up to three words either side on the finding's own line, case folded; the two
    # identical findings in identical surroundings are told apart by their ordinals, 0 and 1.
    twice = ("TC101", "两个维护", "two maintenances", "must achieve the", "")
    assert records == [
        {"path": "doc.md", "fingerprint": documented_fingerprint(*twice, 0), "decision": None,
         "rule": "TC101", "concept": "两个维护", "text": "two maintenances", "context": ["must achieve the", ""]},
        {"path": "doc.md", "fingerprint": documented_fingerprint("TC101", "战斗堡垒", "battlefort", "the", "stands", 0),
         "decision": None, "rule": "TC101", "concept": "战斗堡垒", "text": "battlefort", "context": ["the", "stands"]},
        {"path": "doc.md", "fingerprint": documented_fingerprint(*twice, 1), "decision": None,
         "rule": "TC101", "concept": "两个维护", "text": "two maintenances", "context": ["must achieve the", ""]},
    ]
    assert [list(record) for record in records] == [
        ["path", "fingerprint", "decision", "rule", "concept", "text", "context"]] * 3


def test_zero_width_finding_gets_a_marker_and_keeps_the_text(small_linter):
    text = "The two maintenances are here.\n"
    report, _ = report_for(small_linter, {"doc.md": text})
    missing = Finding("doc.md", "TC999", "missing-word", report.findings[0].severity, 4, 4, "", "a word is missing")
    report.findings.append(missing)
    page = Page(formatter("html")(report))
    assert "".join(page.texts["text"]) == text
    assert marked_ids(page)[1] == 1 and page.find("mark", class_="caret")


INJECTION = "Before </script><script>alert(1)</script> and {{ 7*7 }} {% if 1 %}x{% endif %} {# c #} after.\n"


@pytest.mark.parametrize("bilingual", [False, True], ids=["text", "bilingual"])
def test_script_and_template_syntax_in_documents_and_findings_stay_text(bilingual):
    """Document text (and what a glossary says about it) is data to the templates, never template source,
    and autoescaped: `{{ 7*7 }}` is shown as written and no `</script>` ends an element early."""
    hostile = INJECTION.strip()
    path = "doc.tsv" if bilingual else "doc.md"
    document = document_from_bytes(path, (f"{hostile}\t{hostile}\n" if bilingual else INJECTION).encode("utf-8"))
    if bilingual:
        document.segments[0].context = hostile
        document.segments[0].flags = ("{{ 7*7 }}", "</script>")
    start, end = document.text.index("</script>"), document.text.index(" after")
    finding = Finding(path, "TC101", hostile, Severity.ERROR, start, end, document.text[start:end], hostile,
                      suggestion=hostile, concept=Concept(hostile, hostile))
    report = Report([finding], 1, documents=[document], errors=[hostile], glossaries=[GlossaryFile(hostile, 1, "")])
    html = formatter("html")(report)
    page = Page(html)

    assert [attrs for attrs, _ in page.scripts] == [{"type": "application/json", "id": "termcheck-data"}, {}]
    assert html.count("<script") == 2 and html.count("</script>") == 2
    shown = page.texts["target" if bilingual else "text"]
    assert "".join(shown) == (hostile if bilingual else INJECTION)
    if bilingual:
        assert "".join(page.texts["source"]) == hostile
        assert page.texts["seg-context"] == [hostile]
        assert page.texts["seg-flag"] == ["{{ 7*7 }}", "</script>"]
    [mark] = page.find("mark", class_="hl")
    assert mark["title"] == f"TC101 error: {hostile} → {hostile}"
    assert "".join(page.texts["goto"]) == finding.text
    assert [abbr["title"] for abbr in page.find("abbr")] == [hostile]
    assert hostile in "".join(page.texts["meta"]) and hostile in "".join(page.texts["unreadable-files"])
    assert [r["data-concept"] for r in page.find("tr") if r.get("data-concept")] == [hostile]
    [data] = page.data()["findings"]
    assert (data["message"], data["suggestion"], data["record"]["concept"]) == (hostile, hostile, hostile)


def test_page_inlines_the_packaged_style_and_script_verbatim(small_linter):
    from importlib.resources import files

    _, html = report_for(small_linter, {"doc.md": "The two maintenances.\n"})
    page = Page(html)
    static = files("termcheck.formatters").joinpath("static")
    assert page.styles == [static.joinpath("report.css").read_text(encoding="utf-8")]
    script = static.joinpath("report.js").read_text(encoding="utf-8")
    assert [body for attrs, body in page.scripts if not attrs] == [script]


# --- in a real browser ----------------------------------------------------------------------------------

DOC = """# Security work

We must resolutely achieve the two maintenances and firmly support the two establishes.
The overall national security concept guides the Ministry of National Security.
Party organizations act as battle forts, and the the work goes on.
"""
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"]
LINT = [sys.executable, "-m", "termcheck", "lint", "--no-default-glossary", "--glossary", str(SMALL_GLOSSARY)]


def _termcheck(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(LINT + args, cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(REPO)})


def _lint_json(cwd: Path, *args: str) -> dict:
    result = _termcheck(["--format", "json", *args, "doc.md"], cwd)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


@pytest.mark.skipif(not CHROMIUM.exists(),
                    reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)")
def test_review_page_in_headless_chromium(tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs Playwright for Python (pip install playwright)")
    (tmp_path / "doc.md").write_text(DOC, encoding="utf-8")
    before = _lint_json(tmp_path)["findings"]
    assert len(before) >= 5
    result = _termcheck(["--format", "html", "-o", "report.html", "doc.md"], tmp_path)
    assert result.returncode in (0, 1), result.stderr
    report = tmp_path / "report.html"

    requests: list[str] = []
    problems: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=BROWSER_ARGS)
        try:
            page = browser.new_page(accept_downloads=True, viewport={"width": 1360, "height": 900})
            page.on("request", lambda request: requests.append(request.url))
            page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
            page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
            page.goto(report.as_uri())

            # Every finding is highlighted (pieces may be shared where findings overlap) and listed once.
            highlighted = page.eval_on_selector_all(
                "mark.hl:not(.off)", "ms => new Set(ms.flatMap(m => m.dataset.f.split(' '))).size")
            assert highlighted == len(before)
            assert page.locator("tr[data-fid]").count() == len(before)
            assert page.locator("#shown-count").inner_text() == f"{len(before)} of {len(before)} findings shown"

            # Filters hide highlights and rows.
            page.locator('input.filter[data-kind="severity"][value="error"]').uncheck()
            errors = sum(1 for f in before if f["severity"] == "error")
            assert page.locator("tr[data-fid]:visible").count() == len(before) - errors
            assert page.locator("mark.hl.sev-error").count() == 0
            page.locator('input.filter[data-kind="severity"][value="error"]').check()

            # Reject one finding from its highlight's details panel.
            target = next(i for i, f in enumerate(before) if f["text"] == "two maintenances")
            page.locator(f'mark.hl[data-f="{target}"]').click()
            panel = page.locator("#details-body")
            assert "Two Upholds" in panel.inner_text() and before[target]["rule"] in panel.inner_text()
            panel.locator(f'button.verdict[data-fid="{target}"][data-verdict="rejected"]').click()
            row = page.locator(f'tr[data-fid="{target}"]')
            assert row.get_attribute("data-verdict") == "rejected"
            assert row.locator('button[data-verdict="rejected"]').get_attribute("aria-pressed") == "true"
            fingerprint = row.get_attribute("data-fingerprint")

            page.evaluate("window.scrollTo(0, 0)")  # the sticky toolbar is drawn where the view is
            screenshot = tmp_path / "termcheck-report.png"
            page.screenshot(path=str(screenshot), full_page=True)
            assert screenshot.stat().st_size > 0

            # Accept one suggestion and give another finding her own wording in the edit box.
            accepted = next(i for i, f in enumerate(before) if f["text"] == "Ministry of National Security")
            edited = next(i for i, f in enumerate(before) if f["text"] == "battle forts")
            page.locator(f'tr[data-fid="{accepted}"] button.goto').click()
            panel.locator(f'button.verdict[data-fid="{accepted}"][data-verdict="accepted"]').click()
            page.locator(f'tr[data-fid="{edited}"] button.goto').click()
            panel.locator(f'input.edit-text[data-fid="{edited}"]').fill("strongholds")
            panel.locator(f'button.verdict[data-fid="{edited}"][data-verdict="edited"]').click()
            assert page.locator(f'tr[data-fid="{edited}"]').get_attribute("data-verdict") == "edited"

            with page.expect_download() as download_info:
                page.locator("#export").click()
            download = download_info.value
            assert download.suggested_filename == "termcheck-decisions.json"
            decisions_path = tmp_path / "termcheck-decisions.json"
            download.save_as(str(decisions_path))
        finally:
            browser.close()

    assert not problems, problems
    foreign = [url for url in requests if not url.startswith(("file://", "data:", "blob:"))]
    assert not foreign, f"the page made network requests: {foreign}"

    decisions = json.loads(decisions_path.read_text(encoding="utf-8"))
    assert decisions["version"] == 1
    by_verdict = {d["decision"]: d for d in decisions["decisions"]}
    assert sorted(by_verdict) == ["accepted", "edited", "rejected"]
    assert by_verdict["edited"]["replacement"] == "strongholds"
    decision = by_verdict["rejected"]
    assert decision["fingerprint"] == fingerprint
    assert {k: decision[k] for k in ("path", "rule", "concept", "text")} == {
        "path": "doc.md", "rule": before[target]["rule"], "concept": "两个维护", "text": "two maintenances"}

    if "--decisions" not in _termcheck(["--help"], tmp_path).stdout:
        pytest.xfail("termcheck lint has no --decisions option yet: cannot check that the rejection suppresses "
                     "the finding")
    after = _lint_json(tmp_path, "--decisions", str(decisions_path))
    key = ("rule", "text", "start")
    assert [tuple(f[k] for k in key) for f in after["findings"]] == [
        tuple(f[k] for k in key) for i, f in enumerate(before) if i != target]
    assert after["summary"]["suppressed"] == 1
    # Accept in the page means what it means in review: --fix applies it, and her edit too.
    fixed = _termcheck(["--fix", "--decisions", str(decisions_path), "doc.md"], tmp_path)
    assert fixed.returncode in (0, 1), fixed.stderr
    text = (tmp_path / "doc.md").read_text(encoding="utf-8")
    assert "Ministry of State Security" in text and "act as strongholds" in text
    assert "two maintenances" in text  # rejected: never changed


# --- start-up time -------------------------------------------------------------------------------------

IMPORTED_TEMPLATING = """
import sys
from termcheck.cli import main
sys.argv = ["termcheck", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(sorted({m.split(".")[0] for m in sys.modules} & {"jinja2", "markupsafe"}), file=sys.stderr)
"""


@pytest.mark.parametrize(("output_format", "expected"), [("json", "[]"), ("text", "[]"),
                                                         ("html", "['jinja2', 'markupsafe']")])
def test_only_the_html_format_imports_jinja2(tmp_path, output_format, expected):
    """Start-up time: Jinja2 takes about 0.1 s to import, so lint pays for it only with --format html. Read
    from sys.modules: -X importtime does not list modules loaded by importlib.import_module, as the
    formatters are."""
    (tmp_path / "doc.md").write_text("The two maintenances.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", IMPORTED_TEMPLATING, *LINT[3:], "--format", output_format, "doc.md"],
                            check=False, cwd=tmp_path, capture_output=True, text=True, timeout=120,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.stderr.splitlines()[-1] == expected, result.stderr[-2000:]
    assert "two maintenances" in result.stdout
