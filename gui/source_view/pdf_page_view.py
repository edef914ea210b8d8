"""A page viewer that shows where a value was read: one page at a time, a highlight box, zoom.

It shows PDF pages (rendered with pypdfium2) and scanned page images (.png, .jpg, .tif — every
TIFF frame a page). Boxes are in PDF points, top-left origin; an image page is given the size in
points that the OCR loader gave it (``core.loading.scan_images.image_page_size``), so a cell's box read
from an image lands on the same place of the picture as on a scanned PDF.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QImageReader, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.loading.scan_images import IMAGE_SUFFIXES, image_page_size
from gui.i18n import arg
from gui.icons import icon

log = logging.getLogger(__name__)

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, top-left origin
_CACHE_PAGES = 6
_ZOOM_STEP = 1.25
_MIN_ZOOM, _MAX_ZOOM = 0.25, 6.0


class _PageCanvas(QWidget):
    """Paints one rendered page and the highlight rectangle over it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image: QImage | None = None
        self.highlight: QRectF | None = None  # in pixels of ``image``

    def set_page(self, image: QImage | None, highlight: QRectF | None) -> None:
        self.image = image
        self.highlight = highlight
        self.setFixedSize(image.size() if image is not None else QSize(0, 0))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.image is None:
            return
        painter = QPainter(self)
        painter.drawImage(0, 0, self.image)
        if self.highlight is not None:
            painter.setPen(QPen(QColor(220, 30, 30), 2))
            painter.setBrush(QColor(255, 210, 0, 70))
            painter.drawRect(self.highlight.adjusted(-2, -2, 2, 2))
        painter.end()


class _ImagePages:
    """The pages of an image file, decoded one frame at a time (the file's bytes kept in memory,
    so that the file is not held open, as for a PDF)."""

    def __init__(self, data: bytes) -> None:
        self._data = QByteArray(data)
        self._frame: tuple[int, QImage] | None = None  # the last decoded frame, full size
        self._buffer: QBuffer | None = None
        self.sizes: list[tuple[float, float]] = []
        reader = self._reader()
        count = max(1, reader.imageCount())
        for i in range(count):
            if i and not reader.jumpToImage(i):
                break
            size = reader.size()
            if not size.isValid():
                image = reader.read()
                if image.isNull():
                    break
                size = image.size()
            self.sizes.append(image_page_size(size.width(), size.height()))

    def _reader(self) -> QImageReader:
        # a fresh buffer per reader, kept alive while the reader uses it
        self._buffer = QBuffer()
        self._buffer.setData(self._data)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        reader = QImageReader(self._buffer)
        reader.setAutoTransform(True)  # EXIF orientation, as the OCR loader's decoder applies it
        return reader

    def frame(self, page: int) -> QImage | None:
        if self._frame is not None and self._frame[0] == page:
            return self._frame[1]
        reader = self._reader()
        if page > 1 and not reader.jumpToImage(page - 1):
            return None
        image = reader.read()
        if image.isNull():
            return None
        self._frame = (page, image)
        return image

    def render(self, page: int, zoom: float) -> QImage | None:
        image = self.frame(page)
        if image is None:
            return None
        w, h = self.sizes[page - 1]
        return image.scaled(
            max(1, round(w * zoom)),
            max(1, round(h * zoom)),
            Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )

    def close(self) -> None:
        self._frame = None


