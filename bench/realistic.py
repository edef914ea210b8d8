"""Realistic generated reports for the benchmarks: real-sized text, prose and the three tables.

The test generator (``tests.synth``) writes every form with known table values but only a line of
prose per section; real reports carry 4,000–12,000 characters of prose around the tables. This
module lengthens each paragraph with made-up but typical sentences (with figures, dates and
quotations) before rendering, so that loaders, parser, window and memory are measured on documents
of the size they meet.

    .venv/bin/python bench/realistic.py OUT_DIR [--n 40] [--forms txt,html,docx,pdf] [--seed 1]

or ``write_folder(folder, n, forms)`` from another benchmark. Forms cycle over the files.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FORMS = ("txt", "html", "docx", "pdf")

_AGENCIES = [
    f"{place}{office}"
    for place in ("青松县", "白桦市", "红枫区", "银杏县", "金柳市", "翠竹区", "苍梧县", "云杉市")
    for office in (
        "统计局",
        "审计局",
        "民政局",
        "水利局",
        "交通运输局",
        "自然资源局",
        "卫生健康委员会",
        "市场监督管理局",
    )
]

_SENTENCES = [
    "{a}坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党中央、国务院关于全面推进政务公开工作的决策部署。",
    "全年通过门户网站主动公开各类政府信息{n}条，其中机构职能类信息{m}条、政策文件类信息{k}条。",
    "围绕“{t}”等重点领域，及时发布政策文件、执行进展和落实情况，回应社会关切{m}次。",
    "组织开展政务公开业务培训{k}次，参训人员{n}人次，进一步提升工作人员的公开意识和业务能力。",
    "严格落实“三审三校”制度，全年审查拟公开信息{n}条，未发生泄密和不当公开事件。",
    "按照《中华人民共和国政府信息公开条例》第{k}条的规定，依法依规办理政府信息公开申请。",
    "通过政务新媒体发布信息{n}条，阅读量累计{b}次，政策解读材料{m}篇，其中图解{k}篇、视频解读{k}个。",
    "{y}年{mo}月{d}日召开政务公开工作领导小组会议，研究部署年度重点任务，明确责任分工和完成时限。",
    "对照年度工作要点逐项推进，{m}项重点任务全部按期完成，考核评估得分{s}分。",
    "建立健全政策解读、回应关切、舆情处置联动机制，及时回应网民留言{n}条，办结率达到{p}%。",
    "在政府信息公开专栏增设“{t}”子栏目，优化检索功能，方便公众查询获取信息。",
    "持续做好“{t}”信息公开，公开项目{m}个，涉及资金{w}万元。",
]
_TOPICS = [
    "稳就业保民生",
    "优化营商环境",
    "乡村振兴",
    "安全生产",
    "生态环境保护",
    "财政预决算",
    "重大建设项目",
    "公共资源配置",
]


def _sentence(rng: random.Random, agency: str, year: int) -> str:
    return rng.choice(_SENTENCES).format(
        a=agency,
        n=rng.randint(20, 2000),
        m=rng.randint(1, 60),
        k=rng.randint(1, 20),
        b=rng.randint(1000, 90000),
        t=rng.choice(_TOPICS),
        y=year,
        mo=rng.randint(1, 12),
        d=rng.randint(1, 28),
        s=rng.randint(80, 99),
        p=rng.randint(90, 100),
        w=rng.randint(10, 9000),
    )


def blocks(seed: int, *, sentences: tuple[int, int] = (8, 15)) -> tuple[list, str, int]:
    """The blocks of one realistic 2021-template report, its agency and year."""
    from tests.synth.layout import Noise, Printer, report_blocks
    from tests.synth.values import random_values

    rng = random.Random(seed)
    agency = rng.choice(_AGENCIES)
    year = rng.choice((2021, 2022, 2023, 2024))
    values = random_values("2021", rng)
    out = []
    for kind, obj in report_blocks(values, "2021", Printer(Noise(), rng), agency, year):
        if kind == "p":
            extra = [_sentence(rng, agency, year) for _ in range(rng.randint(*sentences))]
            obj = str(obj) + "".join(extra)
        out.append((kind, obj))
    return out, agency, year


def render(seed: int, form: str) -> bytes:
    """One realistic report in ``form`` (txt, md, html, docx, pdf) as bytes."""
    from tests.synth.forms import render_html, render_text

    bl, agency, _year = blocks(seed)
    if form in ("txt", "md"):
        return render_text(bl, "md" if form == "md" else "txt_tabs").encode("utf-8")
    if form == "html":
        return render_html(bl, encoding="utf-8", seed=seed, agency=agency)
    if form == "docx":
        from tests.synth.office import render_docx

        return render_docx(bl)
    if form == "pdf":
        from tests.synth.office import render_pdf

        return render_pdf(bl)
    raise ValueError(form)


def write_folder(folder: Path, n: int, forms: tuple[str, ...] = FORMS, seed: int = 1) -> list[Path]:
    """``n`` realistic reports in ``folder``, the forms taken in turn; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        form = forms[i % len(forms)]
        p = folder / f"report_{i:04}.{form}"
        p.write_bytes(render(seed * 100_000 + i, form))
        paths.append(p)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--forms", default=",".join(FORMS))
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    paths = write_folder(args.out, args.n, tuple(args.forms.split(",")), args.seed)
    sizes = {}
    for p in paths:
        sizes.setdefault(p.suffix, []).append(p.stat().st_size)
    for suffix, s in sorted(sizes.items()):
        print(f"{suffix}: {len(s)} files, {sum(s) // len(s) // 1024} KB on average")


if __name__ == "__main__":
    main()
