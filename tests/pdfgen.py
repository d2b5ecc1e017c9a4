"""Typeset newspaper pages as PDF with known truth, to test the PDF and OCR readers.

Pages are laid out the way Chinese papers print them: a running head (date, page number, page
name) over a rule, a grid of 3-6 columns, articles set as rectangular modules in rows (a lead
article across the page, others over 1-4 columns), headlines across the module or beside its
last column, kickers and subheadlines in their own sizes, bylines under the headline or at the
top of the first column, justified body text with first-line indents, 避头尾 line breaking and
paragraphs running on from column to column, inner subheads in the headline face, pictures with
captions and credits (picture stories in a frame), roundups of briefs under a label, and
(下转第N版) jump lines when the last row runs out of room. The article texts come from
``tests/corpus/articles_*.json``; the truth of each printed item is recorded in the same form as
``pagegen.Rendered`` so that ``pagegen.score`` holds a parse against it.

Fonts come from Debian packages (``scripts/apt-packages.txt``): Droid Sans Fallback
(fonts-droid-fallback, Apache-2.0) as the sans face of headlines, captions and subheads, and AR PL
UMing (fonts-arphic-uming, Arphic Public License, free to use and redistribute) as the serif face
of the body. Both are TrueType, which reportlab can embed (Noto CJK is CFF-only; reportlab cannot).

    python tests/pdfgen.py OUT_DIR [--pages 4] [--seed 0] [--png DPI]

writes page PDFs (and with ``--png`` their rasterised images) with ``.truth.json`` beside them.
"""

from __future__ import annotations

import io
import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pagegen import HALF, Rendered, group_items, load_articles, names_text  # noqa: E402

#: Font files and the Debian package each comes from.
FONTS = {
    "hei": ("DroidSansFallbackFull.ttf", "fonts-droid-fallback"),
    "song": ("uming.ttc", "fonts-arphic-uming"),
}
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", str(Path.home() / ".fonts"))

#: Punctuation that may not start a line (pulled back onto the line before) or end one.
NO_START = "，。、；：？！）》”’」』…—%,.;:?!)"
NO_END = "（《“‘「『(["
MARKERS = "□■"
#: A slot left this many lines short under a module gets another item.
FILL_MIN_LINES = 8
EDITORS = ("王芳", "李娜", "张伟", "刘洋", "陈静", "杨帆")
PAGE_NAMES = ("要闻", "经济", "地方", "综合", "社会", "国际", "文化", "科技")


class FontsMissing(RuntimeError):
    pass


def find_fonts() -> dict[str, Path]:
    """Paths of the two faces; ``FontsMissing`` names the Debian packages to install."""
    found: dict[str, Path] = {}
    for key, (fname, _pkg) in FONTS.items():
        for d in FONT_DIRS:
            hits = sorted(Path(d).rglob(fname)) if Path(d).is_dir() else []
            if hits:
                found[key] = hits[0]
                break
    missing = [pkg for key, (_f, pkg) in FONTS.items() if key not in found]
    if missing:
        raise FontsMissing("fonts for the PDF tests are missing: apt-get install " + " ".join(missing))
    return found


_REGISTERED = False


def register_fonts() -> None:
    global _REGISTERED
    if _REGISTERED:
        return
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    paths = find_fonts()
    global _HEI_CHARS
    pdfmetrics.registerFont(TTFont("hei", str(paths["hei"])))
    pdfmetrics.registerFont(TTFont("song", str(paths["song"]), subfontIndex=0))
    _HEI_CHARS = frozenset(pdfmetrics.getFont("hei").face.charToGlyph)
    _REGISTERED = True


def _is_wide(ch: str) -> bool:
    return ord(ch) >= 0x2E80 or ch in "“”‘’…—·"


_HEI_CHARS: frozenset[int] = frozenset()


def _face(ch: str, font: str) -> str:
    """The face a character is drawn in: Droid Sans Fallback has no Latin letters, digits,
    curly quotes or dashes; those come from the serif face."""
    return "song" if font == "hei" and ord(ch) not in _HEI_CHARS else font


_WIDTHS: dict[tuple[str, str], float] = {}


