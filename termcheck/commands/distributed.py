"""`termcheck lint --scheduler`: the per-document checks on a Dask cluster, the rest on the client.

The linter is built once here and scattered to every worker once; each task reads one file on a worker and
returns its context and findings. The client then runs `Linter.finish` (the run-level checks such as TC102,
severities, positions, order) on everything, in input order, so the report is the serial run's. This is
the one module that imports Dask (dask.distributed), and only when `--scheduler` is given.
"""
from __future__ import annotations

import gc
import os
import sys
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from termcheck.checks import DocumentContext
from termcheck.commands.lint import GC_THRESHOLD, LintOptions, _skipped_note
from termcheck.commands.progress import progress_bar, worth_showing
from termcheck.documents import Document, collect_paths, read_document
from termcheck.documents.loading import STDIN
from termcheck.engine import Linter
from termcheck.errors import InputError, TermcheckError
from termcheck.findings import Finding

if TYPE_CHECKING:
    from distributed import Client

NEEDS_DASK = "--scheduler needs Dask: pip install 'termcheck[dask]'"
LOCAL = "local:"
# A task whose worker fails with an exception is tried again this many times; a task whose worker dies is
# rescheduled by Dask itself (its `allowed-failures` setting, 3 by default).
RETRIES = 2


@dataclass
class DocumentResult:
    """What a worker sends back for one path: the context (with the document) and what the per-document
    checks found, or why the file could not be read; and the patterns stopped by their time budget."""

    context: DocumentContext | None
    findings: list[Finding]
    problems: list[str]
    timeouts: list[str]


def lint_on_dask(linter: Linter, options: LintOptions) -> tuple[list[Document], list[str], list[Finding], list[str]]:
    """What `_lint_in_parallel` returns, with the files read and checked on the cluster `options.scheduler`."""
    assert options.scheduler is not None
    check_usable(options)
    skipped: Counter[str] = Counter()
    paths = list(collect_paths(options.paths, options.include, options.exclude, skipped))
    shown = options.progress and worth_showing(len(paths), 0)
    with connected(options.scheduler) as client:
        if not options.quiet:
            print(f"termcheck: Dask dashboard: {_dashboard(client)}", file=sys.stderr, flush=True)
        with progress_bar(len(paths), "Checking", shown) as advance:
            results = lint_paths(client, linter, paths, int(options.max_file_size * 1_000_000), advance)
    contexts, findings, errors = [], [], []
    for result in results:
        errors.extend(result.problems)
        linter.glossary.timeouts.extend(result.timeouts)  # reported as warnings, as in a serial run
        if result.context is not None:
            contexts.append(result.context)
            findings.extend(result.findings)
    notes = [_skipped_note(skipped)] if skipped else []
    return [ctx.document for ctx in contexts], errors, linter.finish(contexts, findings), notes


def lint_paths(client: Client, linter: Linter, paths: Sequence[str], max_bytes: int,
               after_each: Callable[[], None] = lambda: None) -> list[DocumentResult]:
    """One task per path on the cluster `client` talks to, the results in the order of `paths`."""
    shared = client.scatter(linter, broadcast=True)
    futures = client.map(_lint_path, paths, linter=shared, max_bytes=max_bytes, base=os.getcwd(),
                         retries=RETRIES, pure=False)
    pending = deque(futures)
    del futures
    results = []
    while pending:  # a future dropped once its result is here lets the cluster forget that result
        results.append(pending.popleft().result())
        after_each()
    return results


_worker_lock = threading.Lock()
_worker_ready = False


def _lint_path(path: str, linter: Linter, max_bytes: int, base: str) -> DocumentResult:
    """On a worker: read one document and run the per-document checks on it."""
    # The scattered linter is shared by the worker's threads, and its glossary collects the timeouts of
    # whatever document it is matching: one document at a time per process keeps them apart (the checks
    # are pure Python, so threads would gain little anyway).
    with _worker_lock:
        _settle_collector()
        try:
            document = _read(path, base, max_bytes)
        except InputError as exc:
            return DocumentResult(None, [], [str(exc)], [])
        linter.glossary.timeouts.clear()
        ctx = linter.context(document)
        found = linter.document_findings(ctx)
        timeouts = list(linter.glossary.timeouts)
        linter.glossary.timeouts.clear()
        return DocumentResult(ctx, found, [], timeouts)


def _settle_collector() -> None:
    """Once per worker process, what `build_linter` does on the client: exempt the glossary (now loaded)
    from the cyclic garbage collector and collect the youngest generation less often."""
    global _worker_ready
    if not _worker_ready:
        gc.freeze()
        gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
        _worker_ready = True


def _read(path: str, base: str, max_bytes: int) -> Document:
    """The document at `path` as the client named it: a relative path is resolved against the client's
    folder (a worker elsewhere needs the same file system), and messages and findings keep the name given."""
    if os.path.isabs(path) or os.path.realpath(os.getcwd()) == os.path.realpath(base):
        return read_document(path, max_bytes)
    try:
        return replace(read_document(os.path.join(base, path), max_bytes), path=path)
    except InputError as exc:
        raise InputError(path, exc.reason) from None


def check_usable(options: LintOptions) -> None:
    """The usage errors of --scheduler, found before the glossary is loaded."""
    assert options.scheduler is not None
    _local_workers(options.scheduler)
    if options.source is not None or STDIN in options.paths:
        raise TermcheckError("--scheduler reads the files on the Dask workers: it takes neither standard input "
                             "nor --source")
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise TermcheckError(NEEDS_DASK) from None


@contextmanager
def connected(scheduler: str) -> Iterator[Client]:
    """A client of a new local cluster (`local:N`) or of a running scheduler (`tcp://host:port`)."""
    from distributed import Client, LocalCluster

    workers = _local_workers(scheduler)
    if workers is not None:
        # A free port for the dashboard: two runs at once must not fight over 8787 (and warn about it).
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
                Client(cluster) as client:
            yield client
        return
    try:
        client = Client(scheduler, timeout=30)
    except (OSError, ValueError) as exc:
        raise TermcheckError(f"--scheduler {scheduler}: cannot connect: {exc}") from None
    with client:
        yield client


def _local_workers(scheduler: str) -> int | None:
    """N for `local:N`, None for a scheduler's address; anything else is a usage error."""
    if scheduler.startswith(LOCAL):
        count = scheduler[len(LOCAL):]
        if count.isdigit() and int(count) >= 1:
            return int(count)
    elif "://" in scheduler:
        return None
    raise TermcheckError(f"--scheduler: expected local:N (N ≥ 1) or tcp://host:port, not {scheduler!r}")


def _dashboard(client: Client) -> str:
    services: dict[str, Any] = client.scheduler_info().get("services", {})
    if "dashboard" not in services:
        return "not served (the dashboard needs bokeh: pip install bokeh)"
    return str(client.dashboard_link)
