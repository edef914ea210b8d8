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
    "图例": "Legend",
    "页码": "Page",
    "/ %1 页": "of %1",
    "每个文件的解析时限（秒，0 为不限）": "Parse time limit per file (seconds, 0 for none)",
    "每个文件解析时可用的内存（MB，0 为不限）": "Memory for parsing one file (MB, 0 for none)",
    "读取项目文件夹以外的文件": "Read files outside the project folder",
    "审核项目“%1”中有 %2 份报告的源文件位于项目文件夹之外：\n\n%3\n\n只有信任这个项目的来源时才应允许。允许读取这些文件吗？\n（不允许：不读取这些文件，显示项目中保存的解析结果。）": "In review project \u201c%1\u201d, the source files of %2 reports lie outside the project folder:\n\n%3\n\nAllow this only if you trust where the project came from. Read these files?\n(No: the files are not read; the parse results saved in the project are shown.)",
    "机关名录 (*.xlsx *.csv)": "Agency directory (*.xlsx *.csv)",
    "未报送的机关": "Agencies that have not reported",
    "地区": "Region",
    "层级": "Level",
    "报告年度：": "Report year:",
    "机关名录共 %1 个机关，%2 个尚未报送。": "The directory lists %1 agencies; %2 have not reported.",
    "汇总(&S)": "&Summary",
    "计入汇总（重复报告中计入这一份）": "Count this one in the summary (of its duplicates)",
    "同一机关同一年度有多份报告时，汇总只计入其中一份；改为计入当前这份（可撤销）": "When an agency has several reports for one year, the summary counts only one; count the current one instead (undoable)",
    "数据不完整的报告也计入汇总": "Count incomplete reports in the summary too",
    "载入机关名录…": "Load agency directory…",
    "不使用机关名录": "Stop using the agency directory",
    "根据已打开的报告生成机关名录…": "Write a directory from the open reports…",
    "未报送的机关…": "Agencies that have not reported…",
    "计入汇总：%1": "Count in summary: %1",
    "%1 %2 年度的重复报告，汇总改为计入“%3”。": "Duplicates of %1 for %2: the summary now counts \u201c%3\u201d.",
    "载入机关名录": "Load agency directory",
    "机关名录": "Agency directory",
    "已载入机关名录“%1”：%2 个机关。": "Loaded agency directory \u201c%1\u201d: %2 agencies.",
    "机关名录.xlsx": "agency-directory.xlsx",
    "生成机关名录": "Write agency directory",
    "无法写入“%1”：%2": "Cannot write \u201c%1\u201d: %2",
    "已生成机关名录“%1”：%2 个机关，请补全地区和层级后载入。": "Wrote agency directory \u201c%1\u201d with %2 agencies; fill in region and level, then load it.",
    "最近的审核项目": "Recent review projects",
    "机关名录文件": "Agency directory file",
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
    "问题：%1 个错误，%2 个警告，%3 个已确认": "Findings — errors: %1, warnings: %2, confirmed: %3",
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
    "正在读取… 已打开 %1 份": "Reading… open: %1",
    "已打开 %1 份报告": "Reports open: %1",
    "已取消读取；已打开 %1 份报告": "Loading cancelled; reports open: %1",
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
    "共 %1 份报告，%2 份有错误，%3 份已审核": "Reports: %1 · with errors: %2 · reviewed: %3",
    "，%1 份无法读取": " · unreadable: %1",
    "，%1 份为重复（不计入汇总）": " · duplicates not counted in the summary: %1",
    "无法读取": "Unreadable",
    "未计入汇总：%1": "Not counted in the summary: %1",
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
    "年度 / 模板 / 发布日期": "Year / format / published",
    "已手工修改；解析结果：%1": "Corrected by hand; as parsed: %1",
    "有错误": "Errors",
    "有警告": "Warnings",
    "无问题": "Clean",
    "机关": "Agency",
    "状态": "Status",
    "文件": "File",
    "错误 %1": "Errors: %1",
    "警告 %1": "Warnings: %1",
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
    "已打开 %1 份": "Open: %1",
    "自动换行": "Wrap lines",
    "正文自动换行": "Wrap source text lines",
    "关闭后，表格的每一行在正文中占一行，便于对照各列": "When off, each table row stays on one line, so columns line up",
    "报告列表": "Report List",
    "原文": "Source Text",
    "统计表": "Statistics Tables",
    "问题列表": "Findings List",
    "转到(&G)": "&Go",
    "%1 个错误，%2 个警告，%3 个已确认": "Errors: %1, warnings: %2, confirmed: %3",
    "更正行标签…": "Correct Row Label…",
    # Statistics tables: cell tooltips, legend, context menu, paste/revert messages.
    "原文数值：%1": "Printed value: %1",
    "来源：%1": "Source: %1",
    "PDF 第 %1 页": "PDF page %1",
    "空": "empty",
    "，": ", ",
    "、": ", ",
    "；": "; ",
    "人工修改：%1 → %2（%3）": "Corrected: %1 → %2 (%3)",
    "人工修改：%1 → %2": "Corrected: %1 → %2",
    "备注：%1": "Note: %1",
    "注意：原文件已变化，原文数值与修改时不同": "Note: the source file has changed; its value differs from when it was corrected",
    "未能读取此单元格，请对照原文填写": "This cell could not be read; fill it in from the document",
    "• %1：%2（已确认与原文一致）": "• %1: %2 (confirmed as printed)",
    "• %1：%2": "• %1: %2",
    "表格读取": "Read from table",
    "按位置推断": "Inferred from position",
    "正文文字": "From body text",
    "人工修改": "Corrected",
    "“%1”不是数字": '"%1" is not a number',
    "“%1”不是整数：此处填写件数": '"%1" is not a whole number: this cell holds a count',
    "“%1”是负数：此处填写件数": '"%1" is negative: this cell holds a count',
    "未读取到": "Not read",
    "未能读取": "Unreadable",
    "%1（原文“%2”）": '%1 (printed "%2")',
    "%1（原文为空白单元格）": "%1 (blank cell in the document)",
    "空 = 原文数值": "empty = printed value",
    "恢复 %1 个单元格为原文数值": "Revert cells to printed values (%1)",
    "本行数值原文印在：%1": "This row's values are printed in: %1",
    "右键“更正行标签…”可把误认的行改到正确的行": 'Right-click "Correct Row Label…" to move a misread row to the right one',
    "请先选中要粘贴到的左上角单元格": "First select the top-left cell to paste into",
    "粘贴 %1 个单元格": "Paste into cells (%1)",
    "已粘贴 %1 个单元格": "Cells pasted: %1",
    "%1 个不是数字，已跳过": "skipped (not a number): %1",
    "%1 个超出表格，已跳过": "skipped (outside the table): %1",
    "已将 %1 个单元格恢复为原文数值": "Cells reverted to printed values: %1",
    "所选单元格没有人工修改": "The selected cells have no corrections",
    "恢复为原文数值": "Revert to Printed Value",
    "复制": "Copy",
    "粘贴": "Paste",
    "未读取": "Not read",
    "已更正行标签": "Row label corrected",
    "（%1 年版格式）": "(%1 format)",
    "（未识别格式版本，按 2021 年版显示）": "(format not recognised; shown as the 2021 format)",
    # Row label correction dialog.
    "（原文此行没有读到数值）": "(no values were read in this row)",
    "更正行标签": "Correct Row Label",
    "原文此行被识别为 %1 “%2”。\n原文数值：%3\n如果这些数值实际属于另一行，请在下面选择正确的行：": (
        'This row was read as %1 "%2".\nPrinted values: %3\n'
        "If these values really belong to another row, choose the correct row below:"
    ),
    "%1（原识别）": "%1 (as read)",
    "注意：“%1”行原文也有数值，两行数值会重叠。如果是两行标签互换，请再把那一行改到本行。": (
        'Note: row "%1" has printed values of its own, so the two rows would overlap. '
        "If the two labels are swapped, move that row to this one as well."
    ),
    # Undo step names (the cell and row names inside stay as printed in the report).
    "报告年度": "Year",
    "索引号": "Index No.",
    "模板版本": "Template",
    "发布机构": "Publisher",
    "标题": "Title",
    "第一部分": "Part 1",
    "第二部分": "Part 2",
    "第三部分": "Part 3",
    "第四部分": "Part 4",
    "第五部分": "Part 5",
    "第六部分": "Part 6",
    "“%1”部分": 'part "%1"',
    "%1 “%2” 行": '%1 row "%2"',
    "%1 等 %2 处": "%1 and others (%2 places)",
    "恢复为原文数值 %1：%2 → %3": "Revert %1 to printed value: %2 → %3",
    "恢复%1为原文": "Revert %1 to printed",
    "修改%1": "Change %1",
    "恢复%1的原起点": "Restore the original start of %1",
    "移动%1的起点": "Move the start of %1",
    "恢复 %1的原行标签": "Restore the original label of %1",
    "将 %1改为 “%2” 行": 'Relabel %1 as row "%2"',
    "取消确认 %1": "Withdraw confirmation of %1",
    "确认与原文一致 %1": "Confirm as printed: %1",
    "取消已审核标记": "Unmark as Reviewed",
    "修改": "Edit",
    "修改 %1：%2 → %3": "Change %1: %2 → %3",
    "%1%2年度报告审核.xlsx": "%1%2-review.xlsx",
    # PDF page view.
    "没有打开 PDF 文件": "No PDF file open",
    "上一页": "Previous Page",
    "下一页": "Next Page",
    "第 %1 页": "Page %1",
    "缩小": "Zoom Out",
    "放大": "Zoom In",
    "适合宽度": "Fit Width",
    "无法打开 PDF 文件“%1”：文件损坏或不是 PDF。": 'Cannot open the PDF file "%1": it is damaged or not a PDF.',
    "无法打开图片文件“%1”：文件损坏或不是可识别的图片格式。": 'Cannot open the image file "%1": it is damaged or not an image format we can read.',
    "PDF 文件“%1”没有页面。": 'The PDF file "%1" has no pages.',
    "无法显示第 %1 页。": "Cannot show page %1.",
    "/ 共 %1 页": "of %1",
    # Review projects.
    "〔只读〕": " [read-only]",
    "项目已以只读方式打开。": " The project was opened read-only.",
    "当前没有打开的审核项目，无法另存为。": "No review project is open, so there is nothing to save as.",
    "审核项目 (*%1)": "Review projects (*%1)",
    "新建项目": "New Project",
    "已新建项目，修改会随时自动保存。": "Project created; corrections are saved automatically.",
    "打开项目": "Open Project",
    "当前没有打开的项目。": "No project is open.",
    "项目另存为": "Save Project As",
    "新建项目…": "New Project…",
    "打开项目…": "Open Project…",
    "项目另存为…": "Save Project As…",
    "把当前打开的报告和修改保存到一个新的审核项目文件，之后每次修改都会立即保存": (
        "Save the open reports and corrections to a new review project file; later corrections are saved at once"
    ),
    "最近的项目": "Recent Projects",
    "审核项目": "Review Project",
    "%1：原文数值 %2 → %3，更正值 %4": "%1: printed value %2 → %3, corrected value %4",
    # Separators and brackets around text from the report or the core.
    "%1：%2": "%1: %2",
    "与原文一致：%1": "As printed: %1",
    "（%1）": " (%1)",
    "上次审核的 %1 份报告及其修改已自动保存。要恢复吗？\n\n选“否”将另起一个空白工作区，上次的内容保留在数据文件夹中，不会删除。": (
        "The %1 reports you were reviewing last time, with all your corrections, were saved automatically. "
        "Restore them?\n\nChoose No to start an empty workspace; last time's work stays in the data folder "
        "and is not deleted."
    ),
    "已恢复上次的工作：修改会随时自动保存。": "Last session restored. Every change is saved as you make it.",
    "恢复上次的工作": "Restore last session",
    "无法创建数据文件夹“%1”：%2。修改将不会自动保存。": "Cannot create the data folder “%1”: %2. Changes will not be saved automatically.",
    "无法创建自动保存的工作区，修改将不会自动保存；请用“新建项目”保存工作。": (
        "Cannot create the automatic workspace, so changes will not be saved automatically. "
        "Use New Project to save your work."
    ),
    "未命名项目（自动保存）": "Untitled project (saved automatically)",
    "浏览…": "Browse…",
    "每份报告加一张按国家格式排版的工作表": "Add one sheet per report in the national layout",
    "数据不完整的报告也计入汇总（会标明）": "Count incomplete reports in the summary too (they are marked)",
    "不另分": "No further split",
    "按地区另加汇总表": "One more summary sheet per region",
    "按层级另加汇总表": "One more summary sheet per level",
    "未载入（在“汇总”菜单中载入后可列出未报送的机关）": "Not loaded (load one from the Summary menu to list agencies that have not reported)",
    "例如：某某市人民政府办公室": "e.g. the general office of the city government",
    "写入“修改记录”的修改人": "Written as the reviser in the corrections sheet",
    "打开所在文件夹": "Open its folder",
    "打开工作簿": "Open the workbook",
    "不打开": "Open nothing",
    "导出到": "Export to",
    "分组汇总": "Grouping",
    "汇总单位": "Compiling office",
    "审核人": "Reviewer",
    "导出后": "After export",
    "导出": "Export",
    "导出时每份报告加一张工作表": "Add one sheet per report when exporting",
    "按地区或层级另加汇总表": "Extra summary sheets by region or level",
    "导出后打开": "Open after export",
}

