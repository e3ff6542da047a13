"""Finding files to lint and reading them into Documents."""
from __future__ import annotations

import fnmatch
import glob
import hashlib
import importlib
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from termcheck.documents.decoding import decode
from termcheck.documents.markdown import markdown_document
from termcheck.documents.model import Document
from termcheck.documents.sniffing import looks_like_docx, looks_like_html
from termcheck.documents.suppressions import parse_line_markers
from termcheck.errors import InputError

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})
# Bilingual formats: suffix -> (module, function(path, data) -> Document), imported only when used.
BILINGUAL_READERS = {
    ".po": ("termcheck.documents.po", "read_po"),
    ".xlf": ("termcheck.documents.xliff", "read_xliff"),
    ".xliff": ("termcheck.documents.xliff", "read_xliff"),
    ".tmx": ("termcheck.documents.tmx", "read_tmx"),
    ".tsv": ("termcheck.documents.aligned", "read_table"),
    ".csv": ("termcheck.documents.aligned", "read_table"),
    ".xlsx": ("termcheck.documents.xlsx_table", "read_xlsx"),
}
HTML_SUFFIXES = frozenset({".html", ".htm"})
# Monolingual formats that are not plain text, read the same way.
DOCUMENT_READERS = {
    **{suffix: ("termcheck.documents.html_page", "read_html") for suffix in HTML_SUFFIXES},
    ".docx": ("termcheck.documents.docx_file", "read_docx"),
}
# What a folder is searched for. Tables are linted only when named: a folder of glossaries is not a
# folder of translations.
SUPPORTED_SUFFIXES = MARKDOWN_SUFFIXES | TEXT_SUFFIXES | {".po", ".xlf", ".xliff", ".tmx"} | set(DOCUMENT_READERS)
# Suffixes whose format is taken from the name; a file with any other (or none, or standard input) is
# sniffed: a ZIP with word/document.xml is a DOCX, a text starting <!doctype html or <html is HTML.
NAMED_SUFFIXES = SUPPORTED_SUFFIXES | set(BILINGUAL_READERS)
STDIN = "-"
# What a folder is searched for, as the README, --help and the user guide list it.
FOLDER_SUFFIXES_TEXT = ", ".join(sorted(SUPPORTED_SUFFIXES))


def collect_paths(
    arguments: Iterable[str], include: Iterable[str] = (), exclude: Iterable[str] = (),
    skipped: Counter[str] | None = None,
) -> Iterator[str]:
    """Expand folders (recursively, by suffix or by the `include` globs, sorted), leaving out what the
    `exclude` globs match; files named on the command line and "-" pass through as given. Files a
    folder holds that are not read are counted in `skipped` by suffix."""
    include, exclude = tuple(include), tuple(exclude)
    for arg in _expand_globs(arguments):
        path = Path(arg)
        if arg != STDIN and path.is_dir():
            found = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in files:
                    relative = Path(os.path.relpath(os.path.join(root, name), path)).as_posix()
                    if _wanted(relative, include, exclude):
                        found.append(os.path.join(root, name))
                    elif skipped is not None:
                        skipped[Path(name).suffix.lower() or "(no suffix)"] += 1
            yield from sorted(_tidy(f) for f in found)
        else:
            yield _tidy(arg)


def _tidy(path: str) -> str:
    """A relative path without a leading "./" (as ruff shows it): "./a.md" and "a.md" are one file."""
    while path.startswith("./") and len(path) > 2:
        path = path[2:].lstrip("/") or "."
    return path


def _expand_globs(arguments: Iterable[str]) -> Iterator[str]:
    """A quoted glob ("docs/**/*.md") is expanded here, as a shell would; a pattern that matches nothing
    is passed on, so the user hears that it does not exist."""
    for arg in arguments:
        if arg != STDIN and any(c in arg for c in "*?[") and not Path(arg).exists():
            matches = sorted(glob.glob(arg, recursive=True))
            yield from matches or [arg]
        else:
            yield arg


