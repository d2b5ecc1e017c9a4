"""Generated data files equal a fresh regeneration by their scripts."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("script", ["make_wordlist.py", "make_person_chars.py"])
def test_jieba_tables_match_regeneration(script):
    jieba = pytest.importorskip("jieba", reason="pip install jieba==0.42.1 to check the tables made from it")
    if jieba.__version__ != "0.42.1":
        pytest.skip(f"the tables were made with jieba 0.42.1, found {jieba.__version__}")
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / script), "--check"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_spans_word_finds_cut_words():
    from banmian.segment.blocks import spans_word

    assert spans_word("刘东升表", "示，佛山将") == 2
    assert spans_word("国家图", "书馆近日宣布") >= 3
    assert spans_word("港口吞吐量创新高", "近日，记者") == 0
    assert importlib.util.find_spec("banmian") is not None