# The review window (issue 16): fit, panes, 已审核 gate, bulk work, help.
EN |= {
    "未标记为已审核：本报告还有未解决的错误。": "Not marked as reviewed: this report still has open errors.",
    "标记为已审核": "Mark as reviewed",
    "本报告还有 %1 个未解决的错误。\n\n仍要标记为已审核吗？标记后状态栏仍将其计为“有错误”，直到错误被更正或确认与原文一致。": (
        "This report still has %1 open errors.\n\nMark it as reviewed anyway? The status bar keeps counting it "
        "as having errors until they are corrected or confirmed as printed."
    ),
    "回车确认；Shift+回车换行": "Enter confirms; Shift+Enter starts a new line",
    "当前打开了 %1 份报告。新项目要包含它们及其修改吗？": "%1 reports are open. Should the new project include them and their corrections?",
    "选“空白项目”时，当前的报告和修改仍保留在原来的项目或工作区中。": (
        "With “Empty Project” the open reports and corrections stay in their current project or workspace."
    ),
    "包含当前报告": "Include Open Reports",
    "全部问题": "All Findings",
    "未解决": "Open",
    "仅错误": "Errors Only",
    "仅警告": "Warnings Only",
    "仅提示": "Notes Only",
    "按级别或确认状态筛选问题": "Filter the findings by severity or confirmation",
    "只看某一类问题": "Show one kind of finding only",
    "全部类别": "All Kinds",
    "在原文中查找": "Find in Source Text",
    "原文中没有“%1”": "“%1” is not in the source text",
    "查找": "Find",
    "已将 %1 份报告标记为已审核": "Marked %1 reports as reviewed",
    "标记所选为已审核（%1 份）": "Mark Selected as Reviewed (%1)",
    "本报告已没有未解决的问题，可按 Ctrl+Shift+R 标记为已审核；F8 转到下一份报告。": (
        "No open findings left in this report: Ctrl+Shift+R marks it as reviewed; F8 goes on to the next report."
    ),
    "在原文中查找（Ctrl+Shift+F）：回车下一处，Shift+回车上一处": "Find in the source text (Ctrl+Shift+F): Enter next, Shift+Enter previous",
    "采用建议": "Apply Suggestion",
    "按问题中的建议更正数值（记为人工修改，可撤销）": "Correct the values as the finding suggests (recorded as corrections, undoable)",
    "采用建议：%1": "Suggestion applied: %1",
    "建议的数值与当前数值相同。": "The suggested values are already the current ones.",
    "采用建议（%1 个单元格）": "Apply suggestion (%1 cells)",
    "已改为计入：%1": "Now counted: %1",
    "重复": "Duplicate",
    "同一机关同一年度的 %1 份报告（✓ 计入汇总）：": "%1 reports of the same agency and year (✓ counted in the summary):",
    "重复，不计入（共 %1 份）": "Duplicate, not counted (%1 in all)",
    "✓ 代表（共 %1 份）": "✓ Counted (%1 in all)",
    "计入汇总（代替同一机关同一年度的另一份）": "Count in Summary (instead of the other one of this agency and year)",
    "选中全部重复（%1 份）": "Select All Duplicates (%1)",
    "确认本报告中全部同类问题（%1 个）…": "Confirm All of This Kind in This Report (%1)…",
    "确认 %1 个同类问题与原文一致": "Confirm %1 findings of one kind as printed",
    "已关闭 %1 份报告": "Closed %1 reports",
    "关闭所选报告（%1 份）": "Close Selected Reports (%1)",
    "复制文件路径": "Copy File Paths",
    "全选": "Select All",
    "回车": "Enter",
    "统计表：确认输入并移到下一行的同一列": "Tables: commit the value and move down the column",
    "Delete": "Delete",
    "统计表：所选单元格恢复为原文数值": "Tables: revert the selected cells to the printed values",
    "Ctrl+C / Ctrl+V": "Ctrl+C / Ctrl+V",
    "统计表：复制 / 从 Excel 粘贴一块数值（一步可撤销）": "Tables: copy / paste a block of values from Excel (one undo step)",
    "回车 / Shift+回车": "Enter / Shift+Enter",
    "确认对话框：确认 / 说明中换行": "Confirm dialog: confirm / new line in the note",
    "Shift+F10 或菜单键": "Shift+F10 or the Menu key",
    "报告列表、问题列表、统计表：右键菜单": "Report list, findings, tables: context menu",
    "使用说明": "User Guide",
    "键盘快捷键": "Keyboard Shortcuts",
    "关闭": "Close",
    (
        "<h3>一天的审核怎么做</h3><ol><li><b>打开</b>：文件 › 打开文件夹（Ctrl+Shift+O）读入一批报告；读取进度和“取消”在状态栏。"
        "无法读取的文件列在报告列表里，并说明原因。</li><li><b>逐个问题核对</b>：按 F8 转到下一个未解决的问题（Shift+F8 上一个），"
        "会自动切换报告。问题涉及的单元格在统计表中选中，原文中的出处高亮显示；PDF 报告同时在页面上框出位置。</li>"
        "<li><b>更正</b>：识别错误时直接在统计表中输入正确数值（回车确认并下移）；Ctrl+Z 撤销。"
        "原文确实如此印刷时，用“确认与原文一致”（Ctrl+Shift+K）记录说明，问题不再计为未解决。</li>"
        "<li><b>标记已审核</b>：Ctrl+Shift+R。仍有未解决的错误时会先询问；状态栏仍把它计为“有错误”。</li>"
        "<li><b>汇总与导出</b>：导出当前报告（Ctrl+E）或汇总（Ctrl+Shift+E）。</li></ol>"
        "<p>所有修改都随时自动保存在审核项目（或自动工作区）中；程序意外退出后重新启动即可继续。</p>"
    ): (
        "<h3>A day of review</h3><ol><li><b>Open</b>: File › Open Folder (Ctrl+Shift+O) reads a batch of reports; "
        "the progress and Cancel are in the status bar. Files that cannot be read are listed with the reason.</li>"
        "<li><b>Go through the findings</b>: F8 goes to the next open finding (Shift+F8 the previous one), switching "
        "reports as needed. The finding's cells are selected in the tables and their source is highlighted; for a "
        "PDF the place is also boxed on the page.</li><li><b>Correct</b>: when a value was misread, type the right "
        "one in the table (Enter commits and moves down); Ctrl+Z undoes. When the document really prints it, use "
        "Confirm as Printed (Ctrl+Shift+K) with a note; the finding no longer counts as open.</li>"
        "<li><b>Mark as reviewed</b>: Ctrl+Shift+R. With open errors you are asked first; the status bar still "
        "counts the report as having errors.</li><li><b>Summary and export</b>: export the current report (Ctrl+E) "
        "or the summary (Ctrl+Shift+E).</li></ol><p>Every change is saved as you make it in the review project (or "
        "the automatic workspace); after an unexpected exit just start the program again to go on.</p>"
    ),
    "空白项目": "Empty Project",
    "已打开上次的审核项目“%1”：之前的修改都已保存在其中。": "Reopened last time's review project “%1”: your earlier changes are saved in it.",
    "只读：此项目正在别处打开，这里只能查看，不能修改。要修改，请用“文件 › 项目另存为…”得到可编辑的副本。": (
        "Read-only: this project is open elsewhere; here you can look but not change. "
        "To make changes, use File › Save Project As… for an editable copy."
    ),
    "审核项目“%1”正由用户“%2”（计算机 %3）自 %4 起打开，为避免修改互相覆盖，只能以只读方式查看。": (
        "The review project “%1” has been open by user “%2” (computer %3) since %4; "
        "to keep changes from overwriting each other it can only be viewed read-only."
    ),
}

