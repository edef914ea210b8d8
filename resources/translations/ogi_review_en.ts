<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>ConfirmDialog</name>
    <message>
        <location filename="../../gui/dialogs/confirm_dialog.py" line="16" />
        <source>确认与原文一致</source>
        <translation>Confirmed as printed</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/confirm_dialog.py" line="18" />
        <source>确认下述问题是原文如此印刷，而不是识别错误：</source>
        <translation>Confirm that the document really prints this (it is not a reading error):</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/confirm_dialog.py" line="23" />
        <source>说明（可选，例如“原文合计有误，已电话核实”）：</source>
        <translation>Note (optional, e.g. "the printed total is wrong, checked by phone"):</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/confirm_dialog.py" line="30" />
        <source>确认</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/confirm_dialog.py" line="31" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../gui/errors.py" line="135" />
        <source>程序出错</source>
        <translation>Program error</translation>
    </message>
    <message>
        <location filename="../../gui/errors.py" line="137" />
        <source>程序遇到了意外错误。您的修改已记录在项目中；可以继续工作，建议保存后重新启动。</source>
        <translation>The program hit an unexpected error. Your corrections are recorded; you can go on, but saving and restarting is advised.</translation>
    </message>
    <message>
        <location filename="../../gui/errors.py" line="140" />
        <source>日志文件：%s</source>
        <translation>Log file: %s</translation>
    </message>
    <message>
        <location filename="../../gui/errors.py" line="144" />
        <source>复制详细信息</source>
        <translation>Copy details</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <location filename="../../gui/widgets/findings_panel.py" line="35" />
        <source>级别</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/findings_panel.py" line="36" />
        <source>问题</source>
        <translation>Findings</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/findings_panel.py" line="37" />
        <source>已确认</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/findings_panel.py" line="40" />
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/findings_panel.py" line="41" />
        <source>警告</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/findings_panel.py" line="42" />
        <source>提示</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/findings_panel.py" line="97" />
        <source>与原文一致</source>
        <translation>As printed</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/findings_panel.py" line="110" />
        <source>建议：</source>
        <translation>Suggestion: </translation>
    </message>
    <message>
        <location filename="../../gui/widgets/findings_panel.py" line="117" />
        <source>已确认与原文一致</source>
        <translation>Confirmed as printed</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <location filename="../../gui/widgets/findings_panel.py" line="166" />
        <location filename="../../gui/widgets/findings_panel.py" line="255" />
        <source>确认与原文一致…</source>
        <translation>Confirm as printed…</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/findings_panel.py" line="168" />
        <source>原文确实如此印刷：记录确认及说明，不再作为未解决问题（可撤销）</source>
        <translation>The document really prints this: record a confirmation with a note; no longer an open finding (undoable)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/findings_panel.py" line="170" />
        <source>上一个</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/findings_panel.py" line="171" />
        <source>上一个未解决的问题（Shift+F8）</source>
        <translation>Previous open finding (Shift+F8)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/findings_panel.py" line="173" />
        <source>下一个</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/findings_panel.py" line="174" />
        <source>下一个未解决的问题（F8）</source>
        <translation>Next open finding (F8)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/findings_panel.py" line="224" />
        <source>问题</source>
        <translation>Findings</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/findings_panel.py" line="227" />
        <source>问题：%1 个错误，%2 个警告，%3 个已确认</source>
        <translation>Findings: %1 errors, %2 warnings, %3 confirmed</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/findings_panel.py" line="249" />
        <source>转到</source>
        <translation>Go to</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/findings_panel.py" line="252" />
        <source>撤销确认</source>
        <translation>Withdraw confirmation</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gui/main_window.py" line="57" />
        <source>统计表组件不可用</source>
        <translation>Statistics tables are not available</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="87" />
        <source>政府信息公开年报审核</source>
        <translation>OGI Annual Report Review</translation>
    </message>
    <message>
        <location filename="../../gui/window_menus.py" line="40" />
        <source>打开文件…</source>
        <translation>Open Files…</translation>
    </message>
    <message>
        <location filename="../../gui/window_menus.py" line="44" />
        <source>打开一个或多个报告文件（Ctrl+O）</source>
        <translation>Open one or more report files (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../gui/window_menus.py" line="47" />
        <source>打开文件夹…</source>
        <translation>Open Folder…</translation>
    </message>
    <message>
        <location filename="../../gui/window_menus.py" line="51" />
        <source>打开文件夹中的全部报告（Ctrl+Shift+O）</source>
        <translation>Open every report in a folder (Ctrl+Shift+O)</translation>
    </message>
    <message>
        <location filename="../../gui/window_menus.py" line="54" />
        <source>导出当前报告…</source>
        <translation>Export Current Report…</translation>
    </message>
    <message>
        <location filename="../../gui/window_menus.py" line="58" />
        <source>按官方表格格式把当前报告导出为 Excel（Ctrl+E）</source>
        <translation>Export the current report to Excel in the official layout (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../gui/window_menus.py" line="61" />
        <source>导出汇总…</source>
        <translation>Export Summary…</translation>
    </message>
    <message>
        <location filename="../../gui/window_menus.py" line="65" />
        <source>把全部已打开的报告汇总导出为 Excel（Ctrl+Shift+E）</source>
        <translation>Export a summary of all open reports to Excel (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <location filename="../../gui/window_menus.py" line="68" />
        <source>关闭当前报告</source>
        <translation>Close Current Report</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="442" />
        <location filename="../../gui/window_menus.py" line="71" />
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../gui/window_menus.py" line="74" />
        <source>取消读取</source>
        <translation>Cancel Loading</translation>
    </message>
    <message>
        <location filename="../../gui/window_menus.py" line="76" />
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../gui/window_menus.py" line="79" />
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../gui/window_menus.py" line="85" />
        <source>下一个问题</source>
        <translation>Next Finding</translation>
    </message>
    <message>
        <location filename="../../gui/window_menus.py" line="89" />
        <source>下一个未解决的问题（F8）</source>
        <translation>Next open finding (F8)</translation>
    </message>
    <message>
        <location filename="../../gui/window_menus.py" line="92" />
        <source>上一个问题</source>
        <translation>Previous Finding</translation>
    </message>
    <message>
        <location filename="../../gui/window_menus.py" line="96" />
        <source>上一个未解决的问题（Shift+F8）</source>
        <translation>Previous open finding (Shift+F8)</translation>
    </message>
    <message>
        <location filename="../../gui/window_menus.py" line="99" />
        <source>确认与原文一致…</source>
        <translation>Confirm as printed…</translation>
    </message>
    <message>
        <location filename="../../gui/window_menus.py" line="105" />
        <source>标记为已审核</source>
        <translation>Mark as Reviewed</translation>
    </message>
    <message>
        <location filename="../../gui/window_menus.py" line="112" />
        <source>筛选报告</source>
        <translation>Filter Reports</translation>
    </message>
    <message>
        <location filename="../../gui/window_menus.py" line="115" />
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location filename="../../gui/window_menus.py" line="119" />
        <source>报告列表</source>
        <translation>Report List</translation>
    </message>
    <message>
        <location filename="../../gui/window_menus.py" line="120" />
        <source>原文</source>
        <translation>Source Text</translation>
    </message>
    <message>
        <location filename="../../gui/window_menus.py" line="121" />
        <source>统计表</source>
        <translation>Statistics Tables</translation>
    </message>
    <message>
        <location filename="../../gui/window_menus.py" line="122" />
        <source>问题列表</source>
        <translation>Findings List</translation>
    </message>
    <message>
        <location filename="../../gui/window_menus.py" line="123" />
        <source>机关名称</source>
        <translation>Agency</translation>
    </message>
    <message>
        <location filename="../../gui/window_menus.py" line="127" />
        <location filename="../../gui/window_menus.py" line="221" />
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../../gui/window_menus.py" line="131" />
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../gui/window_menus.py" line="134" />
        <source>最近打开的文件</source>
        <translation>Recent Files</translation>
    </message>
    <message>
        <location filename="../../gui/window_menus.py" line="145" />
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../gui/window_menus.py" line="153" />
        <source>审核(&amp;R)</source>
        <translation>&amp;Review</translation>
    </message>
    <message>
        <location filename="../../gui/window_menus.py" line="157" />
        <source>转到(&amp;G)</source>
        <translation>&amp;Go</translation>
    </message>
    <message>
        <location filename="../../gui/window_menus.py" line="160" />
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../gui/window_menus.py" line="163" />
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <location filename="../../gui/window_menus.py" line="180" />
        <source>%p%</source>
        <translation>%p%</translation>
    </message>
    <message>
        <location filename="../../gui/window_menus.py" line="183" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../gui/window_io.py" line="33" />
        <source>打开报告文件</source>
        <translation>Open Report Files</translation>
    </message>
    <message>
        <location filename="../../gui/window_io.py" line="35" />
        <source>报告文件 (%1)</source>
        <translation>Report files (%1)</translation>
    </message>
    <message>
        <location filename="../../gui/window_io.py" line="42" />
        <source>打开文件夹</source>
        <translation>Open Folder</translation>
    </message>
    <message>
        <location filename="../../gui/window_io.py" line="53" />
        <source>正在读取上一批文件，请稍候或先取消。</source>
        <translation>Still reading the previous batch; wait or cancel it first.</translation>
    </message>
    <message>
        <location filename="../../gui/window_io.py" line="70" />
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <location filename="../../gui/window_io.py" line="101" />
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location filename="../../gui/window_io.py" line="131" />
        <source>已打开 %1 份</source>
        <translation>%1 open</translation>
    </message>
    <message>
        <location filename="../../gui/window_io.py" line="137" />
        <source>已打开 %1 份报告</source>
        <translation>%1 reports open</translation>
    </message>
    <message>
        <location filename="../../gui/window_io.py" line="143" />
        <source>已取消读取；已打开 %1 份报告</source>
        <translation>Loading cancelled; %1 reports open</translation>
    </message>
    <message>
        <location filename="../../gui/window_io.py" line="164" />
        <source>部分文件无法读取</source>
        <translation>Some files could not be read</translation>
    </message>
    <message>
        <location filename="../../gui/window_io.py" line="165" />
        <source>以下 %1 个文件无法读取，其余文件已打开：</source>
        <translation>These %1 files could not be read; the others are open:</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="269" />
        <source>没有未解决的问题。</source>
        <translation>No open findings.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="295" />
        <source>项目以只读方式打开，不能修改；可用“项目另存为”得到可编辑的副本。</source>
        <translation>The project is open read-only; use "Save Project As" for an editable copy.</translation>
    </message>
    <message>
        <location filename="../../gui/window_io.py" line="183" />
        <source>导出当前报告</source>
        <translation>Export Current Report</translation>
    </message>
    <message>
        <location filename="../../gui/window_io.py" line="193" />
        <source>导出汇总</source>
        <translation>Export Summary</translation>
    </message>
    <message>
        <location filename="../../gui/window_io.py" line="194" />
        <source>政府信息公开年报汇总.xlsx</source>
        <translation>ogi-report-summary.xlsx</translation>
    </message>
    <message>
        <location filename="../../gui/window_io.py" line="203" />
        <location filename="../../gui/window_io.py" line="205" />
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../gui/window_io.py" line="212" />
        <source>已导出：%1</source>
        <translation>Exported: %1</translation>
    </message>
    <message>
        <location filename="../../gui/window_io.py" line="238" />
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../gui/window_menus.py" line="213" />
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../gui/window_menus.py" line="214" />
        <source>界面语言将在重新启动程序后生效。</source>
        <translation>The interface language takes effect after a restart.</translation>
    </message>
    <message>
        <location filename="../../gui/window_menus.py" line="222" />
        <source>政府信息公开年报审核
读取、核对并汇总政府信息公开工作年度报告。</source>
        <translation>OGI Annual Report Review
Reads, checks and summarises government information disclosure annual reports.</translation>
    </message>
    <message>
        <location filename="../../gui/window_menus.py" line="199" />
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="385" />
        <source>共 %1 份报告，%2 份有错误，%3 份已审核</source>
        <translation>%1 reports, %2 with errors, %3 reviewed</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="443" />
        <source>有尚未导出或保存的修改。确定要退出吗？</source>
        <translation>There are corrections not yet exported or saved. Quit anyway?</translation>
    </message>
    <message>
        <location filename="../../gui/app.py" line="95" />
        <source>文件不存在</source>
        <translation>File not found</translation>
    </message>
    <message>
        <location filename="../../gui/app.py" line="96" />
        <source>找不到以下文件：</source>
        <translation>These files were not found:</translation>
    </message>
</context>
<context>
    <name>MetadataPanel</name>
    <message>
        <location filename="../../gui/widgets/metadata_panel.py" line="15" />
        <source>2021版</source>
        <translation>2021 format</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/metadata_panel.py" line="16" />
        <source>2019版</source>
        <translation>2019 format</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/metadata_panel.py" line="17" />
        <source>旧版</source>
        <translation>Legacy</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/metadata_panel.py" line="18" />
        <source>未识别</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/metadata_panel.py" line="21" />
        <source>机关名称</source>
        <translation>Agency</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/metadata_panel.py" line="22" />
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/metadata_panel.py" line="23" />
        <source>模板</source>
        <translation>Template</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/metadata_panel.py" line="24" />
        <source>发布日期</source>
        <translation>Published</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/metadata_panel.py" line="65" />
        <source>已审核</source>
        <translation>Reviewed</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/metadata_panel.py" line="67" />
        <source>标记本报告已审核完毕（可撤销）</source>
        <translation>Mark this report as fully reviewed (undoable)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/metadata_panel.py" line="87" />
        <source>年度 / 模板 / 发布日期</source>
        <translation>Year / template / published</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/metadata_panel.py" line="124" />
        <source>已手工修改；解析结果：%1</source>
        <translation>Corrected by hand; as parsed: %1</translation>
    </message>
</context>
<context>
    <name>ReportListModel</name>
    <message>
        <location filename="../../gui/widgets/report_list.py" line="27" />
        <source>2021版</source>
        <translation>2021 format</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/report_list.py" line="28" />
        <source>2019版</source>
        <translation>2019 format</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/report_list.py" line="29" />
        <source>旧版</source>
        <translation>Legacy</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/report_list.py" line="30" />
        <source>未识别</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/report_list.py" line="33" />
        <source>已审核</source>
        <translation>Reviewed</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/report_list.py" line="34" />
        <source>有错误</source>
        <translation>Errors</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/report_list.py" line="35" />
        <source>有警告</source>
        <translation>Warnings</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/report_list.py" line="36" />
        <source>无问题</source>
        <translation>Clean</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/report_list.py" line="40" />
        <source>机关</source>
        <translation>Agency</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/report_list.py" line="41" />
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/report_list.py" line="42" />
        <source>模板</source>
        <translation>Template</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/report_list.py" line="43" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/report_list.py" line="44" />
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/report_list.py" line="189" />
        <source>%1 个错误，%2 个警告，%3 个已确认</source>
        <translation>%1 errors, %2 warnings, %3 confirmed</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/report_list.py" line="215" />
        <source>错误 %1</source>
        <translation>%1 errors</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/report_list.py" line="217" />
        <source>警告 %1</source>
        <translation>%1 warnings</translation>
    </message>
</context>
<context>
    <name>ReportListWidget</name>
    <message>
        <location filename="../../gui/widgets/report_list.py" line="247" />
        <source>筛选：机关、年度、状态、文件名（Ctrl+F）</source>
        <translation>Filter: agency, year, status, file name (Ctrl+F)</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="17" />
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="24" />
        <source>程序出错时显示错误报告对话框</source>
        <translation>Show an error report dialog when the program fails</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="27" />
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="28" />
        <source>更改语言后需重新启动程序才能生效。</source>
        <translation>A language change takes effect after a restart.</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="31" />
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="32" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SourceView</name>
    <message>
        <location filename="../../gui/widgets/source_view.py" line="28" />
        <source>第一部分 总体情况</source>
        <translation>Part 1 Overview</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/source_view.py" line="29" />
        <source>第二部分 主动公开政府信息情况</source>
        <translation>Part 2 Proactive disclosure</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/source_view.py" line="30" />
        <source>第三部分 收到和处理政府信息公开申请情况</source>
        <translation>Part 3 Requests received and handled</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/source_view.py" line="31" />
        <source>第四部分 政府信息公开行政复议、行政诉讼情况</source>
        <translation>Part 4 Administrative reconsideration and litigation</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/source_view.py" line="32" />
        <source>第五部分 存在的主要问题及改进情况</source>
        <translation>Part 5 Main problems and improvements</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/source_view.py" line="33" />
        <source>第六部分 其他需要报告的事项</source>
        <translation>Part 6 Other matters</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/source_view.py" line="36" />
        <source>设为第一部分开头</source>
        <translation>Make this the start of part 1</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/source_view.py" line="37" />
        <source>设为第二部分开头</source>
        <translation>Make this the start of part 2</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/source_view.py" line="38" />
        <source>设为第三部分开头</source>
        <translation>Make this the start of part 3</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/source_view.py" line="39" />
        <source>设为第四部分开头</source>
        <translation>Make this the start of part 4</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/source_view.py" line="40" />
        <source>设为第五部分开头</source>
        <translation>Make this the start of part 5</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/source_view.py" line="41" />
        <source>设为第六部分开头</source>
        <translation>Make this the start of part 6</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/source_view.py" line="93" />
        <source>部分</source>
        <translation>Part</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/source_view.py" line="106" />
        <source>显示原文</source>
        <translation>Show original text</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/source_view.py" line="108" />
        <source>显示文件的原始文字（未经繁简转换、去除拼音和页眉页脚等规范化处理）</source>
        <translation>Show the file's text as extracted (before script conversion, pinyin and header/footer removal)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/source_view.py" line="110" />
        <source>自动换行</source>
        <translation>Wrap lines</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/source_view.py" line="112" />
        <source>关闭后，表格的每一行在正文中占一行，便于对照各列</source>
        <translation>When off, each table row stays on one line, so columns line up</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/source_view.py" line="122" />
        <source>设为该部分开头</source>
        <translation>Set as start</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/source_view.py" line="124" />
        <source>把光标所在行设为所选部分的开头（可撤销）</source>
        <translation>Make the cursor's line the start of the chosen part (undoable)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/source_view.py" line="134" />
        <source>光标所在行：</source>
        <translation>Cursor line:</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/source_view.py" line="177" />
        <source>未识别出报告的各部分，可在正文中把光标放在标题行上手工设定。</source>
        <translation>No parts recognised; put the cursor on a heading line to set them by hand.</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/source_view.py" line="247" />
        <source>%1 格式，%2 个部分</source>
        <translation>%1 file, %2 parts</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/source_view.py" line="273" />
        <source>（开头位置已手工调整）</source>
        <translation>(start moved by hand)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/source_view.py" line="318" />
        <source>设为“%1”的开头</source>
        <translation>Make this the start of "%1"</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/source_view.py" line="416" />
        <source>设为部分开头</source>
        <translation>Set part start</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/source_view.py" line="421" />
        <source>设定部分开头：请先切换到规范化文本</source>
        <translation>To set a part start, switch to the normalised text first</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../gui/errors.py" line="74" />
        <source>操作未完成</source>
        <translation>Operation failed</translation>
    </message>
    <message>
        <location filename="../../gui/errors.py" line="80" />
        <source>内部错误</source>
        <translation>Internal error</translation>
    </message>
    <message>
        <location filename="../../gui/errors.py" line="81" />
        <source>发生了意外错误：%s</source>
        <translation>An unexpected error occurred: %s</translation>
    </message>
</context>
<context>
    <name>settings</name>
    <message>
        <location filename="../../gui/settings.py" line="30" />
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <location filename="../../gui/settings.py" line="31" />
        <source>最近打开的文件</source>
        <translation>Recent Files</translation>
    </message>
    <message>
        <location filename="../../gui/settings.py" line="32" />
        <source>上次使用的文件夹</source>
        <translation>Last folder</translation>
    </message>
    <message>
        <location filename="../../gui/settings.py" line="33" />
        <source>上次导出的文件夹</source>
        <translation>Last export folder</translation>
    </message>
    <message>
        <location filename="../../gui/settings.py" line="34" />
        <source>显示原文</source>
        <translation>Show original text</translation>
    </message>
    <message>
        <location filename="../../gui/settings.py" line="35" />
        <source>正文自动换行</source>
        <translation>Wrap source text lines</translation>
    </message>
    <message>
        <location filename="../../gui/settings.py" line="36" />
        <source>出错时显示错误报告对话框</source>
        <translation>Show the error report dialog on failures</translation>
    </message>
</context>
</TS>