def text_width(text: str, font: str, size: float) -> float:
    """Advance of ``text`` in ``font`` (characters the face lacks measured in the serif face)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    w = 0.0
    for ch in text:
        face = _face(ch, font)
        key = (ch, face)
        if key not in _WIDTHS:
            _WIDTHS[key] = stringWidth(ch, face, 1000.0) / 1000.0
        w += _WIDTHS[key] * size
    return w


def wrap_words(text: str, font: str, size: float, width: float) -> list[str]:
    """Break at spaces (a byline: names are not cut)."""
    lines: list[str] = []
    cur = ""
    for word in text.replace("\u3000", " \u3000 ").split(" "):
        if not word:
            continue
        trial = (cur + (" " if cur and word != "\u3000" and not cur.endswith("\u3000") else "") + word) if cur else word
        if cur and text_width(trial.strip(), font, size) > width:
            lines.append(cur.strip())
            cur = "" if word == "\u3000" else word
        else:
            cur = trial
    if cur.strip():
        lines.append(cur.strip())
    return lines


def _units(text: str) -> list[str]:
    """Breakable units: a run of ASCII letters and digits stays together (GDP, 3626.9)."""
    out: list[str] = []
    for ch in text:
        if out and ch.isascii() and (ch.isalnum() or ch in ".%") and out[-1][-1:].isascii() \
                and out[-1][-1:].isalnum():
            out[-1] += ch
        else:
            out.append(ch)
    return out


def break_lines(text: str, font: str, size: float, width: float, indent: float = 0.0) -> list[str]:
    """Break ``text`` into lines of at most ``width`` (the first one ``indent`` shorter),
    keeping closing marks off a line's start and opening marks off its end."""
    units = _units(text)
    lines: list[str] = []
    cur: list[str] = []
    cur_w = indent
    for u in units:
        uw = text_width(u, font, size)
        if cur and cur_w + uw > width + 0.01:
            if u in NO_START or u[0] in NO_START:  # squeeze it onto this line
                cur.append(u)
                lines.append("".join(cur))
                cur, cur_w = [], 0.0
                continue
            carry: list[str] = []
            while cur and cur[-1] in NO_END:
                carry.insert(0, cur.pop())
            lines.append("".join(cur))
            cur = carry
            cur_w = sum(text_width(c, font, size) for c in cur)
        cur.append(u)
        cur_w += uw
    if cur:
        lines.append("".join(cur))
    return [ln for ln in lines if ln]


# ---------------------------------------------------------------------------------------------
# What is laid out: lines of a flow, and the truth they come from
# ---------------------------------------------------------------------------------------------

@dataclass
class Line:
    text: str
    font: str
    size: float
    indent: float = 0.0
    justify: bool = True          # full line of a paragraph: spread to the column width
    align: str = "left"           # left | center | right
    space_before: float = 0.0     # extra space above, in leadings
    para: int | None = None       # index of the body paragraph it belongs to (for break records)
    keep: bool = False            # keep with the next line in one column (headline, subhead)
    item: int | None = None       # index of the truth item it belongs to


@dataclass
class Picture:
    caption_lines: list[Line]
    aspect: float                 # height / width
    span: int = 1                 # columns it spans


@dataclass
class Module:
    """One item on the page: an article, a picture story or a roundup of briefs."""

    kind: str                     # article | photo | roundup
    head: list[Line] = field(default_factory=list)  # section, kicker, headline, subheadline, byline
    flow: list[Line] = field(default_factory=list)
    picture: Picture | None = None
    side_head: bool = False       # headline over all columns but the last
    paragraphs: list[str] = field(default_factory=list)  # body paragraphs (for break records)
    truth: list[dict[str, Any]] = field(default_factory=list)
    jumpable: bool = False
    lead: str = ""                # dateline (and bylines) printed before the first paragraph
    lead_para: int = 0            # the paragraph it is printed before (the first that is no subhead)


@dataclass
class PrintedPage:
    pdf: bytes
    rendered: Rendered
    width: float
    height: float
    page_no: int


