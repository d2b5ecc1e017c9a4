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
#: A blank run of ink columns between two characters of a recognised line wider than this share
#: of the line's ink height was a printed space (a full-width space is one em; the white space
#: between two Chinese characters of a justified line stays under 0.35 em, the ink filling
#: 0.85-0.95 of each character's em).
SPACE_GAP = 0.4
#: Beside a full-width mark, a blank this wide (in ink heights) is a gutter between two columns
#: that the detector took for one line (a mark's own blank is under 0.7; gutters are 0.8 em
#: and more, added to it).
BRIDGED_GUTTER = 1.2
#: The detector pads its boxes: a sliver of ink at a box's end narrower than SLIVER ink heights,
#: standing SLIVER_GAP ink heights or more from the rest, is the edge of a neighbouring column's
#: glyph (a gutter is 0.8 em and more; a glyph is at least 0.25 em wide and a sliver less).
SLIVER = 0.4
SLIVER_GAP = 0.7
#: Share of the em that the ink of a line of Chinese characters fills, top to bottom (measured
#: on the test fonts: 0.88-0.95; a line of digits or Latin letters fills less, 0.7).
INK_HEIGHT = 0.92
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
#: Full-width marks: their ink fills part of their em, the rest is blank.
_MARKS = frozenset("，。、；：？！）》」』”’…—（《「『“‘")
_ROLES = ("本报全媒体记者", "本报融媒体记者", "本报特约记者", "本报特约通讯员", "本报见习记者", "本报实习生",
          "本报记者", "本报通讯员", "新华社记者", "人民日报记者", "中新社记者", "特约记者", "特约通讯员",
          "见习记者", "实习记者", "实习生", "记者", "通讯员")
_ROLE_HEAD_RE = re.compile(r"^([□■◇◆]\s*)?(" + "|".join(_ROLES) + r")([\u4e00-\u9fff·]{4,})$")
#: Longest run of names (with roles between) after a byline's first role: four names of three.
BYLINE_NAMES_MAX = 12
_ROLE_SPLIT_RE = re.compile(r"(" + "|".join(_ROLES) + r")")


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
def _surnames() -> dict[str, int]:
    """Surnames and their rank (``data/surnames.txt`` lists the commonest first)."""
    text = files("banmian").joinpath("data/surnames.txt").read_text(encoding="utf-8")
    words = [w for line in text.splitlines() if not line.startswith("#") for w in line.split()]
    return {w: k for k, w in enumerate(words)}


def repair_line(text: str) -> str:
    """Fix what OCR typically gets wrong on a newspaper line (``data/ocr_fixes.tsv``), and put
    the spaces back between run-together byline roles and names."""
    for pattern, repl in _fixes():
        text = pattern.sub(repl, text)
    m = _ROLE_HEAD_RE.match(text)
    if m and len(m.group(3)) <= BYLINE_NAMES_MAX:
        parts = [m.group(2)]
        for k, chunk in enumerate(_ROLE_SPLIT_RE.split(m.group(3))):
            if not chunk:
                continue
            if k % 2:  # a role word
                parts.append(chunk)
                continue
            names = split_names(chunk)
            if names is None and len(chunk) > 4:
                return text  # not a run of names (记者从…获悉): leave the line as read
            parts.extend(names or [chunk])  # 次仁罗布: one name without a surname
        text = (m.group(1) or "") + " ".join(parts)
    return text


#: How likely a name is to have 2, 3 or 4 characters (4 only with a compound surname, which
#: makes it as likely as a two-character name), from the names in the project's article
#: collection and common knowledge of Chinese names: three characters are the rule.
_NAME_LENGTH_WEIGHT = {2: 0.25, 3: 0.7, 4: 0.25}


#: A surname's rank lowers the likelihood of a split that puts it first: 王 (rank 0) counts
#: fully, a surname of rank SURNAME_RANK_HALF half, rarer ones less (陈晓东罗媛 is 陈晓东 罗媛,
#: not 陈晓 东罗媛).
SURNAME_RANK_HALF = 50


def split_names(run: str) -> list[str] | None:
    """Split run-together names (刘红梅司马俊峰 → 刘红梅, 司马俊峰) at surnames, the likeliest
    split by name length and surname frequency; None when no split into names of 2-4
    characters, each opening with a surname, exists."""
    ranks = _surnames()
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
            surname = name[:2] if length >= 3 and name[:2] in ranks else name[:1]
            if surname not in ranks or (length == 4 and len(surname) == 1):
                continue  # four characters only with a compound surname
            cand = (score * weight / (1 + ranks[surname] / SURNAME_RANK_HALF), names + [name])
            if best[j] is None or cand[0] > best[j][0]:  # type: ignore[index]
                best[j] = cand
    return best[n][1] if best[n] is not None else None  # type: ignore[index]


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
    import warnings

    try:
        with warnings.catch_warnings():  # PIL warns about damaged EXIF data: the error says it
            warnings.simplefilter("ignore")
            img = Image.open(io.BytesIO(data))
            frames = []
            for frame in ImageSequence.Iterator(img):
                dpi = frame.info.get("dpi") or img.info.get("dpi")
                res = float(dpi[0]) if dpi and dpi[0] and float(dpi[0]) > 30 else ASSUMED_DPI
                frames.append((np.asarray(frame.convert("L")).copy(), 72.0 / res))
    except Exception as e:  # noqa: BLE001 - PIL raises many kinds for a damaged file
        reason = ("the image data is not recognised" if type(e).__name__ == "UnidentifiedImageError"
                  else f"damaged or truncated ({type(e).__name__})")
        raise CorruptInputError(f"is not a readable image: {reason}", source=name) from None
    return frames


