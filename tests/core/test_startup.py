"""Start-up of the command line: what ``ogi-review parse`` on one text report loads and compiles.

Start-up time itself is measured by bench/bench_cli.py; these tests keep its causes from coming
back: heavy modules imported where they are not needed (each is imported inside the function that
uses it), regular expressions compiled at import (``core.lazy_re.lazy_compile``), and the parse
path's patterns compiled again in every run (their engine code is kept like bytecode).
"""

from __future__ import annotations

import json
import marshal
import os
import pickle
import re
import subprocess
import sys

import pytest

from core import lazy_re
from core.lazy_re import lazy_compile
from tests.conftest import ROOT

SAMPLES = ROOT / "resources" / "samples"

# Modules the parse of a text report does not need: other forms' libraries, the window, worker
# processes (one file is parsed in the calling process) and what only they use (core.batch.memory:
# ctypes, pickle), the project store, temporary files, logging (nothing to log), the batch model and
# the agency directory (check and export), OCR.
NOT_FOR_TEXT = (
    "PySide6", "shiboken6", "pandas", "numpy", "openpyxl", "pdfplumber", "pdfminer", "pypdfium2", "lxml",
    "docx", "rapidocr", "onnxruntime", "cv2", "PIL", "chardet", "charset_normalizer",
    "multiprocessing", "sqlite3", "tempfile", "xml", "zipfile", "ctypes", "pickle", "logging", "csv",
    "core.batch.memory", "core.batch.model", "core.batch.directory", "core.batch.slim", "core.loading.scan",
    "core.loading.scan_tables", "core.loading.ocr_engine",
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
import core.lazy_re
translate_ = core.lazy_re._translate
translated = []

def counted(pattern, flags):
    translated.append(pattern)
    return translate_(pattern, flags)

core.lazy_re._translate = counted
from gui.launcher import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    rc = main(["parse", "--json", sys.argv[1]])
core.lazy_re._store().save()  # what the exit would do (atexit), before the count is printed
import gc
print(json.dumps({"rc": rc, "line": out.getvalue(), "at_import": at_import, "modules": sorted(sys.modules),
                  "translated": len(translated), "gc": [gc.isenabled(), gc.get_freeze_count()]}))
"""


def _parse_in_fresh_interpreter(path: str, env: dict[str, str] | None = None) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, path],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=120,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_parsing_a_text_report_loads_no_heavy_module_and_compiles_no_pattern_at_import():
    [path] = SAMPLES.glob("*审计局*.txt")
    seen = _parse_in_fresh_interpreter(str(path))
    report = json.loads(seen["line"])
    assert seen["rc"] == 0 and report["ok"] and len(report["values"]) > 50  # a real parse, tables included
    loaded = [m for m in seen["modules"] if m.split(".")[0] in NOT_FOR_TEXT or m.startswith(NOT_FOR_TEXT)]
    assert loaded == []
    assert seen["at_import"] == []  # module-level patterns use core.lazy_re.lazy_compile
    collector_on, frozen = seen["gc"]
    assert collector_on and frozen > 10_000  # the command's modules frozen after import, collection back on


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


def test_the_patterns_of_a_parse_are_compiled_once_and_kept_like_bytecode(tmp_path):
    [path] = SAMPLES.glob("*审计局*.txt")
    env = dict(os.environ, PYTHONPYCACHEPREFIX=str(tmp_path / "pyc"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    first = _parse_in_fresh_interpreter(str(path), env)
    [stored] = (tmp_path / "pyc" / "ogi-review").glob("patterns-*.marshal")
    second = _parse_in_fresh_interpreter(str(path), env)
    assert first["translated"] > 50 and second["translated"] == 0  # the second run compiles none
    assert second["line"] == first["line"] and json.loads(second["line"])["ok"]

    # every kept program is exactly what re.compile makes of its pattern (Pattern equality compares code)
    header, entries = marshal.loads(stored.read_bytes())
    assert header == lazy_re._PatternStore(None).header and len(entries) == first["translated"]
    for (pattern, flags), entry in entries.items():
        assert lazy_re._sre.compile(pattern, *entry) == re.compile(pattern, flags), pattern

    # as with bytecode, PYTHONDONTWRITEBYTECODE writes nothing (what is kept is still read)
    quiet = dict(env, PYTHONPYCACHEPREFIX=str(tmp_path / "other"), PYTHONDONTWRITEBYTECODE="1")
    assert _parse_in_fresh_interpreter(str(path), quiet)["line"] == first["line"]
    assert not (tmp_path / "other").exists()


PATTERNS = (
    (r"^[一二三四五六七八九十]{1,3}\s*[、.．]", re.M),
    (r"(?P<n>[0-9０-９]+)\s*(?P<u>件|起)", 0),
    (r"[\u4e00-\u9fff）)”][0-9]{7,}", 0),
    (r"(?i)html|(?<=[\s|])号", 0),
    (r"  a  # spaced\n | b", re.X | re.S),
    (rb"<\s*html\b", re.I),
)


def test_kept_programs_are_used_only_for_their_pattern_and_interpreter(tmp_path, monkeypatch):
    store = lazy_re._PatternStore(str(tmp_path))
    made = [store.compile(p, f) for p, f in PATTERNS]
    assert made == [re.compile(p, f) for p, f in PATTERNS]
    assert made[1].groupindex == {"n": 1, "u": 2} and made[3].flags == re.compile(r"(?i)x").flags
    store.save()
    [file] = tmp_path.iterdir()

    def no_compiling(pattern, flags):
        raise AssertionError(f"compiled again: {pattern!r}")

    with monkeypatch.context() as m:
        m.setattr(lazy_re, "_translate", no_compiling)
        again = lazy_re._PatternStore(str(tmp_path))
        assert [again.compile(p, f) for p, f in PATTERNS] == made
        assert again.compile(r"[\u4e00-\u9fff]+", re.M) is not None  # a new one is not in the file…
    assert again.new == {}  # … and was not recorded by the stand-in that refused it

    other = lazy_re._PatternStore(str(tmp_path))
    other.header = (*other.header[:-1], "another build")
    assert other._read() == {}  # the file of another interpreter build is not read

    header, entries = marshal.loads(file.read_bytes())
    key = (PATTERNS[0][0], PATTERNS[0][1])
    entries[key] = (entries[key][0], [1, 2, 3], *entries[key][2:])  # code the engine rejects
    file.write_bytes(marshal.dumps((header, entries)))
    damaged = lazy_re._PatternStore(str(tmp_path))
    assert damaged.compile(*key) == made[0]  # compiled afresh
    file.write_bytes(b"\x00garbage")
    assert lazy_re._PatternStore(str(tmp_path)).compile(*PATTERNS[2]) == made[2]

    with pytest.raises(re.error):
        store.compile("[", 0)  # a bad pattern fails as re.compile fails
    with pytest.raises(re.error):
        lazy_compile("(?P<x>a)(?P<x>b)").search("ab")


def test_the_batch_package_still_offers_every_public_name():
    import core.batch
    from core.batch.directory import Directory, DirectoryError, write_starting_directory
    from core.batch.model import Batch, BatchCounts

    for name in core.batch.__all__:
        assert getattr(core.batch, name) is not None
    assert (core.batch.Batch, core.batch.BatchCounts, core.batch.Directory) == (Batch, BatchCounts, Directory)
    assert (core.batch.DirectoryError, core.batch.write_starting_directory) == (
        DirectoryError,
        write_starting_directory,
    )
    with pytest.raises(AttributeError):
        core.batch.NotAName  # noqa: B018
