"""Start-up of the command line: what ``ogi-review parse`` on one text report loads and compiles.

Start-up time itself is measured by bench/bench_cli.py; these tests keep its two causes from
coming back: heavy modules imported where they are not needed (each is imported inside the function
that uses it), and regular expressions compiled at import (``core.lazy_re.lazy_compile``).
"""

from __future__ import annotations

import json
import pickle
import re
import subprocess
import sys

import pytest

from core.lazy_re import lazy_compile
from tests.conftest import ROOT

SAMPLES = ROOT / "resources" / "samples"

# Modules the parse of a text report does not need: other forms' libraries, the window, worker
# processes (one file is parsed in the calling process), the project store, temporary files.
NOT_FOR_TEXT = (
    "PySide6", "shiboken6", "pandas", "numpy", "openpyxl", "pdfplumber", "pdfminer", "pypdfium2", "lxml",
    "docx", "rapidocr", "onnxruntime", "cv2", "PIL", "chardet", "charset_normalizer",
    "multiprocessing", "sqlite3", "tempfile", "xml", "zipfile",
)  # fmt: skip

# Runs ``ogi-review parse --json FILE`` in a fresh interpreter, noting every regular expression that
# the module-level code of a core module compiles, and prints what it saw as one JSON object.
_PROBE = r"""
import contextlib, io, json, re, sys
compile_ = re._compile
at_import = []

def watched(pattern, flags):
    frame = sys._getframe(1)
    while frame is not None and frame.f_code.co_name != "<module>":
        frame = frame.f_back
    if frame is not None and frame.f_globals.get("__name__", "").startswith("core."):
        at_import.append(f"{frame.f_globals['__name__']}:{frame.f_lineno}")
    return compile_(pattern, flags)

re._compile = watched
from gui.launcher import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    rc = main(["parse", "--json", sys.argv[1]])
print(json.dumps({"rc": rc, "line": out.getvalue(), "at_import": at_import, "modules": sorted(sys.modules)}))
"""


def _parse_in_fresh_interpreter(path: str) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, path], capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_parsing_a_text_report_loads_no_heavy_module_and_compiles_no_pattern_at_import():
    [path] = SAMPLES.glob("*审计局*.txt")
    seen = _parse_in_fresh_interpreter(str(path))
    report = json.loads(seen["line"])
    assert seen["rc"] == 0 and report["ok"] and len(report["values"]) > 50  # a real parse, tables included
    loaded = [m for m in seen["modules"] if m.split(".")[0] in NOT_FOR_TEXT or m in NOT_FOR_TEXT]
    assert loaded == []
    assert seen["at_import"] == []  # module-level patterns use core.lazy_re.lazy_compile


def test_lazy_pattern_compiles_on_first_use_and_behaves_as_compiled():
    broken = lazy_compile("[")  # not compiled yet: no error
    with pytest.raises(re.error):
        broken.search("x")

    text = "一、总体情况 共收到申请１２件，办结10件。"
    for pattern, flags in ((r"(?P<n>[0-9０-９]+)件", 0), (r"^[一二三]、", re.M), (r"总体|申请", re.I)):
        lazy, real = lazy_compile(pattern, flags), re.compile(pattern, flags)
        assert lazy.pattern == real.pattern and lazy.flags == real.flags and lazy.groupindex == real.groupindex
        assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in real.finditer(text)]
        assert lazy.sub("#", text) == real.sub("#", text) and lazy.split(text) == real.split(text)
        assert lazy.findall(text, 3) == real.findall(text, 3)
        assert bool(lazy.match(text)) == bool(real.match(text))
        assert pickle.loads(pickle.dumps(lazy)).findall(text) == real.findall(text)

    raw = lazy_compile(rb"<\s*html\b", re.I)
    assert raw.search(b"  <HTML lang=zh>") and not raw.search(b"<htmlx>")
