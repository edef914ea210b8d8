"""A report of a review project: every edit applied to it is saved before any view hears of it."""

from __future__ import annotations

import copy
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from core.errors import ProjectError
from core.model import Report
from core.review.state import Change, Edit, ReviewedReport, ReviewState

if TYPE_CHECKING:
    from core.review.project import Project


class ProjectReadOnly(ProjectError):
    """An edit was attempted on a project opened read-only (or already closed)."""

    code = "project.read_only"


@dataclass(frozen=True)
class PrintedChange:
    """A correction whose printed value changed because the source file changed on disk."""

    path: str
    field: str
    before: Any  # printed when the reviewer corrected it
    now: Any  # printed by the changed source
    new: Any  # the reviewer's value (still applied)


class _PersistFailed(Exception):
    def __init__(self, error: ProjectError) -> None:
        super().__init__(error.message)
        self.error = error


class ProjectReport(ReviewedReport):
    """A reviewed report of a project: each applied edit is committed before listeners hear of it.

    Attributes:
        notice: a Chinese sentence for the window when the source is gone or changed ("" if not).
    """

    def __init__(self, report: Report, state: ReviewState, project: Project, report_id: int, stored_path: str) -> None:
        super().__init__(report, state)
        self.project = project
        self.report_id = report_id
        self.stored_path = stored_path
        self.notice = ""
        self.listeners.insert(0, self._persist)  # saved before any view hears of the edit

    def apply(self, edit: Edit) -> tuple[Edit, Change]:
        """Apply and save an edit; raises ``ProjectReadOnly`` (nothing changed) or ``ProjectError``."""
        self.project._check_writable()
        if self not in self.project._reports:
            raise ProjectReadOnly("这份报告已从项目中移除，修改无法保存。")
        before = copy.deepcopy(self.state)
        try:
            return super().apply(edit)
        except _PersistFailed as exc:
            for f in fields(ReviewState):
                setattr(self.state, f.name, getattr(before, f.name))
            self._values = None
            raise exc.error from exc

    def _persist(self, edit: Edit, change: Change) -> None:
        self.project._persist_edit(self, edit)
