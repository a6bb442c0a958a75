"""The modules of `kb` import each other without cycles, and the read model knows nothing of its views."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO


def module_names(root: Path, package: str) -> dict[str, Path]:
    """Every module of the package under `root`, by dotted name (a package by its own name)."""
    found = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    """For each module, the modules of the package it imports, anywhere in it (at the top, in a
    function, under `if TYPE_CHECKING`). `from P import name` counts as importing `P.name` when that
    is a module, else `P`."""
    modules = module_names(root, package)
    graph = {}
    for name, path in modules.items():
        here = name if path.name == "__init__.py" else name.rpartition(".")[0]
        imported = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names if alias.name in modules}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parent = here.split(".")[: len(here.split(".")) - node.level + 1]
                    base = ".".join(parent + ([base] if base else []))
                for alias in node.names:
                    if f"{base}.{alias.name}" in modules:
                        imported.add(f"{base}.{alias.name}")
                    elif base in modules:
                        imported.add(base)
        graph[name] = imported - {name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import cycles of a graph: one path `a -> b -> ... -> a` per strongly connected group."""
    found, done = [], set()
    for start in sorted(graph):
        if start in done:
            continue
        path = _path(graph, start, start)
        if path:
            found.append(path)
            done.update(path)
    return found


def _path(graph: dict[str, set[str]], source: str, target: str) -> list[str] | None:
    """A shortest path of imports from `source` to `target` (breadth first), or None."""
    previous: dict[str, str | None] = {source: None}
    frontier = [source]
    while frontier:
        following = []
        for node in frontier:
            for nxt in sorted(graph.get(node, ())):
                if nxt == target:
                    path = [node]
                    while previous[path[-1]] is not None:
                        path.append(previous[path[-1]])
                    return [*reversed(path), target]
                if nxt not in previous:
                    previous[nxt] = node
                    following.append(nxt)
        frontier = following
    return None


def test_the_checker_finds_a_cycle_through_a_function_level_import(tmp_path):
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("")
    (package / "a.py").write_text("from pkg.sub import b\n")
    (package / "sub" / "b.py").write_text("def f():\n    from .c import g\n")
    (package / "sub" / "c.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import pkg.a\n")
    (package / "d.py").write_text("from pkg import a\n")
    graph = import_graph(tmp_path, "pkg")
    assert graph["pkg.a"] == {"pkg.sub.b"} and graph["pkg.sub.b"] == {"pkg.sub.c"} and graph["pkg.d"] == {"pkg.a"}
    assert cycles(graph) == [["pkg.a", "pkg.sub.b", "pkg.sub.c", "pkg.a"]]


def test_no_two_modules_of_kb_import_each_other():
    graph = import_graph(REPO, "kb")
    assert len(graph) > 30 and "kb.site.pages" in graph["kb.site"]
    assert cycles(graph) == []


def test_the_read_model_imports_no_view():
    graph = import_graph(REPO, "kb")
    for name, imported in graph.items():
        if name == "kb.readmodel" or name.startswith("kb.readmodel."):
            views = sorted(m for m in imported if m.startswith(("kb.site", "kb.show", "kb.cli", "kb.api")))
            assert views == [], f"{name} imports {views}"


def test_no_test_module_needs_selenium_to_be_collected():
    """Selenium is imported only inside `browser.py`'s functions, so the tests that need no browser
    run without it (and those that do fail, saying how to install it)."""
    for path in sorted((REPO / "tests").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        top = [node for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))]
        names = [alias.name for node in top if isinstance(node, ast.Import) for alias in node.names]
        names += [node.module or "" for node in top if isinstance(node, ast.ImportFrom)]
        assert not [name for name in names if name.split(".")[0] == "selenium"], path.name


def test_the_cli_calls_only_the_api():
    graph = import_graph(REPO, "kb")
    cli = {"kb.cli", "kb.cli_support"}
    reached = {name: imported - cli - {"kb.api", "kb"} for name, imported in graph.items() if name in cli}
    assert reached == {"kb.cli": set(), "kb.cli_support": set()}, reached
