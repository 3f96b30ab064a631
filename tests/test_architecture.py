"""The code's shape, as issue 14 set it: imports inside functions only for heavy libraries,
each with its reason; the layers themselves are import-linter's contracts (pyproject.toml),
which `make test` runs."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "scrutiny"
# Libraries that take long to load (native code, fonts), imported only where they are used.
HEAVY = {"weasyprint", "duckdb", "openpyxl", "xlrd"}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)


def _in_function_imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    found: list[ast.Import | ast.ImportFrom] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            found.extend(n for n in ast.walk(node) if isinstance(n, ast.Import | ast.ImportFrom))
    return found


def _imported(node: ast.Import | ast.ImportFrom) -> set[str]:
    if isinstance(node, ast.ImportFrom):
        return {(node.module or "").split(".")[0]}
    return {alias.name.split(".")[0] for alias in node.names}


def _has_reason(lines: list[str], node: ast.stmt) -> bool:
    """A comment on the import's line or the line above it."""
    here = lines[node.lineno - 1]
    above = lines[node.lineno - 2].strip() if node.lineno > 1 else ""
    return "#" in here or above.startswith("#")


def _problems(source: str, name: str) -> list[str]:
    lines = source.splitlines()
    problems = []
    for node in _in_function_imports(ast.parse(source)):
        where = f"{name}:{node.lineno}"
        if not _imported(node) <= HEAVY:
            problems.append(f"{where} imports {', '.join(sorted(_imported(node)))} inside a function")
        elif not _has_reason(lines, node):
            problems.append(f"{where} imports a heavy library inside a function without saying why")
    return problems


def test_imports_inside_functions_are_only_heavy_libraries_with_their_reason():
    problems = [
        problem
        for path in _modules()
        for problem in _problems(path.read_text(), str(path.relative_to(PACKAGE.parent)))
    ]
    assert problems == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("def f():\n    from scrutiny.meetings import models\n", "imports scrutiny inside a function"),
        ("def f():\n    import duckdb\n", "without saying why"),
        ("def f():\n    import duckdb  # heavy: loaded when files are read\n", None),
        ("def f():\n    # Heavy: fonts load on import.\n    from weasyprint import HTML\n", None),
        ("import json\n\ndef f():\n    return json\n", None),
    ],
)
def test_the_check_finds_what_it_should(source, expected):
    problems = _problems(source, "probe.py")
    if expected is None:
        assert problems == []
    else:
        assert len(problems) == 1 and expected in problems[0]
