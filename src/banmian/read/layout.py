"""Rebuild a page's blocks in reading order from positioned text: shared by the PDF and OCR readers.

Input is a :class:`Sheet`: the page size, text *pieces* (runs of characters on one baseline, with
their box and font size), rules (thin lines), frames (rectangles drawn around a picture story or a
box) and pictures. Coordinates are points with the origin top-left. Output is blocks in reading
order, each a paragraph (or a headline, byline, caption...) with its box and font size, and the
page furniture (running heads, page numbers) set aside.

The steps:

1. **Furniture.** Rows above the first rule that crosses the page near the top (or below the last
   one near the bottom) are the running head and foot; without such rules, short rows standing
   apart at the very top or bottom that read like a page number or a date.
2. **Reading order** by recursive cuts (XY-cut): a region of the page is split along the widest
   empty channel, vertical (a gutter between columns) or horizontal (between a headline and its
   columns, between two rows of articles). A channel crossed by a rule or a frame edge cannot be
   cut; a channel holding a rule is preferred. Horizontal channels no wider than the space between
   two lines of a column are only cut when nothing else can be, so that columns set on the same
   baseline grid are not read row by row across the page.
3. **Lines.** In each region that cannot be cut further, pieces on one row form a line; a gap of
   a third of an em or more between them is a space (between names of a byline, the two phrases of
   a headline), a smaller one is nothing (CJK text joins without spaces).
4. **Blocks.** Consecutive lines of one column, size and face make a run; a run is cut into
   paragraphs where a line is indented or the line before stops short of the column's right edge.
   Runs in a headline size stay whole. A paragraph that runs on from the bottom of one column to
   the top of the next (the last line full, the next column's first line full and not indented) is
   joined into one block.
5. **Jump lines.** 上接第N版 / 下转第N版 marks are split off into blocks of their own.

Every threshold is a named constant below with a note on how it was chosen; lengths are in ems of
the page's body text (the most common font size, weighted by characters).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field


Box = tuple[float, float, float, float]

# ---------------------------------------------------------------------------------------------
# Thresholds (in ems of the body text unless said otherwise)
# ---------------------------------------------------------------------------------------------

#: Narrowest vertical channel taken as a gutter. Papers set gutters of 0.8-2 ems; a justified
#: column has no channel inside it at all, so anything clearly above zero would do. 0.5 keeps
#: clear of the gap a ragged last line leaves against a narrow picture.
MIN_GUTTER = 0.5
#: A horizontal channel must be this much wider than the usual space between two lines of a
#: column to be cut while a vertical cut is possible (the space between a headline and its
#: columns, between two rows of articles, is a line or more; between lines it is 0.3-0.8 em).
STRONG_ROW_GAP = 1.5
#: A horizontal channel this much wider than the usual space between lines (a share of it) is
#: a break between rows of a headline area, never the space between two lines of one column:
#: line spacing is constant on a page, so even a tenth more is a deliberate gap.
ROW_GAP_MARGIN = 0.1
#: Horizontal channels tried (widest first) to free columns under a headline set close above
#: them: the space under a section label, a kicker, the headline, a byline row.
FALLBACK_TRIES = 4
#: Share of a region's width a rule must cross to mark a row break in a channel no wider than
#: the space between two lines.
RULE_ACROSS = 0.9
#: Extra score for a channel that holds a rule parallel to it (a drawn separator).
RULE_BONUS = 2.0
#: A vertical cut through a region whose text stands on one row needs a channel this many ems
#: of the row's own size: the space between a headline's two phrases (one em) is not a gutter.
ONE_ROW_GUTTER = 2.5
#: A channel with text on several rows on one side only (the last line of a column beside the
#: first of the next) is a gutter from this width on; narrower, it is the space after a byline
#: marker over an indented first line.
ONE_SIDED_GUTTER = 1.0
#: Characters stacked one per row at this size (relative to the body) or larger are a headline set
#: vertically; it is read before the columns it stands beside.
VERTICAL_TITLE_SIZE = 1.3
#: Gap between two pieces of one row that is printed as a space (a full-width space is 1 em, a
#: Latin space 0.25-0.33 em; character spacing of justified lines stays under 0.2 em).
SPACE_GAP = 0.3
#: With a space in the text layer, a gap of this much is enough (a Latin space is 0.25 em).
TEXT_SPACE_GAP = 0.1
#: Sizes within this ratio are one size: a PDF states sizes exactly (rounding aside); the heights
#: of OCR's line boxes vary by about a tenth for one size (measured on the rasterised test pages).
SIZE_TOLERANCE = 0.05
OCR_SIZE_TOLERANCE = 0.15
#: A line stands in the same column as the line above when it starts within this many ems of
#: the column's left edge or inside it, and the vertical gap is at most this many line gaps.
SAME_COLUMN_GAP = 1.8
#: Indent that starts a paragraph (papers indent two characters; centred subheads more).
INDENT = 1.2
#: A line that stops this many ems short of the column's right edge ends its paragraph.
SHORT_LINE = 1.2
#: A run in which fewer than this share of lines (the last one aside) reach the right edge is set
#: ragged-right, not justified: short lines do not end paragraphs there. Justified paragraphs of
#: three lines or more have at least half their lines flush; ragged text rarely does.
RAGGED_SHARE = 0.5
#: ... and whose lines (the last aside) all fill at least this share of the column: a ragged
#: caption runs close to the edge; a byline of short lines over a subhead does not.
RAGGED_MIN_WIDTH = 0.6
#: Slack for "full" lines and "not indented" at a column change (justified lines end flush).
FLUSH = 0.5
#: A run set larger than the body by twice the size tolerance is set in a headline size (a brief's
#: headline is 1.1 times the body): its lines stay one block, however short they stop.
TITLE_SIZE_TOLERANCES = 2.0
#: Furniture: a rule counts as the running head's rule when it spans this share of the text
#: width and lies in the top (bottom) share of the page given by FURNITURE_BAND; at most
#: FURNITURE_ROWS rows of at most FURNITURE_CHARS characters may stand beyond it.
FURNITURE_RULE_SPAN = 0.6
FURNITURE_BAND = 0.15
FURNITURE_ROWS = 4
FURNITURE_CHARS = 40
#: ... and the band beyond the rule is at most this many body ems deep (a running head is one
#: or two rows of small type; a rule between two rows of articles has a whole row beyond it).
FURNITURE_DEPTH = 6
#: Without a rule: a row in the top or bottom NO_RULE_BAND of the text area, standing apart
#: by at least NO_RULE_GAP ems, that reads like a page number, a date or a page name.
NO_RULE_BAND = 0.06
NO_RULE_GAP = 1.5

#: Full-width marks whose ink fills part of their em: the white beside them is never a space.
_NO_SPACE_AFTER = frozenset("，。、；：？！）》」』”’…—（《「『“‘")
_NO_SPACE_BEFORE = frozenset("，。、；：？！）》」』”’…—（《「『“‘")
#: A page furniture row without a rule: page numbers, dates, 第N版, editor lines.
_FURNITURE_ROW_RE = re.compile(
    r"^(?:[A-Z]?\d{1,3}|第\s*[0-9０-９一二三四五六七八九十A-Z]+\s*版.*|.*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日.*"
    r"|.*(?:责任编辑|本版编辑|责编|版式设计|美编|校对).*|[-—]\s*\d{1,3}\s*[-—])$")
#: Jump marks: （下转第2版） at a paragraph's end, （上接第1版） at its start.
_JUMP = r"[（(【\[]\s*(?:上接|下转|接上|转下|转第|接第)\s*第?\s*[0-9０-９A-Za-z一二三四五六七八九十]*\s*版\s*[）)】\]]"
_JUMP_END_RE = re.compile(r"\s*(" + _JUMP + r")\s*$")
_JUMP_START_RE = re.compile(r"^\s*(" + _JUMP + r")\s*")


@dataclass(slots=True)
class Piece:
    """A run of characters on one baseline."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    space_after: bool = False  # the text layer has a space character after it
    font: str = ""             # the face's name (PDF), empty when unknown (OCR)