class PdfPageMaker:
    """Prints newspaper pages from the article pool; every choice is drawn from ``rng``."""

    def __init__(self, articles: list[dict[str, Any]] | None = None, seed: int = 0,
                 size: str = "broadsheet") -> None:
        register_fonts()
        self.rng = random.Random(seed)
        self.size = size
        arts = articles if articles is not None else load_articles()
        self.items = group_items(arts)
        self.queue: list[list[dict[str, Any]]] = []
        self.page_no = self.rng.randint(1, 12)

    # -- page geometry ---------------------------------------------------------------------
    def _geometry(self) -> dict[str, float]:
        rng = self.rng
        if self.size == "a4":  # small pages for the OCR tests
            w, h, cols = 595.0, 842.0, 3
            body = rng.choice((10.0, 10.5, 11.0))
        else:
            w, h = rng.choice(((842.0, 1191.0), (935.0, 1304.0), (1000.0, 1400.0)))
            body = rng.choice((9.0, 9.5, 10.0, 10.5))
            cols = 0
        margin = rng.uniform(28, 40)
        gutter = body * rng.uniform(0.9, 1.6)
        if not cols:
            cpl = rng.randint(12, 17)  # characters per column line
            cols = max(3, min(6, int((w - 2 * margin + gutter) // (cpl * body + gutter))))
        colw = (w - 2 * margin - (cols - 1) * gutter) / cols
        colw = body * int(colw // body)  # a whole number of characters per line
        gutter = (w - 2 * margin - cols * colw) / (cols - 1)
        return {"w": w, "h": h, "margin": margin, "gutter": gutter, "cols": cols, "colw": colw,
                "body": body, "leading": body * rng.uniform(1.45, 1.75)}

    # -- building modules from articles ----------------------------------------------------------
    def _names(self, bylines: list[dict[str, Any]], sep: str | None = None) -> str:
        if sep is None:
            sep = "\u3000" if self.rng.random() < 0.5 else " "
        return names_text(bylines, sep)

    def _truth(self, a: dict[str, Any], conv: Any) -> dict[str, Any]:
        return {"kind": a["kind"], "section": a.get("section"), "kicker": None, "headline": None,
                "subheadline": None, "bylines": [], "dateline": None, "body": "", "captions": []}

    def _article(self, a: dict[str, Any], g: dict[str, float], span: int, half: bool) -> Module:
        rng = self.rng
        conv = (lambda s: s.translate(HALF)) if half else (lambda s: s)
        body = g["body"]
        span_w = span * g["colw"] + (span - 1) * g["gutter"]
        m = Module(kind="photo" if a["kind"] == "photo" else "article", jumpable=a["kind"] == "article")
        t = self._truth(a, conv)
        m.truth.append(t)
        m.side_head = a["kind"] == "article" and span >= 3 and rng.random() < 0.25
        head_w = span_w - (g["colw"] + g["gutter"] if m.side_head else 0)
        if a.get("section") and rng.random() < 0.3:
            m.head.append(Line(a["section"], "hei", body * 1.1, justify=False))
        big = min(40.0, body * (1.6 + 0.5 * span + rng.uniform(0, 0.6)))
        if a["kind"] == "photo":
            big = min(big, body * 1.8)
        t["headline"] = conv(a["headline"])
        hs = big
        while text_width(t["headline"], "hei", hs) > head_w and hs > body * 1.6:
            hs -= 1.0
        if a.get("kicker"):  # set clearly smaller than the headline, above it
            t["kicker"] = conv(a["kicker"])
            ks = max(body * 1.15, min(big * 0.5, hs * 0.7))
            for ln in break_lines(t["kicker"], "song", ks, head_w):
                m.head.append(Line(ln, rng.choice(("song", "hei")), ks, justify=False, align="center"))
        align = rng.choice(("center", "left")) if span > 1 else "left"
        for k, ln in enumerate(break_lines(t["headline"], "hei", hs, head_w)):
            m.head.append(Line(ln, "hei", hs, justify=False, align=align, space_before=0.3 if k == 0 else 0))
        if a.get("subheadline"):
            sub = conv(a["subheadline"])
            t["subheadline"] = sub.lstrip("—").strip()
            ss = max(body * 1.1, min(big * 0.45, hs * 0.7))
            for ln in break_lines(sub, "song", ss, head_w):
                m.head.append(Line(ln, "song", ss, justify=False, align=align))
        bylines = list(a.get("bylines") or [])
        if a["kind"] == "photo":
            bylines = []
        t["bylines"] = [{"name": b["name"], "role": b.get("role")} for b in bylines]
        dateline = a.get("dateline")
        paragraphs = [conv(p) for p in a.get("paragraphs", [])]
        subheads = {conv(s) for s in a.get("subheads", [])}
        if paragraphs and paragraphs[0] in subheads:
            dateline = None  # a dateline opens the first paragraph; none is set before a subhead
        lead = ""
        byline_lines: list[Line] = []
        if bylines and dateline and paragraphs and rng.random() < 0.3:
            lead = conv(f"{dateline}（{self._names(bylines, ' ')}）")
        elif bylines:
            text = self._names(bylines)
            if rng.random() < 0.4:
                text = f"{rng.choice(MARKERS)} {text}"
            bs = body * rng.choice((0.95, 1.0, 1.05))
            byline_lines = [Line(t_, "hei", bs, justify=False) for t_ in wrap_words(text, "hei", bs, g["colw"])]
            if dateline and paragraphs:
                lead = dateline + rng.choice((" ", "　", ""))
        elif dateline and paragraphs:
            lead = dateline + rng.choice((" ", ""))
        t["dateline"] = dateline if lead else None
        m.lead = lead
        if byline_lines:
            if rng.random() < 0.5:
                text = " ".join(b.text for b in byline_lines)
                m.head.extend(Line(t_, "hei", byline_lines[0].size, justify=False, align=align)
                              for t_ in wrap_words(text, "hei", byline_lines[0].size, head_w))
            else:
                m.flow.extend(byline_lines)
        t["body"] = "\n".join(paragraphs)
        m.paragraphs = paragraphs
        attribution = conv(a["attribution"]) if a.get("attribution") else None
        own_line_attr = attribution is not None and rng.random() < 0.4
        colw = g["colw"]
        first_text = next((k for k, p in enumerate(paragraphs) if p not in subheads), 0)
        m.lead_para = first_text
        for k, p in enumerate(paragraphs):
            if p in subheads:
                centered = rng.random() < 0.5
                for ln in break_lines(p, "hei", body, colw):
                    m.flow.append(Line(ln, "hei", body, justify=False, align="center" if centered else "left",
                                       space_before=0.4, para=k, keep=True))
                continue
            text = (lead + p) if k == first_text else p
            if attribution and k == len(paragraphs) - 1 and not own_line_attr:
                text += attribution
            lines = break_lines(text, "song", body, colw, indent=2 * body)
            for j, ln in enumerate(lines):
                m.flow.append(Line(ln, "song", body, indent=2 * body if j == 0 else 0.0,
                                   justify=j < len(lines) - 1, para=k))
        if own_line_attr:
            m.flow.append(Line(attribution, "song", body, justify=False, align="right"))
        if a.get("captions"):
            c = a["captions"][0]
            cap = conv(c["text"])
            t["captions"] = [{"text": cap, "credit": c["credit"]}]
            for extra in a["captions"][1:]:
                t["captions"].append({"text": conv(extra["text"]), "credit": extra["credit"]})
            pic_span = 1 if span == 1 or a["kind"] != "photo" and rng.random() < 0.5 else min(span, 2)
            if a["kind"] == "photo":
                pic_span = span
            pw = pic_span * colw + (pic_span - 1) * g["gutter"]
            cs = body * rng.choice((0.85, 0.9))
            text = f"{cap}{rng.choice((' ', '　', ''))}{c['credit']}"
            justified = rng.random() < 0.8  # most papers justify captions; some set them ragged
            broken = break_lines(text, "hei", cs, pw)
            cap_lines = [Line(ln, "hei", cs, justify=justified and k < len(broken) - 1)
                         for k, ln in enumerate(broken)]
            m.picture = Picture(cap_lines, rng.uniform(0.55, 0.8), pic_span)
            for extra in a["captions"][1:]:  # further captions of the picture, each from a new line
                text = f"{conv(extra['text'])} {extra['credit']}"
                broken = break_lines(text, "hei", cs, pw)
                cap_lines.extend(Line(ln, "hei", cs, justify=justified and k < len(broken) - 1)
                                 for k, ln in enumerate(broken))
        return m

    def _roundup(self, run: list[dict[str, Any]], g: dict[str, float], half: bool) -> Module:
        conv = (lambda s: s.translate(HALF)) if half else (lambda s: s)
        body = g["body"]
        m = Module(kind="roundup")
        m.head.append(Line(run[0]["section"], "hei", body * 1.4, justify=False))
        for a in run:
            t = self._truth(a, conv)
            t["headline"] = conv(a["headline"])
            pars = [conv(p) for p in a["paragraphs"]]
            t["body"] = "\n".join(pars)
            m.truth.append(t)
            for k, ln in enumerate(break_lines(t["headline"], "hei", body * 1.1, g["colw"])):
                m.flow.append(Line(ln, "hei", body * 1.1, justify=False, space_before=0.5 if k == 0 else 0,
                                   item=len(m.truth) - 1, keep=True))
            for p in pars:
                lines = break_lines(p, "song", body, g["colw"], indent=2 * body)
                for j, ln in enumerate(lines):
                    m.flow.append(Line(ln, "song", body, indent=2 * body if j == 0 else 0.0,
                                       justify=j < len(lines) - 1, item=len(m.truth) - 1))
        return m

    def _module(self, item: list[dict[str, Any]], g: dict[str, float], span: int, half: bool) -> Module:
        if item[0]["kind"] == "brief":
            return self._roundup(item, g, half)
        return self._article(item[0], g, span, half)

    # -- setting a module into its columns -----------------------------------------------------
    def _place(self, m: Module, g: dict[str, float], span: int, height: float | None) -> dict[str, Any]:
        """Column plan of a module: head height, picture box, lines per column, total height.
        With ``height`` the module is cut to it (the rest of the flow does not fit)."""
        lead = g["leading"]
        head_h = sum(ln.size * 1.3 + ln.space_before * ln.size for ln in m.head)
        if m.head:
            head_h += g["body"] * 0.6
        offsets = [head_h] * span
        if m.side_head:
            offsets[-1] = 0.0
        pic = None
        if m.picture is not None:
            ps = m.picture.span
            first = 0 if m.kind == "photo" or self.rng.random() < 0.5 else span - ps
            pw = ps * g["colw"] + (ps - 1) * g["gutter"]
            ph = pw * m.picture.aspect
            cap_h = sum(ln.size * 1.35 for ln in m.picture.caption_lines)
            top = max(offsets[first:first + ps])
            pic = {"first": first, "span": ps, "top": top, "w": pw, "h": ph}
            for j in range(first, first + ps):
                offsets[j] = top + ph + cap_h + g["body"] * 0.8
        heights = [ln.space_before * ln.size + lead for ln in m.flow]

        def fill(limit: float) -> tuple[list[list[int]], bool]:
            """Lines per column, column after column, up to ``limit``; and whether all fit."""
            cols: list[list[int]] = [[] for _ in range(span)]
            j, y = 0, offsets[0]
            for i, hgt in enumerate(heights):
                need = hgt + (heights[i + 1] if m.flow[i].keep and i + 1 < len(heights) else 0.0)
                while j < span and y + need > limit:
                    j += 1
                    y = offsets[j] if j < span else 0
                if j >= span:
                    return cols, False
                cols[j].append(i)
                y += hgt
            return cols, True

        if height is None:
            limit = max(offsets) + lead
            cols, fits = fill(limit)
            while not fits:
                limit += lead
                cols, fits = fill(limit)
            return {"head_h": head_h, "offsets": offsets, "pic": pic, "cols": cols, "height": limit}
        # Cut to the given height: as many lines as fit, column after column.
        cols, _fits = fill(height)
        return {"head_h": head_h, "offsets": offsets, "pic": pic, "cols": cols, "height": height}

    # -- drawing -----------------------------------------------------------------------------------
    def _draw_line(self, c: Any, ln: Line, x: float, y_top: float, width: float, page_h: float) -> None:
        natural = text_width(ln.text, ln.font, ln.size)
        base = page_h - (y_top + ln.size * 0.88)
        x0 = x + ln.indent
        avail = width - ln.indent
        cs = 0.0
        if (ln.justify or natural > avail) and len(ln.text) > 1:  # a squeezed last line too
            cs = (avail - natural) / (len(ln.text) - 1)
        elif ln.align == "center":
            x0 = x + (width - natural) / 2
        elif ln.align == "right":
            x0 = x + width - natural
        # Runs of one face each (Latin letters and digits of the sans face come from the serif).
        run, face = "", None
        for ch in ln.text + "\0":
            f = _face(ch, ln.font) if ch != "\0" else None
            if run and f != face:
                c.setFont(face, ln.size)
                c.drawString(x0, base, run, charSpace=cs)
                x0 += text_width(run, ln.font, ln.size) + cs * len(run)
                run = ""
            run += ch
            face = f

    def _picture(self, c: Any, x: float, y_top: float, w: float, h: float, page_h: float) -> None:
        from PIL import Image, ImageDraw
        from reportlab.lib.utils import ImageReader

        rng = self.rng
        img = Image.new("RGB", (120, max(20, int(120 * h / w))), (rng.randint(120, 200),) * 3)
        d = ImageDraw.Draw(img)
        for _ in range(4):  # soft shapes, nothing that reads as text
            x0, y0 = rng.randint(0, 100), rng.randint(0, img.height - 10)
            shade = rng.randint(60, 230)
            d.ellipse((x0, y0, x0 + rng.randint(20, 60), y0 + rng.randint(15, 50)), fill=(shade, shade, shade))
        c.drawImage(ImageReader(img), x, page_h - y_top - h, w, h)

    def _running_head(self, c: Any, g: dict[str, float], page_h: float, top: float) -> float:
        rng = self.rng
        fs = g["body"] * 0.95
        date = f"{rng.randint(2016, 2025)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日 星期{rng.choice('一二三四五六日')}"
        name = rng.choice(PAGE_NAMES)
        left, right = (date, f"第{self.page_no}版 {name}")
        if rng.random() < 0.5:
            left, right = right, date
        y = top
        for text, align in ((left, "left"), (right, "right")):
            self._draw_line(c, Line(text, "hei", fs, justify=False, align=align), g["margin"], y,
                            g["w"] - 2 * g["margin"], page_h)
        y += fs * 1.6
        c.setLineWidth(rng.choice((0.6, 1.0, 1.5)))
        c.line(g["margin"], page_h - y, g["w"] - g["margin"], page_h - y)
        return y + g["body"] * 1.2

    def _footer(self, c: Any, g: dict[str, float], page_h: float) -> float:
        """Editor line (and sometimes the page number) under a rule; the footer's top."""
        rng = self.rng
        if rng.random() < 0.4:
            return page_h - g["margin"]
        fs = g["body"] * 0.85
        y = page_h - g["margin"] - fs
        text = f"责任编辑：{rng.choice(EDITORS)}"
        if rng.random() < 0.5:
            text += f"　版式设计：{rng.choice(EDITORS)}"
        self._draw_line(c, Line(text, "hei", fs, justify=False), g["margin"], y, g["w"] - 2 * g["margin"], page_h)
        c.setLineWidth(0.5)
        c.line(g["margin"], page_h - (y - fs * 0.5), g["w"] - g["margin"], page_h - (y - fs * 0.5))
        return y - fs * 1.5

    def _set_module(self, c: Any, m: Module, plan: dict[str, Any], g: dict[str, float], x: float, y: float,
                    span: int, rend: Rendered, page_h: float) -> None:
        colw, gut, lead = g["colw"], g["gutter"], g["leading"]
        span_w = span * colw + (span - 1) * gut
        head_w = span_w - (colw + gut if m.side_head else 0)
        yy = y
        for ln in m.head:
            yy += ln.space_before * ln.size
            self._draw_line(c, ln, x, yy, head_w, page_h)
            yy += ln.size * 1.3
        pic = plan["pic"]
        if pic is not None and m.picture is not None:
            px = x + pic["first"] * (colw + gut)
            self._picture(c, px, y + pic["top"], pic["w"], pic["h"], page_h)
            cy = y + pic["top"] + pic["h"] + g["body"] * 0.35
            for ln in m.picture.caption_lines:
                self._draw_line(c, ln, px, cy, pic["w"], page_h)
                cy += ln.size * 1.35
        if m.kind == "photo":
            pad = g["body"] * 0.4
            c.setLineWidth(0.8)
            c.rect(x - pad, page_h - (y + plan["height"]) , span_w + 2 * pad, plan["height"] + pad, fill=0)
        printed: list[int] = []
        for j, col in enumerate(plan["cols"]):
            cy = y + plan["offsets"][j]
            cx = x + j * (colw + gut)
            for i in col:
                ln = m.flow[i]
                cy += ln.space_before * ln.size
                self._draw_line(c, ln, cx, cy, colw, page_h)
                cy += lead
                printed.append(i)
        # Column breaks inside a paragraph, for the score.
        for j in range(span - 1):
            a_col, b_col = plan["cols"][j], plan["cols"][j + 1]
            if not a_col or not b_col:
                continue
            la, lb = m.flow[a_col[-1]], m.flow[b_col[0]]
            if la.para is not None and la.para == lb.para and lb.indent == 0:
                before = "".join(m.flow[i].text for i in printed if m.flow[i].para == la.para and i <= a_col[-1])
                after = "".join(m.flow[i].text for i in printed if m.flow[i].para == la.para and i > a_col[-1])
                rend.breaks.append((before, after))

    def _truncate_truth(self, m: Module, plan: dict[str, Any]) -> None:
        """The flow did not fit: the truth body is what was printed (the open paragraph cut)."""
        printed = sorted(i for col in plan["cols"] for i in col)
        pars: dict[int, str] = {}
        for i in printed:
            ln = m.flow[i]
            if ln.para is not None:
                pars[ln.para] = pars.get(ln.para, "") + ln.text
        if m.lead_para in pars and m.lead:
            pars[m.lead_para] = pars[m.lead_para][len(m.lead):]
        t = m.truth[0]
        t["body"] = "\n".join(pars[k] for k in sorted(pars) if pars[k])
        if not any(m.flow[i].para == m.lead_para for i in printed):
            t["dateline"] = None

    # -- a page ------------------------------------------------------------------------------------
    def page(self) -> PrintedPage:
        from reportlab.pdfgen import canvas

        rng = self.rng
        g = self._geometry()
        half = rng.random() < 0.3
        buf = io.BytesIO()
        c = canvas.Canvas(buf, pagesize=(g["w"], g["h"]))
        c.setTitle("banmian test page")
        page_h = g["h"]
        top = self._running_head(c, g, page_h, g["margin"])
        bottom = self._footer(c, g, page_h)
        rend = Rendered("", [])
        y = top
        cols = int(g["cols"])
        first_row = True
        on_page: set[int] = set()
        while y < bottom - g["leading"] * 6:
            spans = self._row_spans(cols, first_row)
            first_row = False
            mods: list[tuple[Module, int]] = []
            for span in spans:
                item = self._next_item(on_page, wide=span > 3)
                on_page.add(id(item))
                mods.append((self._module(item, g, span, half), span))
            plans = [self._place(m, g, span, None) for m, span in mods]
            row_h = max(p["height"] for p in plans)
            room = bottom - y
            x = g["margin"]
            for (m, span), plan in zip(mods, plans):
                w = span * g["colw"] + (span - 1) * g["gutter"]
                used = self._fit(c, m, plan, g, x, y, span, room, rend, page_h)
                # Fill the slot under a short module with more items, as papers do.
                limit = min(row_h, room)
                tries = 0
                while limit - used > g["leading"] * FILL_MIN_LINES and tries < 3:
                    gap = g["body"] * 1.2
                    item = self._next_item(on_page, wide=span > 3)
                    m2 = self._module(item, g, span, half)
                    plan2 = self._place(m2, g, span, None)
                    if plan2["height"] > limit - used - gap and not m2.jumpable:
                        self.queue.insert(0, item)
                        tries += 1
                        continue
                    on_page.add(id(item))
                    if rng.random() < 0.6:
                        c.setLineWidth(0.4)
                        c.line(x, page_h - (y + used + gap / 2), x + w, page_h - (y + used + gap / 2))
                    got = self._fit(c, m2, plan2, g, x, y + used + gap, span, limit - used - gap, rend, page_h)
                    if not got:
                        break
                    used += gap + got
                x += w + g["gutter"]
                if len(mods) > 1 and x < g["w"] - g["margin"] and rng.random() < 0.3:
                    c.setLineWidth(0.4)  # a rule between modules
                    gx = x - g["gutter"] / 2
                    c.line(gx, page_h - y, gx, page_h - (y + min(row_h, room)))
            y += row_h + g["body"] * 1.2
            if y < bottom and rng.random() < 0.6:
                c.setLineWidth(0.5)
                c.line(g["margin"], page_h - (y - g["body"] * 0.6), g["w"] - g["margin"], page_h - (y - g["body"] * 0.6))
        c.showPage()
        c.save()
        no = self.page_no
        self.page_no += 1
        return PrintedPage(buf.getvalue(), rend, g["w"], g["h"], no)

    def _fit(self, c: Any, m: Module, plan: dict[str, Any], g: dict[str, float], x: float, y: float,
             span: int, room: float, rend: Rendered, page_h: float) -> float:
        """Set a module at (x, y) within ``room`` points of height, cutting an article that does
        not fit with a (下转第N版) line; the height used (0: nothing set)."""
        rng = self.rng
        if plan["height"] > room:
            if not m.jumpable:
                return 0.0  # what cannot be cut is dropped
            jump = Line(f"（下转第{self.page_no + rng.randint(1, 3)}版）", "song", g["body"],
                        justify=False, align="right")
            plan = self._place(m, g, span, room - g["leading"] * 1.2)
            if not any(plan["cols"]) or max(plan["offsets"]) > room - g["leading"] * 2:
                return 0.0
            self._truncate_truth(m, plan)
            last_col = max(j for j, col in enumerate(plan["cols"]) if col)
            used = plan["offsets"][last_col] + sum(
                m.flow[i].space_before * m.flow[i].size + g["leading"] for i in plan["cols"][last_col])
            self._draw_line(c, jump, x + last_col * (g["colw"] + g["gutter"]), y + used, g["colw"], page_h)
        self._set_module(c, m, plan, g, x, y, span, rend, page_h)
        rend.truth.extend(m.truth)
        for t in m.truth:
            pars = t["body"].split("\n") if t["body"] else []
            subs = {p for p in pars if len(p) <= 16 and p[-1:] not in "。！？!?”"}
            rend.boundaries.extend((p, q) for p, q in zip(pars, pars[1:]) if p not in subs and q not in subs)
        return min(plan["height"], room)

    def _next_item(self, on_page: set[int], wide: bool) -> list[dict[str, Any]]:
        """The next item of the shuffled pool not yet on this page (a picture story is not set
        over more than three columns)."""
        for _ in range(2):
            for k in range(len(self.queue) - 1, -1, -1):
                item = self.queue[k]
                if id(item) not in on_page and not (wide and item[0]["kind"] == "photo"):
                    return self.queue.pop(k)
            self.queue = self.rng.sample(self.items, len(self.items)) + self.queue
        raise RuntimeError("the article pool is too small for a page")

    def _row_spans(self, cols: int, first: bool) -> list[int]:
        rng = self.rng
        if first and rng.random() < 0.6:
            return [cols] if rng.random() < 0.5 else [cols - 1, 1]
        spans: list[int] = []
        left = cols
        while left:
            s = rng.randint(1, min(4, left))
            spans.append(s)
            left -= s
        return spans


def truth_json(p: PrintedPage) -> dict[str, Any]:
    return {"page_no": p.page_no, "articles": p.rendered.truth,
            "breaks": p.rendered.breaks, "boundaries": p.rendered.boundaries}


def rasterise(pdf: bytes, dpi: int) -> bytes:
    """PNG of a one-page PDF at ``dpi`` (pypdfium2)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        img = doc[0].render(scale=dpi / 72).to_pil().convert("L")
    finally:
        doc.close()
    out = io.BytesIO()
    img.save(out, format="PNG", dpi=(dpi, dpi))
    return out.getvalue()


def image_pdf(png: bytes, width: float, height: float) -> bytes:
    """A PDF whose page is only the image: a scan with no text layer."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(width, height))
    c.drawImage(ImageReader(io.BytesIO(png)), 0, 0, width, height)
    c.showPage()
    c.save()
    return buf.getvalue()


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--pages", type=int, default=4)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--size", choices=("broadsheet", "a4"), default="broadsheet")
    ap.add_argument("--png", type=int, metavar="DPI", help="also write each page as a PNG at DPI")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    maker = PdfPageMaker(seed=args.seed, size=args.size)
    for k in range(args.pages):
        p = maker.page()
        stem = args.out / f"page{k + 1:02d}"
        stem.with_suffix(".pdf").write_bytes(p.pdf)
        stem.with_suffix(".truth.json").write_text(json.dumps(truth_json(p), ensure_ascii=False, indent=1),
                                                    encoding="utf-8")
        if args.png:
            stem.with_suffix(".png").write_bytes(rasterise(p.pdf, args.png))
    print(f"{args.pages} pages in {args.out}")


if __name__ == "__main__":
    main()
