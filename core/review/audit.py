"""The project's append-only edit log: reading it, and one Chinese line per entry for a superior."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from core import templates


@dataclass(frozen=True)
class LogEntry:
    """One line of the project's append-only edit log.

    kind: value | metadata | section | row_remap | confirm | reviewed (edits), add | remove |
    source_changed | save_as (project events). ``report`` is the stored path ("" for the project).
    """

    seq: int
    time: str
    user: str
    report: str
    kind: str
    data: dict[str, Any]

    def describe(self) -> str:
        """What happened, in one Chinese line: time, user, report, change."""
        who = self.user or "（未知用户）"
        name = PurePosixPath(self.report).name if self.report else "项目"
        try:
            what = _what(self.kind, self.data)
        except (KeyError, TypeError, AttributeError, ValueError):  # a record of the wrong shape
            what = "（该条记录的内容已损坏，无法显示）"
        return f"{self.time.replace('T', ' ')[:19]} {who} {name}：{what}"


def read_log(conn: sqlite3.Connection, report: str | None = None) -> list[LogEntry]:
    """Every log entry, oldest first (only one report's when ``report`` is its stored path)."""
    sql = "SELECT seq, time, user, report, kind, edit FROM edit_log"
    args: tuple[Any, ...] = ()
    if report is not None:
        sql += " WHERE report = ?"
        args = (report,)
    rows = conn.execute(sql + " ORDER BY seq", args).fetchall()
    return [LogEntry(r[0], str(r[1]), str(r[2]), str(r[3]), str(r[4]), _data(r[5])) for r in rows]


def _data(raw: Any) -> dict[str, Any]:
    """A log record's JSON; a damaged one reads as an empty record (described as damaged)."""
    try:
        d = json.loads(raw)
    except (TypeError, ValueError):
        return {"_damaged": True}
    return d if isinstance(d, dict) else {"_damaged": True}


def _field(fid: str) -> str:
    try:
        return templates.field(fid).printed_name()
    except KeyError:
        return fid


def _what(kind: str, d: dict[str, Any]) -> str:
    if d.get("_damaged"):
        raise ValueError("damaged record")
    note = f"（说明：{d['note']}）" if d.get("note") else ""
    if kind == "value":
        if d.get("revert"):
            return f"撤销对 {_field(d['field'])} 的更正，恢复原文数值"
        return f"更正 {_field(d['field'])}：原文 {d.get('printed')} → {d.get('new')}{note}"
    if kind == "metadata":
        return f"恢复 {d['key']} 为识别值" if d.get("revert") else f"修改 {d['key']} 为“{d.get('new')}”"
    if kind == "section":
        return (
            f"章节 {d['sid']} 恢复为识别的位置"
            if d.get("start") is None
            else f"章节 {d['sid']} 起点改到第 {d['start']} 字"
        )
    if kind == "row_remap":
        return (
            f"取消行 {d['source']} 的重新对应"
            if d.get("target") is None
            else f"行 {d['source']} 的数值改记到 {d['target']}"
        )
    if kind == "confirm":
        return f"撤销确认 {d['key']}" if d.get("note") is None else f"确认与原文一致：{d['key']}{note}"
    if kind == "reviewed":
        return "标记为已审核" if d.get("reviewed") else "取消已审核标记"
    if kind == "add":
        return f"加入项目（已有更正 {d.get('corrections', 0)} 项）"
    if kind == "remove":
        return f"移出项目（更正 {d.get('corrections', 0)} 项）"
    if kind == "source_changed":
        changed = d.get("printed_changed") or []
        return "源文件已修改，重新解析" + (f"；原文数值变化的更正：{'、'.join(changed)}" if changed else "")
    if kind == "save_as":
        return f"另存为 {d.get('to')}"
    if kind == "counted":
        who = f"{d.get('agency')} {d.get('year')} 年"
        return f"{who}的重复报告恢复按默认规则计入汇总" if d.get("chosen") is None else f"{who}的重复报告改为计入选定的一份"
    return f"{kind} {json.dumps(d, ensure_ascii=False)}"
