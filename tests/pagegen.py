"""Render structured articles into e-paper text dumps with known truth, and score a parse.

The articles (``tests/corpus/articles_*.json``) were written for this project; this module prints
them the many ways papers do (byline styles, datelines, full-width or half-width punctuation, the
latter also with . for the full stop and " for quotes, signed and unsigned items on one page,
section labels, captions, attributions, page furniture) and cuts paragraphs at column breaks,
recording every cut. ``score`` holds parsed pages against the truth with the measures the
project is judged by: articles 1:1, column breaks joined, paragraph boundaries wrongly joined,
headlines right.

Used by ``tests/test_golden.py`` (quality gate) and ``bench/bench_parse.py`` (speed).
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parent / "corpus"
HALF = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "？": "?", "！": "!"})
#: Some dumps print every mark half-width, the full stop and quotes too.
HALF_STOP = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "？": "?", "！": "!", "。": ".",
                           "“": '"', "”": '"'})
TERMINAL = "。！？!?…：:"
MARKERS = "□■◇"


def load_articles() -> list[dict[str, Any]]:
    arts: list[dict[str, Any]] = []
    for path in sorted(CORPUS.glob("articles_*.json")):
        arts.extend(json.loads(path.read_text(encoding="utf-8")))
    return arts


@dataclass
class Rendered:
    text: str
    truth: list[dict[str, Any]]
    breaks: list[tuple[str, str]] = field(default_factory=list)  # (left half, right half)
    boundaries: list[tuple[str, str]] = field(default_factory=list)  # consecutive real paragraphs


def group_items(articles: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Printable items: one article each, except that the briefs of a roundup (a run of briefs
    sharing a section) stay together."""
    items: list[list[dict[str, Any]]] = []
    run: list[dict[str, Any]] = []
    for a in articles:
        if a["kind"] == "brief":
            if run and run[-1]["section"] != a["section"]:
                items.append(run)
                run = []
            run.append(a)
        else:
            if run:
                items.append(run)
                run = []
            items.append([a])
    if run:
        items.append(run)
    return items


def names_text(bylines: list[dict[str, Any]], sep: str = " ") -> str:
    """Bylines as printed: each role once before the names that share it."""
    parts: list[str] = []
    role = None
    for b in bylines:
        if b.get("role") and b["role"] != role:
            parts.append(b["role"])
            role = b["role"]
        parts.append(b["name"])
    return sep.join(parts)


