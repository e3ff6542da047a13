"""--scheduler: the per-document checks on a Dask cluster give exactly the serial run's output."""
import contextlib
import json
import os
import signal
import subprocess
import sys

import pytest
from conftest import SEEDS, SMALL_GLOSSARY, WMT21

distributed = pytest.importorskip("distributed")

from termcheck.commands.distributed import NEEDS_DASK, lint_paths  # noqa: E402
from termcheck.commands.lint import LintOptions, build_linter  # noqa: E402
from termcheck.documents import collect_paths, read_document  # noqa: E402
from termcheck.errors import InputError  # noqa: E402

DASHBOARD = "termcheck: Dask dashboard: "


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Real MT: the seeds, the WMT21 systems one file each, copies; a file that cannot be read; and two
    files that render one concept differently (TC102 compares the files of a run)."""
    folder = tmp_path_factory.mktemp("corpus")
    for copy in range(3):
        for seed in sorted(SEEDS.glob("*.txt")):
            (folder / f"{copy}-{seed.name}").write_bytes(seed.read_bytes())
    rows = [json.loads(line) for line in WMT21.read_text(encoding="utf-8").splitlines() if line.strip()]
    for system in sorted({name for row in rows for name in row["mt"]}):
        text = "\n\n".join(row["mt"][system] for row in rows if system in row["mt"])
        (folder / "wmt" / f"{system}.txt").parent.mkdir(exist_ok=True)
        (folder / "wmt" / f"{system}.txt").write_text(text + "\n", encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"PK\x03\x04\x00\x00binary")
    (folder / "gain.md").write_text("The people have a sense of gain. Their sense of gain grows.\n", encoding="utf-8")
    (folder / "z-fulfilment.md").write_text("A sense of fulfillment.\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as c:
        yield c


def termcheck(*args):
    return subprocess.run([sys.executable, "-m", "termcheck", "lint", *args], capture_output=True, text=True,
                          timeout=300)


def own_messages(stderr):
    """termcheck's own lines, without the dashboard's: a loaded machine can make Dask log a warning of its
    own ("Event loop was unresponsive"), which is no part of the report."""
    return "".join(line for line in stderr.splitlines(keepends=True)
                   if line.startswith("termcheck: ") and not line.startswith(DASHBOARD))


def test_json_output_on_a_local_cluster_and_a_running_scheduler_is_the_serial_output(corpus, cluster):
    serial = termcheck("--format", "json", str(corpus))
    runs = [termcheck("--format", "json", "--scheduler", where, str(corpus))
            for where in ("local:2", cluster.scheduler_address)]
    assert serial.returncode == 2  # broken.txt
    assert '"rule": "TC102"' in serial.stdout and '"rule": "TC101"' in serial.stdout
    for run in runs:
        assert (run.returncode, run.stdout, own_messages(run.stderr)) == (2, serial.stdout, serial.stderr)
        assert run.stderr.count(DASHBOARD) == 1


def test_text_output_with_options_is_the_serial_output(corpus, cluster):
    options = ["--format", "text", "--ignore", "TC205", "--fail-on", "error", "-q"]
    serial = termcheck(*options, str(corpus))
    run = termcheck(*options, "--scheduler", cluster.scheduler_address, str(corpus))
    assert (run.returncode, run.stdout, own_messages(run.stderr)) == (serial.returncode, serial.stdout,
                                                                      serial.stderr)
    assert "TC102" in serial.stdout
    assert DASHBOARD not in run.stderr  # -q


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(corpus, cluster):
    options = LintOptions(paths=[str(corpus)])
    linter, _ = build_linter(options)
    paths = list(collect_paths([str(corpus)]))
    with distributed.Client(cluster) as client:
        victim, pid = sorted(client.run(os.getpid).items())[0]
        killed = []

        def kill_once():
            if not killed:
                os.kill(pid, signal.SIGKILL)  # the nanny starts a new worker; its tasks go elsewhere
                killed.append(victim)

        results = lint_paths(client, linter, paths, 0, kill_once)
        assert killed
        assert pid not in client.run(os.getpid).values()
    contexts = [r.context for r in results if r.context is not None]
    on_cluster = linter.finish(contexts, [f for r in results for f in r.findings])
    documents = []
    for path in paths:
        with contextlib.suppress(InputError):  # broken.txt, as on the cluster
            documents.append(read_document(path))
    problems = [problem for r in results for problem in r.problems]
    assert len(problems) == 1 and problems[0].startswith(f"{corpus / 'broken.txt'}: ")
    assert on_cluster == linter.lint(documents)
    assert [ctx.document.path for ctx in contexts] == [d.path for d in documents]


def test_without_dask_the_option_says_how_to_install_it(corpus):
    code = ("import sys\n"
            "sys.modules['distributed'] = sys.modules['dask'] = None  # as if not installed\n"
            "from termcheck.cli import main\n"
            f"sys.argv = ['termcheck', 'lint', '-g', {str(SMALL_GLOSSARY)!r}, '--scheduler', 'local:2',"
            f" {str(corpus / 'gain.md')!r}]\n"
            "main()\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"termcheck: error: {NEEDS_DASK}\n")


@pytest.mark.parametrize("scheduler", ["local:0", "host:8786"])
def test_a_malformed_scheduler_is_a_usage_error(corpus, scheduler):
    result = termcheck("--scheduler", scheduler, str(corpus / "gain.md"))
    assert result.returncode == 2
    assert result.stderr == (f"termcheck: error: --scheduler: expected local:N (N ≥ 1) or tcp://host:port, "
                             f"not {scheduler!r}\n")


def test_standard_input_is_refused_on_a_cluster():
    result = termcheck("--scheduler", "local:1", "-")
    assert result.returncode == 2
    assert "takes neither standard input nor --source" in result.stderr


def test_linting_without_the_option_imports_no_dask(corpus):
    code = ("import sys\n"
            "from termcheck.cli import main\n"
            f"sys.argv = ['termcheck', 'lint', '--format', 'json', {str(corpus / 'gain.md')!r}]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('DASK', sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')"
            " or m == 'termcheck.commands.distributed'))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert "DASK []" in result.stdout, result.stdout + result.stderr
