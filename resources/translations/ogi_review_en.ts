<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>BatchMenu</name>
    <message>
        <location filename="../../gui/main_window/batch_menu.py" line="48"/>
        <source>机关名录 (*.xlsx *.csv)</source>
        <translation>Agency directory (*.xlsx *.csv)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/batch_menu.py" line="87"/>
        <source>未报送的机关</source>
        <translation>Agencies that have not reported</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/batch_menu.py" line="98"/>
        <source>机关名称</source>
        <translation>Agency</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/batch_menu.py" line="99"/>
        <source>地区</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/batch_menu.py" line="100"/>
        <source>层级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/batch_menu.py" line="108"/>
        <source>报告年度：</source>
        <translation>Report year:</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/batch_menu.py" line="130"/>
        <source>机关名录共 %1 个机关，%2 个尚未报送。</source>
        <translation>The directory lists %1 agencies; %2 have not reported.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/batch_menu.py" line="143"/>
        <source>汇总(&amp;S)</source>
        <translation>&amp;Summary</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/batch_menu.py" line="146"/>
        <source>计入汇总（重复报告中计入这一份）</source>
        <translation>Count this one in the summary (of its duplicates)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/batch_menu.py" line="149"/>
        <source>同一机关同一年度有多份报告时，汇总只计入其中一份；改为计入当前这份（可撤销）</source>
        <translation>When an agency has several reports for one year, the summary counts only one; count the current one instead (undoable)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/batch_menu.py" line="154"/>
        <source>数据不完整的报告也计入汇总</source>
        <translation>Count incomplete reports in the summary too</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/batch_menu.py" line="159"/>
        <source>载入机关名录…</source>
        <translation>Load agency directory…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/batch_menu.py" line="162"/>
        <source>不使用机关名录</source>
        <translation>Stop using the agency directory</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/batch_menu.py" line="165"/>
        <source>根据已打开的报告生成机关名录…</source>
        <translation>Write a directory from the open reports…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/batch_menu.py" line="168"/>
        <source>未报送的机关…</source>
        <translation>Agencies that have not reported…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/batch_menu.py" line="205"/>
        <source>计入汇总：%1</source>
        <translation>Count in summary: %1</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/batch_menu.py" line="213"/>
        <source>%1 %2 年度的重复报告，汇总改为计入“%3”。</source>
        <translation>Duplicates of %1 for %2: the summary now counts “%3”.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/batch_menu.py" line="229"/>
        <source>载入机关名录</source>
        <translation>Load agency directory</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/batch_menu.py" line="242"/>
        <location filename="../../gui/main_window/batch_menu.py" line="282"/>
        <source>机关名录</source>
        <translation>Agency directory</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/batch_menu.py" line="249"/>
        <source>已载入机关名录“%1”：%2 个机关。</source>
        <translation>Loaded agency directory “%1”: %2 agencies.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/batch_menu.py" line="264"/>
        <source>机关名录.xlsx</source>
        <translation>agency-directory.xlsx</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/batch_menu.py" line="267"/>
        <source>生成机关名录</source>
        <translation>Write agency directory</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/batch_menu.py" line="283"/>
        <source>无法写入“%1”：%2</source>
        <translation>Cannot write “%1”: %2</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/batch_menu.py" line="288"/>
        <source>已生成机关名录“%1”：%2 个机关，请补全地区和层级后载入。</source>
        <translation>Wrote agency directory “%1” with %2 agencies; fill in region and level, then load it.</translation>
    </message>
</context>
<context>
    <name>CellTooltip</name>
    <message>
        <location filename="../../gui/stat_tables/cell_style.py" line="94"/>
        <source>原文数值：%1</source>
        <translation>Printed value: %1</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/cell_style.py" line="96"/>
        <source>来源：%1</source>
        <translation>Source: %1</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/cell_style.py" line="98"/>
        <source>PDF 第 %1 页</source>
        <translation>PDF page %1</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/cell_style.py" line="100"/>
        <source>空</source>
        <translation>empty</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/cell_style.py" line="104"/>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/cell_style.py" line="106"/>
        <source>人工修改：%1 → %2（%3）</source>
        <translation>Corrected: %1 → %2 (%3)</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/cell_style.py" line="108"/>
        <source>人工修改：%1 → %2</source>
        <translation>Corrected: %1 → %2</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/cell_style.py" line="111"/>
        <source>备注：%1</source>
        <translation>Note: %1</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/cell_style.py" line="113"/>
        <source>注意：原文件已变化，原文数值与修改时不同</source>
        <translation>Note: the source file has changed; its value differs from when it was corrected</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/cell_style.py" line="115"/>
        <source>未能读取此单元格，请对照原文填写</source>
        <translation>This cell could not be read; fill it in from the document</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/cell_style.py" line="119"/>
        <source>• %1：%2（已确认与原文一致）</source>
        <translation>• %1: %2 (confirmed as printed)</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/cell_style.py" line="121"/>
        <source>• %1：%2</source>
        <translation>• %1: %2</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/cell_values.py" line="20"/>
        <source>表格读取</source>
        <translation>Read from table</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/cell_values.py" line="21"/>
        <source>按位置推断</source>
        <translation>Inferred from position</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/cell_values.py" line="22"/>
        <source>正文文字</source>
        <translation>From body text</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/cell_values.py" line="23"/>
        <source>人工修改</source>
        <translation>Corrected</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/cell_values.py" line="26"/>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/cell_values.py" line="27"/>
        <source>警告</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/cell_values.py" line="28"/>
        <source>提示</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/cell_values.py" line="67"/>
        <source>“%1”不是数字</source>
        <translation>&quot;%1&quot; is not a number</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/cell_values.py" line="74"/>
        <source>“%1”不是整数：此处填写件数</source>
        <translation>&quot;%1&quot; is not a whole number: this cell holds a count</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/cell_values.py" line="78"/>
        <source>“%1”是负数：此处填写件数</source>
        <translation>&quot;%1&quot; is negative: this cell holds a count</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/cell_values.py" line="122"/>
        <source>未读取到</source>
        <translation>Not read</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/cell_values.py" line="124"/>
        <source>未能读取</source>
        <translation>Unreadable</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/cell_values.py" line="129"/>
        <source>%1（原文“%2”）</source>
        <translation>%1 (printed &quot;%2&quot;)</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/cell_values.py" line="131"/>
        <source>%1（原文为空白单元格）</source>
        <translation>%1 (blank cell in the document)</translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <location filename="../../gui/dialogs/confirm_dialog.py" line="31"/>
        <source>确认与原文一致</source>
        <translation>Confirmed as printed</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/confirm_dialog.py" line="33"/>
        <source>确认下述问题是原文如此印刷，而不是识别错误：</source>
        <translation>Confirm that the document really prints this (it is not a reading error):</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/confirm_dialog.py" line="42"/>
        <source>说明（可选，例如“原文合计有误，已电话核实”）：</source>
        <translation>Note (optional, e.g. &quot;the printed total is wrong, checked by phone&quot;):</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/confirm_dialog.py" line="47"/>
        <source>回车确认；Shift+回车换行</source>
        <translation>Enter confirms; Shift+Enter starts a new line</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/confirm_dialog.py" line="51"/>
        <source>确认</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/confirm_dialog.py" line="52"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../gui/errors.py" line="135"/>
        <source>程序出错</source>
        <translation>Program error</translation>
    </message>
    <message>
        <location filename="../../gui/errors.py" line="137"/>
        <source>程序遇到了意外错误。您的修改已记录在项目中；可以继续工作，建议保存后重新启动。</source>
        <translation>The program hit an unexpected error. Your corrections are recorded; you can go on, but saving and restarting is advised.</translation>
    </message>
    <message>
        <location filename="../../gui/errors.py" line="140"/>
        <source>日志文件：%s</source>
        <translation>Log file: %s</translation>
    </message>
    <message>
        <location filename="../../gui/errors.py" line="144"/>
        <source>复制详细信息</source>
        <translation>Copy details</translation>
    </message>
