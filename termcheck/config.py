"""Configuration: `termcheck.toml`, or `[tool.termcheck]` in pyproject.toml, found by walking up from the
working directory. Command-line options override it; `termcheck config` shows where each value came from.

```toml
glossaries = ["terms/house-style.tsv"]   # added to the default glossary (paths relative to this file)
default-glossary = true
names = ["terms/people.tsv"]
select = ["TC1", "TC2"]
ignore = ["TC204"]
fail-on = "warning"                      # error | warning | info
format = "text"
include = ["**/*.md", "**/*.txt"]        # globs applied when a folder is linted
exclude = ["drafts/**"]
decisions = "termcheck-decisions.json"
max-file-size = 64                       # MB; a larger document is refused, not read (0: no limit)
glossary-columns = "zh=source,en=target,deprecated=forbidden"   # how to read the glossaries' columns
glossary-separator = "/"                 # between several renderings in one cell (default ; or |)

[severity]                               # per-rule severity
TC204 = "error"
```
"""
from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from termcheck.errors import TermcheckError
from termcheck.findings import Severity
from termcheck.formatters import FORMATS as FORMATTERS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_NAMES = ("termcheck.toml", ".termcheck.toml")
FORMATS = tuple(FORMATTERS)  # the output formats, as the formatters package registers them
SEVERITIES = tuple(s.value for s in Severity)


class ConfigError(TermcheckError):
    def __init__(self, path: str, line: int, reason: str) -> None:
        super().__init__(f"{path}:{line}: {reason}")


@dataclass
class Setting:
    value: object
    origin: str  # "default", "path:line" or "command line"


@dataclass
class Config:
    """Effective settings, each with where it came from."""

    settings: dict[str, Setting] = field(default_factory=dict)
    path: str | None = None  # the file read, if any

    def get(self, key: str) -> object:
        return self.settings[key].value

    # Typed views of the settings: `_validated` and the command line give each key one type.

    def strings(self, key: str) -> list[str]:
        value = self.get(key)
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            raise TypeError(f"setting {key}: expected a list of strings, not {value!r}")
        return list(value)

    def optional_text(self, key: str) -> str | None:
        value = self.get(key)
        if value is not None and not isinstance(value, str):
            raise TypeError(f"setting {key}: expected a string, not {value!r}")
        return value

    def number(self, key: str) -> float:
        value = self.get(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"setting {key}: expected a number, not {value!r}")
        return float(value)

    def table(self, key: str) -> dict[str, str]:
        value = self.get(key)
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise TypeError(f"setting {key}: expected a table of strings, not {value!r}")
        return dict(value)

    def override(self, key: str, value: object) -> None:
        """A command-line value replaces the file's (empty lists and None mean 'not given')."""
        if value is None or value == [] or value == ():
            return
        self.settings[key] = Setting(value, "command line")


DEFAULTS: dict[str, object] = {
    "glossaries": [],
    "default-glossary": True,
    "names": [],
    "select": [],
    "ignore": [],
    "severity": {},
    "fail-on": "warning",
    "format": "text",
    "include": [],
    "exclude": [],
    "decisions": None,
    "max-file-size": 64,
    "glossary-columns": None,
    "glossary-separator": None,
}


def find_config(start: Path | None = None) -> Path | None:
    """The nearest termcheck.toml, or pyproject.toml with a [tool.termcheck] table, from `start` upwards."""
    folder = (start or Path.cwd()).resolve()
    for directory in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            if (directory / name).is_file():
                return directory / name
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and _mentions_termcheck(pyproject):
            return pyproject
    return None


def _mentions_termcheck(pyproject: Path) -> bool:
    """Does this pyproject.toml configure termcheck ([tool.termcheck], or `termcheck` under [tool])? One
    that cannot be parsed but names termcheck is taken, so that its error is reported, not ignored."""
    try:
        text = pyproject.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    if "termcheck" not in text:
        return False
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        return True
    tool = data.get("tool")
    return not isinstance(tool, dict) or "termcheck" in tool


