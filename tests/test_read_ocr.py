"""Scanned pages: OCR's domain repairs (table-driven), and pages typeset by ``tests/pdfgen.py``,
rasterised, read back article by article against the truth. OCR takes seconds a page: the gate
reads a few small pages only. Floors only go up.
"""

from __future__ import annotations

import io
import socket

import pytest

from banmian.errors import CorruptInputError, EmptyInputError, MissingExtraError
from banmian.read.ocr import repair_line, split_names

# -- repairs: no OCR engine needed ------------------------------------------------------------------

REPAIRS = [
    # the byline marker □ read as 口 (or 日, 回) before a role
    ("口本报记者 陆雅楠", "□ 本报记者 陆雅楠"),
    ("日 新华社记者 王建巍", "□ 新华社记者 王建巍"),
    ("回记者 张三", "□ 记者 张三"),
    ("口岸通关效率明显提升", "口岸通关效率明显提升"),          # 口 that is a word stays
    ("日前，记者从市商务局获悉", "日前，记者从市商务局获悉"),
    # names run together: spaces back at roles and surnames
    ("本报记者刘红梅司马俊峰", "本报记者 刘红梅 司马俊峰"),
    ("本报记者王进谭川通讯员冉晓琳", "本报记者 王进 谭川 通讯员 冉晓琳"),
    ("口本报记者陈晓东罗媛", "□ 本报记者 陈晓东 罗媛"),
    ("记者次仁罗布何涛", "记者次仁罗布何涛"),                    # no surname split: left as read
    ("本报记者次仁罗布记者何涛", "本报记者 次仁罗布 记者 何涛"),
    ("记者从山东省青岛市海洋发展局获悉", "记者从山东省青岛市海洋发展局获悉"),
    # marks
    ("实施截污治污丶生态修复", "实施截污治污、生态修复"),
    ("累计完成26.8万项°", "累计完成26.8万项。"),
    ("·", "。"),
    ("南通是海上风电开发的主战场 · 记者从", "南通是海上风电开发的主战场。记者从"),
    ("徒步 、民俗体验", "徒步、民俗体验"),
    ("增长2O.5%", "增长20.5%"),
    ("增长12 %", "增长12%"),
    ("艾力·买买提", "艾力·买买提"),                              # a name's dot stays
]


@pytest.mark.parametrize("read,fixed", REPAIRS)
def test_repair_line(read, fixed):
    assert repair_line(read) == fixed


NAMES = [
    ("刘红梅司马俊峰", ["刘红梅", "司马俊峰"]),
    ("陈晓东罗媛", ["陈晓东", "罗媛"]),
    ("张三李四王五", ["张三", "李四", "王五"]),
    ("欧阳修王安石", ["欧阳修", "王安石"]),
    ("田野万欣", ["田野", "万欣"]),
    ("王皓然", ["王皓然"]),
    ("次仁罗布", None),   # not a surname: no split is made up
    ("经济发展", None),
]


@pytest.mark.parametrize("run,names", NAMES)
def test_split_names(run, names):
    assert split_names(run) == names


# -- OCR on rasterised pages ------------------------------------------------------------------------

rapidocr = pytest.importorskip("rapidocr_onnxruntime", reason="the ocr extra is not installed")
pytest.importorskip("reportlab", reason="the test extra is not installed")

from banmian.pipeline import parse_bytes  # noqa: E402
from articlecheck import check_articles, summarise  # noqa: E402
from pdfgen import PdfPageMaker, image_pdf, rasterise  # noqa: E402

#: Rasterised pages read for the gate (A4, three columns, 200 dpi).
OCR_PAGES = 2
OCR_DPI = 200
FLOORS_OCR = {"headline_sim": 0.8, "body_sim": 0.93, "headline_exact": 0.6}


@pytest.fixture(scope="module")
def pages():
    maker = PdfPageMaker(seed=11, size="a4")
    return [maker.page() for _ in range(OCR_PAGES + 1)]


@pytest.fixture(scope="module")
def ocr_gate(pages):
    results, parsed = [], []
    for k, p in enumerate(pages[:OCR_PAGES]):
        page = parse_bytes(rasterise(p.pdf, OCR_DPI), f"scan{k}.png", facts=False).to_dict(with_blocks=True)
        parsed.append(page)
        results += check_articles(page, p.rendered.truth)
    return summarise(results), parsed


@pytest.mark.parametrize("measure,floor", FLOORS_OCR.items())
def test_ocr_floor(ocr_gate, measure, floor):
    assert ocr_gate[0][measure] >= floor, ocr_gate[0]


def test_ocr_page_has_layout(ocr_gate):
    for page in ocr_gate[1]:
        assert page["source"]["format"] == "png"
        assert all("box" in b and b["font_size"] for b in page["blocks"])
        assert page["furniture"] and page["date"]  # the running head is set aside


def test_image_only_pdf_goes_to_ocr(pages):
    p = pages[OCR_PAGES]
    scan = image_pdf(rasterise(p.pdf, OCR_DPI), 595.0, 842.0)
    page = parse_bytes(scan, "scan.pdf", facts=False).to_dict()
    assert page["source"]["format"] == "pdf"
    summary = summarise(check_articles(page, p.rendered.truth))
    assert summary["body_sim"] >= 0.85, summary


def _crop_png(png: bytes, box: tuple[int, int, int, int]) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.open(io.BytesIO(png)).crop(box).save(out, format="PNG", dpi=(OCR_DPI, OCR_DPI))
    return out.getvalue()


def test_multi_page_tiff_and_no_network(pages, monkeypatch):
    from PIL import Image

    def no_network(*args, **kwargs):
        raise OSError("network used at run time")

    monkeypatch.setattr(socket, "socket", no_network)  # models ship in the wheel
    png = rasterise(pages[0].pdf, OCR_DPI)
    frames = [Image.open(io.BytesIO(_crop_png(png, (0, 0, 1654, 700)))),
              Image.open(io.BytesIO(_crop_png(png, (0, 700, 1654, 1400))))]
    buf = io.BytesIO()
    frames[0].save(buf, format="TIFF", save_all=True, append_images=frames[1:], dpi=(OCR_DPI, OCR_DPI))
    page = parse_bytes(buf.getvalue(), "two.tiff", facts=False)
    assert page.source.format == "tiff"
    assert {b.page_no for b in page.blocks} == {1, 2}


def test_blank_image_is_empty():
    from PIL import Image

    buf = io.BytesIO()
    Image.new("L", (400, 300), 255).save(buf, format="PNG")
    with pytest.raises(EmptyInputError):
        parse_bytes(buf.getvalue(), "white.png")


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    b"\xff\xd8\xff\xe0" + b"\x00" * 64,
    b"II*\x00" + b"\x01" * 40,
])
def test_damaged_image_is_one_line_error(data):
    with pytest.raises(CorruptInputError) as e:
        parse_bytes(data, "bad.img")
    assert e.value.code == "E110" and "\n" not in str(e.value)


def test_missing_extra_names_the_install_command(monkeypatch):
    import builtins

    from banmian.read import ocr

    real = builtins.__import__

    def no_ocr(name, *args, **kwargs):
        if name.startswith("rapidocr_onnxruntime"):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    ocr._load_engine.cache_clear()
    monkeypatch.setattr(builtins, "__import__", no_ocr)
    try:
        with pytest.raises(MissingExtraError) as e:
            parse_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, "scan.png")
        assert "pip install 'banmian[ocr]'" in str(e.value)
    finally:
        monkeypatch.undo()
        ocr._load_engine.cache_clear()
