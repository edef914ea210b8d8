"""Draw the application icon (a report page with a table and a check mark) as PNG and ICO.

Run once when the design changes; the outputs are committed:
    .venv/bin/python packaging/make_icons.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "icons"


def draw(size: int):
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen

    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256
    page = QRectF(40 * s, 16 * s, 176 * s, 224 * s)
    path = QPainterPath()
    path.addRoundedRect(page, 18 * s, 18 * s)
    p.fillPath(path, QColor("#ffffff"))
    p.setPen(QPen(QColor("#8a1c1c"), 8 * s))
    p.drawPath(path)
    band = QPainterPath()
    band.addRoundedRect(QRectF(40 * s, 16 * s, 176 * s, 52 * s), 18 * s, 18 * s)
    band.addRect(QRectF(40 * s, 44 * s, 176 * s, 24 * s))
    p.fillPath(band.simplified(), QColor("#b22222"))
    p.setPen(QPen(QColor("#9aa5b1"), 5 * s))
    for i in range(4):
        y = (96 + i * 30) * s
        p.drawLine(int(64 * s), int(y), int(192 * s), int(y))
    for x in (104, 148):
        p.drawLine(int(x * s), int(86 * s), int(x * s), int(186 * s))
    p.setPen(QPen(QColor("#1e7d32"), 22 * s, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    check = QPainterPath()
    check.moveTo(118 * s, 196 * s)
    check.lineTo(150 * s, 226 * s)
    check.lineTo(226 * s, 142 * s)
    p.drawPath(check)
    p.end()
    return img


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    OUT.mkdir(exist_ok=True)
    draw(256).save(str(OUT / "ogi-review.png"))
    Image.open(OUT / "ogi-review.png").save(
        OUT / "ogi-review.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]
    )
    print("wrote", OUT / "ogi-review.png", OUT / "ogi-review.ico")
    return 0


if __name__ == "__main__":
    sys.exit(main())