class PdfPageView(QWidget):
    """Shows the pages of a PDF, rendered lazily with pypdfium2, or of a scanned image file
    (a few pages kept in a cache).

    Attributes:
        path: the document shown ("" when none).
        page: the current 1-based page (0 when no document).
        zoom: rendering scale, pixels per PDF point.
        fit_width: whether the zoom follows the view's width.
        error: the Chinese message shown when the file could not be opened ("" otherwise).

    Signals:
        page_changed(int): the current page changed (1-based).
    """

    page_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = ""
        self.page = 0
        self.zoom = 1.0
        self.fit_width = True
        self.error = ""
        self._pdf: Any = None
        self._images: _ImagePages | None = None
        self._sizes: list[tuple[float, float]] = []
        self._cache: OrderedDict[tuple[int, float], QImage] = OrderedDict()
        self._box: tuple[int, Box] | None = None

        self.canvas = _PageCanvas()
        self.scroll = QScrollArea()
        self.scroll.setMinimumHeight(40)  # shares the centre column with the source text
        self.scroll.setWidget(self.canvas)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroll.setBackgroundRole(QPalette.ColorRole.Dark)
        self.message = QLabel(self.tr("没有打开 PDF 文件"))
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.scroll)

        # Compact controls (icons and signs, the words in tooltips): the page view shares the centre
        # column, which is about 250 pixels wide on a 1366×768 screen at 150 %.
        self.prev_button = self._button("", self.previous_page, self.tr("上一页"), "previous")
        self.next_button = self._button("", self.next_page, self.tr("下一页"), "next")
        self.page_box = QSpinBox()
        self.page_box.setMinimum(1)
        self.page_box.setToolTip(self.tr("页码"))
        self.page_box.valueChanged.connect(self._on_page_box)
        self.count_label = QLabel("")
        self.zoom_out_button = self._button("−", self.zoom_out, self.tr("缩小"))
        self.zoom_in_button = self._button("+", self.zoom_in, self.tr("放大"))
        self.fit_button = self._button(self.tr("适合宽度"), self.fit_to_width)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for w in (self.prev_button, self.page_box, self.count_label, self.next_button):
            bar.addWidget(w)
        bar.addStretch(1)
        for w in (self.zoom_out_button, self.zoom_in_button, self.fit_button):
            bar.addWidget(w)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        self._update_controls()

    def _button(self, text: str, slot: Any, tip: str = "", icon_name: str = "") -> QToolButton:
        b = QToolButton()
        b.setText(text or tip)
        if icon_name:
            b.setIcon(icon(icon_name))
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        if tip:
            b.setToolTip(tip)
            b.setAccessibleName(tip)
        b.clicked.connect(slot)
        return b

    # ------------------------------------------------------------------ public API
    @property
    def page_count(self) -> int:
        return len(self._sizes)

    def set_document(self, path: str | Path | None) -> bool:
        """Open a PDF or a scanned image file (by its suffix; None: close). On a broken file show a
        message; never raise."""
        self._close()
        if not path:
            self._show_message(self.tr("没有打开 PDF 文件"))
            return False
        self.path = str(path)
        name = Path(path).name
        if Path(path).suffix.lower() in IMAGE_SUFFIXES:
            return self._open_image(name)
        try:
            import pypdfium2 as pdfium

            # Read into memory: an open file handle would lock the PDF on Windows while it is shown.
            pdf = pdfium.PdfDocument(Path(self.path).read_bytes())
            sizes = [pdf.get_page_size(i) for i in range(len(pdf))]
        except Exception as exc:
            log.info("cannot open %s as PDF: %s", self.path, exc)
            self._show_message(arg(self.tr("无法打开 PDF 文件“%1”：文件损坏或不是 PDF。"), name))
            return False
        if not sizes:
            pdf.close()
            self._show_message(arg(self.tr("PDF 文件“%1”没有页面。"), name))
            return False
        self._pdf = pdf
        self._sizes = [(float(w), float(h)) for w, h in sizes]
        self.error = ""
        self.page = 1
        self.stack.setCurrentWidget(self.scroll)
        self._render()
        return True

    def _open_image(self, name: str) -> bool:
        try:
            pages = _ImagePages(Path(self.path).read_bytes())
        except OSError as exc:
            log.info("cannot read %s: %s", self.path, exc)
            pages = None
        if pages is None or not pages.sizes:
            self._show_message(arg(self.tr("无法打开图片文件“%1”：文件损坏或不是可识别的图片格式。"), name))
            return False
        self._images = pages
        self._sizes = pages.sizes
        self.error = ""
        self.page = 1
        self.stack.setCurrentWidget(self.scroll)
        self._render()
        return True

    def show_page(self, page: int) -> None:
        """Go to a 1-based page (clamped); drops the highlight unless it is on that page."""
        if not self._sizes:
            return
        page = max(1, min(page, self.page_count))
        if page != self.page:
            self.page = page
            self._render()
            self.page_changed.emit(page)

    def show_box(self, page: int, bbox: Box | None) -> None:
        """Show ``page`` scrolled to ``bbox`` (PDF points, top-left origin) with a highlight rectangle.

        Without a box (a value known only by its page) the page is shown from its top.
        """
        if not self._sizes:
            return
        page = max(1, min(page, self.page_count))
        self._box = (page, tuple(bbox)) if bbox is not None and len(bbox) == 4 else None  # type: ignore[assignment]
        changed = page != self.page
        self.page = page
        self._render()
        if changed:
            self.page_changed.emit(page)
        rect = self.canvas.highlight
        if rect is not None:
            self.scroll.ensureVisible(int(rect.center().x()), int(rect.center().y()), 80, 120)
        else:
            self.scroll.verticalScrollBar().setValue(0)

    def highlight_rect(self) -> QRectF | None:
        """The highlight in page-image pixels (None when the current page has none)."""
        return self.canvas.highlight

    def next_page(self) -> None:
        self.show_page(self.page + 1)

    def previous_page(self) -> None:
        self.show_page(self.page - 1)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom * _ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom / _ZOOM_STEP)

    def set_zoom(self, zoom: float) -> None:
        """A fixed zoom (pixels per point); stops following the width."""
        self.fit_width = False
        self.zoom = max(_MIN_ZOOM, min(_MAX_ZOOM, zoom))
        self._render()

    def fit_to_width(self) -> None:
        self.fit_width = True
        self._render()

    # ------------------------------------------------------------------ internals
    def _close(self) -> None:
        self._cache.clear()
        self._box = None
        self._sizes = []
        self.page = 0
        if self._pdf is not None:
            try:
                self._pdf.close()
            except Exception:
                log.debug("closing %s failed", self.path, exc_info=True)
        self._pdf = None
        if self._images is not None:
            self._images.close()
        self._images = None
        self.path = ""

    def _show_message(self, text: str) -> None:
        self.error = text if self.path else ""
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)
        self.canvas.set_page(None, None)
        self._update_controls()

    def _effective_zoom(self) -> float:
        if not self.fit_width or not self._sizes:
            return self.zoom
        width = self.scroll.viewport().width() - 16
        page_width = self._sizes[self.page - 1][0]
        self.zoom = max(_MIN_ZOOM, min(_MAX_ZOOM, width / page_width)) if page_width > 0 else 1.0
        return self.zoom

    def _image(self, page: int, zoom: float) -> QImage | None:
        key = (page, round(zoom, 3))
        image = self._cache.get(key)
        if image is not None:
            self._cache.move_to_end(key)
            return image
        image = self._images.render(page, zoom) if self._images is not None else self._render_pdf(page, zoom)
        if image is None:
            return None
        self._cache[key] = image
        while len(self._cache) > _CACHE_PAGES:
            self._cache.popitem(last=False)
        return image

    def _render_pdf(self, page: int, zoom: float) -> QImage | None:
        try:
            pdf_page = self._pdf[page - 1]
            try:
                bitmap = pdf_page.render(scale=zoom, rev_byteorder=True, may_draw_forms=False)
                fmt = {3: QImage.Format.Format_RGB888, 4: QImage.Format.Format_RGBA8888}.get(
                    bitmap.n_channels, QImage.Format.Format_Grayscale8
                )
                # copy(): the QImage must own its pixels once pdfium's bitmap is freed
                data = bytes(bitmap.buffer)
                image = QImage(data, bitmap.width, bitmap.height, bitmap.stride, fmt).copy()
                bitmap.close()
            finally:
                pdf_page.close()
        except Exception as exc:
            log.info("cannot render page %s of %s: %s", page, self.path, exc)
            return None
        return image

    def _render(self) -> None:
        if not self._sizes:
            return
        zoom = self._effective_zoom()
        image = self._image(self.page, zoom)
        if image is None:
            self.message.setText(arg(self.tr("无法显示第 %1 页。"), self.page))
            self.stack.setCurrentWidget(self.message)
            self._update_controls()
            return
        highlight = None
        if self._box is not None and self._box[0] == self.page:
            x0, top, x1, bottom = self._box[1]
            highlight = QRectF(x0 * zoom, top * zoom, max(1.0, (x1 - x0) * zoom), max(1.0, (bottom - top) * zoom))
        self.stack.setCurrentWidget(self.scroll)
        self.canvas.set_page(image, highlight)
        self._update_controls()

    def _on_page_box(self, value: int) -> None:
        if self._sizes and value != self.page:
            self.show_page(value)

    def _update_controls(self) -> None:
        has = bool(self._sizes)
        self.page_box.blockSignals(True)
        self.page_box.setMaximum(max(1, self.page_count))
        self.page_box.setValue(max(1, self.page))
        self.page_box.blockSignals(False)
        self.count_label.setText(arg(self.tr("/ %1 页"), self.page_count) if has else "")
        for w in (self.page_box, self.zoom_in_button, self.zoom_out_button, self.fit_button):
            w.setEnabled(has)
        self.prev_button.setEnabled(has and self.page > 1)
        self.next_button.setEnabled(has and self.page < self.page_count)

    # ------------------------------------------------------------------ Qt overrides
    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self.fit_width and self._sizes:
            self._render()

    def closeEvent(self, event: Any) -> None:
        self._close()
        super().closeEvent(event)
