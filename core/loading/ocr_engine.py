"""The OCR engine: RapidOCR (PP-OCRv6 detection + recognition, ONNX Runtime), loaded once per process.

The models ship inside the ``rapidocr`` wheel (``rapidocr/models``); they are passed to the engine
by path so it never tries a download. The engine is built on first use (import and model load cost
~0.5 s and ~150 MB) and kept for the life of the process: each parse worker loads its own.

``recognise(image)`` returns the text boxes of one page image (greyscale or BGR ``numpy`` array),
each with its recognition confidence (0–1) and its axis-aligned box in the image's pixels.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.errors import LoadError

# Recognition input: the height the model expects and the narrowest padding width. RapidOCR pads
# every text crop to at least the configured width (320 px by default): a one-digit table cell then
# costs as much as a line of prose. 48 px keeps the model's own height and halves a table page's time.
_REC_SHAPE = [3, 48, 48]
_REC_BATCH = 6
_DET_SIDE = 1280  # detection runs on the page scaled to at most this many pixels on its long side


@dataclass(frozen=True)
class OcrBox:
    """One recognised piece of text: its text, confidence and box (pixels: x0, top, x1, bottom)."""

    text: str
    score: float
    box: tuple[float, float, float, float]

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]


_lock = threading.Lock()
_engine: Any = None


class OcrUnavailable(LoadError):
    """The OCR engine or its models cannot be loaded (a broken install)."""


def _models() -> dict[str, str]:
    """The model files shipped in the rapidocr wheel, by task (det, rec, cls)."""
    try:
        import rapidocr
    except ImportError as exc:  # pragma: no cover - a broken install
        raise OcrUnavailable(
            "文字识别（OCR）组件未安装，无法读取扫描件；请重新安装本程序。", code="ocr.unavailable", details=repr(exc)
        ) from exc
    root = Path(rapidocr.__file__).resolve().parent / "models"
    found: dict[str, str] = {}
    for task, pattern in (("det", "*det*.onnx"), ("rec", "*rec*.onnx"), ("cls", "*cls*.onnx")):
        hits = sorted(root.glob(pattern))
        if hits:
            found[task] = str(hits[-1])
    if "det" not in found or "rec" not in found:
        raise OcrUnavailable(
            "文字识别（OCR）模型文件缺失，无法读取扫描件；请重新安装本程序。",
            code="ocr.unavailable",
            details=f"models in {root}: {sorted(p.name for p in root.glob('*.onnx')) if root.is_dir() else 'none'}",
        )
    return found


def model_files() -> dict[str, str]:
    """The model files the engine loads (for the self-test and the packaging check)."""
    return _models()


def engine() -> Any:
    """The process's RapidOCR engine (built on first call; thread-safe)."""
    global _engine
    if _engine is not None:
        return _engine
    with _lock:
        if _engine is None:
            _engine = _build()
    return _engine


def _build() -> Any:
    models = _models()
    try:
        from rapidocr import RapidOCR

        params: dict[str, Any] = {
            "Global.log_level": "error",
            "Global.use_cls": False,  # a whole upside-down page is handled by the caller
            "Global.text_score": 0.0,  # keep every box: the caller decides what is too unsure to use
            "Det.model_path": models["det"],
            "Det.limit_type": "max",
            "Det.limit_side_len": _DET_SIDE,
            "Rec.model_path": models["rec"],
            "Rec.rec_img_shape": _REC_SHAPE,
            "Rec.rec_batch_num": _REC_BATCH,
            # one thread per engine: each worker process runs one page at a time, the window keeps a core
            "EngineConfig.onnxruntime.intra_op_num_threads": 1,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        }
        if "cls" in models:
            params["Cls.model_path"] = models["cls"]
        return RapidOCR(params=params)
    except MemoryError:
        raise
    except Exception as exc:
        raise OcrUnavailable(
            "文字识别（OCR）引擎无法启动，无法读取扫描件；请重新安装本程序。", code="ocr.unavailable", details=repr(exc)
        ) from exc