def read_image_page(data: bytes, name: str, kind: str = "image") -> Page:
    """OCR a scanned page (every frame of a multi-page TIFF) into a Page of blocks."""
    from .assemble import to_page
    from .layout import analyse

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
        pieces.extend(_line_pieces(img, text, box, words, contents, scale))
    rules = [_scale(b, scale) for b in _rules(img, w, h)]
    pictures = [_scale(b, scale) for b in _pictures(img, text_boxes, scale)]
    return Sheet(w * scale, h * scale, pieces, rules, [], pictures, size_tolerance=OCR_SIZE_TOLERANCE)


def _scale(b: Box, s: float) -> Box:
    return (b[0] * s, b[1] * s, b[2] * s, b[3] * s)


def _ink(img: Any, box: Box) -> tuple[Box, list[tuple[int, int]]] | None:
    """The box tightened to the ink inside it, and the blank column runs between its ink
    (in image pixels); None when the box holds no ink."""
    import numpy as np

    h, w = img.shape[:2]
    x0, y0 = max(0, int(box[0])), max(0, int(box[1]))
    x1, y1 = min(w, int(box[2]) + 1), min(h, int(box[3]) + 1)
    crop = img[y0:y1, x0:x1] < INK
    if crop.size == 0:
        return None
    rows = np.flatnonzero(crop.any(axis=1))
    cols = crop.any(axis=0)
    ink_cols = np.flatnonzero(cols)
    if rows.size == 0 or ink_cols.size == 0:
        return None
    tight = [x0 + ink_cols[0], y0 + rows[0], x0 + ink_cols[-1] + 1, y0 + rows[-1] + 1]
    gaps = []
    blank = np.flatnonzero(~cols[ink_cols[0]:ink_cols[-1] + 1]) + ink_cols[0]
    if blank.size:
        breaks = np.flatnonzero(np.diff(blank) > 1)
        starts = np.concatenate(([blank[0]], blank[breaks + 1]))
        ends = np.concatenate((blank[breaks], [blank[-1]]))
        gaps = [(int(x0 + a), int(x0 + b + 1)) for a, b in zip(starts, ends)]
    # A sliver of a neighbouring column's glyph inside the padded box, cut off by a gutter.
    height = tight[3] - tight[1]
    if gaps and gaps[0][0] - tight[0] < SLIVER * height and gaps[0][1] - gaps[0][0] >= SLIVER_GAP * height:
        tight[0] = gaps.pop(0)[1]
    if gaps and tight[2] - gaps[-1][1] < SLIVER * height and gaps[-1][1] - gaps[-1][0] >= SLIVER_GAP * height:
        tight[2] = gaps.pop()[0]
    return tuple(float(v) for v in tight), gaps  # type: ignore[return-value]


def _line_pieces(img: Any, text: str, box: Box, words: Any, contents: Any, scale: float) -> list[Piece]:
    """A recognised line, measured on the image's ink (its box tightened, its size from the ink
    height: OCR's line boxes carry padding that grows on short lines) and cut where its
    characters stand a space apart (a blank run of ink columns between two characters)."""
    ink = _ink(img, box)
    if ink is not None:
        (x0, y0, x1, y1), gaps = ink
    else:
        (x0, y0, x1, y1), gaps = box, []
    size = (y1 - y0) / INK_HEIGHT * scale
    whole = [Piece(repair_line(text), x0 * scale, y0 * scale, x1 * scale, y1 * scale, size)]
    if not words or not contents or len(words) != len(contents) or "".join(contents) != text.replace(" ", ""):
        return whole
    wide = [(a, b) for a, b in gaps if b - a >= SPACE_GAP * (y1 - y0)]
    if not wide:
        return whole
    centres = [(min(p[0] for p in wb) + max(p[0] for p in wb)) / 2 for wb in words]
    groups: list[list[str]] = [[contents[0]]]
    edges: list[tuple[float, float]] = []
    for k in range(1, len(contents)):
        # A full-width mark has a blank beside it: cut there only at a gutter the detector
        # bridged. The layout decides whether a space was printed at a cut.
        need = SPACE_GAP if (contents[k - 1][-1:] not in _MARKS and contents[k][:1] not in _MARKS) else BRIDGED_GUTTER
        gap = next(((a, b) for a, b in wide
                    if b - a >= need * (y1 - y0) and centres[k - 1] < (a + b) / 2 < centres[k]), None)
        if gap is not None:
            edges.append(gap)
            groups.append([])
        groups[-1].append(contents[k])
    if len(groups) == 1:
        return whole
    out = []
    left = x0
    for k, g in enumerate(groups):
        right = edges[k][0] if k < len(edges) else x1
        out.append(Piece(repair_line("".join(g)), left * scale, y0 * scale, right * scale, y1 * scale, size))
        if k < len(edges):
            left = edges[k][1]
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
