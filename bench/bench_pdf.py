"""Benchmark the PDF and OCR readers: ms per PDF page and seconds per scanned page, beside
pdfplumber's plain text extraction of the same pages.

    python bench/bench_pdf.py [--pages 50] [--ocr-pages 2] [--seed 1] [--dpi 200]

The pages are typeset by ``tests/pdfgen.py`` (broadsheet pages of 3-6 columns, 3,000-6,000
characters each, with headlines, pictures, rules and frames), in memory, and read one at a time
on one core, as ``banmian parse`` does. Figures:

  reader     PDF bytes -> Page of blocks in reading order (banmian.read.pdf), the goal is <= 20 ms
  parse      reader + segmentation into articles (no fact extraction)
  pdfplumber pdfplumber's page.extract_text() on the same pages (plain text, no layout analysis)
  pdfium     PDFium's own text of the page (pypdfium2 get_text_range): the floor any reader pays
  ocr        a page rasterised at --dpi and read by OCR (banmian.read.ocr), seconds per page

CPU time per page is printed first (it stays honest when other jobs share the cores), wall time beside it.

pdfplumber is only needed here (the ``bench`` extra); it is skipped with a note if missing.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))

from pdfgen import PdfPageMaker, rasterise  # noqa: E402

from banmian.pipeline import parse_bytes  # noqa: E402
from banmian.read.pdf import read_pdf_page  # noqa: E402


def _timed(fn, items) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of ``fn`` on each item. CPU time is the figure to read when other
    jobs load the machine (it counts every thread of this process: ONNX Runtime's too)."""
    wall, cpu = [], []
    for it in items:
        t0, c0 = time.perf_counter(), time.process_time()
        fn(it)
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return wall, cpu


def _line(name: str, times: tuple[list[float], list[float]], unit: str = "ms", base: float | None = None) -> str:
    scale = 1000.0 if unit == "ms" else 1.0
    wall, cpu = times
    mean_cpu = statistics.mean(cpu) * scale
    ratio = f"   {mean_cpu / base:5.2f}x banmian's reader" if base else ""
    return (f"{name:<11}{mean_cpu:8.1f} {unit}/page CPU  (wall {statistics.mean(wall) * scale:.1f}, "
            f"median CPU {statistics.median(cpu) * scale:.1f}, slowest {max(cpu) * scale:.1f}){ratio}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=50, help="PDF pages to time (default 50)")
    ap.add_argument("--ocr-pages", type=int, default=2, help="scanned pages to time (default 2; 0: none)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dpi", type=int, default=200, help="resolution of the scanned pages (default 200)")
    ap.add_argument("--ocr-size", choices=("broadsheet", "a4"), default="broadsheet",
                    help="size of the scanned pages (default broadsheet)")
    args = ap.parse_args()

    maker = PdfPageMaker(seed=args.seed)
    pages = [maker.page() for _ in range(args.pages)]
    pdfs = [p.pdf for p in pages]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {platform.machine()}, Python {platform.python_version()}, {os.cpu_count()} cores, "
          f"load average {load:.1f} at the start")
    import pypdfium2 as pdfium

    chars = []
    for pdf in pdfs:
        doc = pdfium.PdfDocument(pdf)
        tp = doc[0].get_textpage()
        chars.append(tp.count_chars())
        tp.close()
        doc.close()
    sizes = sorted({(round(p.width), round(p.height)) for p in pages})
    print(f"corpus: {len(pdfs)} typeset pages (seed {args.seed}), {statistics.mean(chars):,.0f} characters "
          f"a page on average, page sizes {sizes} pt")

    read_pdf_page(pdfs[0], "warm.pdf")  # imports and first-call costs out of the figures
    reader = _timed(lambda pdf: read_pdf_page(pdf, "p.pdf"), pdfs)
    base = statistics.mean(reader[1]) * 1000
    print(_line("reader", reader))
    print(_line("parse", _timed(lambda pdf: parse_bytes(pdf, "p.pdf", facts=False), pdfs)))

    def pdfium_text(pdf: bytes) -> None:
        doc = pdfium.PdfDocument(pdf)
        page = doc[0]
        tp = page.get_textpage()
        tp.get_text_range()
        tp.close()
        page.close()
        doc.close()

    print(_line("pdfium", _timed(pdfium_text, pdfs), base=base))
    try:
        import pdfplumber
    except ImportError:
        print("pdfplumber: not installed (pip install 'banmian[bench]'), skipped")
    else:
        def plumber(pdf: bytes) -> None:
            with pdfplumber.open(io.BytesIO(pdf)) as doc:
                doc.pages[0].extract_text()

        print(_line("pdfplumber", _timed(plumber, pdfs), base=base))

    if args.ocr_pages:
        from banmian.read.ocr import _engine

        _engine()  # loading the models is a one-off (about 0.2 s), not a page's cost
        scans = pdfs if args.ocr_size == "broadsheet" else [
            p.pdf for p in (lambda mk: [mk.page() for _ in range(args.ocr_pages)])(PdfPageMaker(seed=args.seed, size="a4"))]
        pngs = [rasterise(pdf, args.dpi) for pdf in scans[: args.ocr_pages]]
        ocr = _timed(lambda png: parse_bytes(png, "scan.png", facts=False), pngs)
        print(_line("ocr", ocr, unit="s") + f"   ({args.ocr_size}, {args.dpi} dpi, {len(pngs)} pages)")


if __name__ == "__main__":
    main()