class PageMaker:
    """Prints pages from the article pool; every choice is drawn from ``rng``."""

    def __init__(self, articles: list[dict[str, Any]], seed: int = 0, break_rate: float = 0.35,
                 unsigned_rate: float = 0.25, unsigned_item_rate: float = 0.2) -> None:
        self.rng = random.Random(seed)
        self.unsigned_rate = unsigned_rate
        self.unsigned_item_rate = unsigned_item_rate
        self.pool = articles
        self.break_rate = break_rate
        self.items = group_items(articles)

    # -- pieces ---------------------------------------------------------------------------
    def _names(self, bylines: list[dict[str, Any]], sep: str = " ") -> str:
        return names_text(bylines, sep)

    def _byline_blocks(self, bylines: list[dict[str, Any]]) -> list[str]:
        rng = self.rng
        style = rng.choice(("marker_lines", "marker_one", "plain"))
        if style == "marker_lines":
            marker = rng.choice(MARKERS)
            groups: list[list[dict[str, Any]]] = []
            for b in bylines:
                if groups and groups[-1][0].get("role") == b.get("role"):
                    groups[-1].append(b)
                else:
                    groups.append([b])
            return [f"{marker} {self._names(g)}" for g in groups]
        if style == "marker_one":
            return [f"{rng.choice(MARKERS)} {self._names(bylines)}"]
        if not any(b.get("role") for b in bylines):
            return [f"{rng.choice(MARKERS)} {self._names(bylines)}"]
        return [self._names(bylines)]

    # -- one article ------------------------------------------------------------------------
    def _article(self, a: dict[str, Any], half: str | None, out: list[str], rend: Rendered,
                 with_section: bool, unsigned: bool = False) -> None:
        rng = self.rng
        if unsigned:  # pages of local papers often print neither bylines nor datelines
            a = dict(a, bylines=[], dateline=None, attribution=None)
        table = {"half": HALF, "stop": HALF_STOP}.get(half or "")
        conv = (lambda s: s.translate(table)) if table else (lambda s: s)
        truth: dict[str, Any] = {
            "kind": a["kind"], "section": a.get("section"), "kicker": None, "headline": None,
            "subheadline": None, "bylines": [], "dateline": None, "body": "", "captions": [],
        }
        if with_section and a.get("section"):
            out.append(conv(a["section"]))
        for key in ("kicker", "headline", "subheadline"):
            if a.get(key):
                out.append(conv(a[key]))
                truth[key] = conv(a[key]).lstrip("—").strip() if key == "subheadline" else conv(a[key])
        paragraphs = [conv(p) for p in a.get("paragraphs", [])]
        subheads = {conv(s) for s in a.get("subheads", [])}
        bylines = list(a.get("bylines") or [])
        dateline = a.get("dateline")
        truth["bylines"] = [{"name": b["name"], "role": b.get("role")} for b in bylines]
        truth["dateline"] = dateline
        blocks: list[str] = []
        lead_prefix = ""
        if a["kind"] == "brief":
            bylines = []
            truth["bylines"] = []
        if bylines and dateline and rng.random() < 0.5 and paragraphs:
            # Bylines inside the dateline: 本报讯（记者 张三 通讯员 李四）or …记者张三报道
            if rng.random() < 0.7:
                lead_prefix = conv(f"{dateline}（{self._names(bylines)}）")
            else:
                lead_prefix = f"{dateline} {self._names(bylines)}报道 "
        elif bylines:
            blocks.extend(self._byline_blocks(bylines))
            if dateline and paragraphs:
                lead_prefix = dateline + rng.choice((" ", "　", ""))
        elif dateline and paragraphs:
            lead_prefix = dateline + rng.choice((" ", ""))
        else:
            truth["dateline"] = None
        body_pars: list[str] = []
        cap_blocks: list[str] = []
        for c in a.get("captions", []):
            text, credit = conv(c["text"]), c["credit"]
            cap_blocks.append(f"{text}{rng.choice((' ', '  ', ''))}{credit}")
            truth["captions"].append({"text": text, "credit": credit})
        if a["kind"] == "photo":
            blocks.extend(cap_blocks)
            cap_blocks = []
        par_blocks: list[str] = []
        lead = next((k for k, p in enumerate(paragraphs) if p not in subheads), 0)  # the dateline's paragraph
        for k, p in enumerate(paragraphs):
            body_pars.append(p)
            par_blocks.append(lead_prefix + p if k == lead else p)
        attribution = a.get("attribution")
        if attribution and par_blocks:
            attribution = conv(attribution)
            if rng.random() < 0.5:
                par_blocks[-1] = par_blocks[-1] + attribution
            else:
                par_blocks.append(attribution)
        truth["body"] = "\n".join(body_pars)
        # Cut paragraphs at column breaks, sometimes with a caption printed in between.
        for k, pb in enumerate(par_blocks):
            is_sub = pb in subheads
            if is_sub:
                blocks.append(pb)
                continue
            if len(pb) > 12 and rng.random() < self.break_rate:
                cut = self._cut_point(pb)
                if cut:
                    left, right = pb[:cut], pb[cut:]
                    blocks.append(left)
                    if cap_blocks and rng.random() < 0.5:
                        blocks.append(cap_blocks.pop())
                    blocks.append(right)
                    if attribution and right.endswith(attribution) and k == len(paragraphs) - 1:
                        right = right[: -len(attribution)]  # the body loses the attribution
                    if k == lead and lead_prefix:
                        left = left[len(lead_prefix):] if len(left) > len(lead_prefix) else ""
                    in_attribution = bool(attribution) and pb.endswith(attribution) and cut > len(pb) - len(attribution)
                    if k < len(paragraphs) and left and right and not in_attribution:
                        rend.breaks.append((left, right))  # (a cut attribution is no body break)
                    continue
            blocks.append(pb)
            if cap_blocks and rng.random() < 0.3:
                blocks.append(cap_blocks.pop())
        blocks.extend(cap_blocks)
        out.extend(blocks)
        nonsub = [p for p in body_pars if p not in subheads]
        for x, y in zip(body_pars, body_pars[1:]):
            if x in nonsub and y in nonsub:
                rend.boundaries.append((x, y))
        rend.truth.append(truth)

    def _cut_point(self, text: str) -> int | None:
        """A position inside the text that is not a sentence end (a column break mid-sentence)."""
        for _ in range(8):
            cut = self.rng.randint(2, len(text) - 2)
            before = text[cut - 1]
            if before in "”’）)\"":  # after a closing mark, but not one that closes a sentence
                if cut >= 2 and (text[cut - 2] in TERMINAL or (text[cut - 2] == "." and not text[cut - 3].isdigit())):
                    continue
            elif before in TERMINAL or (before == "." and not text[cut - 2].isdigit()):
                continue  # (a half-width stop after a digit is a decimal point: 3626.|9亿元)
            if not before.isspace() and not text[cut].isspace():
                return cut
        return None

    # -- a page -------------------------------------------------------------------------------
    def page(self, n_items: int | None = None) -> Rendered:
        rng = self.rng
        half = rng.choice((None, None, "half", "stop"))
        unsigned = rng.random() < self.unsigned_rate
        items = rng.sample(self.items, k=min(len(self.items), n_items or rng.randint(4, 8)))
        out: list[str] = []
        rend = Rendered("", [])
        if rng.random() < 0.3:
            out.append(f"{rng.randint(2015, 2025)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日 星期{rng.choice('一二三四五六日')}")
        for item in items:
            # Signed pages also print unsigned items (short news, pictures with a headline).
            bare = unsigned or rng.random() < self.unsigned_item_rate
            for k, a in enumerate(item):
                self._article(a, half, out, rend, with_section=(k == 0), unsigned=bare)
        if rng.random() < 0.3:
            out.append(f"责任编辑：{rng.choice(['王芳', '李娜', '张伟', '刘洋'])}")
        rend.text = "\n\n".join(out) + "\n"
        return rend


