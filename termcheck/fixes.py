"""Applying safe fixes: in memory, as a diff, and atomically on disk."""
from __future__ import annotations

import contextlib
import difflib
import hashlib
import os
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from termcheck.errors import TermcheckError
from termcheck.findings import Finding


@dataclass(frozen=True)
class FixResult:
    text: str
    applied: int
    fixed: tuple[Finding, ...] = ()  # what was applied, each at its place in the text it was found in


def chosen_fixes(text: str, findings: list[Finding]) -> list[Finding]:
    """The fixable findings whose span still reads as they saw it, in order; of overlapping ones, the first."""
    chosen: list[Finding] = []
    last_end = -1
    for f in sorted((f for f in findings if f.fixable and f.suggestion is not None), key=lambda f: (f.start, f.end)):
        if f.start >= last_end and text[f.start:f.end] == f.text:
            chosen.append(f)
            last_end = max(f.end, f.start + 1)
    return chosen


def apply_fixes(text: str, findings: list[Finding]) -> FixResult:
    """Replace each fixable finding's span by its suggestion; overlapping fixes after the first are skipped.

    Only text inside a finding's [start, end) ever changes, and only where it still equals the finding's text.
    """
    chosen = chosen_fixes(text, findings)
    pieces, pos = [], 0
    for f in chosen:
        pieces.append(text[pos:f.start])
        pieces.append(f.suggestion or "")
        pos = f.end
    pieces.append(text[pos:])
    return FixResult("".join(pieces), len(chosen), tuple(chosen))


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{path}", f"b/{path}"
        )
    )


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_atomically(path: str, data: bytes, expected_digest: str | None = None) -> None:
    """Write through a temporary file in the same folder and rename it over the original.

    The file keeps its permission bits and owner. A symbolic link is written through to its target,
    so the link stays a link; a file with several hard links is refused, since a rename would split
    them. If `expected_digest` is given and the file no longer has it (someone changed it since it was
    read), nothing is written; that is checked again right before the rename.
    """
    target = Path(os.path.realpath(path))
    try:
        current = target.read_bytes()
        info = target.stat()
    except OSError as exc:
        raise TermcheckError(f"{path}: not fixed: {exc.strerror or exc}") from None
    if expected_digest is not None and digest(current) != expected_digest:
        raise TermcheckError(f"{path}: not fixed: the file changed since it was read")
    mode = stat.S_IMODE(info.st_mode)
    # Root can write anywhere; a file whose write bits are all off was still meant to stay as it is.
    if not (mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)) or not os.access(target, os.W_OK):
        raise TermcheckError(f"{path}: not fixed: the file is read-only")
    if info.st_nlink > 1:
        raise TermcheckError(f"{path}: not fixed: it has {info.st_nlink} hard links, which replacing it would split")

    def unchanged() -> None:
        if expected_digest is not None:
            try:
                now = target.read_bytes()
            except OSError as exc:
                raise TermcheckError(f"{path}: not fixed: {exc.strerror or exc}") from None
            if digest(now) != expected_digest:
                raise TermcheckError(f"{path}: not fixed: the file changed while termcheck was writing it")

    _replace(target, data, info, f"{path}: not fixed", before_rename=unchanged)


def write_new_atomically(path: str, data: bytes) -> None:
    """Create or replace a file of termcheck's own (a report, a decisions or baseline file) atomically."""
    target = Path(os.path.realpath(path))
    try:
        info = target.stat()
    except OSError:
        info = None
    _replace(target, data, info, f"{path}: cannot write")


def _replace(target: Path, data: bytes, info: os.stat_result | None, failure: str,
             before_rename: Callable[[], None] | None = None) -> None:
    """Write a temporary file in the target's folder, then rename it over the target: readers see the
    old file or the new one, never half of one. On any failure the temporary file is removed."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".termcheck-tmp", dir=target.parent)
    except OSError as exc:
        raise TermcheckError(f"{failure}: {exc.strerror or exc} (folder {str(target.parent)!r})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if info is not None:
            os.chmod(tmp, stat.S_IMODE(info.st_mode))
            _keep_owner(tmp, info)
        else:  # a new file: the mode any program would give it, not mkstemp's owner-only 0600
            os.chmod(tmp, 0o666 & ~_umask())
        if before_rename is not None:
            before_rename()
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise TermcheckError(f"{failure}: {exc.strerror or exc}") from None
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _keep_owner(tmp: str, info: os.stat_result) -> None:
    if (info.st_uid, info.st_gid) == (os.getuid(), os.getgid()):
        return
    with contextlib.suppress(OSError):  # only root may give a file away; others keep their own files
        os.chown(tmp, info.st_uid, info.st_gid)