def recognise(image: Any) -> list[OcrBox]:
    """Text boxes of one page image (``numpy`` uint8, greyscale or BGR), in no particular order."""
    result = _run(engine(), image)
    boxes = getattr(result, "boxes", None)
    if boxes is None or len(boxes) == 0:
        return []
    out = []
    for quad, text, score in zip(boxes, result.txts, result.scores, strict=False):
        xs = [float(p[0]) for p in quad]
        ys = [float(p[1]) for p in quad]
        out.append(OcrBox(str(text), float(score), (min(xs), min(ys), max(xs), max(ys))))
    return out


def read_crops(crops: list[Any]) -> list[tuple[str, float]]:
    """Recognition only (no detection) of single-line crops (greyscale ``numpy`` arrays): (text, confidence)."""
    if not crops:
        return []
    import cv2

    eng = engine()
    out = _run(eng.recognize_txt, [cv2.cvtColor(c, cv2.COLOR_GRAY2BGR) if c.ndim == 2 else c for c in crops])
    return [(str(t), float(sc)) for t, sc in zip(out.txts, out.scores, strict=False)]


NUMBER_CHARS = "0123456789.,/-—"


def read_numbers(crops: list[Any]) -> list[tuple[str, float]]:
    """Recognition of crops known to hold a number or an empty mark: the model's scores, decoded
    over digits and ``NUMBER_CHARS`` only.

    A free reading of a faint "0" is often a Latin letter ("à", "a"); here the best digit wins, and
    its probability is the confidence, so a cell the model really cannot read stays unsure.
    Returns (text, confidence) per crop; ("", 0.0) when nothing was read.
    """
    if not crops:
        return []
    import cv2
    import numpy as np

    eng = engine()
    rec = eng.text_rec if getattr(eng, "text_rec", None) is not None else eng._load_rec_model()
    chars = list(rec.postprocess_op.character)
    allowed = [0] + [i for i, ch in enumerate(chars) if ch in NUMBER_CHARS]
    images = [cv2.cvtColor(c, cv2.COLOR_GRAY2BGR) if c.ndim == 2 else c for c in crops]
    _c, h, w = rec.rec_image_shape[:3]
    ratios = [im.shape[1] / max(im.shape[0], 1) for im in images]
    out: list[tuple[str, float]] = [("", 0.0)] * len(images)
    # batches of similar width (the model's output over its ~6,600 characters grows with batch × width)
    order = sorted(range(len(images)), key=lambda k: ratios[k])
    for start in range(0, len(order), _REC_BATCH):
        chunk = order[start : start + _REC_BATCH]
        ratio = max(w / h, *(ratios[k] for k in chunk))
        batch = np.concatenate([rec.resize_norm_img(images[k], ratio)[np.newaxis, :] for k in chunk])
        sub = _run(rec.session, batch.astype(np.float32))[:, :, allowed]
        idx = sub.argmax(axis=2)
        prob = sub.max(axis=2)
        for row, k in enumerate(chunk):
            text, probs, last = [], [], 0
            for t in range(idx.shape[1]):
                j = int(idx[row, t])
                if j != 0 and j != last:
                    text.append(chars[allowed[j]])
                    probs.append(float(prob[row, t]))
                last = j
            out[k] = ("".join(text), min(probs) if probs else 0.0)
    return out


def _run(fn: Any, *args: Any) -> Any:
    """Call the engine: an allocation failure inside ONNX Runtime (``std::bad_alloc`` under the worker's
    memory limit) is a MemoryError, which the worker reports as the memory limit; any other engine
    failure is a LoadError, not a traceback."""
    try:
        return fn(*args)
    except MemoryError:
        raise
    except Exception as exc:
        if "bad_alloc" in str(exc) or "Failed to allocate" in str(exc):
            raise MemoryError(str(exc)[-200:]) from exc
        raise LoadError(
            "文字识别（OCR）引擎处理页面图像时出错，无法读取此扫描件。", code="ocr.failed", details=repr(exc)[-2000:]
        ) from exc