# -- scoring ------------------------------------------------------------------------------------
_WS = re.compile(r"\s+")
_SP = re.compile(r"[ \t\u3000]+")


def _n(s: str | None) -> str:
    return _WS.sub("", s or "")


def _article_texts(a: dict[str, Any]) -> list[str]:
    parts = [a.get("kicker"), a.get("headline"), a.get("subheadline"), a.get("body")]
    parts += [c.get("text") for c in a.get("captions", [])]
    return [_n(p) for p in parts if p]


def score(pages: list[tuple[dict[str, Any], Rendered]]) -> dict[str, float]:
    """Measures over parsed pages: each item is (Page.to_dict(), Rendered)."""
    n_art = one2one = heads = 0
    n_breaks = joined = 0
    n_bound = wrong = 0
    n_fields = fields_ok = 0
    n_pars = pars_ok = 0
    n_titles = glued = 0
    for page, rend in pages:
        outs = page["articles"]
        out_texts = ["\n".join(_article_texts(o)) for o in outs]
        # Which output articles hold each truth article's pieces?
        owners: list[set[int]] = []
        for t in rend.truth:
            pieces = [p for p in ([_n(t["headline"])] + [_n(x) for x in t["body"].split("\n")]
                                  + [_n(c["text"]) for c in t["captions"]]) if p]
            own: set[int] = set()
            for piece in pieces:
                hits = {k for k, ot in enumerate(out_texts) if piece in ot}
                own |= hits if hits else {-1}
            owners.append(own)
        for ti, t in enumerate(rend.truth):
            n_art += 1
            own = owners[ti]
            if len(own) == 1 and -1 not in own:
                k = next(iter(own))
                shared = any(k in owners[tj] for tj in range(len(rend.truth)) if tj != ti)
                if not shared:
                    one2one += 1
                    o = outs[k]
                    heads += _n(o.get("headline")) == _n(t["headline"])
                    for key in ("kicker", "subheadline", "dateline", "kind"):
                        n_fields += 1
                        fields_ok += _n(o.get(key)) == _n(t.get(key))
                    n_fields += 1
                    want = sorted((b["name"], b.get("role")) for b in t["bylines"])
                    got = sorted((b["name"], b.get("role")) for b in o.get("bylines", []))
                    fields_ok += all(w in got for w in want)
                    n_fields += 1
                    fields_ok += _n(o.get("body")) == _n(t["body"])
        bodies = [_SP.sub("", o.get("body") or "") for o in outs]
        out_pars = {p for b in bodies for p in b.split("\n")}
        for t in rend.truth:
            titles = [t.get("headline"), t.get("subheadline"), t.get("kicker")] + [
                p for p in (t["body"].split("\n") if t["body"] else []) if len(p) <= 16 and p[-1:] not in "。！？!?”"]
            for title in titles:
                if title:
                    n_titles += 1
                    key = _SP.sub("", title)
                    glued += any(p.startswith(key) and len(p) > len(key) for p in out_pars)
        for t in rend.truth:
            for p in t["body"].split("\n") if t["body"] else []:
                n_pars += 1
                pars_ok += _SP.sub("", p) in out_pars
        for left, right in rend.breaks:
            n_breaks += 1
            seam = _SP.sub("", left)[-6:] + _SP.sub("", right)[:6]
            joined += any(seam in b for b in bodies)
        for x, y in rend.boundaries:
            n_bound += 1
            seam = _SP.sub("", x)[-6:] + _SP.sub("", y)[:6]
            wrong += any(seam in b for b in bodies)
    return {
        "articles": n_art,
        "one_to_one": one2one / n_art if n_art else 1.0,
        "headline": heads / n_art if n_art else 1.0,
        "breaks": n_breaks,
        "breaks_joined": joined / n_breaks if n_breaks else 1.0,
        "boundaries": n_bound,
        "wrong_joins": wrong / n_bound if n_bound else 0.0,
        "fields": fields_ok / n_fields if n_fields else 1.0,
        "paragraphs_intact": pars_ok / n_pars if n_pars else 1.0,
        "titles_glued": glued / n_titles if n_titles else 0.0,
    }


