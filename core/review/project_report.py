"""How a report belongs to a review project: every edit applied to it is saved before any view hears of it.

A report joins a project by getting a ``ProjectLink`` as its ``ReviewedReport.link`` (the object
keeps its identity, so undo stacks and views keyed by it stay valid). The link talks to the
project through the small ``ProjectStore`` protocol, so this module does not import the project.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from core.errors import ProjectError
from core.review.state import Edit, ReviewedReport


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


class ProjectStore(Protocol):
    """What a link needs of its project (``core.review.project.Project``)."""

    @property
    def closed(self) -> bool: ...

    def check_writable(self) -> None: ...

    def holds(self, reviewed: ReviewedReport) -> bool: ...

    def persist_edit(self, reviewed: ReviewedReport, edit: Edit) -> None: ...


@dataclass(eq=False)
class ProjectLink:
    """A report's place in a project: its row, its stored source path, and a notice for the window.

    Attributes:
        notice: a Chinese sentence for the window when the source is gone or changed ("" if not).
    """

    project: ProjectStore
    report_id: int
    stored_path: str
    notice: str = ""

    def check(self, reviewed: ReviewedReport) -> None:
        """Raise ``ProjectReadOnly`` (nothing changed) when the project cannot take the edit."""
        self.project.check_writable()
        if not self.project.holds(reviewed):
            raise ProjectReadOnly("这份报告已从项目中移除，修改无法保存。")

    def persist(self, reviewed: ReviewedReport, edit: Edit) -> None:
        """Commit the applied edit; raises ``ProjectError`` when it could not be saved."""
        self.project.persist_edit(reviewed, edit)


def project_link(reviewed: ReviewedReport) -> ProjectLink | None:
    """The report's project link, or None when it is in no project."""
    link = reviewed.link
    return link if isinstance(link, ProjectLink) else None