# Where one context needs other words than EN (narrow columns, the one-line legend); always applied.
EN_BY_CONTEXT = {
    ("ReportListModel", "模板"): "Format",
    ("ReportListModel", "2021版"): "2021",
    ("ReportListModel", "2019版"): "2019",
    ("ReportListModel", "旧版"): "Old",
    ("ReportListModel", "未识别"): "?",
    ("StatTablesWidget", "已确认与原文一致"): "Confirmed",
    ("StatTablesWidget", "按位置推断"): "Inferred",
    ("StatTablesWidget", "正文文字"): "From text",
    ("StatTablesWidget", "已更正行标签"): "Row relabelled",
}


def fill(ts: Path) -> int:
    """Fill unfinished translations from EN; returns how many sources are still untranslated."""
    tree = ET.parse(ts)
    missing = 0
    for ctx in tree.getroot().iter("context"):
        for msg in ctx.iter("message"):
            missing += _fill_message(ctx.find("name").text or "", msg)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return missing


def _fill_message(context: str, msg: ET.Element) -> int:
    """Fill one message; 1 when it stays untranslated."""
    src = msg.find("source").text or ""
    tr = msg.find("translation")
    if tr is None:
        tr = ET.SubElement(msg, "translation")
    if (context, src) in EN_BY_CONTEXT:
        tr.text = EN_BY_CONTEXT[context, src]
        tr.attrib.pop("type", None)
        return 0
    if tr.get("type") == "unfinished" or not (tr.text or "").strip():
        if src not in EN:
            return 1
        tr.text = EN[src]
        tr.attrib.pop("type", None)
    return 0

if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    n = fill(here / "ogi_review_en.ts")
    print(f"untranslated: {n}")
    sys.exit(0)
