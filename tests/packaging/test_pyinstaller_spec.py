"""The PyInstaller spec (the Windows build, and the .deb's frozen folder) ships compiled bytecode.

Built on a Windows runner we cannot run here, so its settings are read statically: every pure-Python
module goes into the PYZ archive compiled at build time (``noarchive=False``) at a fixed optimization
level that keeps asserts and docstrings (``optimize=0``), and both executables load that archive.
The installed .deb is checked for real by packaging/linux/ci-package.sh.
"""

from __future__ import annotations

import ast

from tests.conftest import ROOT

SPEC = ROOT / "packaging" / "pyinstaller" / "ogi-review.spec"


def _calls(tree: ast.AST, name: str) -> list[ast.Call]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == name]


def _keyword(call: ast.Call, name: str) -> object:
    for kw in call.keywords:
        if kw.arg == name:
            return ast.literal_eval(kw.value)
    raise AssertionError(f"{name}= is not set explicitly in {SPEC.name}")


def test_spec_archives_bytecode_compiled_at_build_time():
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    [analysis] = _calls(tree, "Analysis")
    assert _keyword(analysis, "noarchive") is False  # True would ship loose .py files, compiled at each start
    assert _keyword(analysis, "optimize") == 0  # -1 would follow whatever interpreter builds; 2 drops docstrings
    assert not any(kw.arg == "module_collection_mode" for kw in analysis.keywords)  # no package kept as source
    [pyz] = _calls(tree, "PYZ")
    assert ast.unparse(pyz.args[0]) == "a.pure"
    exes = _calls(tree, "EXE")
    assert len(exes) == 2 and all(ast.unparse(e.args[0]) == "pyz" for e in exes)


def test_linux_build_does_not_import_qt_before_every_command():
    """PyInstaller's PySide6 run-time hook imports QtCore at each start, headless commands included."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    filters = [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.If)
        and "linux" in ast.unparse(n.test)
        and any(
            isinstance(s, ast.Assign) and ast.unparse(s.targets[0]) == "a.scripts" and "pyi_rth_pyside6" in ast.unparse(s)
            for s in n.body
        )
    ]
    assert filters
    first_exe = min(c.lineno for c in _calls(tree, "EXE"))
    assert filters[0].lineno < first_exe  # filtered before the executables take a.scripts