@dataclass(slots=True)
class Sheet:
    """One page as positioned text and graphics (points, origin top-left)."""

    width: float
    height: float
    pieces: list[Piece] = field(default_factory=list)
    rules: list[Box] = field(default_factory=list)     # thin lines, either direction
    frames: list[Box] = field(default_factory=list)    # drawn rectangles
    pictures: list[Box] = field(default_factory=list)  # images
    size_tolerance: float = SIZE_TOLERANCE             # OCR_SIZE_TOLERANCE for a scan


@dataclass(slots=True)
class LBlock:
    """A block as the layout found it: text, box, dominant size, blank lines before it."""

    text: str
    box: Box
    size: float
    gap_before: int = 1


@dataclass(slots=True)
class Layout:
    blocks: list[LBlock]
    furniture: list[str]
    pictures: list[Box]
    body_size: float
    height: float = 0.0


@dataclass(slots=True)
class _Line:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    region: int
    chars: int
    font: str = ""


# ---------------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------------

def analyse(sheet: Sheet) -> Layout:
    """Blocks in reading order, furniture and pictures of one page."""
    pieces = [p for p in sheet.pieces if p.text.strip() and p.x1 > p.x0 and p.y1 > p.y0]
    if not pieces:
        return Layout([], [], list(sheet.pictures), 0.0, sheet.height)
    body = body_size(pieces)
    rules = _rules(sheet, body)
    pieces, furniture = split_furniture(pieces, rules, sheet, body)
    lines = order_lines(pieces, rules, sheet.pictures, body, sheet.size_tolerance)
    blocks = build_blocks(lines, body, sheet.size_tolerance)
    return Layout(blocks, furniture, list(sheet.pictures), body, sheet.height)


