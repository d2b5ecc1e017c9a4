"""Read scanned pages (PNG, JPEG, TIFF, and PDF pages without a text layer) by OCR.

OCR is RapidOCR (rapidocr-onnxruntime, Apache-2.0): PaddleOCR's PP-OCRv4 Chinese detection and
recognition models run by ONNX Runtime. The models ship inside the wheel; nothing is downloaded.
Each recognised line comes with a box per character, so the gaps between characters are measured
and a line is cut into pieces where a space was printed (between the names of a byline, after a
dateline): the space OCR drops. Rules (thin dark lines) and pictures (large areas of ink with no
text) are found in the image itself. The pieces then go through the same layout analysis as a
PDF's text layer (:mod:`banmian.read.layout`): columns, headlines across columns, furniture.

What OCR gets wrong in this domain is repaired line by line from ``data/ocr_fixes.tsv`` (the
byline marker □ read as 口, 、 read as 丶...), and a byline whose names came out run together
(本报记者刘红梅司马俊峰) is split at surnames (``data/surnames.txt``).
"""

from __future__ import annotations

import io
import re
from functools import lru_cache
from importlib.resources import files
from typing import Any

from ..errors import CorruptInputError, EmptyInputError, MissingExtraError
from ..model import Page
from .layout import OCR_SIZE_TOLERANCE, Box, Piece, Sheet

__all__ = ["read_image_page", "image_sheet", "repair_line", "split_names", "ASSUMED_DPI"]

#: Resolution assumed for an image that does not record one (scanners write 200-300 dpi;
#: sizes only matter relative to each other, so a wrong guess costs little).
ASSUMED_DPI = 200
#: Lines recognised with less confidence than this are dropped (RapidOCR's own default).
MIN_SCORE = 0.5
#: A gap between two characters of a recognised line wider than this share of the line's
#: height was a printed space (a full-width space is one em; character spacing in justified
#: lines stays below 0.2 em, and OCR's character boxes wobble by about 0.15 em).
SPACE_GAP = 0.45
#: Rules: a run of ink at least RULE_MIN_SHARE of the page's width (or height) long and at most
#: RULE_MAX_PX pixels thick (at 200 dpi, a 1.5 pt rule is 4 px).
RULE_MIN_SHARE = 0.08
RULE_MAX_PX = 8
#: Pictures: a connected area of ink outside the text at least PICTURE_MIN_PT points on each
#: side, filled to at least PICTURE_FILL of its box (a photo is dense; a rule or a frame is not).
PICTURE_MIN_PT = 30.0
PICTURE_FILL = 0.5
#: Pixels darker than this (0-255) are ink.
INK = 160

_INSTALL = "pip install 'banmian[ocr]'"
_ROLES = ("本报全媒体记者", "本报融媒体记者", "本报特约记者", "本报特约通讯员", "本报见习记者", "本报实习生",
          "本报记者", "本报通讯员", "新华社记者", "人民日报记者", "中新社记者", "特约记者", "特约通讯员",
          "见习记者", "实习记者", "实习生", "记者", "通讯员")
_ROLE_HEAD_RE = re.compile(r"^([□■◇◆]\s*)?(" + "|".join(_ROLES) + r")([\u4e00-\u9fff·]{4,})$")


def _engine() -> Any:
    return _load_engine()


@lru_cache(maxsize=1)
def _load_engine() -> Any:
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError:
        raise MissingExtraError(f"reading scanned pages needs the ocr extra: {_INSTALL}") from None
    # Whole pages: never shrink the image (RapidOCR shrinks anything over 2000 px by default,
    # which makes newspaper body text unreadable); no angle classifier (pages are upright).
    return RapidOCR(max_side_len=100_000, use_cls=False, text_score=MIN_SCORE)


