"""Screenshots of the review window (tests/output/*.png) on a real seed and on a 2021 HTML report."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.resources import sample_files
from tests.conftest import ROOT, seed

OUT = ROOT / "tests" / "output"

HTML_2021 = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>示例市生态环境局2022年政府信息公开工作年度报告</title></head>
<body><h1>示例市生态环境局2022年政府信息公开工作年度报告</h1>
<p>本报告根据《中华人民共和国政府信息公开条例》编制。</p>
<h2>一、总体情况</h2><p>2022年，示例市生态环境局全面推进政务公开，主动公开政府信息 156 条。</p>
<h2>二、主动公开政府信息情况</h2>
<table border="1"><tr><td colspan="4">第二十条第（一）项</td></tr>
<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>行政规范性文件</td><td>2</td><td>1</td><td>9</td></tr></table>
<h2>三、收到和处理政府信息公开申请情况</h2>
<table border="1">
<tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
<tr><td colspan="3">一、本年新收政府信息公开申请数量</td><td>12</td><td>3</td><td>0</td><td>0</td><td>1</td><td>0</td><td>17</td></tr>
<tr><td colspan="3">二、上年结转政府信息公开申请数量</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>
</table>
<h2>四、政府信息公开行政复议、行政诉讼情况</h2><p>本年度无行政复议、行政诉讼。</p>
<h2>五、存在的主要问题及改进情况</h2><p>解读形式仍较单一，下一步将丰富图解、视频解读。</p>
<h2>六、其他需要报告的事项</h2><p>本年度未收取信息处理费。</p>
</body></html>
"""


def _html_sample(tmp_path: Path) -> Path:
    """A bundled 2021-format HTML sample; written here when the bundle has none."""
    from core.parsing import parse_report

    for p in sample_files():
        if p.suffix.lower() in (".html", ".htm") and parse_report(str(p)).template == "2021":
            return p
    p = tmp_path / "示例市生态环境局2022年报告.html"
    p.write_text(HTML_2021, encoding="utf-8")
    return p


def _shoot(qtbot, window, path: Path, name: str) -> Path:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.batch_finished, timeout=60000):
        window.open_paths([str(path)])
    assert window.current is not None, f"{path.name} did not open"
    entry = window.current
    if entry.findings:
        window.go_to_next_finding(1)
    qtbot.wait(50)  # let layouts settle before grabbing (not a synchronisation point)
    OUT.mkdir(parents=True, exist_ok=True)
    out = OUT / f"{name}.png"
    pix = window.grab()
    assert pix.save(str(out))
    assert out.stat().st_size > 20000
    assert pix.width() >= 1600 and pix.height() >= 1000
    return out


@pytest.mark.slow
def test_screenshot_seed_001(qtbot, window, sync_workers) -> None:
    out = _shoot(qtbot, window, seed("001"), "main_window_seed001")
    assert window.source_view.text.toPlainText().strip()
    assert out.exists()


@pytest.mark.slow
def test_screenshot_html_2021(qtbot, window, tmp_path, sync_workers) -> None:
    _shoot(qtbot, window, _html_sample(tmp_path), "main_window_html2021")
    window.source_view.original_check.setChecked(True)
    qtbot.wait(20)
    window.grab().save(str(OUT / "main_window_html2021_original.png"))
    assert "<" in window.source_view.text.toPlainText() or window.source_view.text.toPlainText().strip()


@pytest.mark.slow
def test_screenshot_pdf(qtbot, window, sync_workers) -> None:
    from tests.conftest import CORPUS

    _shoot(qtbot, window, CORPUS / "huaian_city_2024.pdf", "main_window_pdf")
    assert window.pdf_view is not None and window.pdf_view.isVisible()


@pytest.mark.slow
def test_screenshot_bundled_samples(qtbot, window, sync_workers) -> None:
    """What a user sees at first start: the bundled samples, on the first open finding."""
    samples = sample_files()
    if not samples:
        pytest.fail("resources/samples has no sample reports")
    with qtbot.waitSignal(window.batch_finished, timeout=120000):
        window.open_paths([str(p) for p in samples])
    assert len(window.entries()) == len(samples)
    window.go_to_next_finding(1)
    qtbot.wait(50)
    OUT.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(OUT / "main_window_samples.png"))