def body_size(pieces: list[Piece]) -> float:
    """The most common size, weighted by characters, rounded to half a point."""
    c: Counter[float] = Counter()
    for p in pieces:
        c[round(p.size * 2) / 2] += len(p.text)
    return c.most_common(1)[0][0] or 10.0


def _rules(sheet: Sheet, body: float) -> list[Box]:
    """Rules, plus the four edges of every frame (a frame is cut around, never through)."""
    out = list(sheet.rules)
    for x0, y0, x1, y1 in sheet.frames:
        if (x1 - x0) * (y1 - y0) > 0.8 * sheet.width * sheet.height:
            continue  # a page border or background
        out += [(x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)]
    return out


# ---------------------------------------------------------------------------------------------
# 1. Furniture
# ---------------------------------------------------------------------------------------------

def _rows(pieces: list[Piece]) -> list[list[Piece]]:
    """Pieces grouped into rows (vertical overlap of more than half the smaller height)."""
    rows: list[list[Piece]] = []
    ly0 = ly1 = 0.0
    for p in sorted(pieces, key=lambda q: q.y0 + q.y1):
        if rows:
            overlap = min(ly1, p.y1) - max(ly0, p.y0)
            if overlap > 0.5 * min(ly1 - ly0, p.y1 - p.y0):
                rows[-1].append(p)
                ly0, ly1 = min(ly0, p.y0), max(ly1, p.y1)
                continue
        rows.append([p])
        ly0, ly1 = p.y0, p.y1
    for r in rows:
        r.sort(key=lambda q: q.x0)
    return rows


def _row_text(row: list[Piece]) -> str:
    out = ""
    prev: Piece | None = None
    for p in row:
        gap = p.x0 - prev.x1 if prev is not None else 0.0
        em = max(p.size, prev.size) if prev is not None else 0.0
        if (prev is not None and (gap >= SPACE_GAP * em or (prev.space_after and gap >= TEXT_SPACE_GAP * em))
                and prev.text[-1] not in _NO_SPACE_AFTER and p.text[0] not in _NO_SPACE_BEFORE):
            out += " "
        out += p.text
        prev = p
    return out


