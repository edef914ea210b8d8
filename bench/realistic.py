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


def saved_page(seed: int, encoding: str = "utf-8") -> bytes:
    """One realistic report as a government site serves it, saved from the browser: the report's
    HTML (``render(seed, "html")``) inside the site's chrome — stylesheets and scripts in the head,
    a navigation menu, breadcrumbs, a share bar, hidden widgets, inline scripts, comments, a long
    footer — about 60 % of the page's bytes. ``encoding`` "gbk" writes the page as many older
    sites do (GB18030 bytes, ``charset=gbk``)."""
    rng = random.Random(seed)
    page = render(seed, "html").decode("utf-8")
    head, _, body = page.partition("</head><body>")
    body = body.removesuffix("</body></html>")
    css = "\n".join(
        f".c{k} .item-{k} a:hover, #mod{k} > li {{ color: #{rng.randrange(1 << 24):06x}; margin: {k % 7}px {k % 5}px; "
        f"background: url(/images/bg_{k}.png) no-repeat; font-size: {12 + k % 6}px; }}"
        for k in range(120)
    )
    js = "\n".join(
        f"function f{k}(a, b) {{ var s = '<div class=\"x{k}\">' + a + '</div>'; if (b > {k}) {{ "
        f"document.getElementById('m{k}').innerHTML = s; }} return s.length < {k * 3} ? '<p>' : '</p>'; }}"
        for k in range(150)
    )
    channels = ["首页", "机构概况", "政务公开", "政策文件", "政策解读", "新闻动态", "办事服务", "互动交流", "专题专栏"]
    menu = "".join(
        f'<li class="nav-item"><a href="/col/col{k}/index.html" target="_blank">{c}</a><ul class="sub">'
        + "".join(f'<li><a href="/col/col{k}{j}/index.html">{c}子栏目{j}</a></li>' for j in range(8))
        + "</ul></li>"
        for k, c in enumerate(channels)
    )
    links = "".join(f'<li><a href="http://www.example{k}.gov.cn/">相关网站{k}</a></li>' for k in range(40))
    chrome_top = (
        f'<div id="header" class="header"><div class="logo"><img src="/images/logo.png" alt="logo"/></div>'
        f'<div class="search"><form action="/search"><input type="text" name="q"/><button>搜索</button></form></div></div>'
        f'<div class="navbar"><ul class="menu">{menu}</ul></div>'
        '<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政府信息公开</a> &gt; 年度报告</div>'
        "<!-- 正文开始 -->"
        f'<script type="text/javascript">var _hmt = _hmt || []; {js[:3000]}</script>'
        '<div class="share-bar">分享到：<a>微信</a><a>微博</a><a>QQ空间</a></div>'
        '<div style="display: none" id="wx-qr"><img src="/qr.png"/><p>扫一扫在手机打开当前页</p></div>'
    )
    chrome_bottom = (
        "<!-- 正文结束 -->"
        '<div class="page-tools"><a href="javascript:window.print()">【打印本页】</a><a>【关闭窗口】</a></div>'
        f'<div class="footer"><ul class="friend-links">{links}</ul>'
        "<p>主办单位：示例市人民政府办公室　网站标识码：0000000000　备案号：京ICP备00000000号</p>"
        "<p>地址：示例市人民路1号　邮编：000000　联系电话：0000-00000000</p></div>"
        f'<script src="/js/jquery.min.js"></script><script>{js}</script>'
    )
    charset = "gbk" if encoding == "gbk" else encoding
    head = head.replace(
        '<meta charset="utf-8">', f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
    )
    out = (
        f'{head}<link rel="stylesheet" href="/css/common.css"/><style type="text/css">{css}</style>'
        f'<script type="text/javascript">{js}</script></head><body><div class="wrapper">{chrome_top}'
        f'<div class="article-content" id="zoom">{body}</div>{chrome_bottom}</div></body></html>'
    )
    return out.encode("gb18030" if encoding == "gbk" else encoding)


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
