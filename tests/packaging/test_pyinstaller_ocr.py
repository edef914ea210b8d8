"""The PyInstaller spec (Linux .deb and Windows build) collects what the OCR of scans needs.

Windows cannot be built here; this reads the spec (``ast``, without PyInstaller) and checks it
against the installed packages: the RapidOCR models and configuration files are package data that
``collect_data_files("rapidocr")`` collects, onnxruntime's native libraries are collected, and every
hidden import exists. The frozen builds' ``--self-test`` then reads the bundled scanned page.
"""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

from tests.conftest import ROOT

SPEC = ROOT / "packaging" / "pyinstaller" / "ogi-review.spec"


def _spec() -> tuple[set[str], set[str], list[str], list[str]]:
    """(packages whose data files are collected, packages whose native libraries are, hidden imports, excludes)."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    data: set[str] = set()
    libs: set[str] = set()
    lists: dict[str, list[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args:
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                if node.func.id == "collect_data_files":
                    data.add(arg.value)
                elif node.func.id == "collect_dynamic_libs":
                    libs.add(arg.value)
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.List):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    lists[target.id] = [e.value for e in node.value.elts if isinstance(e, ast.Constant)]
    return data, libs, lists.get("hiddenimports", []), lists.get("excludes", [])


def test_spec_collects_the_ocr_models_and_runtime() -> None:
    data, libs, hidden, excludes = _spec()
    assert "rapidocr" in data and "onnxruntime" in libs
    assert {"onnxruntime", "core.loading.scan"} <= set(hidden)
    assert not {"rapidocr", "onnxruntime", "cv2", "numpy"} & {e.split(".")[0] for e in excludes}


def test_ocr_files_the_engine_loads_are_rapidocr_package_data() -> None:
    """collect_data_files collects every non-Python file under the package: the models the engine loads
    (by path, from the package) and the YAML files RapidOCR reads at start-up must be there."""
    import rapidocr

    from core.loading.ocr_engine import model_files

    root = Path(rapidocr.__file__).resolve().parent
    files = [Path(f) for f in model_files().values()]
    files += [root / "config.yaml", root / "default_models.yaml"]
    for f in files:
        assert f.is_file() and f.suffix not in (".py", ".pyc"), f
        assert f.resolve().is_relative_to(root), f


def test_hidden_imports_exist() -> None:
    """A hidden import the installed packages no longer have (a renamed engine module) fails here, not in
    the frozen build."""
    _data, _libs, hidden, _ = _spec()
    missing = [m for m in hidden if importlib.util.find_spec(m) is None]
    assert not missing
