"""Drawing a confusion matrix as a PNG with numpy and zlib only (no plotting library)."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import numpy as np
import numpy.typing as npt

from evals.nlu.font import HEIGHT, text_mask, text_width
from evals.nlu.metrics import Confusion

Image = npt.NDArray[np.uint8]
_CELL = 34
_MARGIN = 8
_BLUE = np.array([31, 87, 160], dtype=np.float64)
_WHITE = np.array([255, 255, 255], dtype=np.float64)


def encode_png(image: Image) -> bytes:
    """An RGB uint8 array (h, w, 3) as PNG bytes."""
    if image.ndim != 3 or image.shape[2] != 3 or image.dtype != np.uint8:
        raise ValueError("expected an RGB uint8 image of shape (h, w, 3)")
    height, width, _ = image.shape
    raw = b"".join(b"\x00" + image[row].tobytes() for row in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def _draw_text(image: Image, text: str, top: int, left: int, colour: tuple[int, int, int], scale: int = 1) -> None:
    mask = text_mask(text, scale)
    h, w = mask.shape
    region = image[top : top + h, left : left + w]
    region[mask[: region.shape[0], : region.shape[1]]] = colour


def confusion_png(confusion: Confusion, title: str) -> Image:
    """Rows: true class (numbered, named on the left); columns: predicted class (numbered). Shade = row share."""
    labels = confusion.labels
    counts = np.asarray(confusion.matrix, dtype=np.float64)
    n = len(labels)
    names = [f"{i + 1:02d} {label}" for i, label in enumerate(labels)]
    left = _MARGIN * 2 + max((text_width(name) for name in names), default=0)
    top = _MARGIN * 3 + HEIGHT * 2 + HEIGHT + 4
    width = left + n * _CELL + _MARGIN
    height = top + n * _CELL + _MARGIN * 2 + HEIGHT
    image = np.full((height, width, 3), 255, dtype=np.uint8)
    _draw_text(image, title, _MARGIN, _MARGIN, (0, 0, 0), scale=2)
    totals = counts.sum(axis=1, keepdims=True)
    share = np.divide(counts, totals, out=np.zeros_like(counts), where=totals > 0)
    for j in range(n):
        label = f"{j + 1:02d}"
        _draw_text(image, label, top - HEIGHT - 3, left + j * _CELL + (_CELL - text_width(label)) // 2, (0, 0, 0))
    for i, name in enumerate(names):
        y = top + i * _CELL
        _draw_text(image, name, y + (_CELL - HEIGHT) // 2, _MARGIN, (0, 0, 0))
        for j in range(n):
            x = left + j * _CELL
            colour = (_WHITE + (_BLUE - _WHITE) * share[i, j]).astype(np.uint8)
            image[y + 1 : y + _CELL, x + 1 : x + _CELL] = colour
            if i == j:
                image[y : y + _CELL, x] = image[y : y + _CELL, x + _CELL - 1] = (200, 120, 0)
                image[y, x : x + _CELL] = image[y + _CELL - 1, x : x + _CELL] = (200, 120, 0)
            if counts[i, j]:
                text = str(int(counts[i, j]))
                ink = (255, 255, 255) if share[i, j] > 0.5 else (40, 40, 40)
                _draw_text(image, text, y + (_CELL - HEIGHT) // 2, x + max(1, (_CELL - text_width(text)) // 2), ink)
    _draw_text(
        image,
        "rows: true class   columns: predicted class   shade: share of the row",
        height - HEIGHT - _MARGIN,
        _MARGIN,
        (90, 90, 90),
    )
    return image


def write_confusion_png(confusion: Confusion, title: str, path: Path) -> None:
    path.write_bytes(encode_png(confusion_png(confusion, title)))
