"""The compiled glossary kept on disk between runs, so that start-up does not pay for compiling it.

Compiling the default glossary (its phrases' surface forms, the automaton, the checks' indexes) takes
most of a second; reading it back from a pickle takes a tenth of that. The cache file is named by a key
over everything the compiled result depends on — each glossary file's path and bytes, termcheck's version
and the size and modification time of its own code and data files, the Python version — so a stale file
is never read, only left behind (the oldest are pruned). A cache that cannot be read, written or trusted
is silently rebuilt or skipped: it only ever saves time.

`TERMCHECK_CACHE_DIR` names the folder (empty: no cache); otherwise it is the user cache folder that
platformdirs gives (~/.cache/termcheck on Linux).
"""
from __future__ import annotations

import contextlib
import gc
import hashlib
import marshal
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, Any, TypeVar

from termcheck import __version__
from termcheck.glossary.loader import glossary_file_from_bytes, read_glossary_bytes
from termcheck.glossary.model import Glossary, TableLayout
from termcheck.matching.compiled import CompiledGlossary

ENVIRONMENT_VARIABLE = "TERMCHECK_CACHE_DIR"
KEEP_FILES = 4  # cache files kept in the folder: a few glossaries in use side by side
_PREFIX = "compiled-"
_SUFFIX = ".pickle"
_SIDE_SUFFIX = ".marshal"
# What marshal can write, and so what side_data keeps: plain data.
_Plain = (dict[Any, Any] | list[Any] | tuple[Any, ...] | set[Any] | frozenset[Any]
          | str | bytes | int | float | None)
T = TypeVar("T", bound=_Plain)
_PACKAGE = Path(__file__).resolve().parent.parent


def default_directory() -> Path | None:
    """The cache folder: $TERMCHECK_CACHE_DIR if set (empty: none), else the user cache folder."""
    configured = os.environ.get(ENVIRONMENT_VARIABLE)
    if configured is not None:
        return Path(configured) if configured else None
    import platformdirs

    return Path(platformdirs.user_cache_dir("termcheck", appauthor=False))


def load_compiled(paths: list[str], prepare: Callable[[CompiledGlossary], None],
                  directory: Path | None, layouts: Mapping[str, TableLayout] | None = None) -> CompiledGlossary:
    """The compiled glossary of these files, from the cache when it holds one for exactly these bytes and
    this termcheck; otherwise compiled, prepared (the checks build their indexes) and stored. `layouts`
    gives the column mapping of a user's term base, by path."""
    layouts = layouts or {}
    contents = [(path, read_glossary_bytes(path)) for path in paths]
    # A column mapping changes what a file means: it is part of the key, as the file's bytes are.
    keyed = [(path, data + b"\0" + repr(layouts[path]).encode() if path in layouts else data)
             for path, data in contents]
    cache_file = directory / f"{_PREFIX}{cache_key(keyed)}{_SUFFIX}" if directory is not None else None
    if cache_file is not None:
        cached = _read(cache_file)
        if cached is not None:
            cached.cache_file = cache_file
            return cached
    # A cache file exists only for bytes that compiled without error, so a glossary error is always met here.
    compiled = CompiledGlossary(Glossary.merge([glossary_file_from_bytes(path, data, layout=layouts.get(path))
                                                for path, data in contents]))
    prepare(compiled)
    if cache_file is not None:
        _write(cache_file, lambda handle: pickle.dump(compiled, handle, protocol=pickle.HIGHEST_PROTOCOL))
        compiled.cache_file = cache_file
    return compiled


def side_data(compiled: CompiledGlossary, name: str, build: Callable[[], T]) -> T:
    """Plain data (dicts, lists, strings, numbers) derived from this glossary that only some runs need and
    that is too big to load on every run, such as jieba's dictionary with the glossary's terms added: kept
    in a marshal file of its own beside the compiled glossary, under the same key."""
    if name in compiled.side_values:
        return compiled.side_values[name]  # type: ignore[return-value]
    value = _side_file_value(compiled.cache_file, name, build) if compiled.cache_file is not None else build()
    compiled.side_values[name] = value
    return value


def _side_file_value(cache_file: Path, name: str, build: Callable[[], T]) -> T:
    side_file = cache_file.with_name(f"{cache_file.stem}.{name}{_SIDE_SUFFIX}")
    loaded = _load_trusted(side_file, marshal.loads)
    if loaded is not None:
        return loaded  # type: ignore[no-any-return]
    value = build()
    _write(side_file, lambda handle: marshal.dump(value, handle))
    return value


def cache_key(contents: list[tuple[str, bytes]]) -> str:
    digest = hashlib.sha256()
    for part in (__version__, sys.version, _code_fingerprint()):
        digest.update(part.encode() + b"\0")
    for path, data in contents:
        digest.update(os.fsencode(path) + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()[:32]


def _code_fingerprint() -> str:
    """termcheck's own files by size and modification time: a changed check or data file (in a source
    checkout, where the version does not move) gives a new key."""
    stamps = []
    for root, folders, files in os.walk(_PACKAGE):
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".tsv", ".txt", ".json")):
                path = os.path.join(root, name)
                stat = os.stat(path)
                stamps.append(f"{os.path.relpath(path, _PACKAGE)}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(stamps)


def _read(cache_file: Path) -> CompiledGlossary | None:
    compiled = _load_trusted(cache_file, pickle.loads)
    return compiled if isinstance(compiled, CompiledGlossary) else None


def _load_trusted(path: Path, loads: Callable[[bytes], Any]) -> Any:
    """The file's content, or None if it is missing, damaged or not the user's own."""
    try:
        with path.open("rb") as handle:
            if hasattr(os, "getuid") and os.fstat(handle.fileno()).st_uid != os.getuid():
                return None  # a pickle runs code when loaded: only the user's own file is trusted
            data = handle.read()
    except OSError:
        return None
    # The collector would walk the hundred thousand objects being created, again and again, for nothing:
    # none of them is garbage. With it paused, loading is about three times faster.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return loads(data)
    except Exception:  # noqa: BLE001 - any damage to the file (truncated, from another version) means: rebuild
        return None
    finally:
        if enabled:
            gc.enable()


def _write(cache_file: Path, dump: Callable[[IO[bytes]], None]) -> None:
    """Store atomically (a temporary file renamed into place), so a concurrent run reads the old file or the
    new one, never half of one; any failure (read-only or full disk) leaves things as they were."""
    temporary = None
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=cache_file.parent, prefix=".tmp-", suffix=_SUFFIX,
                                         delete=False) as handle:
            temporary = handle.name
            dump(handle)
        os.replace(temporary, cache_file)
        temporary = None
        _prune(cache_file.parent)
    except (OSError, pickle.PicklingError, RecursionError, ValueError, TypeError, AttributeError):
        pass
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _prune(directory: Path) -> None:
    """Remove all but the newest compiled glossaries (stale keys are never read again), and side files
    whose compiled glossary is gone."""
    files = sorted(directory.glob(f"{_PREFIX}*{_SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True)
    kept = {f.stem for f in files[:KEEP_FILES]}
    for old in files[KEEP_FILES:] + [f for f in directory.glob(f"{_PREFIX}*{_SIDE_SUFFIX}")
                                     if f.name.split(".")[0] not in kept]:
        with contextlib.suppress(OSError):
            old.unlink()