def load_hand_pages() -> list[tuple[str, Rendered]]:
    """The pages printed by hand (``tests/corpus/pages_*/pageNN.txt`` with ``.truth.json``)."""
    out = []
    for txt in sorted(CORPUS.glob("pages_*/page*.txt")):
        truth = json.loads(txt.with_suffix(".truth.json").read_text(encoding="utf-8"))
        rend = Rendered(txt.read_text(encoding="utf-8"), truth["articles"])
        for t in rend.truth:
            pars = t["body"].split("\n") if t["body"] else []
            rend.boundaries.extend(zip(pars, pars[1:]))
        rend.breaks = hand_breaks(rend.text, rend.truth)
        out.append((str(txt), rend))
    return out


#: How far apart (in blocks) the halves of a cut paragraph may be printed on a hand-laid page
#: (a caption, a byline or furniture may stand between them).
BREAK_REACH = 3


def hand_breaks(text: str, truth: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """The column breaks of a hand-laid page: a block whose last characters and a following
    block's first characters run on inside one paragraph of the truth."""
    pars = [_SP.sub("", p) for t in truth for p in (t["body"].split("\n") if t["body"] else [])]
    pars += [_SP.sub("", c["text"]) for t in truth for c in t.get("captions", [])]
    blob = "\n".join(pars)
    blocks = [line.strip() for line in text.splitlines() if line.strip()]
    found = []
    for i, left in enumerate(blocks):
        tail = _SP.sub("", left)[-6:]
        for right in blocks[i + 1:i + 1 + BREAK_REACH]:
            if tail + _SP.sub("", right)[:6] in blob:
                found.append((left, right))
                break
    return found
