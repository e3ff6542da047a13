"""`termcheck glossary ...`: commands about glossaries and term bases themselves."""
from __future__ import annotations

from termcheck.formatters.terminal import printable
from termcheck.glossary.validate import validate
from termcheck.resources import default_glossaries


def run_validate(paths: list[str]) -> tuple[str, int]:
    """The report of `glossary validate` and its exit status: 1 if any file has an error, else 0."""
    files = paths or [str(p) for p in default_glossaries()]
    problems = validate(files)
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    lines = [printable(str(p)) for p in problems]
    lines.append(f"{_count(errors, 'error')} and {_count(warnings, 'warning')} in {_count(len(files), 'file')}.")
    return "\n".join(lines) + "\n", 1 if errors else 0


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"
