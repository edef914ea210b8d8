"""``ogi-review --self-test`` (what the packaging runs on a frozen build) passes from source."""

from __future__ import annotations

import io
import os
import subprocess
import sys

from tests.conftest import ROOT


def test_self_test_parses_exports_and_opens_a_sample_in_the_window(tmp_path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), OGI_REVIEW_DATA_DIR=str(tmp_path))
    out = subprocess.run(
        [sys.executable, "-m", "gui.launcher", "--self-test"],
        cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", timeout=300,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    text = out.stdout
    assert "自检通过" in text
    assert "导出 自检汇总.xlsx" in text
    assert "窗口读取示例报告用时" in text  # the worker-process parse ran
    assert text.count("模板 20") == 6  # every bundled sample parsed with a template
    assert "（文字识别）：表四" in text  # the OCR engine and its models loaded


def test_self_test_fails_loudly_without_samples(tmp_path, monkeypatch) -> None:
    from core import resources
    from core.selftest import run_core_self_test

    monkeypatch.setattr(resources, "sample_dir", lambda: tmp_path / "nowhere")
    problems = run_core_self_test(out=io.StringIO())
    assert problems and "示例" in problems[0]