</context>
<context>
    <name>EditCommand</name>
    <message>
        <location filename="../../gui/undo_commands.py" line="29"/>
        <source>机关名称</source>
        <translation>Agency</translation>
    </message>
    <message>
        <location filename="../../gui/undo_commands.py" line="30"/>
        <source>报告年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../gui/undo_commands.py" line="31"/>
        <source>发布日期</source>
        <translation>Published</translation>
    </message>
    <message>
        <location filename="../../gui/undo_commands.py" line="32"/>
        <source>索引号</source>
        <translation>Index No.</translation>
    </message>
    <message>
        <location filename="../../gui/undo_commands.py" line="33"/>
        <source>模板版本</source>
        <translation>Template</translation>
    </message>
    <message>
        <location filename="../../gui/undo_commands.py" line="34"/>
        <source>发布机构</source>
        <translation>Publisher</translation>
    </message>
    <message>
        <location filename="../../gui/undo_commands.py" line="35"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../gui/undo_commands.py" line="38"/>
        <source>第一部分</source>
        <translation>Part 1</translation>
    </message>
    <message>
        <location filename="../../gui/undo_commands.py" line="39"/>
        <source>第二部分</source>
        <translation>Part 2</translation>
    </message>
    <message>
        <location filename="../../gui/undo_commands.py" line="40"/>
        <source>第三部分</source>
        <translation>Part 3</translation>
    </message>
    <message>
        <location filename="../../gui/undo_commands.py" line="41"/>
        <source>第四部分</source>
        <translation>Part 4</translation>
    </message>
    <message>
        <location filename="../../gui/undo_commands.py" line="42"/>
        <source>第五部分</source>
        <translation>Part 5</translation>
    </message>
    <message>
        <location filename="../../gui/undo_commands.py" line="43"/>
        <source>第六部分</source>
        <translation>Part 6</translation>
    </message>
    <message>
        <location filename="../../gui/undo_commands.py" line="61"/>
        <location filename="../../gui/undo_commands.py" line="67"/>
        <source>空</source>
        <translation>empty</translation>
    </message>
    <message>
        <location filename="../../gui/undo_commands.py" line="74"/>
        <source>“%1”部分</source>
        <translation>part &quot;%1&quot;</translation>
    </message>
    <message>
        <location filename="../../gui/undo_commands.py" line="79"/>
        <source>%1 “%2” 行</source>
        <translation>%1 row &quot;%2&quot;</translation>
    </message>
    <message>
        <location filename="../../gui/undo_commands.py" line="90"/>
        <source>%1 等 %2 处</source>
        <translation>%1 and others (%2 places)</translation>
    </message>
    <message>
        <location filename="../../gui/undo_commands.py" line="102"/>
        <source>恢复为原文数值 %1：%2 → %3</source>
        <translation>Revert %1 to printed value: %2 → %3</translation>
    </message>
    <message>
        <location filename="../../gui/undo_commands.py" line="108"/>
        <source>恢复%1为原文</source>
        <translation>Revert %1 to printed</translation>
    </message>
    <message>
        <location filename="../../gui/undo_commands.py" line="109"/>
        <source>修改%1</source>
        <translation>Change %1</translation>
    </message>
    <message>
        <location filename="../../gui/undo_commands.py" line="113"/>
        <source>恢复%1的原起点</source>
        <translation>Restore the original start of %1</translation>
    </message>
    <message>
        <location filename="../../gui/undo_commands.py" line="114"/>
        <source>移动%1的起点</source>
        <translation>Move the start of %1</translation>
    </message>
    <message>
        <location filename="../../gui/undo_commands.py" line="118"/>
        <source>恢复 %1的原行标签</source>
        <translation>Restore the original label of %1</translation>
    </message>
    <message>
        <location filename="../../gui/undo_commands.py" line="120"/>
        <source>将 %1改为 “%2” 行</source>
        <translation>Relabel %1 as row &quot;%2&quot;</translation>
    </message>
    <message>
        <location filename="../../gui/undo_commands.py" line="124"/>
        <source>取消确认 %1</source>
        <translation>Withdraw confirmation of %1</translation>
    </message>
    <message>
        <location filename="../../gui/undo_commands.py" line="125"/>
        <source>确认与原文一致 %1</source>
        <translation>Confirm as printed: %1</translation>
    </message>
    <message>
        <location filename="../../gui/undo_commands.py" line="128"/>
        <source>标记为已审核</source>
        <translation>Mark as Reviewed</translation>
    </message>
    <message>
        <location filename="../../gui/undo_commands.py" line="129"/>
        <source>取消已审核标记</source>
        <translation>Unmark as Reviewed</translation>
    </message>
    <message>
        <location filename="../../gui/undo_commands.py" line="130"/>
        <source>修改</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../gui/undo_commands.py" line="135"/>
        <source>修改 %1：%2 → %3</source>
        <translation>Change %1: %2 → %3</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="68"/>
        <location filename="../../gui/dialogs/export_dialog.py" line="124"/>
        <source>导出汇总</source>
        <translation>Export Summary</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="69"/>
        <source>政府信息公开年报汇总.xlsx</source>
        <translation>ogi-report-summary.xlsx</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="72"/>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="77"/>
        <source>每份报告加一张按国家格式排版的工作表</source>
        <translation>Add one sheet per report in the national layout</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="79"/>
        <source>数据不完整的报告也计入汇总（会标明）</source>
        <translation>Count incomplete reports in the summary too (they are marked)</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="85"/>
        <source>不另分</source>
        <translation>No further split</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="85"/>
        <source>按地区另加汇总表</source>
        <translation>One more summary sheet per region</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="85"/>
        <source>按层级另加汇总表</source>
        <translation>One more summary sheet per level</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="90"/>
        <source>未载入（在“汇总”菜单中载入后可列出未报送的机关）</source>
        <translation>Not loaded (load one from the Summary menu to list agencies that have not reported)</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="94"/>
        <source>例如：某某市人民政府办公室</source>
        <translation>e.g. the general office of the city government</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="96"/>
        <source>写入“修改记录”的修改人</source>
        <translation>Written as the reviser in the corrections sheet</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="99"/>
        <source>打开所在文件夹</source>
        <translation>Open its folder</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="99"/>
        <source>打开工作簿</source>
        <translation>Open the workbook</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="99"/>
        <source>不打开</source>
        <translation>Open nothing</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="104"/>
        <source>导出到</source>
        <translation>Export to</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="105"/>
        <source>机关名录</source>
        <translation>Agency directory</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="106"/>
        <source>分组汇总</source>
        <translation>Grouping</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="109"/>
        <source>汇总单位</source>
        <translation>Compiling office</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="110"/>
        <source>审核人</source>
        <translation>Reviewer</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="111"/>
        <source>导出后</source>
        <translation>After export</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="113"/>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="114"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <location filename="../../gui/findings/findings_panel.py" line="38"/>
        <source>级别</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location filename="../../gui/findings/findings_panel.py" line="39"/>
        <source>问题</source>
        <translation>Findings</translation>
    </message>
    <message>
        <location filename="../../gui/findings/findings_panel.py" line="40"/>
        <location filename="../../gui/findings/findings_panel.py" line="54"/>
        <source>已确认</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <location filename="../../gui/findings/findings_panel.py" line="43"/>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../gui/findings/findings_panel.py" line="44"/>
        <source>警告</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../../gui/findings/findings_panel.py" line="45"/>
        <source>提示</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../gui/findings/findings_panel.py" line="49"/>
        <source>全部问题</source>
        <translation>All Findings</translation>
    </message>
    <message>
        <location filename="../../gui/findings/findings_panel.py" line="50"/>
        <source>未解决</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../gui/findings/findings_panel.py" line="51"/>
        <source>仅错误</source>
        <translation>Errors Only</translation>
    </message>
    <message>
        <location filename="../../gui/findings/findings_panel.py" line="52"/>
        <source>仅警告</source>
        <translation>Warnings Only</translation>
    </message>
    <message>
        <location filename="../../gui/findings/findings_panel.py" line="53"/>
        <source>仅提示</source>
        <translation>Notes Only</translation>
    </message>
    <message>
        <location filename="../../gui/findings/findings_panel.py" line="107"/>
        <source>与原文一致：%1</source>
        <translation>As printed: %1</translation>
    </message>
    <message>
        <location filename="../../gui/findings/findings_panel.py" line="108"/>
        <source>与原文一致</source>
        <translation>As printed</translation>
    </message>
    <message>
        <location filename="../../gui/findings/findings_panel.py" line="121"/>
        <source>建议：</source>
        <translation>Suggestion: </translation>
    </message>
    <message>
        <location filename="../../gui/findings/findings_panel.py" line="122"/>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../gui/findings/findings_panel.py" line="130"/>
        <source>已确认与原文一致</source>
        <translation>Confirmed as printed</translation>
    </message>
    <message>
        <location filename="../../gui/findings/findings_panel.py" line="132"/>
        <source>（%1）</source>
        <translation> (%1)</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <location filename="../../gui/findings/findings_panel.py" line="197"/>
        <location filename="../../gui/findings/findings_panel.py" line="384"/>
        <source>确认与原文一致…</source>
        <translation>Confirm as printed…</translation>
    </message>
    <message>
        <location filename="../../gui/findings/findings_panel.py" line="199"/>
        <source>原文确实如此印刷：记录确认及说明，不再作为未解决问题（可撤销）</source>
        <translation>The document really prints this: record a confirmation with a note; no longer an open finding (undoable)</translation>
    </message>
    <message>
        <location filename="../../gui/findings/findings_panel.py" line="205"/>
        <source>按级别或确认状态筛选问题</source>
        <translation>Filter the findings by severity or confirmation</translation>
    </message>
    <message>
        <location filename="../../gui/findings/findings_panel.py" line="209"/>
        <source>只看某一类问题</source>
        <translation>Show one kind of finding only</translation>
    </message>
    <message>
        <location filename="../../gui/findings/findings_panel.py" line="213"/>
        <location filename="../../gui/findings/findings_panel.py" line="397"/>
        <source>采用建议</source>
        <translation>Apply Suggestion</translation>
    </message>
    <message>
        <location filename="../../gui/findings/findings_panel.py" line="215"/>
        <source>按问题中的建议更正数值（记为人工修改，可撤销）</source>
        <translation>Correct the values as the finding suggests (recorded as corrections, undoable)</translation>
    </message>
    <message>
        <location filename="../../gui/findings/findings_panel.py" line="218"/>
        <source>上一个</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location filename="../../gui/findings/findings_panel.py" line="219"/>
        <source>上一个未解决的问题（Shift+F8）</source>
        <translation>Previous open finding (Shift+F8)</translation>
    </message>
    <message>
        <location filename="../../gui/findings/findings_panel.py" line="221"/>
        <source>下一个</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../gui/findings/findings_panel.py" line="222"/>
        <source>下一个未解决的问题（F8）</source>
        <translation>Next open finding (F8)</translation>
    </message>
    <message>
        <location filename="../../gui/findings/findings_panel.py" line="276"/>
        <source>全部类别</source>
        <translation>All Kinds</translation>
    </message>
    <message>
        <location filename="../../gui/findings/findings_panel.py" line="337"/>
        <source>问题</source>
        <translation>Findings</translation>
    </message>
    <message>
        <location filename="../../gui/findings/findings_panel.py" line="340"/>
        <source>问题：%1 个错误，%2 个警告，%3 个已确认</source>
        <translation>Findings — errors: %1, warnings: %2, confirmed: %3</translation>
    </message>
    <message>
        <location filename="../../gui/findings/findings_panel.py" line="378"/>
        <source>转到</source>
        <translation>Go to</translation>
    </message>
    <message>
        <location filename="../../gui/findings/findings_panel.py" line="381"/>
        <source>撤销确认</source>
        <translation>Withdraw confirmation</translation>
    </message>
    <message>
        <location filename="../../gui/findings/findings_panel.py" line="391"/>
        <source>确认本报告中全部同类问题（%1 个）…</source>
        <translation>Confirm All of This Kind in This Report (%1)…</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <location filename="../../gui/dialogs/help_dialog.py" line="23"/>
        <source>回车</source>
        <translation>Enter</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/help_dialog.py" line="24"/>
        <source>统计表：确认输入并移到下一行的同一列</source>
        <translation>Tables: commit the value and move down the column</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/help_dialog.py" line="27"/>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/help_dialog.py" line="28"/>
        <source>统计表：所选单元格恢复为原文数值</source>
        <translation>Tables: revert the selected cells to the printed values</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/help_dialog.py" line="31"/>
        <source>Ctrl+C / Ctrl+V</source>
        <translation>Ctrl+C / Ctrl+V</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/help_dialog.py" line="32"/>
        <source>统计表：复制 / 从 Excel 粘贴一块数值（一步可撤销）</source>
        <translation>Tables: copy / paste a block of values from Excel (one undo step)</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/help_dialog.py" line="35"/>
        <source>回车 / Shift+回车</source>
        <translation>Enter / Shift+Enter</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/help_dialog.py" line="36"/>
        <source>确认对话框：确认 / 说明中换行</source>
        <translation>Confirm dialog: confirm / new line in the note</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/help_dialog.py" line="39"/>
        <source>Shift+F10 或菜单键</source>
        <translation>Shift+F10 or the Menu key</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/help_dialog.py" line="40"/>
        <source>报告列表、问题列表、统计表：右键菜单</source>
        <translation>Report list, findings, tables: context menu</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/help_dialog.py" line="60"/>
        <source>&lt;h3&gt;一天的审核怎么做&lt;/h3&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;打开&lt;/b&gt;：文件 › 打开文件夹（Ctrl+Shift+O）读入一批报告；读取进度和“取消”在状态栏。无法读取的文件列在报告列表里，并说明原因。&lt;/li&gt;&lt;li&gt;&lt;b&gt;逐个问题核对&lt;/b&gt;：按 F8 转到下一个未解决的问题（Shift+F8 上一个），会自动切换报告。问题涉及的单元格在统计表中选中，原文中的出处高亮显示；PDF 报告同时在页面上框出位置。&lt;/li&gt;&lt;li&gt;&lt;b&gt;更正&lt;/b&gt;：识别错误时直接在统计表中输入正确数值（回车确认并下移）；Ctrl+Z 撤销。原文确实如此印刷时，用“确认与原文一致”（Ctrl+Shift+K）记录说明，问题不再计为未解决。&lt;/li&gt;&lt;li&gt;&lt;b&gt;标记已审核&lt;/b&gt;：Ctrl+Shift+R。仍有未解决的错误时会先询问；状态栏仍把它计为“有错误”。&lt;/li&gt;&lt;li&gt;&lt;b&gt;汇总与导出&lt;/b&gt;：导出当前报告（Ctrl+E）或汇总（Ctrl+Shift+E）。&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;所有修改都随时自动保存在审核项目（或自动工作区）中；程序意外退出后重新启动即可继续。&lt;/p&gt;</source>
        <translation>&lt;h3&gt;A day of review&lt;/h3&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;Open&lt;/b&gt;: File › Open Folder (Ctrl+Shift+O) reads a batch of reports; the progress and Cancel are in the status bar. Files that cannot be read are listed with the reason.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Go through the findings&lt;/b&gt;: F8 goes to the next open finding (Shift+F8 the previous one), switching reports as needed. The finding&apos;s cells are selected in the tables and their source is highlighted; for a PDF the place is also boxed on the page.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Correct&lt;/b&gt;: when a value was misread, type the right one in the table (Enter commits and moves down); Ctrl+Z undoes. When the document really prints it, use Confirm as Printed (Ctrl+Shift+K) with a note; the finding no longer counts as open.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Mark as reviewed&lt;/b&gt;: Ctrl+Shift+R. With open errors you are asked first; the status bar still counts the report as having errors.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Summary and export&lt;/b&gt;: export the current report (Ctrl+E) or the summary (Ctrl+Shift+E).&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;Every change is saved as you make it in the review project (or the automatic workspace); after an unexpected exit just start the program again to go on.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/help_dialog.py" line="83"/>
        <source>使用说明</source>
        <translation>User Guide</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/help_dialog.py" line="83"/>
        <source>键盘快捷键</source>
        <translation>Keyboard Shortcuts</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/help_dialog.py" line="97"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gui/app.py" line="67"/>
        <location filename="../../gui/main_window/window.py" line="83"/>
        <source>政府信息公开年报审核</source>
        <translation>OGI Annual Report Review</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="41"/>
        <source>打开文件…</source>
        <translation>Open Files…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="45"/>
        <source>打开一个或多个报告文件（Ctrl+O）</source>
        <translation>Open one or more report files (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="48"/>
        <source>打开文件夹…</source>
        <translation>Open Folder…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="52"/>
        <source>打开文件夹中的全部报告（Ctrl+Shift+O）</source>
        <translation>Open every report in a folder (Ctrl+Shift+O)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="55"/>
        <source>导出当前报告…</source>
        <translation>Export Current Report…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="59"/>
        <source>按官方表格格式把当前报告导出为 Excel（Ctrl+E）</source>
        <translation>Export the current report to Excel in the official layout (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="62"/>
        <source>导出汇总…</source>
        <translation>Export Summary…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="66"/>
        <source>把全部已打开的报告汇总导出为 Excel（Ctrl+Shift+E）</source>
        <translation>Export a summary of all open reports to Excel (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="69"/>
        <source>关闭当前报告</source>
        <translation>Close Current Report</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="72"/>
        <location filename="../../gui/main_window/window.py" line="784"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="75"/>
        <source>取消读取</source>
        <translation>Cancel Loading</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="77"/>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="80"/>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="86"/>
        <source>下一个问题</source>
        <translation>Next Finding</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="90"/>
        <source>下一个未解决的问题（F8）</source>
        <translation>Next open finding (F8)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="93"/>
        <source>上一个问题</source>
        <translation>Previous Finding</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="97"/>
        <source>上一个未解决的问题（Shift+F8）</source>
        <translation>Previous open finding (Shift+F8)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="100"/>
        <source>确认与原文一致…</source>
        <translation>Confirm as printed…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="106"/>
        <location filename="../../gui/main_window/window.py" line="624"/>
        <location filename="../../gui/main_window/window.py" line="628"/>
        <source>标记为已审核</source>
        <translation>Mark as Reviewed</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="113"/>
        <source>筛选报告</source>
        <translation>Filter Reports</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="116"/>
        <source>在原文中查找</source>
        <translation>Find in Source Text</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="121"/>
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="125"/>
        <source>报告列表</source>
        <translation>Report List</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="126"/>
        <source>原文</source>
        <translation>Source Text</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="127"/>
        <source>统计表</source>
        <translation>Statistics Tables</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="128"/>
        <source>问题列表</source>
        <translation>Findings List</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="129"/>
        <source>机关名称</source>
        <translation>Agency</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="133"/>
        <location filename="../../gui/main_window/menus.py" line="259"/>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="135"/>
        <source>键盘快捷键</source>
        <translation>Keyboard Shortcuts</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="138"/>
        <source>使用说明</source>
        <translation>User Guide</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="145"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="148"/>
        <source>最近打开的文件</source>
        <translation>Recent Files</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="159"/>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="167"/>
        <source>审核(&amp;R)</source>
        <translation>&amp;Review</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="172"/>
        <source>转到(&amp;G)</source>
        <translation>&amp;Go</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="175"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="182"/>
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="199"/>
        <source>%p%</source>
        <translation>%p%</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="202"/>
        <location filename="../../gui/main_window/window.py" line="615"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/load_export.py" line="36"/>
        <source>打开报告文件</source>
        <translation>Open Report Files</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/load_export.py" line="38"/>
        <source>报告文件 (%1)</source>
        <translation>Report files (%1)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/load_export.py" line="45"/>
        <source>打开文件夹</source>
        <translation>Open Folder</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/load_export.py" line="61"/>
        <source>正在读取上一批文件，请稍候或先取消。</source>
        <translation>Still reading the previous batch; wait or cancel it first.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/load_export.py" line="78"/>
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/load_export.py" line="89"/>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/load_export.py" line="133"/>
        <source>已打开 %1 份</source>
        <translation>Open: %1</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/load_export.py" line="139"/>
        <source>已打开 %1 份报告</source>
        <translation>Reports open: %1</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/load_export.py" line="145"/>
        <source>已取消读取；已打开 %1 份报告</source>
        <translation>Loading cancelled; reports open: %1</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/load_export.py" line="158"/>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/load_export.py" line="167"/>
        <source>部分文件无法读取</source>
        <translation>Some files could not be read</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/load_export.py" line="168"/>
        <source>以下 %1 个文件无法读取，其余文件已打开：</source>
        <translation>These %1 files could not be read; the others are open:</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/load_export.py" line="185"/>
        <source>%1%2年度报告审核.xlsx</source>
        <translation>%1%2-review.xlsx</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/window.py" line="335"/>
        <source>没有未解决的问题。</source>
        <translation>No open findings.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/window.py" line="365"/>
        <location filename="../../gui/main_window/window.py" line="387"/>
        <location filename="../../gui/main_window/window.py" line="459"/>
        <location filename="../../gui/main_window/window.py" line="513"/>
        <source>项目以只读方式打开，不能修改；可用“项目另存为”得到可编辑的副本。</source>
        <translation>The project is open read-only; use &quot;Save Project As&quot; for an editable copy.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/load_export.py" line="186"/>
        <source>导出当前报告</source>
        <translation>Export Current Report</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/load_export.py" line="229"/>
        <location filename="../../gui/main_window/load_export.py" line="231"/>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/load_export.py" line="238"/>
        <source>已导出：%1</source>
        <translation>Exported: %1</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/export_dialog.py" line="124"/>
        <location filename="../../gui/main_window/load_export.py" line="265"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="236"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="237"/>
        <source>界面语言将在重新启动程序后生效。</source>
        <translation>The interface language takes effect after a restart.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="260"/>
        <source>政府信息公开年报审核
读取、核对并汇总政府信息公开工作年度报告。</source>
        <translation>OGI Annual Report Review
Reads, checks and summarises government information disclosure annual reports.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/menus.py" line="218"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/window.py" line="390"/>
        <source>采用建议：%1</source>
        <translation>Suggestion applied: %1</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/window.py" line="400"/>
        <source>建议的数值与当前数值相同。</source>
        <translation>The suggested values are already the current ones.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/window.py" line="402"/>
        <source>采用建议（%1 个单元格）</source>
        <translation>Apply suggestion (%1 cells)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/window.py" line="430"/>
        <source>确认 %1 个同类问题与原文一致</source>
        <translation>Confirm %1 findings of one kind as printed</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/window.py" line="449"/>
        <source>本报告已没有未解决的问题，可按 Ctrl+Shift+R 标记为已审核；F8 转到下一份报告。</source>
        <translation>No open findings left in this report: Ctrl+Shift+R marks it as reviewed; F8 goes on to the next report.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/window.py" line="477"/>
        <source>已将 %1 份报告标记为已审核</source>
        <translation>Marked %1 reports as reviewed</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/window.py" line="506"/>
        <source>已关闭 %1 份报告</source>
        <translation>Closed %1 reports</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/window.py" line="525"/>
        <source>只读：此项目正在别处打开，这里只能查看，不能修改。要修改，请用“文件 › 项目另存为…”得到可编辑的副本。</source>
        <translation>Read-only: this project is open elsewhere; here you can look but not change. To make changes, use File › Save Project As… for an editable copy.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/window.py" line="551"/>
        <source>未标记为已审核：本报告还有未解决的错误。</source>
        <translation>Not marked as reviewed: this report still has open errors.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/window.py" line="610"/>
        <source>新建项目</source>
        <translation>New Project</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/window.py" line="611"/>
        <source>当前打开了 %1 份报告。新项目要包含它们及其修改吗？</source>
        <translation>%1 reports are open. Should the new project include them and their corrections?</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/window.py" line="612"/>
        <source>选“空白项目”时，当前的报告和修改仍保留在原来的项目或工作区中。</source>
        <translation>With “Empty Project” the open reports and corrections stay in their current project or workspace.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/window.py" line="613"/>
        <source>包含当前报告</source>
        <translation>Include Open Reports</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/window.py" line="614"/>
        <source>空白项目</source>
        <translation>Empty Project</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/window.py" line="630"/>
        <source>本报告还有 %1 个未解决的错误。

仍要标记为已审核吗？标记后状态栏仍将其计为“有错误”，直到错误被更正或确认与原文一致。</source>
        <translation>This report still has %1 open errors.

Mark it as reviewed anyway? The status bar keeps counting it as having errors until they are corrected or confirmed as printed.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/window.py" line="675"/>
        <source>共 %1 份报告，%2 份有错误，%3 份已审核</source>
        <translation>Reports: %1 · with errors: %2 · reviewed: %3</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/window.py" line="682"/>
        <source>，%1 份为重复（不计入汇总）</source>
        <translation> · duplicates not counted in the summary: %1</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/window.py" line="684"/>
        <source>，%1 份无法读取</source>
        <translation> · unreadable: %1</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/window.py" line="785"/>
        <source>有尚未导出或保存的修改。确定要退出吗？</source>
        <translation>There are corrections not yet exported or saved. Quit anyway?</translation>
    </message>
    <message>
        <location filename="../../gui/app.py" line="97"/>
        <source>文件不存在</source>
        <translation>File not found</translation>
    </message>
    <message>
        <location filename="../../gui/app.py" line="98"/>
        <source>找不到以下文件：</source>
        <translation>These files were not found:</translation>
    </message>
    <message>
        <location filename="../../gui/app.py" line="132"/>
        <source>已打开上次的审核项目“%1”：之前的修改都已保存在其中。</source>
        <translation>Reopened last time&apos;s review project “%1”: your earlier changes are saved in it.</translation>
    </message>
    <message>
        <location filename="../../gui/app.py" line="175"/>
        <source>恢复上次的工作</source>
        <translation>Restore last session</translation>
    </message>
    <message>
        <location filename="../../gui/app.py" line="176"/>
        <source>上次审核的 %1 份报告及其修改已自动保存。要恢复吗？

选“否”将另起一个空白工作区，上次的内容保留在数据文件夹中，不会删除。</source>
        <translation>The %1 reports you were reviewing last time, with all your corrections, were saved automatically. Restore them?

Choose No to start an empty workspace; last time&apos;s work stays in the data folder and is not deleted.</translation>
    </message>
    <message>
        <location filename="../../gui/app.py" line="189"/>
        <source>已恢复上次的工作：修改会随时自动保存。</source>
        <translation>Last session restored. Every change is saved as you make it.</translation>
    </message>
</context>
<context>
    <name>MetadataPanel</name>
    <message>
        <location filename="../../gui/metadata/metadata_panel.py" line="15"/>
        <source>2021版</source>
        <translation>2021 format</translation>
    </message>
    <message>
        <location filename="../../gui/metadata/metadata_panel.py" line="16"/>
        <source>2019版</source>
        <translation>2019 format</translation>
    </message>
    <message>
        <location filename="../../gui/metadata/metadata_panel.py" line="17"/>
        <source>旧版</source>
        <translation>Legacy</translation>
    </message>
    <message>
        <location filename="../../gui/metadata/metadata_panel.py" line="18"/>
        <source>未识别</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <location filename="../../gui/metadata/metadata_panel.py" line="21"/>
        <source>机关名称</source>
        <translation>Agency</translation>
    </message>
    <message>
        <location filename="../../gui/metadata/metadata_panel.py" line="22"/>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../gui/metadata/metadata_panel.py" line="23"/>
        <source>模板</source>
        <translation>Template</translation>
    </message>
    <message>
        <location filename="../../gui/metadata/metadata_panel.py" line="24"/>
        <source>发布日期</source>
        <translation>Published</translation>
    </message>
    <message>
        <location filename="../../gui/metadata/metadata_panel.py" line="67"/>
        <source>已审核</source>
        <translation>Reviewed</translation>
    </message>
    <message>
        <location filename="../../gui/metadata/metadata_panel.py" line="69"/>
        <source>标记本报告已审核完毕（可撤销）</source>
        <translation>Mark this report as fully reviewed (undoable)</translation>
    </message>
    <message>
        <location filename="../../gui/metadata/metadata_panel.py" line="140"/>
        <source>已手工修改；解析结果：%1</source>
        <translation>Corrected by hand; as parsed: %1</translation>
    </message>
</context>
<context>
    <name>NumericDelegate</name>
    <message>
        <location filename="../../gui/stat_tables/numeric_delegate.py" line="39"/>
        <source>空 = 原文数值</source>
        <translation>empty = printed value</translation>
    </message>
</context>
<context>
    <name>PdfPageView</name>
    <message>
        <location filename="../../gui/source_view/pdf_page_view.py" line="162"/>
        <location filename="../../gui/source_view/pdf_page_view.py" line="216"/>
        <source>没有打开 PDF 文件</source>
        <translation>No PDF file open</translation>
    </message>
    <message>
        <location filename="../../gui/source_view/pdf_page_view.py" line="171"/>
        <source>上一页</source>
        <translation>Previous Page</translation>
    </message>
    <message>
        <location filename="../../gui/source_view/pdf_page_view.py" line="172"/>
        <source>下一页</source>
        <translation>Next Page</translation>
    </message>
    <message>
        <location filename="../../gui/source_view/pdf_page_view.py" line="175"/>
        <source>页码</source>
        <translation>Page</translation>
    </message>
    <message>
        <location filename="../../gui/source_view/pdf_page_view.py" line="178"/>
        <source>缩小</source>
        <translation>Zoom Out</translation>
    </message>
    <message>
        <location filename="../../gui/source_view/pdf_page_view.py" line="179"/>
        <source>放大</source>
        <translation>Zoom In</translation>
    </message>
    <message>
        <location filename="../../gui/source_view/pdf_page_view.py" line="180"/>
        <source>适合宽度</source>
        <translation>Fit Width</translation>
    </message>
    <message>
        <location filename="../../gui/source_view/pdf_page_view.py" line="230"/>
        <source>无法打开 PDF 文件“%1”：文件损坏或不是 PDF。</source>
        <translation>Cannot open the PDF file &quot;%1&quot;: it is damaged or not a PDF.</translation>
    </message>
    <message>
        <location filename="../../gui/source_view/pdf_page_view.py" line="234"/>
        <source>PDF 文件“%1”没有页面。</source>
        <translation>The PDF file &quot;%1&quot; has no pages.</translation>
    </message>
    <message>
        <location filename="../../gui/source_view/pdf_page_view.py" line="251"/>
        <source>无法打开图片文件“%1”：文件损坏或不是可识别的图片格式。</source>
        <translation>Cannot open the image file &quot;%1&quot;: it is damaged or not an image format we can read.</translation>
    </message>
    <message>
        <location filename="../../gui/source_view/pdf_page_view.py" line="388"/>
        <source>无法显示第 %1 页。</source>
        <translation>Cannot show page %1.</translation>
    </message>
    <message>
        <location filename="../../gui/source_view/pdf_page_view.py" line="410"/>
        <source>/ %1 页</source>
        <translation>of %1</translation>
    </message>
</context>
<context>
    <name>ProjectSession</name>
    <message>
        <location filename="../../gui/main_window/project_session.py" line="91"/>
        <source>〔只读〕</source>
        <translation> [read-only]</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/project_session.py" line="151"/>
        <source>无法创建数据文件夹“%1”：%2。修改将不会自动保存。</source>
        <translation>Cannot create the data folder “%1”: %2. Changes will not be saved automatically.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/project_session.py" line="173"/>
        <source>无法创建自动保存的工作区，修改将不会自动保存；请用“新建项目”保存工作。</source>
        <translation>Cannot create the automatic workspace, so changes will not be saved automatically. Use New Project to save your work.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/project_session.py" line="243"/>
        <source>项目已以只读方式打开。</source>
        <translation> The project was opened read-only.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/project_session.py" line="250"/>
        <source>当前没有打开的审核项目，无法另存为。</source>
        <translation>No review project is open, so there is nothing to save as.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/project_session.py" line="364"/>
        <source>审核项目“%1”正由用户“%2”（计算机 %3）自 %4 起打开，为避免修改互相覆盖，只能以只读方式查看。</source>
        <translation>The review project “%1” has been open by user “%2” (computer %3) since %4; to keep changes from overwriting each other it can only be viewed read-only.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/project_menus.py" line="51"/>
        <source>审核项目 (*%1)</source>
        <translation>Review projects (*%1)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/project_menus.py" line="59"/>
        <source>未命名项目（自动保存）</source>
        <translation>Untitled project (saved automatically)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/project_menus.py" line="84"/>
        <source>新建项目</source>
        <translation>New Project</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/project_menus.py" line="95"/>
        <source>已新建项目，修改会随时自动保存。</source>
        <translation>Project created; corrections are saved automatically.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/project_menus.py" line="100"/>
        <source>打开项目</source>
        <translation>Open Project</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/project_menus.py" line="111"/>
        <source>当前没有打开的项目。</source>
        <translation>No project is open.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/project_menus.py" line="113"/>
        <source>项目另存为</source>
        <translation>Save Project As</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/project_menus.py" line="125"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/project_menus.py" line="166"/>
        <source>新建项目…</source>
        <translation>New Project…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/project_menus.py" line="167"/>
        <source>打开项目…</source>
        <translation>Open Project…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/project_menus.py" line="168"/>
        <source>项目另存为…</source>
        <translation>Save Project As…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/project_menus.py" line="175"/>
        <source>把当前打开的报告和修改保存到一个新的审核项目文件，之后每次修改都会立即保存</source>
        <translation>Save the open reports and corrections to a new review project file; later corrections are saved at once</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/project_menus.py" line="183"/>
        <source>最近的项目</source>
        <translation>Recent Projects</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/project_menus.py" line="188"/>
        <location filename="../../gui/main_window/project_menus.py" line="246"/>
        <source>审核项目</source>
        <translation>Review Project</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/project_menus.py" line="238"/>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/project_menus.py" line="241"/>
        <source>%1：原文数值 %2 → %3，更正值 %4</source>
        <translation>%1: printed value %2 → %3, corrected value %4</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/project_menus.py" line="256"/>
        <source>读取项目文件夹以外的文件</source>
        <translation>Read files outside the project folder</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/project_menus.py" line="259"/>
        <source>审核项目“%1”中有 %2 份报告的源文件位于项目文件夹之外：

%3

只有信任这个项目的来源时才应允许。允许读取这些文件吗？
（不允许：不读取这些文件，显示项目中保存的解析结果。）</source>
        <translation>In review project “%1”, the source files of %2 reports lie outside the project folder:

%3

Allow this only if you trust where the project came from. Read these files?
(No: the files are not read; the parse results saved in the project are shown.)</translation>
    </message>
</context>
<context>
    <name>ReportListModel</name>
    <message>
        <location filename="../../gui/report_list/report_list.py" line="39"/>
        <source>2021版</source>
        <translation>2021</translation>
    </message>
    <message>
        <location filename="../../gui/report_list/report_list.py" line="40"/>
        <source>2019版</source>
        <translation>2019</translation>
    </message>
    <message>
        <location filename="../../gui/report_list/report_list.py" line="41"/>
        <source>旧版</source>
        <translation>Old</translation>
    </message>
    <message>
        <location filename="../../gui/report_list/report_list.py" line="42"/>
        <source>未识别</source>
        <translation>?</translation>
    </message>
    <message>
        <location filename="../../gui/report_list/report_list.py" line="45"/>
        <source>无法读取</source>
        <translation>Unreadable</translation>
    </message>
    <message>
        <location filename="../../gui/report_list/report_list.py" line="46"/>
        <location filename="../../gui/report_list/report_list.py" line="248"/>
        <source>已审核</source>
        <translation>Reviewed</translation>
    </message>
    <message>
        <location filename="../../gui/report_list/report_list.py" line="47"/>
        <source>有错误</source>
        <translation>Errors</translation>
    </message>
    <message>
        <location filename="../../gui/report_list/report_list.py" line="48"/>
        <source>有警告</source>
        <translation>Warnings</translation>
    </message>
    <message>
        <location filename="../../gui/report_list/report_list.py" line="49"/>
        <source>无问题</source>
        <translation>Clean</translation>
    </message>
    <message>
        <location filename="../../gui/report_list/report_list.py" line="53"/>
        <source>机关</source>
        <translation>Agency</translation>
    </message>
    <message>
        <location filename="../../gui/report_list/report_list.py" line="54"/>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../gui/report_list/report_list.py" line="55"/>
        <source>模板</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../gui/report_list/report_list.py" line="56"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../gui/report_list/report_list.py" line="57"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../gui/report_list/report_list.py" line="58"/>
        <source>重复</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <location filename="../../gui/report_list/report_list.py" line="207"/>
        <source>%1 个错误，%2 个警告，%3 个已确认</source>
        <translation>Errors: %1, warnings: %2, confirmed: %3</translation>
    </message>
    <message>
        <location filename="../../gui/report_list/report_list.py" line="213"/>
        <source>未计入汇总：%1</source>
        <translation>Not counted in the summary: %1</translation>
    </message>
    <message>
        <location filename="../../gui/report_list/report_list.py" line="223"/>
        <source>同一机关同一年度的 %1 份报告（✓ 计入汇总）：</source>
        <translation>%1 reports of the same agency and year (✓ counted in the summary):</translation>
    </message>
    <message>
        <location filename="../../gui/report_list/report_list.py" line="234"/>
        <source>重复，不计入（共 %1 份）</source>
        <translation>Duplicate, not counted (%1 in all)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/window.py" line="240"/>
        <location filename="../../gui/report_list/report_list.py" line="237"/>
        <source>✓ 代表（共 %1 份）</source>
        <translation>✓ Counted (%1 in all)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window/window.py" line="738"/>
        <location filename="../../gui/report_list/report_list.py" line="250"/>
        <source>错误 %1</source>
        <translation>Errors: %1</translation>
    </message>
    <message>
        <location filename="../../gui/report_list/report_list.py" line="252"/>
        <source>警告 %1</source>
        <translation>Warnings: %1</translation>
    </message>
    <message>
        <location filename="../../gui/report_list/report_list.py" line="255"/>
        <source>，</source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>ReportListWidget</name>
    <message>
        <location filename="../../gui/report_list/report_list.py" line="322"/>
        <source>筛选：机关、年度、状态、文件名（Ctrl+F）</source>
        <translation>Filter: agency, year, status, file name (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../gui/report_list/report_list.py" line="409"/>
        <source>关闭所选报告（%1 份）</source>
        <translation>Close Selected Reports (%1)</translation>
    </message>
    <message>
        <location filename="../../gui/report_list/report_list.py" line="415"/>
        <source>计入汇总（代替同一机关同一年度的另一份）</source>
        <translation>Count in Summary (instead of the other one of this agency and year)</translation>
    </message>
    <message>
        <location filename="../../gui/report_list/report_list.py" line="421"/>
        <source>选中全部重复（%1 份）</source>
        <translation>Select All Duplicates (%1)</translation>
    </message>
    <message>
        <location filename="../../gui/report_list/report_list.py" line="424"/>
        <source>标记所选为已审核（%1 份）</source>
        <translation>Mark Selected as Reviewed (%1)</translation>
    </message>
    <message>
        <location filename="../../gui/report_list/report_list.py" line="428"/>
        <source>复制文件路径</source>
        <translation>Copy File Paths</translation>
    </message>
    <message>
        <location filename="../../gui/report_list/report_list.py" line="432"/>
        <source>全选</source>
        <translation>Select All</translation>
    </message>
</context>
<context>
    <name>RowRemapDialog</name>
    <message>
        <location filename="../../gui/dialogs/row_remap_dialog.py" line="44"/>
        <source>空</source>
        <translation>empty</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/row_remap_dialog.py" line="47"/>
        <source>（原文此行没有读到数值）</source>
        <translation>(no values were read in this row)</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/row_remap_dialog.py" line="48"/>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/row_remap_dialog.py" line="77"/>
        <source>更正行标签</source>
        <translation>Correct Row Label</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/row_remap_dialog.py" line="82"/>
        <source>原文此行被识别为 %1 “%2”。
原文数值：%3
如果这些数值实际属于另一行，请在下面选择正确的行：</source>
        <translation>This row was read as %1 &quot;%2&quot;.
Printed values: %3
If these values really belong to another row, choose the correct row below:</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/row_remap_dialog.py" line="92"/>
        <source>%1（原识别）</source>
        <translation>%1 (as read)</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/row_remap_dialog.py" line="136"/>
        <source>注意：“%1”行原文也有数值，两行数值会重叠。如果是两行标签互换，请再把那一行改到本行。</source>
        <translation>Note: row &quot;%1&quot; has printed values of its own, so the two rows would overlap. If the two labels are swapped, move that row to this one as well.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="17"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="24"/>
        <source>程序出错时显示错误报告对话框</source>
        <translation>Show an error report dialog when the program fails</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="27"/>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="28"/>
        <source>更改语言后需重新启动程序才能生效。</source>
        <translation>A language change takes effect after a restart.</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="31"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="32"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SourceView</name>
    <message>
        <location filename="../../gui/source_view/source_view.py" line="30"/>
        <source>第一部分 总体情况</source>
        <translation>Part 1 Overview</translation>
    </message>
    <message>
        <location filename="../../gui/source_view/source_view.py" line="31"/>
        <source>第二部分 主动公开政府信息情况</source>
        <translation>Part 2 Proactive disclosure</translation>
    </message>
    <message>
        <location filename="../../gui/source_view/source_view.py" line="32"/>
        <source>第三部分 收到和处理政府信息公开申请情况</source>
        <translation>Part 3 Requests received and handled</translation>
    </message>
    <message>
        <location filename="../../gui/source_view/source_view.py" line="33"/>
        <source>第四部分 政府信息公开行政复议、行政诉讼情况</source>
        <translation>Part 4 Administrative reconsideration and litigation</translation>
    </message>
    <message>
        <location filename="../../gui/source_view/source_view.py" line="34"/>
        <source>第五部分 存在的主要问题及改进情况</source>
        <translation>Part 5 Main problems and improvements</translation>
    </message>
    <message>
        <location filename="../../gui/source_view/source_view.py" line="35"/>
        <source>第六部分 其他需要报告的事项</source>
        <translation>Part 6 Other matters</translation>
    </message>
    <message>
        <location filename="../../gui/source_view/source_view.py" line="38"/>
        <source>设为第一部分开头</source>
        <translation>Make this the start of part 1</translation>
    </message>
    <message>
        <location filename="../../gui/source_view/source_view.py" line="39"/>
        <source>设为第二部分开头</source>
        <translation>Make this the start of part 2</translation>
    </message>
    <message>
        <location filename="../../gui/source_view/source_view.py" line="40"/>
        <source>设为第三部分开头</source>
        <translation>Make this the start of part 3</translation>
    </message>
    <message>
        <location filename="../../gui/source_view/source_view.py" line="41"/>
        <source>设为第四部分开头</source>
        <translation>Make this the start of part 4</translation>
    </message>
    <message>
        <location filename="../../gui/source_view/source_view.py" line="42"/>
        <source>设为第五部分开头</source>
        <translation>Make this the start of part 5</translation>
    </message>
    <message>
        <location filename="../../gui/source_view/source_view.py" line="43"/>
        <source>设为第六部分开头</source>
        <translation>Make this the start of part 6</translation>
    </message>
    <message>
        <location filename="../../gui/source_view/source_view.py" line="98"/>
        <source>部分</source>
        <translation>Part</translation>
    </message>
    <message>
        <location filename="../../gui/source_view/source_view.py" line="111"/>
        <source>显示原文</source>
        <translation>Show original text</translation>
    </message>
    <message>
        <location filename="../../gui/source_view/source_view.py" line="113"/>
        <source>显示文件的原始文字（未经繁简转换、去除拼音和页眉页脚等规范化处理）</source>
        <translation>Show the file&apos;s text as extracted (before script conversion, pinyin and header/footer removal)</translation>
    </message>
    <message>
        <location filename="../../gui/source_view/source_view.py" line="115"/>
        <source>自动换行</source>
        <translation>Wrap lines</translation>
    </message>
    <message>
        <location filename="../../gui/source_view/source_view.py" line="117"/>
        <source>关闭后，表格的每一行在正文中占一行，便于对照各列</source>
        <translation>When off, each table row stays on one line, so columns line up</translation>
    </message>
    <message>
        <location filename="../../gui/source_view/source_view.py" line="127"/>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../gui/source_view/source_view.py" line="132"/>
        <source>在原文中查找（Ctrl+Shift+F）：回车下一处，Shift+回车上一处</source>
        <translation>Find in the source text (Ctrl+Shift+F): Enter next, Shift+Enter previous</translation>
    </message>
    <message>
        <location filename="../../gui/source_view/source_view.py" line="141"/>
        <source>设为该部分开头</source>
        <translation>Set as start</translation>
    </message>
    <message>
        <location filename="../../gui/source_view/source_view.py" line="143"/>
        <source>把光标所在行设为所选部分的开头（可撤销）</source>
        <translation>Make the cursor&apos;s line the start of the chosen part (undoable)</translation>
    </message>
    <message>
        <location filename="../../gui/source_view/source_view.py" line="154"/>
        <source>光标所在行：</source>
        <translation>Cursor line:</translation>
    </message>
    <message>
        <location filename="../../gui/source_view/source_view.py" line="226"/>
        <source>未识别出报告的各部分，可在正文中把光标放在标题行上手工设定。</source>
        <translation>No parts recognised; put the cursor on a heading line to set them by hand.</translation>
    </message>
    <message>
        <location filename="../../gui/source_view/source_view.py" line="282"/>
        <source>原文中没有“%1”</source>
        <translation>“%1” is not in the source text</translation>
    </message>
    <message>
        <location filename="../../gui/source_view/source_view.py" line="345"/>
        <source>%1 格式，%2 个部分</source>
        <translation>%1 file, %2 parts</translation>
    </message>
    <message>
        <location filename="../../gui/source_view/source_view.py" line="372"/>
        <source>（开头位置已手工调整）</source>
        <translation>(start moved by hand)</translation>
    </message>
    <message>
        <location filename="../../gui/source_view/source_view.py" line="417"/>
        <source>设为“%1”的开头</source>
        <translation>Make this the start of &quot;%1&quot;</translation>
    </message>
    <message>
        <location filename="../../gui/source_view/source_view.py" line="515"/>
        <source>设为部分开头</source>
        <translation>Set part start</translation>
    </message>
    <message>
        <location filename="../../gui/source_view/source_view.py" line="520"/>
        <source>设定部分开头：请先切换到规范化文本</source>
        <translation>To set a part start, switch to the normalised text first</translation>
    </message>
</context>
<context>
    <name>StatTableModel</name>
    <message>
        <location filename="../../gui/stat_tables/stat_table_model.py" line="211"/>
        <source>恢复 %1 个单元格为原文数值</source>
        <translation>Revert cells to printed values (%1)</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/stat_table_model.py" line="265"/>
        <source>空</source>
        <translation>empty</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/stat_table_model.py" line="316"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/stat_table_model.py" line="319"/>
        <source>本行数值原文印在：%1</source>
        <translation>This row&apos;s values are printed in: %1</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/stat_table_model.py" line="320"/>
        <source>右键“更正行标签…”可把误认的行改到正确的行</source>
        <translation>Right-click &quot;Correct Row Label…&quot; to move a misread row to the right one</translation>
    </message>
</context>
<context>
    <name>StatTableView</name>
    <message>
        <location filename="../../gui/stat_tables/stat_table_view.py" line="376"/>
        <source>请先选中要粘贴到的左上角单元格</source>
        <translation>First select the top-left cell to paste into</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/stat_table_view.py" line="407"/>
        <source>粘贴 %1 个单元格</source>
        <translation>Paste into cells (%1)</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/stat_table_view.py" line="410"/>
        <source>已粘贴 %1 个单元格</source>
        <translation>Cells pasted: %1</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/stat_table_view.py" line="412"/>
        <source>%1 个不是数字，已跳过</source>
        <translation>skipped (not a number): %1</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/stat_table_view.py" line="414"/>
        <source>%1 个超出表格，已跳过</source>
        <translation>skipped (outside the table): %1</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/stat_table_view.py" line="415"/>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/stat_table_view.py" line="436"/>
        <source>已将 %1 个单元格恢复为原文数值</source>
        <translation>Cells reverted to printed values: %1</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/stat_table_view.py" line="436"/>
        <source>所选单元格没有人工修改</source>
        <translation>The selected cells have no corrections</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/stat_table_view.py" line="450"/>
        <source>恢复为原文数值</source>
        <translation>Revert to Printed Value</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/stat_table_view.py" line="452"/>
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/stat_table_view.py" line="453"/>
        <source>粘贴</source>
        <translation>Paste</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/stat_table_view.py" line="457"/>
        <source>更正行标签…</source>
        <translation>Correct Row Label…</translation>
    </message>
</context>
<context>
    <name>StatTablesWidget</name>
    <message>
        <location filename="../../gui/stat_tables/stat_tables.py" line="38"/>
        <source>人工修改</source>
        <translation>Corrected</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/stat_tables.py" line="39"/>
        <source>按位置推断</source>
        <translation>Inferred</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/stat_tables.py" line="40"/>
        <source>正文文字</source>
        <translation>From text</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/stat_tables.py" line="43"/>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/stat_tables.py" line="44"/>
        <source>警告</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/stat_tables.py" line="45"/>
        <source>已确认与原文一致</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/stat_tables.py" line="46"/>
        <source>未读取</source>
        <translation>Not read</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/stat_tables.py" line="50"/>
        <location filename="../../gui/stat_tables/stat_tables.py" line="188"/>
        <source>已更正行标签</source>
        <translation>Row relabelled</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/stat_tables.py" line="106"/>
        <source>图例</source>
        <translation>Legend</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/stat_tables.py" line="220"/>
        <source>（%1 年版格式）</source>
        <translation>(%1 format)</translation>
    </message>
    <message>
        <location filename="../../gui/stat_tables/stat_tables.py" line="222"/>
        <source>（未识别格式版本，按 2021 年版显示）</source>
        <translation>(format not recognised; shown as the 2021 format)</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../gui/errors.py" line="74"/>
        <source>操作未完成</source>
        <translation>Operation failed</translation>
    </message>
    <message>
        <location filename="../../gui/errors.py" line="80"/>
        <source>内部错误</source>
        <translation>Internal error</translation>
    </message>
    <message>
        <location filename="../../gui/errors.py" line="81"/>
        <source>发生了意外错误：%s</source>
        <translation>An unexpected error occurred: %s</translation>
    </message>
</context>
<context>
    <name>settings</name>
    <message>
        <location filename="../../gui/settings.py" line="31"/>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <location filename="../../gui/settings.py" line="32"/>
        <source>最近打开的文件</source>
        <translation>Recent Files</translation>
    </message>
    <message>
        <location filename="../../gui/settings.py" line="33"/>
        <source>上次使用的文件夹</source>
        <translation>Last folder</translation>
    </message>
    <message>
        <location filename="../../gui/settings.py" line="34"/>
        <source>上次导出的文件夹</source>
        <translation>Last export folder</translation>
    </message>
    <message>
        <location filename="../../gui/settings.py" line="35"/>
        <source>显示原文</source>
        <translation>Show original text</translation>
    </message>
    <message>
        <location filename="../../gui/settings.py" line="36"/>
        <source>正文自动换行</source>
        <translation>Wrap source text lines</translation>
    </message>
    <message>
        <location filename="../../gui/settings.py" line="37"/>
        <source>出错时显示错误报告对话框</source>
        <translation>Show the error report dialog on failures</translation>
    </message>
    <message>
        <location filename="../../gui/settings.py" line="38"/>
        <source>最近的审核项目</source>
        <translation>Recent review projects</translation>
    </message>
    <message>
        <location filename="../../gui/settings.py" line="39"/>
        <source>机关名录文件</source>
        <translation>Agency directory file</translation>
    </message>
    <message>
        <location filename="../../gui/settings.py" line="40"/>
        <source>数据不完整的报告也计入汇总</source>
        <translation>Count incomplete reports in the summary too</translation>
    </message>
    <message>
        <location filename="../../gui/settings.py" line="41"/>
        <source>每个文件的解析时限（秒，0 为不限）</source>
        <translation>Parse time limit per file (seconds, 0 for none)</translation>
    </message>
    <message>
        <location filename="../../gui/settings.py" line="42"/>
        <source>每个文件解析时可用的内存（MB，0 为不限）</source>
        <translation>Memory for parsing one file (MB, 0 for none)</translation>
    </message>
    <message>
        <location filename="../../gui/settings.py" line="43"/>
        <source>导出时每份报告加一张工作表</source>
        <translation>Add one sheet per report when exporting</translation>
    </message>
    <message>
        <location filename="../../gui/settings.py" line="44"/>
        <source>按地区或层级另加汇总表</source>
        <translation>Extra summary sheets by region or level</translation>
    </message>
    <message>
        <location filename="../../gui/settings.py" line="45"/>
        <source>汇总单位</source>
        <translation>Compiling office</translation>
    </message>
    <message>
        <location filename="../../gui/settings.py" line="46"/>
        <source>审核人</source>
        <translation>Reviewer</translation>
    </message>
    <message>
        <location filename="../../gui/settings.py" line="47"/>
        <source>导出后打开</source>
        <translation>Open after export</translation>
    </message>
</context>
</TS>
