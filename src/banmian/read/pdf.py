"""Read newspaper pages from PDF with pypdfium2 (Apache-2.0/BSD, PDFium's own text engine).

For each page the text layer gives runs of characters with their box and size, the page's
graphics give rules, frames and pictures, and :mod:`banmian.read.layout` rebuilds the blocks in
reading order. A page whose text layer is missing or unusable (a scan) is rendered and read by OCR
(:mod:`banmian.read.ocr`, the ``ocr`` extra).

Speed: PDFium's text page is built once per page; the reader asks it for the whole text in one
call and for boxes and sizes only at the ends of each run of characters (a run ends at a space or
a line end), not per character. A run whose ends do not fit one line of text (the content stream
drew it out of order) is measured character by character instead.
"""

from __future__ import annotations

import ctypes
import math
import re
from typing import Any

from ..errors import CorruptInputError, EmptyInputError, EncryptedInputError, MissingExtraError
from ..model import Page
from .layout import Box, Piece, Sheet

__all__ = ["read_pdf_page", "pdf_sheets", "OCR_DPI"]

#: Resolution at which a page without a text layer is rendered for OCR. Body text of 9-10.5 pt
#: is then 25-29 pixels high, inside the range the recogniser was trained on (it rescales lines
#: to 48 pixels); 300 dpi reads no better on the test pages and takes twice as long.
OCR_DPI = 200
#: A page with fewer real characters than this, and a picture, is a scan.
MIN_TEXT_CHARS = 20
#: A text layer in which more than this share of characters is unmapped (U+FFFD, private use,
#: control characters: a font without a Unicode table) is unusable; the page goes to OCR.
MAX_UNMAPPED_SHARE = 0.3
#: Graphics: a path this thin (points) is a rule; a rectangle at least FRAME_MIN points on
#: each side drawn with at most FRAME_MAX_SEGMENTS segments is a frame; an image at least
#: PICTURE_MIN points on each side is a picture.
RULE_MAX_THICKNESS = 3.0
RULE_MIN_LENGTH = 12.0
FRAME_MIN = 20.0
FRAME_MAX_SEGMENTS = 6
PICTURE_MIN = 20.0
#: Form XObjects are looked into up to this depth.
MAX_FORM_DEPTH = 4

#: PDFium's load error codes (FPDF_ERR_*) in words.
_LOAD_ERRORS = {2: "the file cannot be opened", 3: "damaged or truncated (not valid PDF data)",
                6: "a page is missing or damaged"}
_RUN_RE = re.compile(r"[^\s\u3000]+")
_UNMAPPED_RE = re.compile(r"[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f]")
_INSTALL = "pip install 'banmian[pdf]'"


def _pdfium() -> Any:
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise MissingExtraError(f"reading PDF needs the pdf extra: {_INSTALL}") from None
    return pdfium


def _open(data: bytes, name: str) -> Any:
    pdfium = _pdfium()
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        code = getattr(e, "err_code", None)
        if code in (4, 5):  # FPDF_ERR_PASSWORD, FPDF_ERR_SECURITY
            raise EncryptedInputError("is an encrypted PDF: it needs a password to be read",
                                      source=name) from None
        reason = _LOAD_ERRORS.get(code, "PDFium cannot load it")
        raise CorruptInputError(f"is not a readable PDF: {reason}", source=name) from None


def read_pdf_page(data: bytes, name: str) -> Page:
    """Read every page of a PDF into one Page of blocks (``Block.page_no`` numbers them)."""
    from .assemble import to_page
    from .layout import analyse

    doc = _open(data, name)
    try:
        sheets = pdf_sheets(doc, name)
    finally:
        doc.close()
    layouts = [analyse(s) for s in sheets]
    if not any(lay.blocks for lay in layouts):
        raise EmptyInputError("holds no text: neither a text layer nor anything OCR could read",
                              source=name)
    return to_page(layouts, name, data, "pdf")


def pdf_sheets(doc: Any, name: str) -> list[Sheet]:
    """One Sheet per page: text pieces from the text layer, or from OCR for a scanned page."""
    sheets = []
    n = len(doc)
    if n == 0:
        raise EmptyInputError("is a PDF without pages", source=name)
    for k in range(n):
        page = doc[k]
        try:
            sheets.append(_page_sheet(page, name, k + 1))
        finally:
            page.close()
    return sheets


