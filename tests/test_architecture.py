"""The shape of the package: which module may import which, and where exceptions live.

Read from the source with :mod:`ast` (nothing is imported but in a subprocess), so a new
import cycle or a stray exception class fails here, whatever the tests exercise.
"""

from __future__ import annotations

import ast
import builtins
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "geonews"


def _modules() -> dict[str, ast.Module]:
    """``{dotted module name: its syntax tree}`` for every module of the package."""
    out: dict[str, ast.Module] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return out


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(module: str, tree: ast.Module, *, lazy: bool) -> Iterator[str]:
    """The geonews modules that ``module`` imports when it is imported (``lazy``: in function bodies too).

    ``if TYPE_CHECKING:`` blocks never count: they do not run.
    """

    def walk(nodes: list[ast.stmt]) -> Iterator[ast.Import | ast.ImportFrom]:
        for node in nodes:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                yield node
            elif isinstance(node, ast.If):
                if not _is_type_checking(node.test):
                    yield from walk(node.body)
                yield from walk(node.orelse)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if lazy:
                    yield from walk(node.body)
            elif isinstance(node, (ast.ClassDef, ast.With, ast.For, ast.While)):
                yield from walk(node.body)
            elif isinstance(node, ast.Try):
                for block in (node.body, node.orelse, node.finalbody, *(h.body for h in node.handlers)):
                    yield from walk(block)

    package = module if (PACKAGE / Path(*module.split(".")[1:]) / "__init__.py").exists() else module.rpartition(".")[0]
    for node in walk(tree.body):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            # "from geonews.x import y" may import the module geonews.x.y
            names = [base] + [f"{base}.{alias.name}" for alias in node.names]
        yield from (name for name in names if name == "geonews" or name.startswith("geonews."))


def _graph(*, lazy: bool) -> dict[str, set[str]]:
    modules = _modules()
    return {
        name: {dep for dep in _imports(name, tree, lazy=lazy) if dep in modules and dep != name}
        for name, tree in modules.items()
    }


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` (as a path that comes back to its start), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for dep in sorted(graph[node]):
            if state.get(dep) == 1:
                return [*path[path.index(dep):], dep]
            if dep not in state and (found := visit(dep)) is not None:
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)) is not None:
            return found
    return None


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_the_import_graph_sees_the_imports() -> None:
    graph = _graph(lazy=False)
    assert "geonews.config" in graph["geonews.pipeline"]
    assert "geonews.extract" in graph["geonews.pipeline"]
    assert "geonews.parallel" not in graph["geonews.pipeline"]  # imported in Geoparser.parse only
    assert "geonews.parallel" in _graph(lazy=True)["geonews.pipeline"]


def test_no_import_cycle_among_module_level_imports() -> None:
    cycle = _cycle(_graph(lazy=False))
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_no_import_cycle_even_through_imports_in_functions() -> None:
    """An import in a function body (of an optional or slow dependency) still points one way only."""
    cycle = _cycle(_graph(lazy=True))
    assert cycle is None, "import cycle (counting imports in functions): " + " -> ".join(cycle or [])


def test_parallel_and_pipeline_import_each_other_in_one_direction_only() -> None:
    """The pipeline hands its workers how to open a Geoparser; the process pool never imports the pipeline."""
    lazy = _graph(lazy=True)
    assert "geonews.pipeline" not in lazy["geonews.parallel"]
    assert "geonews.parallel" in lazy["geonews.pipeline"]


def test_the_settings_module_imports_no_stage() -> None:
    """Stages read the settings; the settings never load a stage (at run time, not even lazily)."""
    assert _graph(lazy=True)["geonews.config"] <= {"geonews", "geonews.errors"}


def test_importing_the_settings_loads_no_stage() -> None:
    code = "import sys, geonews.config; print(' '.join(sorted(m for m in sys.modules if m.startswith('geonews'))))"
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout.split()
    assert "geonews.config" in loaded
    assert not [m for m in loaded if m.startswith(("geonews.extract", "geonews.resolve", "geonews.gazetteer"))], loaded


def test_the_settings_name_the_index_of_the_schema_the_builder_writes() -> None:
    from geonews.config import GAZETTEER_SCHEMA_VERSION, Settings
    from geonews.gazetteer.build import SCHEMA_VERSION

    assert GAZETTEER_SCHEMA_VERSION == SCHEMA_VERSION
    assert Settings(cache_dir=Path("c")).gazetteer_path == Path("c") / f"gazetteer-v{SCHEMA_VERSION}.sqlite"


def _exception_classes() -> dict[str, list[str]]:
    """``{module: [its classes that derive from an exception]}``, warnings left out.

    Base classes are followed by name through the builtins and every class of the
    package (the names are unique enough for that), until nothing changes.
    """
    kinds: dict[str, str] = {}
    for name in dir(builtins):
        value = getattr(builtins, name)
        if isinstance(value, type) and issubclass(value, BaseException):
            kinds[name] = "warning" if issubclass(value, Warning) else "exception"
    classes: list[tuple[str, ast.ClassDef]] = [
        (module, node)
        for module, tree in _modules().items()
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
    ]
    changed = True
    while changed:
        changed = False
        for _, node in classes:
            bases = [b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases]
            found = {kinds[b] for b in bases if b in kinds}
            kind = "warning" if "warning" in found else "exception" if found else None
            if kind is not None and kinds.get(node.name) != kind:
                kinds[node.name] = kind
                changed = True
    out: dict[str, list[str]] = {}
    for module, node in classes:
        if kinds.get(node.name) == "exception":
            out.setdefault(module, []).append(node.name)
    return out


def test_exceptions_are_defined_in_errors_only() -> None:
    """Every exception a caller can meet is in geonews/errors.py. A module may keep a private one
    (``_Busy``) to signal within itself: it must catch it itself, so that it never gets out."""
    found = _exception_classes()
    assert "GeonewsError" in found["geonews.errors"] and "ClusterError" in found["geonews.errors"]
    elsewhere = {
        module: public for module, names in found.items()
        if module != "geonews.errors" and (public := [n for n in names if not n.startswith("_")])
    }
    assert not elsewhere, f"exceptions defined outside geonews/errors.py: {elsewhere}"
    modules = _modules()
    for module, names in found.items():
        caught = {
            ast.unparse(handler.type) for handler in ast.walk(modules[module])
            if isinstance(handler, ast.ExceptHandler) and handler.type is not None
        }
        for name in names:
            if name.startswith("_"):
                assert any(name in text.replace("(", " ").replace(",", " ").split() for text in caught), (
                    f"{module}.{name} is raised but never caught in its module: define it in geonews/errors.py"
                )


def test_cluster_error_is_still_importable_from_the_cluster_module() -> None:
    from geonews import cluster, errors

    assert cluster.ClusterError is errors.ClusterError
    assert issubclass(errors.ClusterError, errors.GeonewsError)