def load_config(path: Path | None) -> Config:
    config = Config({key: Setting(value, "default") for key, value in DEFAULTS.items()})
    if path is None:
        return config
    raw_text = _read(path)
    try:
        data = tomllib.loads(raw_text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or _line_from_message(str(exc))
        raise ConfigError(str(path), line, f"not valid TOML: {str(exc).split(' (at')[0]}") from None
    except RecursionError:
        raise ConfigError(str(path), _deepest_line(raw_text),
                          "not a termcheck configuration: nested too deeply") from None
    table = _termcheck_table(path, raw_text, data) if path.name == "pyproject.toml" else data
    config.path = str(path)
    for key, value in table.items():
        line = _line_of(raw_text, key)
        where = f"{path}:{line}"
        if key not in DEFAULTS:
            raise ConfigError(str(path), line, f"unknown key {key!r}; known keys: {', '.join(DEFAULTS)}")
        config.settings[key] = Setting(_validated(str(path), line, key, value, path.parent), where)
    return config


def _termcheck_table(path: Path, text: str, data: dict[str, Any]) -> dict[str, Any]:
    """The [tool.termcheck] table of a pyproject.toml; an error if `tool` or `tool.termcheck` is no table."""
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(str(path), _line_of(text, "tool"), "`tool` must be a table ([tool.termcheck])")
    table = tool.get("termcheck", {})
    if not isinstance(table, dict):
        raise ConfigError(str(path), _line_of(text, "termcheck"), "`tool.termcheck` must be a table ([tool.termcheck])")
    return table


def _deepest_line(text: str) -> int:
    """The line where brackets first nest deeper than any configuration needs (where parsing gave up)."""
    depth = 0
    for number, line in enumerate(text.splitlines(), start=1):
        for char in line:
            depth += char in "[{"
            depth -= char in "]}"
            if depth > 50:
                return number
    return 1


def _validated(path: str, line: int, key: str, value: object, base: Path) -> object:
    def fail(reason: str) -> NoReturn:
        raise ConfigError(path, line, f"{key}: {reason}")

    if key in ("glossaries", "names", "select", "ignore", "include", "exclude"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            fail("expected a list of strings")
        if key in ("glossaries", "names"):
            return [str(base / v) for v in value]
        if key in ("select", "ignore"):
            for code in value:
                _known_code(fail, code.upper())
            return [v.upper() for v in value]
        return value
    if key == "default-glossary":
        if not isinstance(value, bool):
            fail("expected true or false")
        return value
    if key == "severity":
        if not isinstance(value, dict):
            fail("expected a table of rule = severity")
        for code, severity in value.items():
            _known_code(fail, code.upper())
            if severity not in SEVERITIES:
                fail(f"{code} = {severity!r}: expected one of {', '.join(SEVERITIES)}")
        return {code.upper(): severity for code, severity in value.items()}
    if key == "fail-on":
        if value not in SEVERITIES:
            fail(f"expected one of {', '.join(SEVERITIES)}")
        return value
    if key == "format":
        if value not in FORMATS:
            fail(f"expected one of {', '.join(FORMATS)}")
        return value
    if key == "max-file-size":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1_000_000:
            fail("expected a number of megabytes from 0 (no limit) to 1000000")
        return value
    if key in ("glossary-columns", "glossary-separator"):
        if not isinstance(value, str):
            fail("expected a string, e.g. " + ('"zh=source,en=target"' if key == "glossary-columns" else '"/"'))
        return value
    if key == "decisions":
        if not isinstance(value, str):
            fail("expected a path")
        return str(base / value)
    return value


def _known_code(fail: Callable[[str], NoReturn], code: str) -> None:
    from termcheck.checks import unknown_code

    problem = unknown_code(code)
    if problem is not None:
        fail(problem)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), 1, f"cannot read: {exc}") from None


def _line_of(text: str, key: str) -> int:
    name = re.escape(key)
    pattern = re.compile(rf"^[ \t]*(?:\"{name}\"|{name})[ \t]*=|^[ \t]*\[(?:[\w.-]+\.)?{name}\]", re.MULTILINE)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def _line_from_message(message: str) -> int:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else 1
