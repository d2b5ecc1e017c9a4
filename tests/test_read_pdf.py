"""The PDF reader: pages typeset by ``tests/pdfgen.py`` (multi-column newspaper pages with known
truth) held article by article to floors, and the reader's behaviour on PDFs that are not pages:
damaged, encrypted, empty, several pages, sniffed by content. Floors only go up.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

pytest.importorskip("pypdfium2", reason="the pdf extra is not installed")
pytest.importorskip("reportlab", reason="the test extra is not installed")

from banmian.errors import CorruptInputError, EmptyInputError, EncryptedInputError, MissingExtraError  # noqa: E402
from banmian.pipeline import parse_bytes, parse_page  # noqa: E402
from pagegen import score  # noqa: E402
from articlecheck import check_articles, summarise  # noqa: E402
from pdfgen import PdfPageMaker  # noqa: E402

#: Pages typeset for the gate (seeded: the same pages on every run).
GATE_PAGES = 40
#: pagegen.score measures (articles 1:1, headline of the 1:1 article, column breaks joined...).
FLOORS_SCORE = {"one_to_one": 0.93, "headline": 0.93, "breaks_joined": 0.94, "fields": 0.97,
                "paragraphs_intact": 0.95}
CEILINGS_SCORE = {"wrong_joins": 0.008, "titles_glued": 0.01}
#: Article by article: the best-matching article's headline exactly, body similarity.
FLOORS_ARTICLES = {"headline_exact": 0.98, "body_sim": 0.97, "body_sim_90": 0.935}


@pytest.fixture(scope="module")
def gate():
    maker = PdfPageMaker(seed=0)
    parsed, checks = [], []
    for k in range(GATE_PAGES):
        p = maker.page()
        page = parse_bytes(p.pdf, f"gen{k}.pdf", facts=False).to_dict(with_blocks=True)
        parsed.append((page, p.rendered))
        checks += check_articles(page, p.rendered.truth)
    return score(parsed), summarise(checks), parsed


@pytest.mark.parametrize("measure,floor", FLOORS_SCORE.items())
def test_score_floor(gate, measure, floor):
    assert gate[0][measure] >= floor, gate[0]


@pytest.mark.parametrize("measure,ceiling", CEILINGS_SCORE.items())
def test_score_ceiling(gate, measure, ceiling):
    assert gate[0][measure] <= ceiling, gate[0]


@pytest.mark.parametrize("measure,floor", FLOORS_ARTICLES.items())
def test_article_floor(gate, measure, floor):
    assert gate[1][measure] >= floor, gate[1]


def test_gate_is_big_enough(gate):
    assert gate[0]["articles"] >= 400 and gate[0]["breaks"] >= 300


def test_blocks_carry_layout(gate):
    for page, _rend in gate[2]:
        assert page["source"]["format"] == "pdf"
        blocks = page["blocks"]
        assert blocks and all("box" in b and "font_size" in b for b in blocks)
        # Running heads are set aside: the date line is furniture, never an article's text.
        assert page["furniture"]
        assert page["date"] is not None


def test_jump_lines_are_not_text(gate):
    seen = 0
    for page, _rend in gate[2]:
        for b in page["blocks"]:
            if "下转" in b["text"] and len(b["text"]) <= 10:
                seen += 1
                assert b["role"] == "jump"
        for a in page["articles"]:
            assert "下转第" not in a["body"]
    assert seen >= 3


def test_pictures_and_captions(gate):
    captions = sum(len(a["captions"]) for page, _ in gate[2] for a in page["articles"])
    pictures = sum(len(page.get("pictures", [])) for page, _ in gate[2])
    assert pictures >= 20 and captions >= 0.8 * pictures


# -- documents that are not ordinary pages ---------------------------------------------------------

def _pdf(draw) -> bytes:
    from reportlab.pdfgen import canvas

    from pdfgen import register_fonts

    register_fonts()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(400, 500))
    draw(c)
    c.save()
    return buf.getvalue()


def _one_article(c, headline="港口吞吐量创新高", page_text="第2版"):
    c.setFont("song", 9)
    c.drawString(30, 480, page_text)
    c.line(25, 470, 375, 470)
    c.setFont("hei", 24)
    c.drawString(30, 430, headline)
    c.setFont("song", 10)
    c.drawString(50, 400, "本报讯 近日，港口集装箱吞吐量")
    c.drawString(30, 385, "再创新高，同比增长百分之十二。")


def test_several_pages_make_one_page_of_blocks():
    def draw(c):
        _one_article(c, "港口吞吐量创新高", "第2版")
        c.showPage()
        _one_article(c, "高铁通车惠民生", "第3版")

    page = parse_bytes(_pdf(draw), "two.pdf", facts=False)
    assert [a.headline for a in page.articles] == ["港口吞吐量创新高", "高铁通车惠民生"]
    assert {b.page_no for b in page.blocks} == {1, 2}
    assert page.furniture == ["第2版", "第3版"]
    assert page.articles[0].body == "近日，港口集装箱吞吐量再创新高，同比增长百分之十二。"


def test_running_head_without_rule_found_by_repetition():
    def draw(c):
        for k, headline in enumerate(("港口吞吐量创新高", "高铁通车惠民生", "新能源汽车产销两旺")):
            c.setFont("hei", 9)
            c.drawString(30, 480, "人民日报海外版")   # no rule under it, no date or page number
            c.setFont("hei", 24)
            c.drawString(30, 430, headline)
            c.setFont("song", 10)
            c.drawString(50, 400, "本报讯 近日，港口集装箱吞吐量")
            c.drawString(30, 385, f"再创新高，同比增长百分之十{k}。")
            c.showPage()

    page = parse_bytes(_pdf(draw), "three.pdf", facts=False)
    assert page.furniture == ["人民日报海外版"] * 3
    assert [a.headline for a in page.articles] == ["港口吞吐量创新高", "高铁通车惠民生", "新能源汽车产销两旺"]


def test_encrypted_pdf_is_one_line_error(tmp_path):
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("secret", ownerPassword="o"))
    c.drawString(100, 700, "hello")
    c.save()
    with pytest.raises(EncryptedInputError) as e:
        parse_page(path)
    assert e.value.code == "E111" and "password" in str(e.value)


def test_owner_password_only_is_read():
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=pdfencrypt.StandardEncryption("", ownerPassword="owner", canPrint=0))
    c.drawString(100, 700, "Port throughput hits a record high this spring")
    c.save()
    page = parse_bytes(buf.getvalue(), "perm.pdf", facts=False)
    assert "record high" in page.blocks[0].text


@pytest.mark.parametrize("data", [
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",                      # a header and nothing else
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n",    # no pages, no trailer
    b"%PDF-1.4\n" + bytes(range(256)) * 40,                # noise after the header
])
def test_damaged_pdf_is_one_line_error(data):
    with pytest.raises((CorruptInputError, EmptyInputError)) as e:
        parse_bytes(data, "bad.pdf")
    assert "\n" not in str(e.value) and "bad.pdf" in str(e.value)


def test_truncated_pdf(gate):
    from pdfgen import PdfPageMaker

    pdf = PdfPageMaker(seed=3).page().pdf
    with pytest.raises((CorruptInputError, EmptyInputError)):
        parse_bytes(pdf[: len(pdf) // 3], "cut.pdf")


def test_blank_pdf_is_empty():
    with pytest.raises(EmptyInputError) as e:
        parse_bytes(_pdf(lambda c: c.line(10, 10, 100, 100)), "blank.pdf")
    assert e.value.code == "E101"


def test_reader_is_chosen_by_content(tmp_path):
    path = tmp_path / "page.txt"  # a PDF whatever its name says
    path.write_bytes(_pdf(_one_article))
    page = parse_page(path, facts=False)
    assert page.source.format == "pdf" and page.articles[0].headline == "港口吞吐量创新高"


def test_missing_extra_names_the_install_command(monkeypatch):
    import builtins

    real = builtins.__import__

    def no_pdfium(name, *args, **kwargs):
        if name.startswith("pypdfium2"):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pdfium)
    with pytest.raises(MissingExtraError) as e:
        parse_bytes(b"%PDF-1.4\n", "x.pdf")
    assert "pip install 'banmian[pdf]'" in str(e.value) and e.value.code == "E200"


def test_cli_reads_pdf_and_reports_bad_ones(tmp_path):
    good = tmp_path / "good.pdf"
    good.write_bytes(_pdf(_one_article))
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    run = subprocess.run([sys.executable, "-m", "banmian.cli", "parse", str(bad), str(good), "--no-facts"],
                         capture_output=True, text=True)
    assert run.returncode == 1
    assert len(run.stderr.strip().splitlines()) == 1 and "bad.pdf" in run.stderr and "[E110]" in run.stderr
    page = json.loads(run.stdout.splitlines()[0])
    assert page["articles"][0]["headline"] == "港口吞吐量创新高"