def split_furniture(pieces: list[Piece], rules: list[Box], sheet: Sheet,
                    body: float) -> tuple[list[Piece], list[str]]:
    """Take the running head and foot (and page numbers) out of the pieces."""
    tx0 = min(p.x0 for p in pieces)
    tx1 = max(p.x1 for p in pieces)
    ty0 = min(p.y0 for p in pieces)
    ty1 = max(p.y1 for p in pieces)
    width = tx1 - tx0
    long_h = [r for r in rules if r[3] - r[1] <= 3 and (r[2] - r[0]) >= FURNITURE_RULE_SPAN * width]
    top_cut = None
    bottom_cut = None
    tops = [r[1] for r in long_h if r[1] <= ty0 + FURNITURE_BAND * sheet.height]
    if tops:
        top_cut = min(tops)
    bottoms = [r[1] for r in long_h if r[1] >= ty1 - FURNITURE_BAND * sheet.height]
    if bottoms:
        bottom_cut = max(bottoms)
    furniture: list[str] = []
    drop: set[int] = set()
    for cut, above in ((top_cut, True), (bottom_cut, False)):
        if cut is None:
            continue
        beyond = [p for p in pieces if (p.y1 <= cut + 1 if above else p.y0 >= cut - 1)]
        rows = _rows(beyond)
        depth = (cut - ty0) if above else (ty1 - cut)
        if (beyond and len(rows) <= FURNITURE_ROWS and depth <= FURNITURE_DEPTH * body
                and all(len(_row_text(r)) <= FURNITURE_CHARS for r in rows)):
            furniture += [_row_text(r) for r in rows]
            drop |= {id(p) for p in beyond}
    rest = [p for p in pieces if id(p) not in drop]
    if rest:
        rows = _rows(rest)
        # Without a rule: short rows standing apart at the very top or bottom.
        ry0 = min(p.y0 for p in rest)
        ry1 = max(p.y1 for p in rest)
        band = NO_RULE_BAND * (ry1 - ry0)
        for k in (0, 1, -1, -2):
            if not -len(rows) <= k < len(rows) or len(rows) < 4:
                continue
            row = rows[k]
            text = _row_text(row)
            y0 = min(p.y0 for p in row)
            y1 = max(p.y1 for p in row)
            if k >= 0 and y1 > ry0 + band or k < 0 and y0 < ry1 - band:
                continue
            nb = rows[k + 1] if k >= 0 else rows[k - 1]
            gap = (min(p.y0 for p in nb) - y1) if k >= 0 else (y0 - max(p.y1 for p in nb))
            if gap >= NO_RULE_GAP * body and len(text) <= FURNITURE_CHARS and _FURNITURE_ROW_RE.match(text):
                if k >= 0 and k == 1 and id(rows[0][0]) not in drop:
                    continue  # only the outermost rows
                furniture.append(text)
                drop |= {id(p) for p in row}
        rest = [p for p in pieces if id(p) not in drop]
    return rest, furniture


# ---------------------------------------------------------------------------------------------
# 2-3. Reading order and lines
# ---------------------------------------------------------------------------------------------

@dataclass(slots=True)
class _El:
    x0: float
    y0: float
    x1: float
    y1: float
    piece: Piece | None  # None: a picture


