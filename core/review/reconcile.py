"""Opening a project's report again: snapshot, or a re-parse when the source changed on disk.

Unchanged source (same size and mtime, or same sha256): the saved snapshot is shown. Changed
source: it is parsed again, the corrections are re-applied, and those whose printed value is
now different are flagged (``printed_changed``, the old value kept in ``printed_before``).
Missing source: the snapshot is shown and the report carries a notice saying so.

``reconcile`` only decides: it returns what to show and what to store (``Reconciled``); the
project stores it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.errors import ProjectError, ReportError, os_reason
from core.model import Report
from core.review import serialize as ser
from core.review.files import sha256 as file_sha256
from core.review.state import ReviewedReport, ReviewState


@dataclass
class Reconciled:
    """What a saved report becomes when its project is opened.

    Attributes:
        reviewed: the report to show (None: it cannot be shown; ``failure`` says why).
        notice: a Chinese sentence for the window ("" if nothing to say).
        store: what the project should record: ``{"size", "mtime"}`` for a touched but unchanged
            source, or ``{"snapshot": True, "sha256", "old_sha256", "printed_changed", "size",
            "mtime"}`` for a re-parsed one; None when nothing changed.
        failure: why the report cannot be shown.
    """

    reviewed: ReviewedReport | None
    notice: str = ""
    store: dict[str, Any] | None = None
    failure: ProjectError | None = field(default=None)


def reconcile(
    abspath: str,
    blob: bytes,
    state: ReviewState,
    sha: str,
    size: int | None,
    mtime: int | None,
    parse: Callable[[str], Report],
    *,
    may_read: bool = True,
) -> Reconciled:
    """The report as it should be shown now, and what the project should store about it.

    ``may_read`` False: the source lies outside the project's folder and the user did not allow
    reading it — it is not touched at all (not even looked at); the snapshot is shown.
    """
    name = Path(abspath).name

    def make(report: Report) -> ReviewedReport:
        report.path = abspath
        report.document.path = abspath
        return ReviewedReport(report, state)

    def fail(message: str, code: str) -> Reconciled:
        return Reconciled(None, failure=ProjectError(message, code=code))

    try:
        snapshot: Report | None = ser.unpack_report(blob)
    except ValueError:
        snapshot = None

    if not may_read:
        if snapshot is None:
            return fail(
                f"源文件“{name}”位于项目文件夹之外（{abspath}），未经允许不读取；项目中保存的解析结果也已损坏，无法显示这份报告。",
                "project.outside",
            )
        return Reconciled(
            make(snapshot),
            f"源文件“{name}”位于项目文件夹之外（{abspath}），未经允许没有读取；显示的是项目中保存的解析结果。",
        )
    try:
        st = os.stat(abspath)
        exists = os.path.isfile(abspath)
    except OSError:
        exists = False
    if not exists:
        if snapshot is None:
            return fail(f"源文件“{name}”已找不到，项目中保存的解析结果也已损坏，无法显示这份报告。", "project.report_lost")
        return Reconciled(make(snapshot), f"源文件“{name}”已找不到（原位置：{abspath}），显示的是项目中保存的解析结果。")

    if snapshot is not None and st.st_size == size and st.st_mtime_ns == mtime:
        return Reconciled(make(snapshot))
    try:
        new_sha = file_sha256(abspath)
    except OSError as exc:
        if snapshot is None:
            return fail(
                f"无法读取源文件“{name}”（{os_reason(exc)}），项目中保存的解析结果也已损坏。",
                "project.report_lost",
            )
        return Reconciled(
            make(snapshot), f"无法读取源文件“{name}”（{os_reason(exc)}），显示的是项目中保存的解析结果。"
        )
    stat = {"size": st.st_size, "mtime": st.st_mtime_ns}
    if snapshot is not None and new_sha == sha:
        return Reconciled(make(snapshot), store=stat)

    try:
        report = parse(abspath)
    except Exception as exc:
        why = exc.message if isinstance(exc, ReportError) else f"内部错误：{exc}"
        if snapshot is None:
            return fail(f"项目中保存的“{name}”解析结果已损坏，重新解析源文件也失败了：{why}", "project.report_lost")
        return Reconciled(
            make(snapshot),
            f"源文件“{name}”在上次解析后已被修改，但重新解析失败（{why}），显示的是项目中保存的解析结果。",
        )
    report.sha256 = new_sha
    pr = make(report)
    changed = flag_printed_changes(pr)
    if snapshot is None:
        notice = f"项目中保存的“{name}”解析结果已损坏，已从源文件重新解析。"
    elif changed:
        fields = "、".join(changed[:5]) + ("等" if len(changed) > 5 else "")
        notice = (
            f"源文件“{name}”在上次解析后已被修改，已重新解析并重新套用更正；"
            f"其中 {len(changed)} 项更正的原文数值已变化（{fields}），请复核。"
        )
    else:
        notice = f"源文件“{name}”在上次解析后已被修改，已重新解析并重新套用 {len(state.corrections)} 项更正。"
    detail: dict[str, Any] = {
        "snapshot": True,
        "sha256": new_sha,
        "old_sha256": sha,
        "printed_changed": changed,
        **stat,
    }
    return Reconciled(pr, notice, detail)


def flag_printed_changes(pr: ReviewedReport) -> list[str]:
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
