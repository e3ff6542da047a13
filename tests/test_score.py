"""`termcheck score` on real WMT21 political segments: its numbers are sacrebleu's own, its term success
rate counts what the glossary expects, --metrics computes only what it names, and its errors are one
line with exit code 2.

TER is slow on these long segments (about 12 s a system), so the runs on all 95 segments, made once per
module and shared, leave it out (`--metrics bleu,chrf,terms`); TER is compared with sacrebleu's on the
first 8 to 10 segments, and tests that only need the plumbing use the first few.
"""
import io
import json
import subprocess
import sys

import pytest
import sacrebleu
from conftest import REPO, WMT21
from sacrebleu.metrics import BLEU, CHRF, TER
from typer.testing import CliRunner

from termcheck.cli import app
from termcheck.errors import TermcheckError

DEV_DATA = WMT21
BASELINE, OTHER = "Online-A", "HuaweiTSC"
runner = CliRunner()
FULL_RUN_METRICS = "bleu,chrf,terms"

pytestmark = pytest.mark.skipif(not DEV_DATA.is_file(), reason=f"{DEV_DATA} is not there")


def _rows():
    return [json.loads(line) for line in DEV_DATA.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def rows():
    return _rows()


@pytest.fixture(scope="module")
def files(rows, tmp_path_factory):
    """Every column of the dev data as a line-aligned file: src.zh, ref.en and one file a system."""
    folder = tmp_path_factory.mktemp("wmt21")
    columns = {"src.zh": [r["src_zh"] for r in rows], "ref.en": [r["refs"]["A"] for r in rows]}
    for system in rows[0]["mt"]:
        columns[f"{system}.en"] = [r["mt"][system] for r in rows]
    paths = {}
    for name, lines in columns.items():
        paths[name] = folder / name
        paths[name].write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return paths


def lines_of(path, first=None):
    lines = path.read_text(encoding="utf-8").splitlines()
    return lines[:first] if first else lines


def head(tmp_path, path, count):
    """The first `count` lines of a file, for tests that need real segments but not all of TER's time."""
    out = tmp_path / f"head-{path.name}"
    out.write_text("".join(f"{line}\n" for line in lines_of(path, count)), encoding="utf-8")
    return out


def score(*args):
    return runner.invoke(app, ["score", *map(str, args)])


def score_json(*args):
    result = score(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def single(files):
    """One system on all 95 segments, with the source and the default glossary (TER left out: see above)."""
    return score_json(files[f"{BASELINE}.en"], "--ref", files["ref.en"], "--source", files["src.zh"], "--worst", "7",
                      "--metrics", FULL_RUN_METRICS)


@pytest.fixture(scope="module")
def several(files):
    """Two MT systems and the human reference, scored as systems, with the source: the table and the test."""
    hyps = [files[f"{BASELINE}.en"], files[f"{OTHER}.en"], files["ref.en"]]
    return score_json(*hyps, "--ref", files["ref.en"], "--source", files["src.zh"], "--worst", "2",
                      "--metrics", FULL_RUN_METRICS)


def test_scores_are_sacrebleus_own(single, files):
    hyps, refs = lines_of(files[f"{BASELINE}.en"]), [lines_of(files["ref.en"])]
    scores = single["systems"][0]["scores"]
    assert scores["BLEU"]["score"] == sacrebleu.corpus_bleu(hyps, refs).score
    assert scores["chrF2"]["score"] == sacrebleu.corpus_chrf(hyps, refs).score
    assert "TER" not in scores
    assert single["segments"] == 95


def test_json_carries_each_metrics_signature(single, files):
    expected = _signatures(lines_of(files[f"{BASELINE}.en"]), [lines_of(files["ref.en"])], (BLEU(), CHRF()))
    assert single["signatures"] == expected
    for name, signature in expected.items():
        assert single["systems"][0]["scores"][name]["signature"] == signature


def test_text_output_prints_the_signatures(tmp_path, files):
    hyp, ref = head(tmp_path, files[f"{OTHER}.en"], 12), head(tmp_path, files["ref.en"], 12)
    result = score(hyp, "--ref", ref)
    assert result.exit_code == 0, result.output
    hyps, refs = lines_of(hyp), [lines_of(ref)]
    bleu = sacrebleu.corpus_bleu(hyps, refs)
    for name, signature in _signatures(hyps, refs).items():
        assert f"{name}|{signature} = " in result.stdout
    assert f"= {bleu.score:.2f} " in result.stdout
    assert "nrefs:1|" in result.stdout and f"version:{sacrebleu.__version__}" in result.stdout


def test_several_references(tmp_path, files):
    """A second reference (here another system's output, for want of a second human one) enters every
    metric exactly as it enters sacrebleu's, and the signatures say nrefs:2."""
    count = 10
    hyp = head(tmp_path, files[f"{BASELINE}.en"], count)
    ref_a, ref_b = head(tmp_path, files["ref.en"], count), head(tmp_path, files["Online-B.en"], count)
    report = score_json(hyp, "--ref", ref_a, "--ref", ref_b)
    hyps, refs = lines_of(hyp), [lines_of(ref_a), lines_of(ref_b)]
    scores = report["systems"][0]["scores"]
    assert scores["BLEU"]["score"] == sacrebleu.corpus_bleu(hyps, refs).score
    assert scores["chrF2"]["score"] == sacrebleu.corpus_chrf(hyps, refs).score
    assert scores["TER"]["score"] == sacrebleu.corpus_ter(hyps, refs).score
    assert scores["BLEU"]["score"] != sacrebleu.corpus_bleu(hyps, refs[:1]).score
    assert all(s.startswith("nrefs:2|") for s in report["signatures"].values())
    assert report["references"] == [str(ref_a), str(ref_b)]


def test_worst_segments_ascend_by_sentence_chrf(single, files):
    worst = single["systems"][0]["worst_segments"]
    assert len(worst) == 7
    scores = [w["chrf"] for w in worst]
    assert scores == sorted(scores)
    hyps, refs = lines_of(files[f"{BASELINE}.en"]), lines_of(files["ref.en"])
    every = sorted(sacrebleu.sentence_chrf(h, [r]).score for h, r in zip(hyps, refs, strict=True))
    assert scores == every[:7]
    for w in worst:
        assert w["hypothesis"] == hyps[w["line"] - 1] and w["reference"] == refs[w["line"] - 1]
        assert w["chrf"] == sacrebleu.sentence_chrf(w["hypothesis"], [w["reference"]]).score


def test_worst_option_in_text(tmp_path, files):
    hyp, ref = head(tmp_path, files[f"{OTHER}.en"], 10), head(tmp_path, files["ref.en"], 10)
    shown = score(hyp, "--ref", ref, "--worst", "3")
    assert "Worst 3 segments by sentence chrF:" in shown.stdout
    assert shown.stdout.count("    hyp: ") == 3 and shown.stdout.count("    ref: ") == 3
    hidden = score(hyp, "--ref", ref, "--worst", "0")
    assert hidden.exit_code == 0 and "Worst" not in hidden.stdout


def test_two_maintenance_is_a_missed_term(rows, several):
    """两个维护 is the Two Upholds; an MT system that wrote "two maintenance" missed it."""
    line = next(i for i, r in enumerate(rows, start=1) if "两个维护" in r["src_zh"])
    assert "two maintenance" in rows[line - 1]["mt"][OTHER].lower()
    by_name = {s["name"].rsplit("/", 1)[-1]: s for s in several["systems"]}
    missed = by_name[f"{OTHER}.en"]["term_success"]["missed"]
    miss = [m for m in missed if m["line"] == line and m["zh"] == "两个维护"]
    assert len(miss) == 1 and miss[0]["expected"] == "Two Upholds"
    assert not any(m["line"] == line and m["zh"] == "两个维护" for m in by_name["ref.en"]["term_success"]["missed"])


def test_term_success_rate_counts_hits_over_source_terms(several):
    for system in several["systems"]:
        terms = system["term_success"]
        assert terms["total"] > 50
        assert terms["hits"] + len(terms["missed"]) == terms["total"]
        assert terms["rate"] == terms["hits"] / terms["total"]
    rates = {s["name"].rsplit("/", 1)[-1]: s["term_success"]["rate"] for s in several["systems"]}
    human = rates.pop("ref.en")
    assert human > min(rates.values())
    assert len({s["term_success"]["total"] for s in several["systems"]}) == 1  # the same source terms for all


def test_several_systems_get_p_values_against_the_first(several, files):
    significance = several["significance"]
    assert significance["baseline"] == str(files[f"{BASELINE}.en"])
    assert significance["samples"] == 1000 and significance["seed"] == 12345
    others = [str(files[f"{OTHER}.en"]), str(files["ref.en"])]
    assert sorted(significance["systems"]) == sorted(others)
    for name in others:
        for metric in ("BLEU", "chrF2"):
            p_value = significance["systems"][name][metric]["p_value"]
            assert 0 < p_value <= 1
    assert significance["systems"][str(files["ref.en"])]["BLEU"]["p_value"] < 0.05
    assert all("seed:12345" in s and "bs:1000" in s for s in significance["signatures"].values())


def test_several_systems_scores_are_sacrebleus_own(several, files):
    refs = [lines_of(files["ref.en"])]
    for system in several["systems"]:
        hyps = lines_of(files[system["name"].rsplit("/", 1)[-1]])
        assert system["scores"]["BLEU"]["score"] == sacrebleu.corpus_bleu(hyps, refs).score
        assert system["scores"]["chrF2"]["score"] == sacrebleu.corpus_chrf(hyps, refs).score
    human = next(s for s in several["systems"] if s["name"] == str(files["ref.en"]))
    assert human["scores"]["BLEU"]["score"] == pytest.approx(100.0) and human["scores"]["chrF2"]["score"] == 100.0


def test_p_values_match_sacrebleus_paired_bootstrap(tmp_path, files, monkeypatch):
    """The same p-values as sacrebleu's PairedTest at its default seed, even if the environment asks
    for an unseeded run."""
    from sacrebleu.significance import PairedTest

    count = 8
    paths = [head(tmp_path, files[f"{name}.en"], count) for name in (BASELINE, OTHER, "Online-G")]
    ref = head(tmp_path, files["ref.en"], count)
    monkeypatch.setenv("SACREBLEU_SEED", "none")
    report = score_json(*paths, "--ref", ref, "--worst", "0")
    monkeypatch.delenv("SACREBLEU_SEED")
    refs = [lines_of(ref)]
    metrics = {"BLEU": BLEU(references=refs), "CHRF": CHRF(references=refs), "TER": TER(references=refs)}
    _, table = PairedTest([(str(p), lines_of(p)) for p in paths], metrics, None, test_type="bs", n_samples=1000)()
    for index, path in enumerate(paths[1:], start=1):
        for metric in ("BLEU", "chrF2", "TER"):
            assert report["significance"]["systems"][str(path)][metric]["p_value"] == table[metric][index].p_value
    for path, system in zip(paths, report["systems"], strict=True):
        hyps = lines_of(path)
        assert system["scores"]["BLEU"]["score"] == sacrebleu.corpus_bleu(hyps, refs).score
        assert system["scores"]["chrF2"]["score"] == sacrebleu.corpus_chrf(hyps, refs).score
        assert system["scores"]["TER"]["score"] == sacrebleu.corpus_ter(hyps, refs).score


def test_text_table_for_several_systems(tmp_path, files):
    paths = [head(tmp_path, files[f"{name}.en"], 10) for name in (BASELINE, OTHER)]
    src, ref = head(tmp_path, files["src.zh"], 10), head(tmp_path, files["ref.en"], 10)
    result = score(*paths, "--ref", ref, "--source", src)
    assert result.exit_code == 0, result.output
    assert f"{paths[0]} (baseline)" in result.stdout and "(p=" in result.stdout and "Terms" in result.stdout
    assert "Signatures:" in result.stdout


def test_line_count_mismatch_exits_2_with_one_line(tmp_path, files):
    hyp, ref = head(tmp_path, files[f"{BASELINE}.en"], 10), head(tmp_path, files["ref.en"], 9)
    result = score(hyp, "--ref", ref)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("termcheck: error: files are not line-aligned:")
    assert f"{hyp} has 10" in result.stderr and f"{ref} has 9" in result.stderr


def test_source_line_count_mismatch_exits_2(tmp_path, files):
    hyp, ref = head(tmp_path, files[f"{BASELINE}.en"], 10), head(tmp_path, files["ref.en"], 10)
    result = score(hyp, "--ref", ref, "--source", head(tmp_path, files["src.zh"], 11))
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "not line-aligned" in result.stderr


@pytest.mark.parametrize(
    "content, message",
    [(None, "No such file or directory"), (b"caf\xe9\n", "not valid UTF-8 text"), (b"", "empty file")],
)
def test_unreadable_files_exit_2_with_one_line(tmp_path, files, content, message):
    ref = tmp_path / "ref.en"
    if content is not None:
        ref.write_bytes(content)
    hyp = head(tmp_path, files[f"{BASELINE}.en"], 1)
    result = score(hyp, "--ref", ref)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr and str(ref) in result.stderr


def test_glossary_options_choose_the_terms(tmp_path, rows, files):
    """--glossary with --no-default-glossary counts only that glossary's terms; no glossary at all is an error."""
    line = next(i for i, r in enumerate(rows, start=1) if "两个维护" in r["src_zh"])
    glossary = tmp_path / "one.tsv"
    glossary.write_text("zh\ten\tadmitted\tdeprecated\tsource\n"
                        "两个维护\tTwo Upholds\ttwo upholds\ttwo maintenance\ttest\n", encoding="utf-8")
    hyp, ref, src = (head(tmp_path, files[name], line) for name in (f"{OTHER}.en", "ref.en", "src.zh"))
    report = score_json(hyp, "--ref", ref, "--source", src, "--no-default-glossary", "--glossary", glossary,
                        "--worst", "0")
    terms = report["systems"][0]["term_success"]
    assert (terms["hits"], terms["total"]) == (0, 1)
    assert terms["missed"] == [{"line": line, "zh": "两个维护", "expected": "Two Upholds", "admitted": ["two upholds"]}]
    assert report["glossaries"] == [str(glossary)]
    bare = score(hyp, "--ref", ref, "--source", src, "--no-default-glossary")
    assert bare.exit_code == 2 and "no glossary" in bare.stderr and bare.stderr.count("\n") == 1


def test_score_needs_a_reference(tmp_path, files):
    result = score(head(tmp_path, files[f"{BASELINE}.en"], 1))
    assert result.exit_code == 2 and "--ref" in result.output


def test_real_subprocess(tmp_path, files):
    hyp, ref = head(tmp_path, files[f"{OTHER}.en"], 8), head(tmp_path, files["ref.en"], 8)
    src = head(tmp_path, files["src.zh"], 8)
    proc = subprocess.run(
        [sys.executable, "-m", "termcheck", "score", str(hyp), "--ref", str(ref), "--source", str(src),
         "--format", "json"],
        capture_output=True, text=True, cwd=REPO, timeout=300, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    expected = sacrebleu.corpus_bleu(lines_of(hyp), [lines_of(ref)]).score
    assert report["systems"][0]["scores"]["BLEU"]["score"] == expected
    assert report["systems"][0]["term_success"]["total"] > 0


def test_lint_imports_neither_sacrebleu_nor_jieba(tmp_path):
    """score's heavy dependencies stay out of lint: a lint run loads neither sacrebleu nor jieba."""
    doc = tmp_path / "doc.txt"
    doc.write_text("We uphold the Two Upholds and the holistic approach to national security.\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from termcheck.cli import app\n"
        "try:\n"
        f"    app(['lint', {str(doc)!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('LOADED', 'sacrebleu' in sys.modules, 'jieba' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120,
                          check=False)
    assert "LOADED False False" in proc.stdout, proc.stdout + proc.stderr
    assert "Found 0 problems" in proc.stdout


# ---- --metrics, the TER line limit, the JSON schema, progress ---------------------------------------


def test_metrics_subset_gives_only_those_metrics(tmp_path, files):
    hyp, ref, src = (head(tmp_path, files[name], 8) for name in (f"{OTHER}.en", "ref.en", "src.zh"))
    report = score_json(hyp, "--ref", ref, "--source", src, "--metrics", "terms,BLEU", "--worst", "1")
    assert report["metrics"] == ["bleu", "terms"]
    assert list(report["signatures"]) == ["BLEU"] and list(report["systems"][0]["scores"]) == ["BLEU"]
    expected = sacrebleu.corpus_bleu(lines_of(hyp), [lines_of(ref)]).score
    assert report["systems"][0]["scores"]["BLEU"]["score"] == expected
    assert report["systems"][0]["term_success"]["total"] > 0 and len(report["systems"][0]["worst_segments"]) == 1
    text = score(hyp, "--ref", ref, "-m", "chrf", "-m", "ter", "--worst", "0").stdout
    assert "chrF2|nrefs:1|" in text and "TER|nrefs:1|" in text
    assert "BLEU|" not in text and "Term success rate" not in text


def test_one_reference_given_twice_counts_twice(tmp_path, files):
    """As in sacrebleu: `--ref r --ref r` is two references, not one."""
    hyp, ref = head(tmp_path, files[f"{OTHER}.en"], 4), head(tmp_path, files["ref.en"], 4)
    report = score_json(hyp, "--ref", ref, "--ref", ref, "-m", "bleu", "--worst", "0")
    assert report["signatures"]["BLEU"].startswith("nrefs:2|") and report["references"] == [str(ref)] * 2


def test_terms_only_needs_no_sacrebleu_metric(tmp_path, files):
    hyps = [head(tmp_path, files[f"{name}.en"], 8) for name in (BASELINE, OTHER)]
    ref, src = head(tmp_path, files["ref.en"], 8), head(tmp_path, files["src.zh"], 8)
    report = score_json(*hyps, "--ref", ref, "--source", src, "--metrics", "terms", "--worst", "0")
    assert report["signatures"] == {} and report["significance"] is None
    assert all(s["scores"] == {} and s["term_success"]["total"] > 0 for s in report["systems"])
    text = score(*hyps, "--ref", ref, "--source", src, "--metrics", "terms", "--worst", "0").stdout
    assert "Terms" in text and "Signatures:" not in text and "(p=" not in text


@pytest.fixture
def ter_forbidden(monkeypatch):
    """TER that fails the moment it is created or runs: a run that finishes did not compute it."""
    from sacrebleu.metrics.ter import TER as SacrebleuTER

    def refuse(*args, **kwargs):
        raise AssertionError("TER was computed")

    monkeypatch.setattr(SacrebleuTER, "__init__", refuse)
    monkeypatch.setattr(SacrebleuTER, "_compute_segment_statistics", refuse)


def test_ter_left_out_is_not_computed(tmp_path, files, ter_forbidden):
    hyps = [head(tmp_path, files[f"{name}.en"], 10) for name in (BASELINE, OTHER)]
    ref = head(tmp_path, files["ref.en"], 10)
    one = score_json(hyps[0], "--ref", ref, "--metrics", "bleu,chrf")
    assert list(one["signatures"]) == ["BLEU", "chrF2"]
    several = score_json(*hyps, "--ref", ref, "--metrics", "bleu,chrf", "--worst", "0")
    assert list(several["significance"]["signatures"]) == ["BLEU", "chrF2"]
    assert "TER" not in several["significance"]["systems"][str(hyps[1])]
    default = score(hyps[0], "--ref", ref)  # the control: without --metrics, TER runs and meets the trap
    assert isinstance(default.exception, AssertionError)


def test_p_values_do_not_depend_on_the_other_metrics(tmp_path, files):
    """sacrebleu draws one set of resamples a system for all metrics: leaving TER out changes no p-value."""
    hyps = [head(tmp_path, files[f"{name}.en"], 10) for name in (BASELINE, OTHER)]
    ref = head(tmp_path, files["ref.en"], 10)
    full = score_json(*hyps, "--ref", ref, "--worst", "0")["significance"]["systems"][str(hyps[1])]
    bleu = score_json(*hyps, "--ref", ref, "--worst", "0", "-m", "bleu")["significance"]["systems"][str(hyps[1])]
    assert bleu == {"BLEU": full["BLEU"]}


@pytest.mark.parametrize(
    "metrics, message",
    [
        ("bleu,blue",
         "termcheck: error: unknown metric 'blue' in --metrics; expected some of bleu, chrf, ter, terms\n"),
        (",", "termcheck: error: --metrics names no metric; expected some of bleu, chrf, ter, terms\n"),
        ("terms",
         "termcheck: error: --metrics terms needs --source: the term success rate counts the source's terms\n"),
    ],
)
def test_bad_metrics_exit_2_with_one_line(tmp_path, files, metrics, message):
    hyp, ref = head(tmp_path, files[f"{BASELINE}.en"], 2), head(tmp_path, files["ref.en"], 2)
    result = score(hyp, "--ref", ref, "--metrics", metrics)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)
    assert isinstance(result.exception, SystemExit)  # handled, no traceback


def _with_long_line(tmp_path, files, words):
    """The first three segments, the second replaced by `words` words; and the reference's first three."""
    hyp_lines = lines_of(files[f"{BASELINE}.en"], 3)
    hyp_lines[1] = " ".join(["word"] * words)
    hyp = tmp_path / "long.en"
    hyp.write_text("".join(f"{line}\n" for line in hyp_lines), encoding="utf-8")
    return hyp, head(tmp_path, files["ref.en"], 3)


def test_a_line_too_long_for_ter_is_refused_in_one_line(tmp_path, files):
    from termcheck.scoring.inputs import TER_MAX_WORDS

    hyp, ref = _with_long_line(tmp_path, files, TER_MAX_WORDS + 1)
    result = score(hyp, "--ref", ref)
    assert result.exit_code == 2 and result.stdout == "" and isinstance(result.exception, SystemExit)
    assert result.stderr == (
        f"termcheck: error: {hyp}:2: a segment of 1,001 words; TER takes at most 1,000 words a segment"
        " (its memory grows with the square of the length): split it in every file or leave TER out:"
        " --metrics bleu,chrf\n"
    )
    without_ter = score_json(hyp, "--ref", ref, "--metrics", "bleu,chrf", "--worst", "0")
    assert list(without_ter["signatures"]) == ["BLEU", "chrF2"]
    as_reference = score(ref, "--ref", hyp, "--metrics", "ter")
    assert as_reference.exit_code == 2 and f"{hyp}:2: a segment of 1,001 words" in as_reference.stderr
    assert "leave TER out" not in as_reference.stderr  # TER is all that was asked for


def test_the_ter_limit_counts_ters_own_words():
    from termcheck.scoring.inputs import TER_MAX_WORDS, ScoringInputs, check_ter_lengths

    at_limit = " ".join(["w"] * TER_MAX_WORDS) + " \t "
    check_ter_lengths(ScoringInputs({"h": [at_limit]}, ["r"], [["x"]], None, 1), [])
    with pytest.raises(TermcheckError, match=r"^r:1: a segment of 1,001 words"):
        check_ter_lengths(ScoringInputs({"h": ["x"]}, ["r"], [[at_limit + " w"]], None, 1), [])


SYSTEM_KEYS = {"name", "scores", "term_success", "worst_segments"}
SCORE_KEYS = {"score", "signature"}
TERMS_KEYS = {"hits", "total", "rate", "wmt25", "missed"}
MISSED_KEYS = {"line", "zh", "expected", "admitted"}
WORST_KEYS = {"line", "chrf", "hypothesis", "reference"}
REPORT_KEYS = {"segments", "references", "source", "glossaries", "metrics", "signatures", "systems", "significance"}


@pytest.fixture(scope="module")
def small_runs(files, tmp_path_factory):
    """One system and two, on the first 8 segments with every metric (the default): the JSON's whole shape."""
    folder = tmp_path_factory.mktemp("small")
    hyps = [head(folder, files[f"{name}.en"], 8) for name in (BASELINE, OTHER)]
    ref, src = head(folder, files["ref.en"], 8), head(folder, files["src.zh"], 8)
    one = score_json(hyps[0], "--ref", ref, "--source", src, "--worst", "2")
    two = score_json(*hyps, "--ref", ref, "--source", src, "--worst", "2")
    return one, two


def test_json_schema_of_one_system(small_runs):
    single = small_runs[0]
    assert set(single) == REPORT_KEYS and single["significance"] is None
    assert single["metrics"] == ["bleu", "chrf", "ter", "terms"]
    (system,) = single["systems"]
    assert set(system) == SYSTEM_KEYS
    assert list(system["scores"]) == ["BLEU", "chrF2", "TER"]
    assert all(set(s) == SCORE_KEYS | {"formatted"} for s in system["scores"].values())
    assert set(system["term_success"]) == TERMS_KEYS
    assert all(set(m) == MISSED_KEYS for m in system["term_success"]["missed"])
    assert all(set(w) == WORST_KEYS for w in system["worst_segments"])


def test_json_schema_of_several_systems(small_runs):
    several = small_runs[1]
    assert set(several) == REPORT_KEYS
    assert all(set(s) == SYSTEM_KEYS for s in several["systems"])
    assert all(set(score) == SCORE_KEYS for s in several["systems"] for score in s["scores"].values())
    significance = several["significance"]
    assert set(significance) == {"test", "baseline", "samples", "seed", "signatures", "systems"}
    for metrics in significance["systems"].values():
        assert list(metrics) == ["BLEU", "chrF2", "TER"]
        assert all(set(m) == {"p_value", "mean", "ci"} for m in metrics.values())


def test_progress_names_each_step(tmp_path, files):
    from termcheck.scoring.evaluation import ScoringTask, evaluate

    hyps = [str(head(tmp_path, files[f"{name}.en"], 6)) for name in (BASELINE, OTHER)]
    ref, src = str(head(tmp_path, files["ref.en"], 6)), str(head(tmp_path, files["src.zh"], 6))
    steps: list[str] = []
    evaluate(ScoringTask(hyps, [ref], source=src, metrics=["bleu", "terms"], worst=1), steps.append)
    assert steps == [f"BLEU: {hyps[0]} (system 1 of 2)", f"BLEU: {hyps[1]} (system 2 of 2)",
                     "worst segments by sentence chrF", "term success rate"]
    steps.clear()
    evaluate(ScoringTask(hyps[:1], [ref], metrics=["chrf"], worst=0), steps.append)
    assert steps == [f"chrF: {hyps[0]}"]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal(tmp_path, files):
    from termcheck.commands.score import stderr_progress

    with stderr_progress(io.StringIO()) as progress:
        assert progress is None
    terminal = _Terminal()
    with stderr_progress(terminal) as progress:
        progress("BLEU: a.en")
    assert terminal.getvalue() == "\r\x1b[Ktermcheck: BLEU: a.en …\r\x1b[K"  # erased: stdout starts clean
    hyp, ref = head(tmp_path, files[f"{BASELINE}.en"], 2), head(tmp_path, files["ref.en"], 2)
    assert score(hyp, "--ref", ref, "-m", "bleu").stderr == ""  # the runner's stderr is no terminal


def test_score_formatters_and_model_do_not_load_sacrebleu():
    code = ("import sys, termcheck.formatters.score.text, termcheck.formatters.score.json_format\n"
            "print('sacrebleu' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120,
                          check=False)
    assert proc.stdout == "False\n", proc.stderr


def _signatures(hyps, refs, metrics=None):
    """Each metric's signature as sacrebleu gives it after scoring these files."""
    signatures = {}
    for metric in metrics or (BLEU(), CHRF(), TER()):
        result = metric.corpus_score(hyps, refs)
        signatures[result.name] = metric.get_signature().format()
    return signatures


def run_without_sacrebleu(*args: str) -> subprocess.CompletedProcess[str]:
    """termcheck score in a process where sacrebleu cannot be imported, as without the [score] extra."""
    code = ("import sys\nsys.modules['sacrebleu'] = None\nfrom termcheck.cli import main\n"
            f"sys.argv = ['termcheck', 'score', *{list(args)!r}]\nmain()\n")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=300)


def test_without_sacrebleu_the_corpus_metrics_say_how_to_get_it_and_terms_still_work(tmp_path, files):
    hyp, ref = head(tmp_path, files[f"{OTHER}.en"], 8), head(tmp_path, files["ref.en"], 8)
    src = head(tmp_path, files["src.zh"], 8)
    refused = run_without_sacrebleu(str(hyp), "--ref", str(ref), "--source", str(src))
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "pip install 'termcheck[score]'" in refused.stderr and refused.stderr.count("\n") == 1
    terms = run_without_sacrebleu(str(hyp), "--ref", str(ref), "--source", str(src), "--metrics", "terms",
                                  "--worst", "0", "--format", "json")
    assert terms.returncode == 0, terms.stderr
    assert json.loads(terms.stdout)["systems"][0]["term_success"]["total"] > 0