def _wanted(relative: str, include: tuple[str, ...], exclude: tuple[str, ...]) -> bool:
    if any(fnmatch.fnmatchcase(relative, pattern) for pattern in exclude):
        return False
    if include:
        return any(fnmatch.fnmatchcase(relative, pattern) or fnmatch.fnmatchcase(Path(relative).name, pattern)
                   for pattern in include)
    return Path(relative).suffix.lower() in SUPPORTED_SUFFIXES


def read_document(path: str, max_bytes: int = 0) -> Document:
    """Read and parse one document; one larger than `max_bytes` (0: no limit) is refused unread."""
    try:
        if Path(path).exists() and not Path(path).is_file() and not Path(path).is_dir():
            # A FIFO or a device would block or never end: refuse it rather than hang.
            raise InputError(path, "not a regular file")
        if max_bytes and Path(path).is_file() and Path(path).stat().st_size > max_bytes:
            raise InputError(path, too_large(Path(path).stat().st_size, max_bytes))
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file or directory") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        raise InputError(path, exc.strerror or "cannot be read") from None
    return document_from_bytes(path, data)


def read_stdin(max_bytes: int = 0) -> Document:
    if sys.stdin is None or sys.stdin.closed:
        raise InputError("<stdin>", "standard input is closed")
    data = sys.stdin.buffer.read(max_bytes + 1) if max_bytes else sys.stdin.buffer.read()
    if max_bytes and len(data) > max_bytes:
        raise InputError("<stdin>", too_large(None, max_bytes))
    return document_from_bytes("<stdin>", data)


def too_large(size: int | None, max_bytes: int) -> str:
    """Memory grows with a document's size (every check holds its own view of the text; about 40 MB per
    MB of dense machine translation, docs/performance.md), so an outsized input is refused, not read."""
    what = f"{size / 1_000_000:,.1f} MB" if size is not None else "more than that"
    return (f"{what} is over the size limit of {max_bytes / 1_000_000:g} MB; split the document, or raise "
            "the limit with --max-file-size MB (max-file-size in termcheck.toml; 0 for none)")


def document_from_bytes(path: str, data: bytes, markdown: bool | None = None) -> Document:
    suffix = Path(path).suffix.lower()
    reader = BILINGUAL_READERS.get(suffix) or DOCUMENT_READERS.get(suffix)
    if reader is None and suffix not in NAMED_SUFFIXES and looks_like_docx(data):
        reader = DOCUMENT_READERS[".docx"]
    if reader is not None:
        module, function = reader
        read: Callable[[str, bytes], Document] = getattr(importlib.import_module(module), function)
        document = read(path, data)
        document.digest = hashlib.sha256(data).hexdigest()
        return document
    text, encoding, bom = decode(path, data)
    if markdown is None:
        markdown = suffix in MARKDOWN_SUFFIXES
    if markdown:
        document = markdown_document(path, text, encoding, bom)
    elif _sniffed_html(path, text):
        document = _html_document(path, text, encoding, bom)
    else:
        document = Document.plain(path, text, encoding, bom)
        document.suppressions = parse_line_markers(text)
    document.digest = hashlib.sha256(data).hexdigest()
    return document


def document_from_text(like: Document, text: str) -> Document:
    """A document of the same path and kind as `like`, with new text (used between fix passes)."""
    if like.markdown:
        return markdown_document(like.path, text, like.encoding, like.bom)
    if Path(like.path).suffix.lower() in HTML_SUFFIXES or _sniffed_html(like.path, text):
        return _html_document(like.path, text, like.encoding, like.bom)
    return Document.plain(like.path, text, like.encoding, like.bom)


def _sniffed_html(path: str, text: str) -> bool:
    return Path(path).suffix.lower() not in NAMED_SUFFIXES and looks_like_html(text)


def _html_document(path: str, text: str, encoding: str, bom: bool) -> Document:
    from termcheck.documents.html_page import html_document

    return html_document(path, text, encoding, bom)
