"""Metadata, sections and template detection: milliseconds per document, on synthetic texts of growing size.

Run: .venv/bin/python bench/bench_structure.py   (prints ms; made-up report text, no files read)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.model import Report, SourceDocument
from core.parsing.metadata import extract_metadata
from core.parsing.sections import find_sections
from core.parsing.template import detect_template

HEADINGS = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)


def synthetic(paragraphs: int) -> str:
    """A six-part report whose sections each hold ``paragraphs`` lines of prose and numbered sub-heads."""
    out = ["示例县测试局2023年政府信息公开工作年度报告", "本报告的统计期限为2023年1月1日至2023年12月31日。"]
    for h in HEADINGS:
        out.append(h)
        for k in range(paragraphs):
            out.append(f"（{'一二三四五'[k % 5]}）第{k}项工作。1.本机关主动公开政府信息{k}条，2.依申请公开{k % 7}件。")
            out.append("三、本年度办理结果\t（一）予以公开\t1\t0\t0\t0\t0\t0\t1")
    return "\n".join(out) + "\n"


def run(text: str, repeat: int) -> float:
    doc = SourceDocument(path="bench.txt", form="txt", original=text, text=text, offsets=[])
    t0 = time.perf_counter()
    for _ in range(repeat):
        rep = Report(path=doc.path, document=doc)
        rep.metadata = extract_metadata(doc)
        rep.kind, rep.sections, _ = find_sections(doc)
        detect_template(doc, rep)
    return (time.perf_counter() - t0) / repeat * 1000


def main() -> None:
    for paragraphs in (10, 100, 1000, 5000):
        text = synthetic(paragraphs)
        repeat = max(1, 2000 // paragraphs)
        print(f"{len(text):>9} chars: {run(text, repeat):8.2f} ms per document")


if __name__ == "__main__":
    main()
