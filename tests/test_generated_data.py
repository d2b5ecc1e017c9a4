"""Generated data files equal a fresh regeneration by their scripts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("script", ["make_wordlist.py", "make_orgdata.py", "make_person_chars.py"])
def test_jieba_data_matches_regeneration(script):
    jieba = pytest.importorskip("jieba", reason="pip install jieba==0.42.1 to check data made from jieba")
    if jieba.__version__ != "0.42.1":
        pytest.skip(f"{script} data was made with jieba 0.42.1, found {jieba.__version__}")
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / script), "--check"],
                           capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_lexicon_matches_regeneration():
    jieba = pytest.importorskip("jieba", reason="pip install jieba==0.42.1 to check the lexicon")
    if jieba.__version__ != "0.42.1":
        pytest.skip(f"lexicon was made with jieba 0.42.1, found {jieba.__version__}")
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_lexicon.py"), "--check"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


#: (left half, right half, is a word cut?) — from how column breaks fall in news text.
CUT_CASES = [
    ("刘东升表", "示，佛山将", True),
    ("国家图", "书馆近日宣布", True),
    ("高标", "准农田建设不仅", True),
    ("江苏省人民", "检察院9日召开", True),
    ("推动经济高质量发", "展取得新成效", True),
    ("记者从山", "东省青岛市", True),
    ("建设规模持", "续扩大", True),
    ("港口吞吐量创新高", "近日，记者", False),
    ("协同创新开新局 八市齐力谱新篇", "成都平原经济区", False),
    ("在苏州", "工业园区生物医药", False),
    ("清晨", "的大连港集装箱码头", False),
    ("杭州塘栖：农文旅助力乡村游", "5月17日，杭州市", False),
    ("公益诉讼守护“舌尖上的安全”", "江苏检察机关三年", False),
    ("山城有名医 群众有“医”靠", "福建浦城县柔性引进", False),
]


@pytest.mark.parametrize("left,right,cut", CUT_CASES)
def test_cut_inside_word(left, right, cut):
    from banmian.segment.lexicon import cut_inside_word
    from banmian.segment.patterns import LEX_CUT_MIN, LEX_WINDOW

    assert (cut_inside_word(left[-LEX_WINDOW:], right[:LEX_WINDOW]) > LEX_CUT_MIN) is cut


#: (block, opens with a particle?)
PARTICLE_CASES = [
    ("的大连港集装箱码头", True),
    ("了一批新项目", True),
    ("们纷纷表示", True),
    ("地推进改革", True),
    ("着力推进改革", False),
    ("地方政府专项债", False),
    ("之后，他们", False),
    ("过去一年", False),
    ("等到春天", False),
    ("近日，记者", False),
]


@pytest.mark.parametrize("text,particle", PARTICLE_CASES)
def test_opens_with_particle(text, particle):
    from banmian.segment.lexicon import opens_with_particle

    assert opens_with_particle(text) is particle


def test_hand_laid_pages_match_their_sources():
    """tests/corpus/pages_*/pageNN.txt and .truth.json are laid out from pageNN.src by tests/handlay.py."""
    proc = subprocess.run([sys.executable, str(ROOT / "tests" / "handlay.py"), "--check"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
