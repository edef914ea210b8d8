"""The 汇总 menu: which duplicate is counted (undoable, saved in the project), the agency directory
and the agencies that have not reported (issue 11)."""

from __future__ import annotations

from pathlib import Path

from core.review.project import Project
from gui.main_window.batch_menu import MissingDialog
from tests.batch_fixture import mixed_batch


def _open(qtbot, window, paths: list[str]) -> None:
    with qtbot.waitSignal(window.batch_finished, timeout=60000):
        window.open_paths(paths)


def _by_name(window) -> dict:
    return {Path(e.path).name: e for e in window.batch.entries}


def test_count_a_duplicate_undo_and_redo(qtbot, window, tmp_path: Path) -> None:
    _open(qtbot, window, mixed_batch(tmp_path))
    draft = _by_name(window)["乙局2023（初稿）.txt"]
    final = next(e for e in window.batch.entries if e.duplicate_key == draft.duplicate_key and e is not draft)
    assert final.counted and not draft.counted and draft.not_counted_reason == "重复"
    menu = window.batch_menu
    window.report_list.select_entry(final)
    assert not menu.count_action.isEnabled()  # already counted
    window.report_list.select_entry(draft)
    assert menu.count_action.isEnabled()
    menu.count_action.trigger()
    assert draft.counted and not final.counted and final.not_counted_reason == "重复"
    assert not menu.count_action.isEnabled()
    stack = window.undo.stack_for(draft.reviewed)
    assert stack.undoText().startswith("计入汇总")
    stack.undo()
    assert final.counted and not draft.counted
    stack.redo()
    assert draft.counted and not final.counted


def test_counted_choice_is_saved_in_the_project(qtbot, window, tmp_path: Path) -> None:
    _open(qtbot, window, mixed_batch(tmp_path))
    path = tmp_path / "批次.ogiproj"
    assert window.session.new(str(path))
    window.session.add_reports([e.reviewed for e in window.entries()])
    draft = _by_name(window)["乙局2023（初稿）.txt"]
    window.report_list.select_entry(draft)
    window.batch_menu.count_action.trigger()
    window.session.close()
    with Project.open(path, read_only=True) as project:
        assert project.counted_choices() == {draft.duplicate_key: draft.content_key}
    # opening the project shows the same choice
    assert window.session.open(str(path))
    window.project_menus.show_project()
    again = _by_name(window)["乙局2023（初稿）.txt"]
    assert again.counted and again is not draft


def test_directory_missing_agencies_and_a_bad_directory(qtbot, window, tmp_path: Path, no_message_boxes) -> None:
    from gui import settings

    _open(qtbot, window, mixed_batch(tmp_path))
    menu = window.batch_menu
    assert not menu.missing_action.isEnabled()  # no directory yet
    directory = tmp_path / "名录.csv"
    directory.write_text(
        "机关名称,别名,地区,层级\n示例市甲局,,示例市,市级\n示例市乙局,,示例市,市级\n示例县丁局,,示例县,县级\n",
        encoding="utf-8",
    )
    assert menu.load_directory(str(directory))
    assert settings.get("batch/directory") == str(directory)
    assert menu.missing_action.isEnabled()
    dialog = MissingDialog(window.batch, window)
    qtbot.addWidget(dialog)
    dialog.year.setCurrentIndex(dialog.year.findData(2023))
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert names == ["示例县丁局"]
    assert "3 个机关，1 个尚未报送" in dialog.summary.text()
    bad = tmp_path / "坏名录.csv"
    bad.write_text("名称错了\n甲局\n", encoding="utf-8")
    assert not menu.load_directory(str(bad))
    assert no_message_boxes and "坏名录.csv" in no_message_boxes[-1][2]
    assert window.batch.directory is not None  # the good directory stays
    written = tmp_path / "起始名录.csv"
    from core.batch import write_starting_directory

    assert write_starting_directory(window.batch, written) >= 2
    menu.clear_directory()
    assert window.batch.directory is None and not menu.missing_action.isEnabled()
