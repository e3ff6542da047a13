"""The layering rule of docs/architecture.md, read from the imports themselves: a layer that reaches back up
fails here, not in a review. Each test lists every offending module with what it imports."""
import ast
from collections.abc import Callable
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "termcheck"
DATA_MODULES = {"termcheck", "termcheck.report", "termcheck.findings", "termcheck.documents.model",
                "termcheck.fingerprints", "termcheck.decisions", "termcheck.jsonfiles", "termcheck.checks.base",
                "termcheck.scoring.model"}


def imports_of(path: Path) -> set[str]:
    """The termcheck modules a file imports, at any depth of the file (lazy imports count too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("termcheck"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("termcheck"):
            found.add(node.module)
    return found


def offenders(paths: list[Path], forbidden: Callable[[str], bool]) -> dict[str, list[str]]:
    out = {}
    for path in paths:
        bad = sorted(m for m in imports_of(path) if forbidden(m))
        if bad:
            out[str(path.relative_to(PACKAGE))] = bad
    return out


def modules(folder: str = "") -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py"))


def test_readers_import_only_readers_errors_and_the_leaf_helpers():
    allowed = ("termcheck.documents", "termcheck.errors", "termcheck.han", "termcheck.textpos")
    assert offenders(modules("documents"), lambda m: not m.startswith(allowed)) == {}


def test_checks_never_import_the_engine_commands_or_formatters():
    above = ("termcheck.engine", "termcheck.commands", "termcheck.formatters", "termcheck.cli")
    assert offenders(modules("checks"), lambda m: m.startswith(above)) == {}


def test_formatters_import_only_data_modules():
    assert offenders(modules("formatters"),
                     lambda m: not m.startswith("termcheck.formatters") and m not in DATA_MODULES) == {}


def test_only_the_entry_point_imports_the_cli():
    paths = [p for p in modules() if p.name != "__main__.py"]
    assert offenders(paths, lambda m: m == "termcheck.cli") == {}


def test_only_the_cli_and_the_commands_import_the_commands():
    paths = [p for p in modules() if p.parent.name != "commands" and p.name != "cli.py"]
    assert offenders(paths, lambda m: m.startswith("termcheck.commands")) == {}


def test_han_and_textpos_are_leaves():
    assert imports_of(PACKAGE / "han.py") == set()
    assert imports_of(PACKAGE / "textpos.py") == set()


def test_the_check_sees_a_lazy_import(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from termcheck.engine import Linter\n", encoding="utf-8")
    assert imports_of(module) == {"termcheck.engine"}
