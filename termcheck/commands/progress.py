"""A progress bar on standard error for long runs at a terminal (rich), and nothing otherwise.

Shown only when asked for (the CLI asks when standard error is a terminal and the output is not quiet) and
when the run is long enough to need one: a bar that flashes by on one page is noise. It is transient: once
the run ends, the line it took is cleared, so the report reads as it would without it.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

MIN_FILES = 10  # fewer files than this finish before a bar would be read
MIN_CHARACTERS = 5_000_000  # ...unless they are this big together


def worth_showing(files: int, characters: int) -> bool:
    return files >= MIN_FILES or characters >= MIN_CHARACTERS


@contextmanager
def progress_bar(total: int, label: str, shown: bool) -> Iterator[Callable[[], None]]:
    """A function to call once per item done, drawing a bar of `total` items when `shown`."""
    if not shown:
        yield _nothing
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda: bar.advance(task)


def _nothing() -> None:
    return None
