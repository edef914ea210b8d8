"""A command-line run of tiny text files is parsed in-process; everything else still goes to workers."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from core.batch import pipeline
from core.batch.worker import Limits, WorkerPool
from core.errors import LoadError
from tests.core.loader_fixtures import make_html, make_pdf, make_txt


def test_tiny_run_only_for_small_text_files(tmp_path: Path) -> None:
    txt = str(make_txt(tmp_path / "a.txt", 1))
    html = str(make_html(tmp_path / "b.html", 2))
    big = tmp_path / "big.txt"
    big.write_text("字" * (pipeline.TINY_BYTES // 2), encoding="utf-8")  # 3 bytes a character
    disguised = tmp_path / "c.txt"
    disguised.write_bytes(make_pdf(tmp_path / "c.pdf", pages=1, split_table=False).read_bytes())
    assert pipeline.tiny_run([txt], jobs=2)
    assert pipeline.tiny_run([html], jobs=2)
    assert pipeline.tiny_run([txt, html], jobs=1)
    assert not pipeline.tiny_run([txt, html], jobs=2)  # several files on several cores: workers
    assert not pipeline.tiny_run([str(big)], jobs=2)
    assert not pipeline.tiny_run([str(disguised)], jobs=2)  # a PDF by its bytes, whatever its name
    assert not pipeline.tiny_run([str(tmp_path / "c.pdf")], jobs=1)
    assert not pipeline.tiny_run([str(tmp_path / "missing.txt")], jobs=1)


def test_one_small_file_starts_no_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from core.cli import main

    def no_spawn(self):  # type: ignore[no-untyped-def]
        raise AssertionError("a worker process was started")

    monkeypatch.setattr(WorkerPool, "_spawn", no_spawn)
    path = make_txt(tmp_path / "one.txt", 3)
    assert main(["parse", "--json", str(path)]) == 0
    obj = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert obj["ok"] is True and obj["file"] == str(path)


def test_in_process_parse_keeps_the_time_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(path: str, memory: int | None = None):  # type: ignore[no-untyped-def]
        time.sleep(5)
        raise AssertionError("not stopped")

    monkeypatch.setattr(pipeline, "parse_file", slow)
    path = str(make_txt(tmp_path / "slow.txt", 1))
    t0 = time.monotonic()
    [(got_path, result)] = list(pipeline._parse_here([path], Limits(timeout=0.3), None))
    assert time.monotonic() - t0 < 3
    assert got_path == path and isinstance(result, LoadError) and result.code == "limit.timeout"
    assert "slow.txt" in result.message


def test_pdf_still_goes_to_a_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []

    def fake_parse_many(paths, cancelled=None, pool=None):  # type: ignore[no-untyped-def]
        calls.append(list(paths))
        for p in paths:
            yield p, LoadError("x", code="test")

    monkeypatch.setattr(pipeline, "parse_many", fake_parse_many)
    pdf = str(make_pdf(tmp_path / "r.pdf", pages=1, split_table=False))
    pool = WorkerPool(2, Limits())
    try:
        out = list(pipeline.load_items([pdf], pool))
    finally:
        pool.close()
    assert calls == [[pdf]] and len(out) == 1
