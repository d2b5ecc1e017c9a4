"""How fast the HTML reader is, next to trafilatura's bare extraction of the same pages.

    python bench/bench_html.py [--repeat 20] [--pages tests/corpus/html] [--pad 100]

For every page: the HTML reader alone (decode, parse, find the article: ``read_html_page``), the
whole ``banmian parse`` of it (reader + bylines/datelines + facts), and ``trafilatura.extract`` with
its defaults on the same bytes (what a user would call to get the text alone). Prints milliseconds
per page (median over the repeats, summed over the pages) and the reader's time as a multiple of
trafilatura's. The reader runs trafilatura inside it, so the multiple is what the structure costs.
Real portal pages weigh 50-300 KiB, mostly navigation; ``--pad KIB`` adds that much of it (link
lists and teaser paragraphs) before ``</body>`` of every page.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def _time(fn, data: bytes, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn(data)
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


_TEASER = ("<div class='rec-item'><a href='/n/{k}.html'>第{k}条推荐新闻标题：城市更新项目稳步推进</a>"
           "<p>今年以来，各地加快推进城市更新，老旧小区改造、背街小巷整治等项目有序实施，居民生活品质持续提升。</p></div>"
           "<ul class='list'><li><a href='/l/{k}a.html'>要闻{k}：重点项目集中开工</a></li>"
           "<li><a href='/l/{k}b.html'>社会{k}：暑期安全提示</a></li></ul>\n")


def _pad(data: bytes, kib: int) -> bytes:
    if kib <= 0:
        return data
    try:
        data.decode("utf-8")
        enc = "utf-8"
    except UnicodeDecodeError:
        enc = "gb18030"
    block, k = [], 0
    while sum(len(b) for b in block) < kib * 1024:
        k += 1
        block.append(_TEASER.format(k=k).encode(enc))
    side = b"<div class='sidebar'>" + b"".join(block) + b"</div>"
    i = data.lower().rfind(b"</body>")
    return data[:i] + side + data[i:] if i >= 0 else data + side


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=20, help="runs per page (median taken)")
    ap.add_argument("--pages", default=str(ROOT / "tests" / "corpus" / "html"), help="folder of .html pages")
    ap.add_argument("--pad", type=int, default=0, help="KiB of navigation and teasers added to every page")
    args = ap.parse_args(argv)

    import trafilatura

    from banmian.pipeline import parse_bytes
    from banmian.read.html import read_html_page

    pages = sorted(Path(args.pages).glob("*.html"))
    datas = [(p.name, _pad(p.read_bytes(), args.pad)) for p in pages]
    for name, data in datas:  # warm up: imports, regex compilation, trafilatura's first call
        read_html_page(data, name)
        parse_bytes(data, name)
        trafilatura.extract(data)

    tot = {"reader": 0.0, "parse": 0.0, "trafilatura": 0.0}
    print(f"machine: {platform.machine()}, Python {platform.python_version()}, one core; "
          f"{len(datas)} pages, {sum(len(d) for _, d in datas) / 1024:.0f} KiB, median of {args.repeat} runs")
    print(f"{'page':34s} {'KiB':>5s} {'reader ms':>10s} {'parse ms':>9s} {'trafilatura ms':>15s} {'ratio':>6s}")
    for name, data in datas:
        r = _time(lambda d: read_html_page(d, name), data, args.repeat)
        p = _time(lambda d: parse_bytes(d, name), data, args.repeat)
        t = _time(lambda d: trafilatura.extract(d), data, args.repeat)
        tot["reader"] += r
        tot["parse"] += p
        tot["trafilatura"] += t
        print(f"{name[:34]:34s} {len(data) / 1024:5.1f} {r * 1000:10.2f} {p * 1000:9.2f} {t * 1000:15.2f} {r / t:6.2f}")
    n = len(datas)
    print(f"{'mean per page':34s} {'':5s} {tot['reader'] / n * 1000:10.2f} {tot['parse'] / n * 1000:9.2f} "
          f"{tot['trafilatura'] / n * 1000:15.2f} {tot['reader'] / tot['trafilatura']:6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
