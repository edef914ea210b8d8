"""Fill English translations into ogi_review_en.ts after pyside6-lupdate (developer tool; run from the repo root).

    .venv/bin/python -m gui.i18n                       # lupdate + lrelease
    .venv/bin/python resources/translations/fill_en.py # add English for new strings, then lrelease again

Strings already translated in the .ts are kept; this table only fills empty ones.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

EN = {
    "确认与原文一致": "Confirmed as printed",
    "确认下述问题是原文如此印刷，而不是识别错误：": "Confirm that the document really prints this (it is not a reading error):",
    "说明（可选，例如“原文合计有误，已电话核实”）：": 'Note (optional, e.g. "the printed total is wrong, checked by phone"):',
    "确认": "Confirm",
    "取消": "Cancel",
    "程序出错": "Program error",
    "程序遇到了意外错误。您的修改已记录在项目中；可以继续工作，建议保存后重新启动。": "The program hit an unexpected error. Your corrections are recorded; you can go on, but saving and restarting is advised.",
    "日志文件：%s": "Log file: %s",
    "复制详细信息": "Copy details",
    "级别": "Severity",
    "问题": "Findings",
    "已确认": "Confirmed",
    "错误": "Error",
    "警告": "Warning",
    "提示": "Note",
    "与原文一致": "As printed",
    "建议：": "Suggestion: ",
    "已确认与原文一致": "Confirmed as printed",
    "确认与原文一致…": "Confirm as printed…",
    "原文确实如此印刷：记录确认及说明，不再作为未解决问题（可撤销）": "The document really prints this: record a confirmation with a note; no longer an open finding (undoable)",
    "上一个": "Previous",
    "上一个未解决的问题（Shift+F8）": "Previous open finding (Shift+F8)",
    "下一个": "Next",
    "下一个未解决的问题（F8）": "Next open finding (F8)",
    "问题：%1 个错误，%2 个警告，%3 个已确认": "Findings: %1 errors, %2 warnings, %3 confirmed",
    "转到": "Go to",
    "撤销确认": "Withdraw confirmation",
    "统计表组件不可用": "Statistics tables are not available",
    "政府信息公开年报审核": "OGI Annual Report Review",
    "打开文件…": "Open Files…",
    "打开一个或多个报告文件（Ctrl+O）": "Open one or more report files (Ctrl+O)",
    "打开文件夹…": "Open Folder…",
    "打开文件夹中的全部报告（Ctrl+Shift+O）": "Open every report in a folder (Ctrl+Shift+O)",
    "导出当前报告…": "Export Current Report…",
    "按官方表格格式把当前报告导出为 Excel（Ctrl+E）": "Export the current report to Excel in the official layout (Ctrl+E)",
    "导出汇总…": "Export Summary…",
    "把全部已打开的报告汇总导出为 Excel（Ctrl+Shift+E）": "Export a summary of all open reports to Excel (Ctrl+Shift+E)",
    "关闭当前报告": "Close Current Report",
    "退出": "Quit",
    "取消读取": "Cancel Loading",
    "撤销": "Undo",
    "重做": "Redo",
    "下一个问题": "Next Finding",
    "上一个问题": "Previous Finding",
    "标记为已审核": "Mark as Reviewed",
    "筛选报告": "Filter Reports",
    "设置…": "Settings…",
    "关于": "About",
    "文件(&F)": "&File",
    "最近打开的文件": "Recent Files",
    "编辑(&E)": "&Edit",
    "审核(&R)": "&Review",
    "帮助(&H)": "&Help",
    "工具栏": "Toolbar",
    "%p%": "%p%",
    "打开报告文件": "Open Report Files",
    "报告文件 (%1)": "Report files (%1)",
    "打开文件夹": "Open Folder",
    "正在读取上一批文件，请稍候或先取消。": "Still reading the previous batch; wait or cancel it first.",
    "正在读取…": "Reading…",
    "正在取消…": "Cancelling…",
    "正在读取… 已打开 %1 份": "Reading… %1 open",
    "已打开 %1 份报告": "%1 reports open",
    "已取消读取；已打开 %1 份报告": "Loading cancelled; %1 reports open",
    "部分文件无法读取": "Some files could not be read",
    "以下 %1 个文件无法读取，其余文件已打开：": "These %1 files could not be read; the others are open:",
    "没有未解决的问题。": "No open findings.",
    "导出当前报告": "Export Current Report",
    "导出汇总": "Export Summary",
    "政府信息公开年报汇总.xlsx": "ogi-report-summary.xlsx",
    "正在导出…": "Exporting…",
    "已导出：%1": "Exported: %1",
    "Excel 工作簿 (*.xlsx)": "Excel workbook (*.xlsx)",
    "设置": "Settings",
    "界面语言将在重新启动程序后生效。": "The interface language takes effect after a restart.",
    "政府信息公开年报审核\n读取、核对并汇总政府信息公开工作年度报告。": "OGI Annual Report Review\nReads, checks and summarises government information disclosure annual reports.",
    "（无）": "(none)",
    "共 %1 份报告，%2 份有错误，%3 份已审核": "%1 reports, %2 with errors, %3 reviewed",
    "有尚未导出或保存的修改。确定要退出吗？": "There are corrections not yet exported or saved. Quit anyway?",
    "文件不存在": "File not found",
    "找不到以下文件：": "These files were not found:",
    "2021版": "2021 format",
    "2019版": "2019 format",
    "旧版": "Legacy",
    "未识别": "Unknown",
    "机关名称": "Agency",
    "年度": "Year",
    "模板": "Template",
    "发布日期": "Published",
    "已审核": "Reviewed",
    "标记本报告已审核完毕（可撤销）": "Mark this report as fully reviewed (undoable)",
    "年度 / 模板 / 发布日期": "Year / template / published",
    "已手工修改；解析结果：%1": "Corrected by hand; as parsed: %1",
    "有错误": "Errors",
    "有警告": "Warnings",
    "无问题": "Clean",
    "机关": "Agency",
    "状态": "Status",
    "文件": "File",
    "错误 %1": "%1 errors",
    "警告 %1": "%1 warnings",
    "筛选：机关、年度、状态、文件名（Ctrl+F）": "Filter: agency, year, status, file name (Ctrl+F)",
    "程序出错时显示错误报告对话框": "Show an error report dialog when the program fails",
    "界面语言": "Interface language",
    "更改语言后需重新启动程序才能生效。": "A language change takes effect after a restart.",
    "确定": "OK",
    "第一部分 总体情况": "Part 1 Overview",
    "第二部分 主动公开政府信息情况": "Part 2 Proactive disclosure",
    "第三部分 收到和处理政府信息公开申请情况": "Part 3 Requests received and handled",
    "第四部分 政府信息公开行政复议、行政诉讼情况": "Part 4 Administrative reconsideration and litigation",
    "第五部分 存在的主要问题及改进情况": "Part 5 Main problems and improvements",
    "第六部分 其他需要报告的事项": "Part 6 Other matters",
    "设为第一部分开头": "Make this the start of part 1",
    "设为第二部分开头": "Make this the start of part 2",
    "设为第三部分开头": "Make this the start of part 3",
    "设为第四部分开头": "Make this the start of part 4",
    "设为第五部分开头": "Make this the start of part 5",
    "设为第六部分开头": "Make this the start of part 6",
    "部分": "Part",
    "显示原文": "Show original text",
    "显示文件的原始文字（未经繁简转换、去除拼音和页眉页脚等规范化处理）": "Show the file's text as extracted (before script conversion, pinyin and header/footer removal)",
    "设为该部分开头": "Set as start",
    "把光标所在行设为所选部分的开头（可撤销）": "Make the cursor's line the start of the chosen part (undoable)",
    "光标所在行：": "Cursor line:",
    "未识别出报告的各部分，可在正文中把光标放在标题行上手工设定。": "No parts recognised; put the cursor on a heading line to set them by hand.",
    "%1 格式，%2 个部分": "%1 file, %2 parts",
    "（开头位置已手工调整）": "(start moved by hand)",
    "设为“%1”的开头": 'Make this the start of "%1"',
    "设为部分开头": "Set part start",
    "设定部分开头：请先切换到规范化文本": "To set a part start, switch to the normalised text first",
    "操作未完成": "Operation failed",
    "内部错误": "Internal error",
    "发生了意外错误：%s": "An unexpected error occurred: %s",
    "上次使用的文件夹": "Last folder",
    "上次导出的文件夹": "Last export folder",
    "出错时显示错误报告对话框": "Show the error report dialog on failures",
    "项目以只读方式打开，不能修改；可用“项目另存为”得到可编辑的副本。": 'The project is open read-only; use "Save Project As" for an editable copy.',
    "已打开 %1 份": "%1 open",
    "自动换行": "Wrap lines",
    "正文自动换行": "Wrap source text lines",
    "关闭后，表格的每一行在正文中占一行，便于对照各列": "When off, each table row stays on one line, so columns line up",
    "报告列表": "Report List",
    "原文": "Source Text",
    "统计表": "Statistics Tables",
    "问题列表": "Findings List",
    "转到(&G)": "&Go",
    "%1 个错误，%2 个警告，%3 个已确认": "%1 errors, %2 warnings, %3 confirmed",
    "更正行标签…": "Correct Row Label…",
}


def fill(ts: Path) -> int:
    """Fill unfinished translations from EN; returns how many sources are still untranslated."""
    tree = ET.parse(ts)
    missing = 0
    for msg in tree.getroot().iter("message"):
        src = msg.find("source").text or ""
        tr = msg.find("translation")
        if tr is None:
            tr = ET.SubElement(msg, "translation")
        if (tr.get("type") in ("unfinished", None) and not (tr.text or "").strip()) or tr.get("type") == "unfinished":
            if src in EN:
                tr.text = EN[src]
                tr.attrib.pop("type", None)
            else:
                missing += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return missing


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    n = fill(here / "ogi_review_en.ts")
    print(f"untranslated: {n}")
    sys.exit(0)
