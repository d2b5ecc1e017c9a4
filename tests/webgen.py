"""A small archive for the web tests and the serve benchmark, made by ingesting real page text.

Pages, each under a folder named by its issue date (ingest takes the date from the path):
the sample page; pages printed by ``pagegen`` from the article collection; yearly economy reports
of two cities, so that indicator series have several periods; and a page whose text looks like
HTML, which the reader must show as text.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pagegen import PageMaker, load_articles

ROOT = Path(__file__).resolve().parents[1]

#: (year, 绵阳 GDP 亿元, growth %, 德阳 GDP 亿元, growth %): the cities' published figures.
ECONOMY = [
    (2019, "2856.2", "8.2", "2335.9", "7.5"),
    (2020, "3010.1", "4.0", "2404.1", "3.9"),
    (2021, "3350.3", "8.0", "2656.6", "8.5"),
    (2022, "3626.9", "5.0", "2816.9", "3.2"),
]

ECONOMY_PAGE = """\
经济运行

绵阳经济稳中有进

本报讯（记者 李明）{year}年，绵阳市实现地区生产总值{my}亿元，同比增长{mg}%。全市规模以上工业增加值增长8.6%，\
科技城建设取得新进展，涪城区、游仙区的电子信息产业集群加快壮大。

德阳装备制造业提质增效

本报讯（通讯员 王芳）{year}年，德阳市实现地区生产总值{dy}亿元，同比增长{dg}%。旌阳区新签约项目42个，总投资超过300亿元。
"""

MARKUP_PAGE = """\
网络安全

警惕<script>alert("x")</script>式的钓鱼链接

本报讯（记者 赵强）近日，成都市公安局提醒市民，收到含有<b>加粗</b>字样与A&B符号的短信时不要点击其中链接。
"""


def write_pages(folder: Path, generated: int = 24, seed: int = 11) -> list[Path]:
    """Write the pages under ``folder/YYYY-MM-DD/``; returns their paths."""
    out: list[Path] = []

    def put(date: str, name: str, text: str) -> None:
        d = folder / date
        d.mkdir(parents=True, exist_ok=True)
        p = d / name
        p.write_text(text, encoding="utf-8")
        out.append(p)

    put("2023-05-22", "seed-page.txt", (ROOT / "examples" / "seed-page.txt").read_text(encoding="utf-8"))
    maker = PageMaker(load_articles(), seed=seed)
    day0 = dt.date(2023, 1, 3)
    for k in range(generated):
        put((day0 + dt.timedelta(days=7 * k)).isoformat(), f"gen{k:03d}.txt", maker.page().text)
    for year, my, mg, dy, dg in ECONOMY:
        put(f"{year + 1}-01-20", f"economy{year}.txt", ECONOMY_PAGE.format(year=year, my=my, mg=mg, dy=dy, dg=dg))
    put("2023-06-01", "markup.txt", MARKUP_PAGE)
    return out


def build_archive(folder: Path, generated: int = 24, seed: int = 11, jobs: int = 1) -> Path:
    """Write the pages and ingest them into ``folder/web.db``; returns the archive's path."""
    from banmian.store import Archive

    pages = folder / "pages"
    write_pages(pages, generated, seed)
    db = folder / "web.db"
    with Archive(db) as ar:
        report = ar.ingest([str(pages)], jobs=jobs)
    assert report.failed == 0, report.failures
    return db
