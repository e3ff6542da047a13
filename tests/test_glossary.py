import pytest

from termcheck.errors import GlossaryError
from termcheck.glossary import load_glossaries, load_glossary_file
from termcheck.glossary.loader import COLUMNS

HEADER = "\t".join(COLUMNS)


def write(tmp_path, name, body):
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return str(path)


def row(**fields):
    return "\t".join(fields.get(c, "") for c in COLUMNS)


def test_loads_entries_with_lists_and_defaults(tmp_path):
    path = write(tmp_path, "g.tsv", HEADER + "\n" + row(zh="两个维护", en="Two Upholds", admitted="two upholds",
                                                       deprecated="two maintenance; Two Safeguards",
                                                       case="fixed", tags="a;b", source="s") + "\n")
    info, entries = load_glossary_file(path)
    assert info.entries == 1 and len(info.sha256) == 64
    (entry,) = entries
    assert entry.deprecated == ("two maintenance", "Two Safeguards")
    assert entry.fixed_case and entry.tags == ("a", "b") and entry.severity is None


def test_later_glossary_overrides_earlier(tmp_path):
    a = write(tmp_path, "a.tsv", HEADER + "\n" + row(zh="甲", en="first", source="s") + "\n"
              + row(zh="乙", en="second", source="s") + "\n")
    b = write(tmp_path, "b.tsv", HEADER + "\n" + row(zh="甲", en="override", source="s") + "\n")
    glossary = load_glossaries([a, b])
    assert [(e.zh, e.en) for e in glossary.entries] == [("乙", "second"), ("甲", "override")]
    assert [f.entries for f in glossary.files] == [2, 1]


@pytest.mark.parametrize(
    "line, where, message",
    [
        (row(zh="甲", en="x", source="s", pattern="(unclosed"), (2, None), "invalid pattern"),
        (row(zh="甲", en="x", source=""), (2, None), "empty required field 'source'"),
        (row(zh="甲", en="x", source="s", case="upper"), (2, None), "case must be"),
        (row(zh="甲", en="x", source="s", severity="fatal"), (2, None), "severity must be"),
        (row(zh="甲", en="x", source="s") + "\textra", (2, None), "a stray tab"),
        (row(zh="甲", en="x", deprecated="; ..", source="s"), (2, None), "contains no word"),
    ],
)
def test_malformed_rows_name_file_line_and_column(tmp_path, line, where, message):
    path = write(tmp_path, "bad.tsv", HEADER + "\n" + line + "\n")
    with pytest.raises(GlossaryError) as info:
        load_glossary_file(path)
    err = info.value
    assert err.path == path and err.line == where[0] and err.column >= 1
    assert message in str(err)
    assert str(err).startswith(f"{path}:{err.line}:{err.column}: ")


def test_error_column_points_at_the_field(tmp_path):
    line = row(zh="甲", en="x", source="s", pattern="ab(c")
    path = write(tmp_path, "bad.tsv", HEADER + "\n" + line + "\n")
    with pytest.raises(GlossaryError) as info:
        load_glossary_file(path)
    assert info.value.column == line.index("ab(c") + 1 + 4  # the column of the unclosed group's end


def test_unknown_column_and_duplicates(tmp_path):
    with pytest.raises(GlossaryError, match=r":1:4: unknown column 'eng'"):
        load_glossary_file(write(tmp_path, "a.tsv", "zh\teng\tsource\n"))
    dup = HEADER + "\n" + row(zh="甲", en="x", source="s") + "\n" + row(zh="甲", en="y", source="s") + "\n"
    with pytest.raises(GlossaryError, match=r":3:1: duplicate zh term '甲' \(first on line 2\)"):
        load_glossary_file(write(tmp_path, "b.tsv", dup))
    with pytest.raises(GlossaryError, match=r":1:7: unknown column 'admited'"):
        load_glossary_file(write(tmp_path, "c.tsv", "zh\ten\tadmited\tsource\n"))  # a typo, even without source


def test_a_comma_separated_list_is_read_as_csv_whatever_its_name(tmp_path):
    text = "zh,en,deprecated\n两个维护,Two Upholds,two maintenances\n"
    _, (entry,) = load_glossary_file(write(tmp_path, "c.tsv", text))
    assert (entry.en, entry.deprecated) == ("Two Upholds", ("two maintenances",))