@lru_cache(maxsize=1)
def _fixes() -> list[tuple[re.Pattern[str], str]]:
    out = []
    text = files("banmian").joinpath("data/ocr_fixes.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, repl, _note = line.split("\t")
        out.append((re.compile(pattern), repl))
    return out


@lru_cache(maxsize=1)
def _surnames() -> tuple[frozenset[str], frozenset[str]]:
    text = files("banmian").joinpath("data/surnames.txt").read_text(encoding="utf-8")
    words = [w for line in text.splitlines() if not line.startswith("#") for w in line.split()]
    return frozenset(w for w in words if len(w) == 1), frozenset(w for w in words if len(w) == 2)


def repair_line(text: str) -> str:
    """Fix what OCR typically gets wrong on a newspaper line (``data/ocr_fixes.tsv``), and put
    the spaces back between run-together byline names."""
    for pattern, repl in _fixes():
        text = pattern.sub(repl, text)
    m = _ROLE_HEAD_RE.match(text)
    if m:
        names = split_names(m.group(3))
        if names:
            text = (m.group(1) or "") + m.group(2) + " " + " ".join(names)
    return text


#: How likely a name is to have 2, 3 or 4 characters (a compound surname takes 4), from the
#: lengths of the names in the project's article collection and common knowledge of Chinese
#: names: three characters are the rule, two common, four rare.
_NAME_LENGTH_WEIGHT = {2: 0.25, 3: 0.7, 4: 0.05}


def split_names(run: str) -> list[str] | None:
    """Split run-together names (刘红梅司马俊峰 → 刘红梅, 司马俊峰) at surnames; None when no
    split into names of 2-4 characters, each opening with a surname, exists."""
    single, double = _surnames()
    n = len(run)
    best: list[tuple[float, list[str]] | None] = [None] * (n + 1)
    best[0] = (1.0, [])
    for i in range(n):
        if best[i] is None:
            continue
        score, names = best[i]  # type: ignore[misc]
        for length, weight in _NAME_LENGTH_WEIGHT.items():
            j = i + length
            if j > n:
                continue
            name = run[i:j]
            if length == 4:
                ok = name[:2] in double
            else:
                ok = name[0] in single or (length == 3 and name[:2] in double)
            if not ok:
                continue
            cand = (score * weight, names + [name])
            if best[j] is None or cand[0] > best[j][0]:  # type: ignore[index]
                best[j] = cand
    return best[n][1] if best[n] is not None and len(best[n][1]) > 1 else None  # type: ignore[index]


# ---------------------------------------------------------------------------------------------
# Images
# ---------------------------------------------------------------------------------------------

def _decode(data: bytes, name: str) -> list[tuple[Any, float]]:
    """Grey images (numpy arrays) of every frame, each with its points per pixel."""
    try:
        import numpy as np
        from PIL import Image, ImageSequence
    except ImportError:
        raise MissingExtraError(f"reading scanned pages needs the ocr extra: {_INSTALL}") from None
    try:
        img = Image.open(io.BytesIO(data))
        frames = []
        for frame in ImageSequence.Iterator(img):
            dpi = frame.info.get("dpi") or img.info.get("dpi")
            res = float(dpi[0]) if dpi and dpi[0] and float(dpi[0]) > 30 else ASSUMED_DPI
            frames.append((np.asarray(frame.convert("L")).copy(), 72.0 / res))
    except Exception as e:  # noqa: BLE001 - PIL raises many kinds for a damaged file
        raise CorruptInputError(f"is not a readable image ({type(e).__name__}: {e})".rstrip(), source=name) from None
    return frames


def read_image_page(data: bytes, name: str, kind: str = "image") -> Page:
    """OCR a scanned page (every frame of a multi-page TIFF) into a Page of blocks."""
    from .layout import analyse, to_page

    _engine()  # the missing extra is reported before the image is decoded
    sheets = [image_sheet(img, scale, name) for img, scale in _decode(data, name)]
    layouts = [analyse(s) for s in sheets]
    if not any(lay.blocks for lay in layouts):
        raise EmptyInputError("holds no text that OCR could read", source=name)
    return to_page(layouts, name, data, kind)


def image_sheet(img: Any, scale: float, name: str = "<image>") -> Sheet:
    """OCR one grey image (numpy array); ``scale`` is points per pixel."""
    import numpy as np

    engine = _engine()
    if img.ndim == 3:
        img = img[:, :, 0]
    rgb = np.stack([img] * 3, axis=-1)
    result, _elapsed = engine(rgb, use_cls=False, return_word_box=True)
    h, w = img.shape[:2]
    pieces: list[Piece] = []
    text_boxes: list[tuple[int, int, int, int]] = []
    for item in result or []:
        quad, text, score = item[0], item[1], item[2]
        if float(score) < MIN_SCORE or not text.strip():
            continue
        xs = [p[0] for p in quad]
        ys = [p[1] for p in quad]
        box = (min(xs), min(ys), max(xs), max(ys))
        text_boxes.append(tuple(int(v) for v in box))  # type: ignore[arg-type]
        words = item[3] if len(item) > 4 else None
        contents = item[4] if len(item) > 4 else None
        pieces.extend(_line_pieces(text, box, words, contents, scale))
    rules = [_scale(b, scale) for b in _rules(img, w, h)]
    pictures = [_scale(b, scale) for b in _pictures(img, text_boxes, scale)]
    return Sheet(w * scale, h * scale, pieces, rules, [], pictures, size_tolerance=OCR_SIZE_TOLERANCE)


def _scale(b: Box, s: float) -> Box:
    return (b[0] * s, b[1] * s, b[2] * s, b[3] * s)


def _line_pieces(text: str, box: Box, words: Any, contents: Any, scale: float) -> list[Piece]:
    """A recognised line, cut where its characters stand a space apart."""
    x0, y0, x1, y1 = box
    size = (y1 - y0) * scale
    if not words or not contents or len(words) != len(contents) or "".join(contents) != text.replace(" ", ""):
        return [Piece(repair_line(text), x0 * scale, y0 * scale, x1 * scale, y1 * scale, size)]
    height = y1 - y0
    groups: list[list[tuple[str, float, float]]] = []
    prev_right = None
    for wbox, content in zip(words, contents):
        wx0 = min(p[0] for p in wbox)
        wx1 = max(p[0] for p in wbox)
        if prev_right is None or wx0 - prev_right > SPACE_GAP * height:
            groups.append([])
        groups[-1].append((content, wx0, wx1))
        prev_right = wx1
    if len(groups) == 1:
        return [Piece(repair_line(text), x0 * scale, y0 * scale, x1 * scale, y1 * scale, size)]
    out = []
    texts = [repair_line("".join(c for c, _a, _b in g)) for g in groups]
    # The first group keeps the line's left edge, the last its right edge (character boxes
    # are estimates; the line box is measured).
    for k, (g, t) in enumerate(zip(groups, texts)):
        gx0 = x0 if k == 0 else g[0][1]
        gx1 = x1 if k == len(groups) - 1 else g[-1][2]
        out.append(Piece(t, gx0 * scale, y0 * scale, gx1 * scale, y1 * scale, size))
    return out


def _rules(img: Any, w: int, h: int) -> list[Box]:
    """Long thin runs of ink, horizontal and vertical."""
    import cv2
    import numpy as np

    ink = (img < INK).astype(np.uint8)
    out: list[Box] = []
    for horizontal in (True, False):
        length = max(20, int((w if horizontal else h) * RULE_MIN_SHARE))
        kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1) if horizontal else (1, length))
        lines = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
        n, _labels, stats, _c = cv2.connectedComponentsWithStats(lines, connectivity=8)
        for k in range(1, n):
            x, y, bw, bh = stats[k][:4]
            thick = bh if horizontal else bw
            if thick <= RULE_MAX_PX:
                out.append((float(x), float(y), float(x + bw), float(y + bh)))
    return out


def _pictures(img: Any, text_boxes: list[tuple[int, int, int, int]], scale: float) -> list[Box]:
    """Large dense areas of ink that hold no recognised text."""
    import cv2
    import numpy as np

    ink = (img < 235).astype(np.uint8)
    for x0, y0, x1, y1 in text_boxes:
        ink[max(0, y0 - 2):y1 + 2, max(0, x0 - 2):x1 + 2] = 0
    step = 4  # work on a quarter-size mask: pictures are large
    small = ink[::step, ::step]
    small = cv2.morphologyEx(small, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
    n, _labels, stats, _c = cv2.connectedComponentsWithStats(small, connectivity=8)
    min_px = PICTURE_MIN_PT / scale / step
    out: list[Box] = []
    for k in range(1, n):
        x, y, bw, bh, area = stats[k]
        if bw >= min_px and bh >= min_px and area >= PICTURE_FILL * bw * bh:
            out.append((float(x * step), float(y * step), float((x + bw) * step), float((y + bh) * step)))
    return out
