"""Opening a project's report again: snapshot, or a re-parse when the source changed on disk.

Unchanged source (same size and mtime, or same sha256): the saved snapshot is shown. Changed
source: it is parsed again, the corrections are re-applied, and those whose printed value is
now different are flagged (``printed_changed``, the old value kept in ``printed_before``).
Missing source: the snapshot is shown and the report carries a notice saying so.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.errors import ProjectError, ReportError
from core.model import Report
from core.review import serialize as ser
from core.review.state import ReviewState

if TYPE_CHECKING:
    from core.review.project import Project, ProjectReport


def reconcile(
    project: Project,
    rid: int,
    stored: str,
    abspath: str,
    blob: bytes,
    state: ReviewState,
    sha: str,
    size: int | None,
    mtime: int | None,
) -> ProjectReport | None:
    """The report as it should be shown now (None, with a failure recorded, if it cannot be)."""
    from core.review.files import sha256 as _sha256
    from core.review.project import ProjectReport

    name = Path(abspath).name

    def make(report: Report) -> ProjectReport:
        report.path = abspath
        report.document.path = abspath
        return ProjectReport(report, state, project, rid, stored)

    def fail(message: str, code: str) -> None:
        project._failures.append((abspath, ProjectError(message, code=code)))

    try:
        snapshot: Report | None = ser.unpack_report(blob)
    except ValueError:
        snapshot = None

    try:
        st = os.stat(abspath)
        exists = os.path.isfile(abspath)
    except OSError:
        exists = False
    if not exists:
        if snapshot is None:
            fail(f"源文件“{name}”已找不到，项目中保存的解析结果也已损坏，无法显示这份报告。", "project.report_lost")
            return None
        pr = make(snapshot)
        pr.notice = f"源文件“{name}”已找不到（原位置：{abspath}），显示的是项目中保存的解析结果。"
        return pr

    if snapshot is not None and st.st_size == size and st.st_mtime_ns == mtime:
        return make(snapshot)
    try:
        new_sha = _sha256(abspath)
    except OSError as exc:
        if snapshot is None:
            fail(
                f"无法读取源文件“{name}”（{exc.strerror or exc}），项目中保存的解析结果也已损坏。",
                "project.report_lost",
            )
            return None
        pr = make(snapshot)
        pr.notice = f"无法读取源文件“{name}”（{exc.strerror or exc}），显示的是项目中保存的解析结果。"
        return pr
    stat = {"size": st.st_size, "mtime": st.st_mtime_ns}
    if snapshot is not None and new_sha == sha:
        pr = make(snapshot)
        project._save_reconciled(pr, stat)
        return pr

    try:
        report = project._parser()(abspath)
    except Exception as exc:
        why = exc.message if isinstance(exc, ReportError) else f"内部错误：{exc}"
        if snapshot is None:
            fail(f"项目中保存的“{name}”解析结果已损坏，重新解析源文件也失败了：{why}", "project.report_lost")
            return None
        pr = make(snapshot)
        pr.notice = f"源文件“{name}”在上次解析后已被修改，但重新解析失败（{why}），显示的是项目中保存的解析结果。"
        return pr
    report.sha256 = new_sha
    pr = make(report)
    changed = flag_printed_changes(pr)
    if snapshot is None:
        pr.notice = f"项目中保存的“{name}”解析结果已损坏，已从源文件重新解析。"
    elif changed:
        fields = "、".join(changed[:5]) + ("等" if len(changed) > 5 else "")
        pr.notice = (
            f"源文件“{name}”在上次解析后已被修改，已重新解析并重新套用更正；"
            f"其中 {len(changed)} 项更正的原文数值已变化（{fields}），请复核。"
        )
    else:
        pr.notice = f"源文件“{name}”在上次解析后已被修改，已重新解析并重新套用 {len(state.corrections)} 项更正。"
    detail: dict[str, Any] = {
        "snapshot": True,
        "sha256": new_sha,
        "old_sha256": sha,
        "printed_changed": changed,
        **stat,
    }
    project._save_reconciled(pr, detail)
    return pr


def flag_printed_changes(pr: ProjectReport) -> list[str]:
    """Flag corrections whose printed value differs in the (re-parsed) report; return their fields."""
    parsed = pr.parsed_values()
    changed: list[str] = []
    for fid, c in pr.state.corrections.items():
        v = parsed.get(fid)
        now = None if v is None else v.value
        if now == c.printed:
            continue
        if not c.printed_changed:
            c.printed_before = c.printed
        c.printed_changed = True
        c.printed = now
        changed.append(fid)
    return changed