def test_a_quick_term_list_needs_no_source_column(tmp_path):
    text = "zh\ten\tdeprecated\n两个维护\tTwo Upholds\ttwo maintenances\n"
    _, (entry,) = load_glossary_file(write(tmp_path, "quick.tsv", text))
    assert (entry.zh, entry.en, entry.deprecated) == ("两个维护", "Two Upholds", ("two maintenances",))
    assert entry.source.endswith("quick.tsv:2")


def test_unreadable_glossary_is_a_glossary_error(tmp_path):
    with pytest.raises(GlossaryError, match="cannot read glossary"):
        load_glossary_file(str(tmp_path / "missing.tsv"))
    path = tmp_path / "bin.tsv"
    path.write_bytes(b"\x00\x01")
    with pytest.raises(GlossaryError, match="binary"):
        load_glossary_file(str(path))


def test_superseded_renderings_are_reported_with_their_year(tmp_path):
    from conftest import lint_text

    from termcheck.engine import Linter
    from termcheck.glossary import load_glossaries
    from termcheck.matching.compiled import CompiledGlossary

    path = tmp_path / "g.tsv"
    path.write_text("zh\ten\tsuperseded\tsource\n"
                    "新发展格局\tnew development paradigm\t"
                    "new development pattern (2023);new pattern of development\ttest\n",
                    encoding="utf-8")
    linter = Linter(CompiledGlossary(load_glossaries([str(path)])), frozenset())
    findings = lint_text(linter, "We foster a new development pattern and a new pattern of development.")
    assert [(f.rule, f.severity.value, f.text, f.suggestion) for f in findings] == [
        ("TC105", "info", "new development pattern", "new development paradigm"),
        ("TC105", "info", "new pattern of development", "new development paradigm"),
    ]
    assert "superseded in 2023" in findings[0].message and "superseded by" in findings[1].message
    assert lint_text(linter, "We foster a new development paradigm.") == []


def test_generated_literal_renderings_add_to_a_concept_at_warning(tmp_path):
    from conftest import lint_text

    from termcheck.engine import Linter
    from termcheck.glossary import load_glossaries
    from termcheck.matching.compiled import CompiledGlossary

    concepts = tmp_path / "g.tsv"
    concepts.write_text("zh\ten\tdeprecated\tsource\n战斗堡垒\tfighting bastion\tbattlefort\ttest\n", encoding="utf-8")
    generated = tmp_path / "literal.tsv"
    generated.write_text("# generated\nzh\tliteral\tsource\n战斗堡垒\tbattle fortress;fight fortress\tgenerated\n"
                         "不存在\tnothing here\tgenerated\n", encoding="utf-8")
    glossary = load_glossaries([str(concepts), str(generated)])
    assert [(e.zh, e.en, e.literal) for e in glossary.entries] == [
        ("战斗堡垒", "fighting bastion", ("battle fortress", "fight fortress"))]
    linter = Linter(CompiledGlossary(glossary), frozenset())
    found = [(f.text, f.severity.value, f.suggestion, f.fixable)
             for f in lint_text(linter, "A battlefort, a battle fortress.")]
    assert found == [("battlefort", "error", "fighting bastion", True),
                     ("battle fortress", "warning", "fighting bastion", False)]


def test_a_superseded_phrase_can_name_its_own_replacement(tmp_path):
    from conftest import lint_text

    from termcheck.engine import Linter
    from termcheck.glossary import load_glossaries
    from termcheck.matching.compiled import CompiledGlossary

    path = tmp_path / "g.tsv"
    path.write_text("zh\ten\tsuperseded\tsource\n全面建成小康社会\tfinish building a moderately prosperous society in "
                    "all respects\twell-off society in an all-round way => moderately prosperous society in all "
                    "respects (2012)\ttest\n", encoding="utf-8")
    linter = Linter(CompiledGlossary(load_glossaries([str(path)])), frozenset())
    (finding,) = lint_text(linter, "We will build a well-off society in an all-round way.")
    assert finding.suggestion == "moderately prosperous society in all respects"
    assert "superseded in 2012" in finding.message
