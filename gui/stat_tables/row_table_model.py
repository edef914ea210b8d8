"""A flat table model of Python objects, one per row, under fixed translated headers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt


class RowTableModel(QAbstractTableModel):
    """Rows of objects with translated column headers (the report list, the findings list).

    Subclasses set ``HEADERS`` (source texts), ``CONTEXT`` (their translation context) and
    ``ROLES`` (the roles their ``data()`` answers), implement ``rows()`` and start ``data()``
    with ``row_at(index, role)``.
    """

    HEADERS: tuple[str, ...] = ()
    CONTEXT = ""
    ROLES: frozenset[int] = frozenset()

    def rows(self) -> Sequence[Any]:
        raise NotImplementedError

    def row_at(self, index: QModelIndex | QPersistentModelIndex, role: int) -> Any:
        """The row's object, or None for a role this model does not answer or a bad index.

        Views ask for a dozen roles per cell on every repaint; answering the unused ones with
        one set lookup keeps repaints cheap (enum comparisons are slow in PySide).
        """
        if role not in self.ROLES or not index.isValid():
            return None
        rows = self.rows()
        return rows[index.row()] if 0 <= index.row() < len(rows) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows())

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:
        if orientation == Qt.Horizontal and role == Qt.DisplayRole and 0 <= section < len(self.HEADERS):
            return QCoreApplication.translate(self.CONTEXT, self.HEADERS[section])
        return None
