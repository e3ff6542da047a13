"""The text format shows each finding's line with the flagged text underlined; `concise` leaves it out."""
import json
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from termcheck.formatters.snippet import WIDTH, snippet, width


def carets(lines: list[str]) -> tuple[int, int]:
    """Where the underline starts in the shown line's text, and how long it is."""
    underline = lines[2].split(" | ", 1)[1]
    return len(underline) - len(underline.lstrip(" ")), underline.count("^")


def test_the_finding_is_underlined_on_its_own_line():
    text = "First line.\nWe must achieve the two maintenances today.\nLast line."
    start = text.index("two maintenances")
    lines = snippet(text, start, start + len("two maintenances"), 2)
    assert lines[1] == "2 | We must achieve the two maintenances today."
    assert carets(lines) == (len("We must achieve the "), len("two maintenances"))


def test_wide_characters_take_two_columns():
    text = "中文“两个维护” and the battlefort."
    start = text.index("battlefort")
    offset, count = carets(snippet(text, start, start + len("battlefort"), 1))
    assert offset == width("中文“两个维护” and the ") == len("中文“两个维护” and the ") + 6
    assert count == len("battlefort")
    offset, count = carets(snippet(text, 2, 8, 1))
    assert (offset, count) == (4, 10)  # curly quotes are "ambiguous" width: one column outside CJK locales


def test_a_control_character_is_shown_escaped_and_the_carets_still_line_up():
    text = "a\x1b[31mred two maintenances"
    start = text.index("two")
    lines = snippet(text, start, len(text), 1)
    assert "\x1b" not in "".join(lines)
    shown = lines[1].split(" | ", 1)[1]
    offset, count = carets(lines)
    assert shown[offset:offset + count] == "two maintenances"


def test_a_long_line_is_cut_around_the_finding():
    text = "word " * 100 + "two maintenances" + " word" * 100
    start = text.index("two")
    lines = snippet(text, start, start + 16, 7)
    shown = lines[1].split(" | ", 1)[1]
    assert shown.startswith("…") and shown.endswith("…") and width(shown) <= WIDTH
    offset, count = carets(lines)
    assert shown[offset:offset + count] == "two maintenances"


def test_a_finding_over_two_lines_is_underlined_to_the_end_of_its_first():
    text = "achieve the two\nmaintenances now"
    lines = snippet(text, text.index("two"), text.index(" now"), 1)
    assert lines[1] == "1 | achieve the two" and carets(lines) == (12, 3)


@given(st.text(alphabet=st.sampled_from("ab 中“”\t\x1bé\u0301"), max_size=20), st.data())
def test_the_underline_always_sits_under_the_flagged_text(line, data):
    text = f"before\n{line}x\nafter"
    first = len("before\n")
    start = data.draw(st.integers(first, first + len(line)))
    end = data.draw(st.integers(start + 1, first + len(line) + 1))
    lines = snippet(text, start, end, 2)
    assert len(lines) == 3 and all("\n" not in s and "\x1b" not in s for s in lines)
    shown = lines[1].split(" | ", 1)[1] if " | " in lines[1] else ""
    offset, count = carets(lines)
    assert count >= 1 and not shown.startswith("…")  # 20 characters fit without a cut
    # the columns before the carets are exactly the columns of the text before the finding
    def seen(part: str) -> str:
        return part.replace("\t", " ").replace("\x1b", "\\x1b")

    line_end = text.index("\n", first)
    assert offset == width(seen(text[first:start]))
    assert count == max(1, width(seen(text[start:min(end, line_end)])))


def test_text_output_shows_the_line_and_concise_does_not(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("Intro.\nWe must achieve the “two maintenances”.\n", encoding="utf-8")
    run = [sys.executable, "-m", "termcheck", "lint", "--no-cache", "--select", "TC101", str(page)]
    full = subprocess.run(run, capture_output=True, text=True).stdout.splitlines()
    concise = subprocess.run([*run, "--format", "concise"], capture_output=True, text=True).stdout.splitlines()
    at = next(i for i, line in enumerate(full) if line.startswith(f"{page}:2:"))
    assert full[at + 2] == "2 | We must achieve the “two maintenances”."
    assert full[at + 3] == "  |                      ^^^^^^^^^^^^^^^^"
    assert [line for line in full if line.startswith(str(page))] == [line for line in concise if line.strip()][:-1]
    assert not any(" | " in line for line in concise)
    # machine formats are unchanged
    report = json.loads(subprocess.run([*run, "--format", "json"], capture_output=True, text=True).stdout)
    assert [f["text"] for f in report["findings"]] == ["two maintenances"]