def _gaps(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Empty intervals between sorted (start, end) spans."""
    out = []
    reach = spans[0][1]
    for s, e in spans[1:]:
        if s > reach:
            out.append((reach, s))
        if e > reach:
            reach = e
    return out


def _line_gap(pieces: list[Piece], body: float, tol: float) -> float:
    """The usual space between two lines of a column, from body-size pieces stacked in columns."""
    bodyish = sorted((p for p in pieces if abs(p.size - body) <= tol * body),
                     key=lambda p: (round(p.x0), p.y0))
    gaps: list[float] = []
    for a, b in zip(bodyish, bodyish[1:]):
        if abs(a.x0 - b.x0) < body * 0.5 and 0 <= b.y0 - a.y1 < 2 * body:
            gaps.append(b.y0 - a.y1)
    if not gaps:
        return body * 0.5
    gaps.sort()
    return gaps[len(gaps) // 2]


def order_lines(pieces: list[Piece], rules: list[Box], pictures: list[Box], body: float,
                tol: float = SIZE_TOLERANCE) -> list[_Line | Box]:
    """Lines (and pictures, as boxes) in reading order."""
    els = [_El(p.x0, p.y0, p.x1, p.y1, p) for p in pieces]
    els += [_El(*b, None) for b in pictures]
    ctx = _Cut(rules, body, _line_gap(pieces, body, tol))
    out: list[_Line | Box] = []
    ctx.cut(els, out)
    return out


class _Cut:
    def __init__(self, rules: list[Box], body: float, line_gap: float) -> None:
        self.h_rules = [r for r in rules if r[3] - r[1] <= 3 and r[2] - r[0] > 3]
        self.v_rules = [r for r in rules if r[2] - r[0] <= 3 and r[3] - r[1] > 3]
        self.body = body
        self.line_gap = line_gap
        self.region = 0

    def _v_candidates(self, els: list[_El], box: Box) -> list[tuple[float, float, float]]:
        """(score, x0, x1) of vertical channels through the region.

        A channel is a gutter when a rule stands in it, or text stands on several rows on both
        sides of it, or it is wider than a space between words of one row can be (a region of
        a byline over an indented first line has a channel between the marker and the rest)."""
        spans = sorted((e.x0, e.x1) for e in els)
        out = []
        y0, y1 = box[1], box[3]
        for g0, g1 in _gaps(spans):
            w = g1 - g0
            if w < MIN_GUTTER * self.body:
                continue
            # A horizontal rule across the channel inside the region forbids the cut.
            if any(r[0] < g0 and r[2] > g1 and y0 < r[1] < y1 for r in self.h_rules):
                continue
            score = w / self.body
            if any(g0 <= r[0] <= g1 and r[1] < y1 and r[3] > y0 for r in self.v_rules):
                score += RULE_BONUS
            else:
                rows_left = _rows_beside(els, g0, left=True)
                rows_right = _rows_beside(els, g1, left=False)
                if not (rows_left and rows_right):
                    size = max((e.piece.size for e in els if e.piece), default=self.body)
                    if w < ONE_ROW_GUTTER * size and not ((rows_left or rows_right) and w >= ONE_SIDED_GUTTER * size):
                        continue
            out.append((score, g0, g1))
        return out

    def _h_candidates(self, els: list[_El], box: Box) -> list[tuple[float, float, float, bool]]:
        """(score, y0, y1, strong) of horizontal channels through the region."""
        spans = sorted((e.y0, e.y1) for e in els)
        out = []
        x0, x1 = box[0], box[2]
        for g0, g1 in _gaps(spans):
            # A vertical rule across the channel inside the region forbids the cut.
            if any(r[1] < g0 and r[3] > g1 and x0 < r[0] < x1 for r in self.v_rules):
                continue
            score = (g1 - g0) / self.body
            # A rule in the channel makes it a break between rows when it runs across the region,
            # or across half of it where the channel is wider than a line space (a rule under
            # one stacked article, beside a column that runs on, marks no row).
            spans = [min(r[2], x1) - max(r[0], x0) for r in self.h_rules
                     if g0 - 1 <= r[1] <= g1 + 1 and r[0] < x1 and r[2] > x0]
            wide = (g1 - g0) >= self.line_gap * (1 + ROW_GAP_MARGIN)
            ruled = any(sp >= RULE_ACROSS * (x1 - x0) or (wide and sp >= 0.5 * (x1 - x0)) for sp in spans)
            if ruled:
                score += RULE_BONUS
            strong = ruled or (g1 - g0) >= self.line_gap + STRONG_ROW_GAP * self.line_gap
            out.append((score, g0, g1, strong))
        return out

    def cut(self, els: list[_El], out: list[_Line | Box]) -> None:
        if len(els) <= 1:
            self._leaf(els, out)
            return
        box = _bbox(els)
        v = self._v_candidates(els, box)
        h = self._h_candidates(els, box)
        strong_h = [c for c in h if c[3]]
        best_v = max((c[0] for c in v), default=0.0)
        best_h = max((c[0] for c in strong_h), default=0.0)
        if strong_h and best_h >= best_v:
            cuts = sorted((c[1] + c[2]) / 2 for c in strong_h)
            self._split(els, cuts, vertical=False, out=out)
        elif v:
            cuts = sorted((c[1] + c[2]) / 2 for c in v)
            self._split(els, cuts, vertical=True, out=out)
        elif h:
            # Nothing strong: a headline (kicker, byline row) set close over its columns, or a
            # single column. Channels clearly wider than the space between two lines are all cut
            # (the rows of a headline area); failing that, the widest channel that frees a column
            # on either side (a few are tried, widest first); none does: one column.
            wide = [c for c in h if c[2] - c[1] >= self.line_gap * (1 + ROW_GAP_MARGIN)]
            if wide:
                self._split(els, sorted((c[1] + c[2]) / 2 for c in wide), vertical=False, out=out)
                return
            best: tuple[int, list[_El], list[_El]] | None = None
            for c in sorted(h, key=lambda c: (-c[0], c[1]))[:FALLBACK_TRIES]:
                mid = (c[1] + c[2]) / 2
                upper = [e for e in els if (e.y0 + e.y1) / 2 < mid]
                lower = [e for e in els if (e.y0 + e.y1) / 2 >= mid]
                freed = sum(len(self._v_candidates(part, _bbox(part))) for part in (upper, lower) if len(part) > 1)
                if freed and (best is None or freed > best[0]):
                    best = (freed, upper, lower)  # the cut that frees the most columns
            if best is not None:
                self.cut(best[1], out)
                self.cut(best[2], out)
                return
            self._leaf(els, out)
        else:
            self._leaf(els, out)

    def _split(self, els: list[_El], cuts: list[float], vertical: bool, out: list[_Line | Box]) -> None:
        parts: list[list[_El]] = [[] for _ in range(len(cuts) + 1)]
        for e in els:
            c = (e.x0 + e.x1) / 2 if vertical else (e.y0 + e.y1) / 2
            k = 0
            while k < len(cuts) and c > cuts[k]:
                k += 1
            parts[k].append(e)
        if vertical:
            # A headline set vertically (竖排) beside its article's columns is read first.
            parts.sort(key=lambda part: not self._vertical_title(part))
        for part in parts:
            if part:
                self.cut(part, out)

    def _vertical_title(self, els: list[_El]) -> bool:
        """Single characters in a headline size stacked in one column: a vertical headline."""
        if len(els) < 2 or any(e.piece is None or len(e.piece.text) != 1 for e in els):
            return False
        if any(e.piece.size < VERTICAL_TITLE_SIZE * self.body for e in els):  # type: ignore[union-attr]
            return False
        x0 = min(e.x0 for e in els)
        return all(e.x0 - x0 < 0.5 * (e.x1 - e.x0) for e in els)

    def _leaf(self, els: list[_El], out: list[_Line | Box]) -> None:
        self.region += 1
        pics = [e for e in els if e.piece is None]
        pieces = [e.piece for e in els if e.piece is not None]
        items: list[tuple[float, _Line | Box]] = [(e.y0, (e.x0, e.y0, e.x1, e.y1)) for e in pics]
        for row in _rows(pieces):
            items.append((min(p.y0 for p in row), _row_line(row, self.region)))
        items.sort(key=lambda it: it[0])
        out.extend(it[1] for it in items)


def _bbox(els: list[_El]) -> Box:
    return (min(e.x0 for e in els), min(e.y0 for e in els), max(e.x1 for e in els), max(e.y1 for e in els))


def _rows_beside(els: list[_El], x: float, left: bool) -> bool:
    """Does text stand on two rows or more (or a picture) on one side of ``x``?"""
    side = [e for e in els if (e.x1 <= x if left else e.x0 >= x)]
    if not side:
        return False
    if any(e.piece is None for e in side):
        return True
    top = min(e.y0 for e in side)
    bottom = max(e.y1 for e in side)
    return bottom - top > 1.5 * max(e.y1 - e.y0 for e in side)


def _row_line(row: list[Piece], region: int) -> _Line:
    chars = sum(len(p.text) for p in row)
    if len(row) == 1:
        p = row[0]
        return _Line(p.text, p.x0, p.y0, p.x1, p.y1, round(p.size, 1), region, chars, p.font)
    text = _row_text(row)
    sizes: Counter[float] = Counter()
    fonts: Counter[str] = Counter()
    for p in row:
        sizes[round(p.size, 1)] += len(p.text)
        # The face of the Chinese characters is the line's face (digits, Latin letters and
        # marks inside Chinese text often come from another): count characters outside ASCII
        # (three UTF-8 bytes each) ten times.
        wide = (len(p.text.encode("utf-8")) - len(p.text)) // 2
        fonts[p.font] += wide * 10 + 1
    return _Line(text, min(p.x0 for p in row), min(p.y0 for p in row), max(p.x1 for p in row),
                 max(p.y1 for p in row), sizes.most_common(1)[0][0], region, chars, fonts.most_common(1)[0][0])


# ---------------------------------------------------------------------------------------------
# 4-5. Blocks
# ---------------------------------------------------------------------------------------------

def _same_size(a: float, b: float, tol: float) -> bool:
    return abs(a - b) <= tol * max(a, b)


def join_lines(left: str, right: str) -> str:
    """Join two lines of a paragraph: CJK without a space, Latin words with one."""
    if left and right and left[-1].isascii() and left[-1].isalpha() and right[0].isascii() and right[0].isalpha():
        if left.endswith("-"):
            return left[:-1] + right
        return left + " " + right
    return left + right


@dataclass(slots=True)
class _Run:
    lines: list[_Line]
    x0: float = 0.0
    x1: float = 0.0
    gap_before: int = 1
    col_x1: float = 0.0  # the right edge of the column it stands in (its own, or a neighbour's)
    col_x0: float = 0.0  # ... and its left edge

    def extent(self) -> None:
        self.x1 = max(ln.x1 for ln in self.lines)
        self.x0 = min(ln.x0 for ln in self.lines)
        self.col_x1 = self.x1
        self.col_x0 = self.x0


def _column_edges(runs: list[_Run], body: float, tol: float) -> None:
    """A run's column may be wider than its own lines (a byline of two short lines over the
    body text): take the right edge of the runs just above and below it in the same column, set
    in the same size and starting at the same left edge."""
    for a, b in zip(runs, runs[1:]):
        la, lb = a.lines[-1], b.lines[0]
        if (_same_size(la.size, lb.size, tol) and abs(a.x0 - b.x0) <= 2.5 * la.size
                and 0 <= lb.y0 - la.y1 <= 3 * body):
            edge = max(a.x1, b.x1)
            a.col_x1 = max(a.col_x1, edge)
            b.col_x1 = max(b.col_x1, edge)
            left = min(a.x0, b.x0)
            a.col_x0 = min(a.col_x0, left)
            b.col_x0 = min(b.col_x0, left)


def build_blocks(items: list[_Line | Box], body: float, tol: float = SIZE_TOLERANCE) -> list[LBlock]:
    """Paragraph blocks from lines in reading order."""
    runs: list[_Run] = []
    prev: _Line | None = None
    line_gap_max = SAME_COLUMN_GAP * body
    for it in items:
        if not isinstance(it, _Line):
            prev = None  # a picture: what follows starts afresh
            continue
        ln = it
        overlap = min(ln.x1, prev.x1) - max(ln.x0, prev.x0) if prev is not None else 0.0
        if (prev is not None and _same_size(prev.size, ln.size, tol) and prev.font == ln.font
                and -0.3 * body <= ln.y0 - prev.y1 <= line_gap_max
                and overlap >= 0.5 * min(ln.x1 - ln.x0, prev.x1 - prev.x0)):
            runs[-1].lines.append(ln)
        else:
            run = _Run([ln])
            if prev is not None and ln.x0 < prev.x1 and ln.x1 > prev.x0 and ln.y0 - prev.y1 > line_gap_max:
                run.gap_before = 2  # a visible gap in the same column
            runs.append(run)
        prev = ln
    for r in runs:
        r.extent()
    _column_edges(runs, body, tol)
    title = body * (1 + TITLE_SIZE_TOLERANCES * tol)
    blocks: list[LBlock] = []
    prev_run: _Run | None = None
    for r in runs:
        paras = _paragraphs(r, title)
        if prev_run is not None and blocks and _continues(prev_run, r, title):
            first = paras.pop(0)
            last = blocks[-1]
            last.text = join_lines(last.text, _text(first))
            last.box = _union(last.box, _box(first))
        for k, para in enumerate(paras):
            blocks.append(LBlock(_text(para), _box(para), _size(para), r.gap_before if k == 0 else 1))
        prev_run = r
    return _split_jumps(blocks)


def _paragraphs(r: _Run, title: float) -> list[list[_Line]]:
    if len(r.lines) == 1 or r.lines[0].size >= title:
        return [r.lines]
    em = r.lines[0].size
    left, right = r.x0, r.col_x1
    width = right - left
    # Ragged-right text (captions set unjustified) has short lines everywhere, but long ones:
    # there only indents count.
    inner = r.lines[:-1]
    flush = sum(1 for ln in inner if right - ln.x1 < SHORT_LINE * em)
    ragged = (len(r.lines) >= 3 and flush < RAGGED_SHARE * len(inner)
              and all(ln.x1 - ln.x0 >= RAGGED_MIN_WIDTH * width for ln in inner))
    paras: list[list[_Line]] = [[r.lines[0]]]
    for a, b in zip(r.lines, r.lines[1:]):
        if len(paras[-1]) == 1 and _centred(a, left, right, em) and _centred(b, left, right, em):
            paras[-1].append(b)  # the second line of a centred subhead
        elif b.x0 - left >= INDENT * em or (not ragged and right - a.x1 >= SHORT_LINE * em):
            paras.append([b])
        else:
            paras[-1].append(b)
    return paras


def _centred(ln: _Line, left: float, right: float, em: float) -> bool:
    """Set in the middle of the column (equal margins, within an em)."""
    return abs((ln.x0 - left) - (right - ln.x1)) <= em


def _continues(a: _Run, b: _Run, title: float) -> bool:
    """Does run ``b`` (the top of the next column) continue the last paragraph of run ``a``?"""
    la, lb = a.lines[-1], b.lines[0]
    if abs(la.size - lb.size) > 0.05 * la.size or la.size >= title or la.font != lb.font:
        return False
    if len(a.lines) < 2 and la.x0 - a.col_x0 < INDENT * la.size:
        return False  # one line: only a paragraph's indented first line, run on to the next column
    if not (lb.y0 < la.y0 and (lb.x0 >= la.x1 or lb.x1 <= la.x0)):
        return False  # the next column stands beside, starting higher up
    em = la.size
    full_a = a.col_x1 - la.x1 <= FLUSH * em
    lb_full = b.x1 - lb.x1 <= FLUSH * em and len(b.lines) >= 2
    lb_flush = lb.x0 - b.x0 <= FLUSH * em and (len(b.lines) < 2 or b.lines[1].x0 - b.x0 <= FLUSH * em)
    return full_a and lb_full and lb_flush


def _text(lines: list[_Line]) -> str:
    out = lines[0].text
    for ln in lines[1:]:
        out = join_lines(out, ln.text)
    return out


def _box(lines: list[_Line]) -> Box:
    return (min(ln.x0 for ln in lines), min(ln.y0 for ln in lines), max(ln.x1 for ln in lines),
            max(ln.y1 for ln in lines))


def _size(lines: list[_Line]) -> float:
    c: Counter[float] = Counter()
    for ln in lines:
        c[ln.size] += ln.chars
    return c.most_common(1)[0][0]


def _union(a: Box, b: Box) -> Box:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def _split_jumps(blocks: list[LBlock]) -> list[LBlock]:
    """（下转第2版） at a paragraph's end and （上接第1版） at its start become blocks of their own."""
    out: list[LBlock] = []
    for b in blocks:
        m = _JUMP_START_RE.match(b.text)
        if m and m.end() < len(b.text):
            out.append(LBlock(m.group(1), b.box, b.size, b.gap_before))
            b = LBlock(b.text[m.end():], b.box, b.size, 1)
        m = _JUMP_END_RE.search(b.text)
        if m and m.start() > 0:
            out.append(LBlock(b.text[:m.start()], b.box, b.size, b.gap_before))
            out.append(LBlock(m.group(1), b.box, b.size, 1))
            continue
        out.append(b)
    return out
