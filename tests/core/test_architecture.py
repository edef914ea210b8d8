"""The house rules of core/ that a reader relies on: no import cycles, no reaching into private names."""

from __future__ import annotations

import ast
from pathlib import Path

import grimp

CORE = Path(__file__).resolve().parents[2] / "core"


def _cycles(graph: grimp.ImportGraph, package: str) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), counting TYPE_CHECKING imports too."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = 0

    def visit(v: str) -> None:
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on.add(v)
        for w in graph.find_modules_directly_imported_by(v):
            if not w.startswith(package + ".") or w not in graph.modules:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for m in sorted(graph.modules):
        if m.startswith(package) and m not in index:
            visit(m)
    return out


def test_no_import_cycle_inside_core() -> None:
    graph = grimp.build_graph("core")
    assert _cycles(graph, "core") == []


def test_the_cycle_finder_finds_a_cycle(tmp_path, monkeypatch) -> None:
    pkg = tmp_path / "cyc"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from cyc import b\n")
    (pkg / "b.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from cyc import a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert _cycles(grimp.build_graph("cyc", cache_dir=None), "cyc") == [["cyc.a", "cyc.b"]]


def _violations(root: Path) -> list[str]:
    """``from x import _private`` across modules, ``obj._private(...)`` on another module's object
    is not checkable statically; class swaps (``x.__class__ = …``) are."""
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(root.name):
                for alias in node.names:
                    if alias.name.startswith("_") and not alias.name.startswith("__"):
                        found.append(f"{path.name}: imports {node.module}.{alias.name}")
            if isinstance(node, ast.Assign):
                for t in node.targets:
                    if isinstance(t, ast.Attribute) and t.attr == "__class__":
                        found.append(f"{path.name}:{node.lineno}: changes an object's class")
    return found


def test_no_private_imports_or_class_swaps_in_core() -> None:
    assert _violations(CORE) == []


def test_the_private_import_check_finds_one(tmp_path) -> None:
    pkg = tmp_path / "core"
    pkg.mkdir()
    (pkg / "m.py").write_text("from core.state import _now\nclass A: ...\nx = A()\nx.__class__ = A\n")
    assert len(_violations(pkg)) == 2