def _page_sheet(page: Any, name: str, page_no: int) -> Sheet:
    import pypdfium2.raw as R

    width, height = page.get_size()
    try:
        tp = page.get_textpage()
    except Exception as e:  # noqa: BLE001 - PDFium could not parse the page's content
        raise CorruptInputError(f"page {page_no} cannot be read ({e})", source=name) from None
    try:
        text = tp.get_text_range() if tp.count_chars() else ""
        pieces = _pieces(R, tp, text, height)
    finally:
        tp.close()
    rules, frames, pictures = _graphics(R, page, height)
    real = sum(len(p.text) for p in pieces)
    unmapped = sum(len(_UNMAPPED_RE.findall(p.text)) for p in pieces)
    if real < MIN_TEXT_CHARS or unmapped > MAX_UNMAPPED_SHARE * real:
        if pictures or unmapped:
            return _ocr_sheet(page, name, page_no, width, height)
    return Sheet(width, height, pieces, rules, frames, pictures)


def _ocr_sheet(page: Any, name: str, page_no: int, width: float, height: float) -> Sheet:
    from .ocr import image_sheet

    bitmap = page.render(scale=OCR_DPI / 72, grayscale=True)
    try:
        img = bitmap.to_numpy().copy()
    finally:
        bitmap.close()
    if img.ndim == 3:
        img = img[:, :, 0]
    return image_sheet(img, 72 / OCR_DPI, name)


# ---------------------------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------------------------

