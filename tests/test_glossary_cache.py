"""The compiled-glossary cache: same findings as a fresh compile, rebuilt when stale or damaged, never an error."""
import os
import subprocess
import sys

import pytest
from conftest import SEEDS, SMALL_GLOSSARY, lint_text

from termcheck.checks import prepare_checks
from termcheck.engine import Linter
from termcheck.errors import GlossaryError
from termcheck.glossary import load_glossaries
from termcheck.matching import glossary_cache
from termcheck.matching.compiled import CompiledGlossary
from termcheck.matching.glossary_cache import load_compiled
from termcheck.resources import default_glossaries

SEED_TEXT = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")


def _cache_files(directory):
    return sorted(directory.glob("compiled-*.pickle"))


def _findings(compiled):
    return [(f.rule, f.start, f.end, f.message, f.suggestion) for f in lint_text(Linter(compiled), SEED_TEXT)]


@pytest.fixture(scope="module")
def fresh_default():
    return _findings(CompiledGlossary(load_glossaries([str(p) for p in default_glossaries()])))


def test_a_cached_default_glossary_finds_exactly_what_a_fresh_compile_finds(tmp_path, fresh_default):
    paths = [str(p) for p in default_glossaries()]
    first = load_compiled(paths, prepare_checks, tmp_path)
    assert len(_cache_files(tmp_path)) == 1
    cached = load_compiled(paths, prepare_checks, tmp_path)
    assert cached is not first and cached.glossary.files == first.glossary.files
    assert fresh_default and _findings(cached) == fresh_default


def test_the_checks_indexes_travel_with_the_cached_glossary(tmp_path):
    paths = [str(SMALL_GLOSSARY)]
    built = load_compiled(paths, prepare_checks, tmp_path)
    cached = load_compiled(paths, prepare_checks, tmp_path)
    assert built._derived and set(cached._derived) == set(built._derived)


def test_a_changed_glossary_is_compiled_again(tmp_path):
    glossary = tmp_path / "g.tsv"
    glossary.write_text(SMALL_GLOSSARY.read_text(encoding="utf-8"), encoding="utf-8")
    cache = tmp_path / "cache"
    before = load_compiled([str(glossary)], prepare_checks, cache)
    assert lint_text(Linter(before), "They uphold the Two Safeguards.", select=("TC101",))
    glossary.write_text(SMALL_GLOSSARY.read_text(encoding="utf-8").replace(";Two Safeguards", ""), encoding="utf-8")
    after = load_compiled([str(glossary)], prepare_checks, cache)
    assert lint_text(Linter(after), "They uphold the Two Safeguards.", select=("TC101",)) == []
    assert len(_cache_files(cache)) == 2