def _pieces(R: Any, tp: Any, text: str, height: float) -> list[Piece]:
    """Runs of characters between spaces and line ends, with their boxes and sizes."""
    if not text:
        return []
    rect = R.FS_RECTF()
    m = R.FS_MATRIX()
    loose = R.FPDFText_GetLooseCharBox
    fsize = R.FPDFText_GetFontSize
    fmatrix = R.FPDFText_GetMatrix
    uni = R.FPDFText_GetUnicode
    finfo = R.FPDFText_GetFontInfo
    fbuf = ctypes.create_string_buffer(64)
    count = R.FPDFText_CountChars(tp)
    out: list[Piece] = []
    shift = 0  # char index = text index + shift: the text leaves out characters coded as 0
    for mt in _RUN_RE.finditer(text):
        i = _sync(uni, tp, mt.start() + shift, mt.group()[0], count)
        shift = i - mt.start()
        j = _sync(uni, tp, mt.end() - 1 + shift, mt.group()[-1], count)
        shift = j - (mt.end() - 1)
        if j >= count:
            break
        loose(tp, i, rect)
        x0, top0, bot0 = rect.left, rect.top, rect.bottom
        loose(tp, j, rect)
        x1, top1, bot1 = rect.right, rect.top, rect.bottom
        fmatrix(tp, i, m)
        scale = math.sqrt(abs(m.a * m.d - m.b * m.c))
        size = fsize(tp, i) * scale
        if size <= 0:
            size = top0 - bot0
        n = j - i + 1
        upright = abs(m.b) < 1e-3 * scale and abs(m.c) < 1e-3 * scale
        if (upright and abs(bot0 - bot1) <= 0.3 * size and x1 >= x0
                and x1 - x0 <= n * size * 1.6 + size):
            # The face of the run's first Chinese character (digits, Latin letters and marks
            # inside Chinese text are often set in another face).
            cjk = _CJK_RE.search(mt.group())
            flen = finfo(tp, i + cjk.start() if cjk and i + cjk.start() <= j else (i + j + 1) // 2, fbuf, 64, None)
            font = _face_name(fbuf.raw[:max(flen - 1, 0)]) if flen else ""
            piece = Piece(mt.group(), x0, height - max(top0, top1), x1, height - min(bot0, bot1), size,
                          font=font)
            nxt = mt.end()
            if nxt < len(text) and text[nxt] in " \u3000":
                piece.space_after = True  # PDFium reads a space here (printed or inferred)
            out.append(piece)
        else:
            out.extend(_char_pieces(R, tp, i, j + 1, size, height))
    return out


_CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SUBSET_RE = re.compile(rb"^[A-Z]{6}\+|-\d+$")


def _face_name(raw: bytes) -> str:
    """A font's name without its subset tag (ABCDEF+SimSun) or subset number (UMingCN-0)."""
    return _SUBSET_RE.sub(b"", raw).decode("latin-1")


#: How far ahead a run's character is looked for in PDFium's character list (it holds a few
#: characters coded as 0 that its text leaves out; a character outside the Basic Multilingual
#: Plane takes two places there and one in the text).
SYNC_WINDOW = 8


def _sync(uni: Any, tp: Any, i: int, ch: str, count: int) -> int:
    """The index in PDFium's character list of the text character expected at ``i``."""
    code = ord(ch)
    if code > 0xFFFF:
        return i
    for k in range(i, min(i + SYNC_WINDOW, count)):
        if uni(tp, k) == code:
            return k
    return i


def _char_pieces(R: Any, tp: Any, start: int, end: int, size: float, height: float) -> list[Piece]:
    """A run drawn out of order (or rotated): measured character by character and cut where a
    character does not follow the one before on the same line."""
    rect = R.FS_RECTF()
    out: list[Piece] = []
    cur: Piece | None = None
    for i in range(start, end):
        code = R.FPDFText_GetUnicode(tp, i)
        if code in (0, 32, 10, 13, 0x3000):
            cur = None
            continue
        ch = chr(code)
        R.FPDFText_GetLooseCharBox(tp, i, rect)
        x0, y0, x1, y1 = rect.left, height - rect.top, rect.right, height - rect.bottom
        h = max(y1 - y0, 0.1)
        if (cur is not None and abs(y1 - cur.y1) <= 0.3 * h and -0.3 * h <= x0 - cur.x1 <= 0.3 * h):
            cur.text += ch
            cur.x1 = max(cur.x1, x1)
            cur.y0 = min(cur.y0, y0)
            cur.y1 = max(cur.y1, y1)
            continue
        cur = Piece(ch, x0, y0, x1, y1, size if size > 0 else h)
        out.append(cur)
    return out


# ---------------------------------------------------------------------------------------------
# Graphics: rules, frames, pictures
# ---------------------------------------------------------------------------------------------

def _graphics(R: Any, page: Any, height: float) -> tuple[list[Box], list[Box], list[Box]]:
    rules: list[Box] = []
    frames: list[Box] = []
    pictures: list[Box] = []
    raw = page.raw
    get_object, get_type, text_kind = R.FPDFPage_GetObject, R.FPDFPageObj_GetType, R.FPDF_PAGEOBJ_TEXT
    objs = []
    for k in range(R.FPDFPage_CountObjects(raw)):  # text objects (most of them) are passed over
        obj = get_object(raw, k)
        if get_type(obj) != text_kind:
            objs.append((obj, None, 0))
    L, B, Rr, T = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    mat = R.FS_MATRIX()
    while objs:
        obj, tm, depth = objs.pop()
        kind = R.FPDFPageObj_GetType(obj)
        if kind == R.FPDF_PAGEOBJ_TEXT:
            continue
        if kind == R.FPDF_PAGEOBJ_FORM:
            if depth < MAX_FORM_DEPTH and R.FPDFPageObj_GetMatrix(obj, mat):
                fm = (mat.a, mat.b, mat.c, mat.d, mat.e, mat.f)
                fm = _compose(fm, tm) if tm else fm
                objs.extend((R.FPDFFormObj_GetObject(obj, k), fm, depth + 1)
                            for k in range(R.FPDFFormObj_CountObjects(obj)))
            continue
        if kind not in (R.FPDF_PAGEOBJ_PATH, R.FPDF_PAGEOBJ_IMAGE):
            continue
        if not R.FPDFPageObj_GetBounds(obj, L, B, Rr, T):
            continue
        x0, y0, x1, y1 = L.value, B.value, Rr.value, T.value
        if tm:
            x0, y0, x1, y1 = _transform_box(tm, x0, y0, x1, y1)
        box = (x0, height - y1, x1, height - y0)
        w, h = x1 - x0, y1 - y0
        if kind == R.FPDF_PAGEOBJ_IMAGE:
            if w >= PICTURE_MIN and h >= PICTURE_MIN:
                pictures.append(box)
            continue
        if (h <= RULE_MAX_THICKNESS and w >= RULE_MIN_LENGTH) or (w <= RULE_MAX_THICKNESS and h >= RULE_MIN_LENGTH):
            rules.append(box)
        elif w >= FRAME_MIN and h >= FRAME_MIN and R.FPDFPath_CountSegments(obj) <= FRAME_MAX_SEGMENTS:
            frames.append(box)
    return rules, frames, pictures


def _compose(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    """The matrix ``inner`` then ``outer`` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B_, C, D, E, F = outer
    return (a * A + b * C, a * B_ + b * D, c * A + d * C, c * B_ + d * D, e * A + f * C + E, e * B_ + f * D + F)


def _transform_box(m: tuple[float, ...], x0: float, y0: float, x1: float, y1: float) -> Box:
    a, b, c, d, e, f = m
    pts = [(x * a + y * c + e, x * b + y * d + f) for x in (x0, x1) for y in (y0, y1)]
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    return (min(xs), min(ys), max(xs), max(ys))