@pytest.mark.parametrize("damage", [b"", b"not a pickle at all", None])
def test_a_damaged_cache_file_is_rebuilt_silently(tmp_path, damage):
    paths = [str(SMALL_GLOSSARY)]
    good = _findings(load_compiled(paths, prepare_checks, tmp_path))
    (cache_file,) = _cache_files(tmp_path)
    data = cache_file.read_bytes()
    cache_file.write_bytes(data[: len(data) // 2] if damage is None else damage)
    assert _findings(load_compiled(paths, prepare_checks, tmp_path)) == good
    assert glossary_cache._read(cache_file) is not None  # and stored whole again


def test_a_cache_folder_that_cannot_be_written_costs_nothing_but_time(tmp_path):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    compiled = load_compiled([str(SMALL_GLOSSARY)], prepare_checks, blocked / "cache")
    assert lint_text(Linter(compiled), "They uphold the Two Safeguards.", select=("TC101",))


def test_a_malformed_glossary_is_an_error_with_or_without_a_cache(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("zh\ten\tsource\tcolour\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(GlossaryError) as caught:
            load_compiled([str(bad)], prepare_checks, tmp_path / "cache")
        assert str(bad) in str(caught.value)
    assert not (tmp_path / "cache").exists() or _cache_files(tmp_path / "cache") == []


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs root to give a file away")
def test_a_cache_file_owned_by_someone_else_is_not_loaded(tmp_path):
    paths = [str(SMALL_GLOSSARY)]
    load_compiled(paths, prepare_checks, tmp_path)
    (cache_file,) = _cache_files(tmp_path)
    os.chown(cache_file, 65534, 65534)
    assert glossary_cache._read(cache_file) is None


def test_old_cache_files_are_pruned(tmp_path):
    for n in range(glossary_cache.KEEP_FILES + 3):
        glossary = tmp_path / f"g{n}.tsv"
        glossary.write_text(SMALL_GLOSSARY.read_text(encoding="utf-8") + f"试{n}\ttest {n}\t\t\t\t\t\t\t\ttest\n",
                            encoding="utf-8")
        load_compiled([str(glossary)], prepare_checks, tmp_path / "cache")
    assert len(_cache_files(tmp_path / "cache")) == glossary_cache.KEEP_FILES


def test_an_empty_cache_variable_turns_the_cache_off(monkeypatch):
    monkeypatch.setenv("TERMCHECK_CACHE_DIR", "")
    assert glossary_cache.default_directory() is None
    monkeypatch.delenv("TERMCHECK_CACHE_DIR")
    assert glossary_cache.default_directory() is not None


def test_the_command_line_keeps_the_cache_and_no_cache_leaves_it_alone(tmp_path):
    sample = tmp_path / "doc.txt"
    sample.write_text(SEED_TEXT, encoding="utf-8")
    env = {**os.environ, "TERMCHECK_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "termcheck", "lint", "-f", "json", str(sample)]
    bypassed = subprocess.run([*command, "--no-cache"], capture_output=True, env=env, timeout=300)
    assert not (tmp_path / "cache").exists()
    first = subprocess.run(command, capture_output=True, env=env, timeout=300)
    assert len(_cache_files(tmp_path / "cache")) == 1
    second = subprocess.run(command, capture_output=True, env=env, timeout=300)
    assert first.returncode == second.returncode == bypassed.returncode == 1
    assert first.stdout == second.stdout == bypassed.stdout and b'"rule"' in first.stdout
    assert second.stderr == b""


def test_side_data_is_built_once_and_read_back_by_the_next_run(tmp_path):
    paths = [str(SMALL_GLOSSARY)]
    built = []

    def build():
        built.append(1)
        return {"国家": 5, "安全": 3}

    first = load_compiled(paths, prepare_checks, tmp_path)
    assert glossary_cache.side_data(first, "words", build) == {"国家": 5, "安全": 3}
    assert glossary_cache.side_data(first, "words", build) == {"国家": 5, "安全": 3}
    later = load_compiled(paths, prepare_checks, tmp_path)
    assert glossary_cache.side_data(later, "words", build) == {"国家": 5, "安全": 3}
    assert built == [1]
    assert not hasattr(pickle_round_trip(later), "cache_file") or pickle_round_trip(later).cache_file is None


def pickle_round_trip(compiled):
    import pickle

    return pickle.loads(pickle.dumps(compiled))


def test_jieba_is_left_unloaded_when_no_selected_rule_reads_the_source_terms():
    from termcheck.documents.aligned import read_table
    from termcheck.engine import RuleSelection

    compiled = CompiledGlossary(load_glossaries([str(SMALL_GLOSSARY)]))
    document = read_table("doc.tsv", "两个维护\tthe two maintenances\n".encode())
    only_terms = Linter(compiled, selection=RuleSelection(select=("TC101", "TC103", "TC104")))
    assert [f.rule for f in only_terms.lint([document])] == ["TC101"]
    assert only_terms._finder is None
    everything = Linter(compiled)
    everything.lint([document])
    assert everything._finder is not None


def test_a_column_mapping_is_part_of_the_cache_key(tmp_path):
    from termcheck.glossary.termbase_table import parse_layout

    termbase = tmp_path / "house.csv"
    termbase.write_text("A,B,C\n两个维护,Two Upholds,two safeguards\n", encoding="utf-8")
    cache = tmp_path / "cache"
    path = str(termbase)
    first = load_compiled([path], prepare_checks, cache, {path: parse_layout("zh=A,en=B,deprecated=C")})
    second = load_compiled([path], prepare_checks, cache, {path: parse_layout("zh=A,en=C,admitted=B")})
    assert first.glossary.entries[0].en == "Two Upholds"
    assert second.glossary.entries[0].en == "two safeguards"  # compiled anew, not the first mapping's cache
    again = load_compiled([path], prepare_checks, cache, {path: parse_layout("zh=A,en=B,deprecated=C")})
    assert again.cache_file == first.cache_file and again.glossary.entries[0].deprecated == ("two safeguards",)


def test_loading_the_glossary_leaves_the_collector_on_with_the_glossary_exempt(tmp_path):
    # Run in a process of its own: the collector's settings are the whole interpreter's.
    code = (
        "import gc\n"
        "from termcheck.commands.lint import GC_THRESHOLD, LintOptions, build_linter\n"
        "before = gc.get_freeze_count()\n"
        f"build_linter(LintOptions(paths=[], glossaries=[{str(SMALL_GLOSSARY)!r}], default_glossary=False,"
        " cache=False))\n"
        "assert gc.isenabled(), 'collector left off'\n"
        "assert gc.get_threshold()[0] == GC_THRESHOLD, gc.get_threshold()\n"
        "assert gc.get_freeze_count() > before + 1000, gc.get_freeze_count()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
